package app

import (
	"fmt"
	"image"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/story"
)

// Presenter is the classroom presentation: one slide at a time over the
// whole screen, stepped with the keys a presentation clicker sends. Each
// step flies the map to the event (a fyne.Animation, so at the display's
// frame rate) and shows its card; the slides are drawn by story.Painter,
// as exports are.
//
//	→ ↓ PageDown Space   next (Space pauses auto-advance when it is on)
//	← ↑ PageUp Backspace previous
//	Home End             first, last
//	number Enter         that slide
//	A                    auto-advance: off, 5, 10, 20, 30 s
//	N                    presenter notes on the card
//	T                    light or dark theme
//	Esc                  leave
type Presenter struct {
	widget.BaseWidget

	// OnExit is called when Esc is pressed.
	OnExit func()
	// OnSlide, if set, is told each slide the presentation arrives at.
	OnSlide func(i, n int)

	painter *story.Painter
	current int
	view    render.Viewport
	shown   bool // view has been set for the current size
	img     *image.RGBA
	raster  *canvas.Raster
	fly     *fyne.Animation
	digits  string
	flying  bool // labels wait until the map arrives: a flight redraws every frame
	dwell   time.Duration
	paused  bool
	gen     int // the latest step; a stale auto-advance timer does nothing
}

// dwells are the auto-advance choices A cycles through.
var dwells = []time.Duration{0, 5 * time.Second, 10 * time.Second, 20 * time.Second, 30 * time.Second}

// NewPresenter presents data set d, with place labels when places is set.
func NewPresenter(d *Dataset, places *render.Places, localNames bool) *Presenter {
	s := story.New(d.Result.Collection, d.Marks)
	r := render.NewRenderer(basemap.Default(), d.Marks)
	r.Places, r.LocalNames = places, localNames
	p := &Presenter{painter: &story.Painter{S: s, R: r, Theme: story.Light}}
	p.ExtendBaseWidget(p)
	return p
}

// Current is the slide shown (0 is the overview).
func (p *Presenter) Current() int { return p.current }

// Len is the number of slides.
func (p *Presenter) Len() int { return p.painter.S.Len() }

// Card is what the current slide's card says.
func (p *Presenter) Card() story.Card { return p.painter.S.Card(p.current) }

// Go moves to slide i, flying the map there.
func (p *Presenter) Go(i int) {
	i = max(0, min(i, p.Len()-1))
	p.current = i
	p.gen++
	p.status()
	if p.OnSlide != nil {
		p.OnSlide(i, p.Len())
	}
	if p.shown {
		p.flyTo(i)
	}
	p.Refresh()
	p.schedule()
}

// Next and Prev step through the story.
func (p *Presenter) Next() { p.Go(p.current + 1) }
func (p *Presenter) Prev() { p.Go(p.current - 1) }

// flyTo animates the view to slide i's. An event with no place keeps the
// map where it is.
func (p *Presenter) flyTo(i int) {
	if p.fly != nil {
		p.fly.Stop()
		p.flying = false
	}
	to, ok := p.painter.S.View(i, p.view.Width, p.view.Height, story.NewLayout(p.view.Height))
	if !ok {
		return
	}
	if flyTime == 0 {
		p.view = to
		return
	}
	path := render.Flight(p.view, to)
	p.flying = true
	p.fly = fyne.NewAnimation(flyTime, func(f float32) {
		p.flying = f < 1
		p.view = path(float64(f))
		p.raster.Refresh()
	})
	p.fly.Curve = fyne.AnimationEaseInOut
	p.fly.Start()
}

// schedule arms auto-advance for the slide just shown.
func (p *Presenter) schedule() {
	if p.dwell == 0 || p.paused || p.current == p.Len()-1 {
		return
	}
	gen := p.gen
	time.AfterFunc(p.dwell, func() {
		onUI(func() {
			if gen == p.gen && !p.paused && p.dwell > 0 {
				p.Next()
			}
		})
	})
}

// status shows auto-advance on the progress indicator.
func (p *Presenter) status() {
	switch {
	case p.dwell == 0:
		p.painter.Status = ""
	case p.paused:
		p.painter.Status = "paused"
	default:
		p.painter.Status = fmt.Sprintf("auto %d s", int(p.dwell.Seconds()))
	}
}

// TypedKey steps, jumps and leaves.
func (p *Presenter) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyRight, fyne.KeyDown, fyne.KeyPageDown:
		p.Next()
	case fyne.KeySpace:
		if p.dwell > 0 {
			p.paused = !p.paused
			p.gen++
			p.status()
			p.Refresh()
			p.schedule()
			return
		}
		p.Next()
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyBackspace:
		p.Prev()
	case fyne.KeyHome:
		p.Go(0)
	case fyne.KeyEnd:
		p.Go(p.Len() - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if n, err := strconv.Atoi(p.digits); err == nil {
			p.Go(n - 1)
		}
		p.digits = ""
	case fyne.KeyEscape:
		p.dwell = 0
		p.gen++
		if p.OnExit != nil {
			p.OnExit()
		}
	}
}

// TypedRune collects a slide number and toggles notes, theme and
// auto-advance. (Space arrives as a key, not a rune.)
func (p *Presenter) TypedRune(r rune) {
	switch {
	case r >= '0' && r <= '9':
		p.digits += string(r)
	case r == 'n' || r == 'N':
		p.painter.Notes = !p.painter.Notes
		p.Refresh()
	case r == 't' || r == 'T':
		if p.painter.Theme.Name == story.Light.Name {
			p.painter.Theme = story.Dark
		} else {
			p.painter.Theme = story.Light
		}
		p.Refresh()
	case r == 'a' || r == 'A':
		for i, d := range dwells {
			if d == p.dwell {
				p.dwell = dwells[(i+1)%len(dwells)]
				break
			}
		}
		p.paused = false
		p.gen++
		p.status()
		p.Refresh()
		p.schedule()
	}
}

// FocusGained and FocusLost make the presenter focusable, so that keys
// reach it.
func (p *Presenter) FocusGained() {}
func (p *Presenter) FocusLost()   {}

// Tapped takes focus, and steps on like a clicker's button.
func (p *Presenter) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		c.Focus(p)
	}
	p.Next()
}

// draw renders the current slide at the raster's pixel size.
func (p *Presenter) draw(w, h int) image.Image {
	if w < 1 || h < 1 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	if !p.shown || p.view.Width != w || p.view.Height != h {
		p.shown = true
		p.view = render.Viewport{Center: [2]float64{0.5, 0.42}, Zoom: 1.5, Width: w, Height: h}
		if v, ok := p.painter.S.View(p.current, w, h, story.NewLayout(h)); ok {
			p.view = v
		}
	}
	if p.img == nil || p.img.Rect.Dx() != w || p.img.Rect.Dy() != h {
		p.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	places := p.painter.R.Places
	if p.flying {
		p.painter.R.Places = nil
	}
	err := p.painter.Draw(p.img, p.current, p.view)
	p.painter.R.Places = places
	if err != nil {
		fyne.LogError("drawing a slide", err)
	}
	return p.img
}

// CreateRenderer implements fyne.Widget.
func (p *Presenter) CreateRenderer() fyne.WidgetRenderer {
	p.raster = canvas.NewRaster(p.draw)
	return &mapRenderer{raster: p.raster}
}
