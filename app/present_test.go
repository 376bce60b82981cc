package app

import (
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/meridian-app/meridian/geo/render"
)

func key(p *Presenter, k fyne.KeyName) { p.TypedKey(&fyne.KeyEvent{Name: k}) }

func TestPresentationSteps(t *testing.T) {
	u, w := newTestUI(t)
	old := flyTime
	flyTime = 0
	t.Cleanup(func() { flyTime = old })
	var slides []int
	u.OnSlide = func(i, n int) { slides = append(slides, i) }
	content := w.Content()
	var p *Presenter
	onUIWait(func() {
		p = u.Present(w)
		if p == nil || w.Content() != p || !w.FullScreen() || w.Canvas().Focused() != p {
			t.Fatalf("not presenting: content %T, fullscreen %v", w.Content(), w.FullScreen())
		}
		if p.Current() != 0 || p.Card().Title != "Syria truce talks, September 2016" || p.Len() != 9 {
			t.Errorf("first slide %d %+v of %d", p.Current(), p.Card(), p.Len())
		}
		// What a clicker sends.
		key(p, fyne.KeyPageDown)
		key(p, fyne.KeyRight)
		key(p, fyne.KeySpace)
		if p.Current() != 3 || p.Card().Title != "Russia pulls back from agreed points" || p.Card().Date != "3 Sep 2016" {
			t.Errorf("after three steps: slide %d %+v", p.Current(), p.Card())
		}
		key(p, fyne.KeyPageUp)
		key(p, fyne.KeyBackspace)
		if p.Current() != 1 {
			t.Errorf("after two back: %d", p.Current())
		}
		key(p, fyne.KeyEnd)
		key(p, fyne.KeyRight) // past the end stays at the end
		if p.Current() != 8 {
			t.Errorf("End: %d", p.Current())
		}
		p.TypedRune('6')
		key(p, fyne.KeyReturn)
		if p.Current() != 5 || p.Card().Title != "Negotiations carry on for another day" {
			t.Errorf("6 Enter: slide %d %+v", p.Current(), p.Card())
		}
		key(p, fyne.KeyHome)
		if p.Current() != 0 {
			t.Errorf("Home: %d", p.Current())
		}
	})
	// The map drew each slide: the event is current, its card on top.
	onUIWait(func() {
		p.Go(5)
		img := w.Canvas().Capture()
		if img.Bounds().Dx() == 0 {
			t.Error("nothing drawn")
		}
		i := p.painter.S.Slides[5].Event
		if st := u.data.Marks.State(i, p.painter.S.Window(5)); st != 2 { // render.Current
			t.Errorf("the slide's event is not current: %v", st)
		}
		key(p, fyne.KeyEscape)
		if w.Content() != content || w.FullScreen() || u.presenting != nil {
			t.Errorf("Esc did not restore the window")
		}
	})
	if len(slides) < 8 || slides[0] != 0 {
		t.Errorf("slides told: %v", slides)
	}
}

func TestPresentationAutoAdvanceAndNotes(t *testing.T) {
	u, w := newTestUI(t)
	var p *Presenter
	onUIWait(func() {
		p = u.Present(w)
		p.TypedRune('a')
		if p.dwell == 0 || p.painter.Status != "auto 5 s" {
			t.Errorf("auto-advance: %v %q", p.dwell, p.painter.Status)
		}
		key(p, fyne.KeySpace) // pauses instead of stepping
		if !p.paused || p.Current() != 0 || p.painter.Status != "paused" {
			t.Errorf("space with auto-advance: paused %v slide %d", p.paused, p.Current())
		}
		for range len(dwells) - 1 {
			p.TypedRune('a')
		}
		if p.dwell != 0 || p.painter.Status != "" {
			t.Errorf("auto-advance off again: %v %q", p.dwell, p.painter.Status)
		}
		p.TypedRune('n')
		p.TypedRune('t')
		if !p.painter.Notes || p.painter.Theme.Name != "dark" {
			t.Errorf("notes %v theme %q", p.painter.Notes, p.painter.Theme.Name)
		}
	})
	// A short dwell advances by itself.
	onUIWait(func() {
		p.dwell = 30 * time.Millisecond
		p.Go(1)
	})
	waitFor(t, "auto-advance", func() bool { return p.Current() >= 2 })
}

// A picture of the map at any size, with the legend and attribution.
func TestPictureExport(t *testing.T) {
	u, _ := newTestUI(t)
	var big, small func() (*image.RGBA, error)
	onUIWait(func() { big, small = u.Picture(3840, 2160), u.Picture(0, 0) })
	img, err := big() // off the UI goroutine, as the export runs
	if err != nil {
		t.Fatal(err)
	}
	own, _ := small()
	if img.Bounds().Dx() != 3840 || img.Bounds().Dy() != 2160 {
		t.Errorf("size %v", img.Bounds())
	}
	if own.Bounds().Dx() != u.Map.View().Width {
		t.Errorf("own size %v, map %v", own.Bounds(), u.Map.View())
	}
	// The view keeps the same area across: the zoom grows by log2 of the
	// width ratio.
	v := scaled(render.Viewport{Zoom: 3, Width: 960, Height: 540}, 3840, 2160)
	if v.Zoom != 5 {
		t.Errorf("zoom %v", v.Zoom)
	}
}
