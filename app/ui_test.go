package app

import (
	"bytes"
	"image"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/paulmach/orb"
)

// newTestUI shows the sample in a test window of a fixed size.
func newTestUI(t *testing.T) (*UI, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	res, err := geojson.Decode(bytes.NewReader(assets.Sample), assets.SampleName)
	if err != nil {
		t.Fatal(err)
	}
	res.Format = "geojson"
	return showUI(t, assets.SampleName, res)
}

// showUI opens a test window on the whole UI showing res. Widgets are
// built on the UI goroutine, as in the app: Fyne's text-measuring caches
// are shared, and an earlier UI may still be laying out there.
func showUI(t *testing.T, name string, res *format.Result) (*UI, fyne.Window) {
	t.Helper()
	var u *UI
	var w fyne.Window
	onUIWait(func() {
		u = NewUI()
		w = test.NewTempWindow(t, u.Content(toolbar(u, nil, newFiles(u, nil, nil, nil, nil))))
		w.Resize(fyne.NewSize(1200, 800))
		u.SetData(Prepare(name, res))
	})
	// Cleanups run last-in first-out: queued UI work finishes before the
	// window is closed.
	t.Cleanup(func() { onUIWait(func() {}) })
	return u, w
}

func indexOf(u *UI, id string) int {
	for i, e := range u.data.Result.Collection.Events {
		if e.ID == id {
			return i
		}
	}
	return -1
}

// detailText is all the text the detail panel shows, lists included.
func detailText(u *UI) string {
	var b strings.Builder
	var walk func(segs []widget.RichTextSegment)
	walk = func(segs []widget.RichTextSegment) {
		for _, seg := range segs {
			switch s := seg.(type) {
			case *widget.ListSegment:
				walk(s.Items)
			case *widget.ParagraphSegment:
				walk(s.Texts)
			default:
				b.WriteString(seg.Textual() + "\n")
			}
		}
	}
	walk(u.Detail.Segments)
	return b.String()
}

func TestListSelectionShowsDetail(t *testing.T) {
	u, _ := newTestUI(t)
	tartous := indexOf(u, "tartous-bombings")
	u.List.Select(u.rowOf[tartous])
	if u.Selected() != tartous || u.Map.frame.Selected != tartous {
		t.Fatalf("selected %d on the map %d, want %d", u.Selected(), u.Map.frame.Selected, tartous)
	}
	text := detailText(u)
	for _, want := range []string{"Twin suicide bombings at Tartous", "5 Sep 2016", "Tartous, Syria", "34.88902° N, 35.88659° E", "attack", "Amaq", "AAP"} {
		if !strings.Contains(text, want) {
			t.Errorf("detail lacks %q:\n%s", want, text)
		}
	}
	douma := indexOf(u, "douma-stronghold")
	u.List.Select(u.rowOf[douma])
	if !strings.Contains(detailText(u), "September 2016") {
		t.Errorf("month precision not shown:\n%s", detailText(u))
	}
}

func TestDetailShowsLinksWithoutHyperlinks(t *testing.T) {
	u, _ := newTestUI(t)
	e := &u.data.Result.Collection.Events[0]
	e.Summary = "See [the report](https://example.org/report)."
	u.Select(0)
	if !strings.Contains(detailText(u), "https://example.org/report") {
		t.Errorf("URL not shown: %s", detailText(u))
	}
	for _, seg := range u.Detail.Segments {
		if _, ok := seg.(interface{ Tapped(*fyne.PointEvent) }); ok {
			t.Errorf("detail has a tappable segment %T: links must not open", seg)
		}
	}
}

// pixelAt captures the window and returns the colour at a map pixel.
func mapPixel(t *testing.T, u *UI, w fyne.Window, ll orb.Point) [3]uint8 {
	t.Helper()
	img := w.Canvas().Capture()
	v := u.Map.View()
	p := v.Project(ll)
	scale := float64(v.Width) / float64(u.Map.Size().Width)
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(u.Map)
	x := int(float64(origin.X)*scale + p[0])
	y := int(float64(origin.Y)*scale + p[1])
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]uint8{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8)}
}

func near(c [3]uint8, want [3]uint8) bool {
	for i := range c {
		d := int(c[i]) - int(want[i])
		if d < -12 || d > 12 {
			return false
		}
	}
	return true
}

func TestTimelineWindowHidesMarkers(t *testing.T) {
	u, w := newTestUI(t)
	tartous := orb.Point{35.88659, 34.88902}
	blue := [3]uint8{0, 114, 178} // "attack" is the first category
	if c := mapPixel(t, u, w, tartous); !near(c, blue) {
		t.Fatalf("Tartous marker colour %v before narrowing the window, want %v", c, blue)
	}
	from, _ := daySpan("2016-09-03")
	_, to := daySpan("2016-09-04")
	u.Timeline.SetWindow(from, to)
	if got := u.Map.frame.Window; got.From != from || got.To != to || !math.IsInf(got.Trail, 1) {
		t.Fatalf("map window %+v", got)
	}
	if c := mapPixel(t, u, w, tartous); near(c, blue) {
		t.Errorf("Tartous (5 Sep) still drawn for a 3–4 Sep window: %v", c)
	}
	hangzhou := orb.Point{120.16142, 30.29365}
	if c := mapPixel(t, u, w, hangzhou); !near(c, [3]uint8{0, 158, 115}) {
		t.Errorf("Hangzhou talks (3–4 Sep) not drawn: %v", c)
	}
}

func daySpan(s string) (float64, float64) {
	tm, _ := chrono.Parse(s)
	return chrono.Span{Start: tm}.Bounds()
}

func TestTapMarkerSelectsEverywhere(t *testing.T) {
	u, w := newTestUI(t)
	_ = w.Canvas().Capture() // lay out and draw once so the view has its size
	v := u.Map.View()
	p := v.Project(orb.Point{35.88659, 34.88902})
	scale := float64(v.Width) / float64(u.Map.Size().Width)
	test.TapAt(u.Map, fyne.NewPos(float32(p[0]/scale), float32(p[1]/scale)))
	tartous := indexOf(u, "tartous-bombings")
	if u.Selected() != tartous {
		t.Fatalf("tap on Tartous selected %d, want %d", u.Selected(), tartous)
	}
	if !strings.Contains(detailText(u), "Twin suicide bombings") {
		t.Error("detail panel does not follow a map tap")
	}
}

func TestKeysPanAndZoom(t *testing.T) {
	u, w := newTestUI(t)
	_ = w.Canvas().Capture()
	before := u.Map.View()
	u.Map.TypedRune('+')
	if got := u.Map.View().Zoom; got != before.Zoom+0.5 {
		t.Errorf("zoom %v after +, want %v", got, before.Zoom+0.5)
	}
	u.Map.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if u.Map.View().Center[0] <= before.Center[0] {
		t.Error("right arrow did not move the view east")
	}
	u.Map.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if got := u.Map.View(); got.Zoom != before.Zoom || got.Center != before.Center {
		t.Errorf("Home did not fit the data again: %+v vs %+v", got, before)
	}
	var _ image.Image = w.Canvas().Capture()
}
