package render

import (
	"bytes"
	"image"
	"image/color"
	"math"
	"path/filepath"
	"testing"

	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/meridian-app/meridian/internal/golden"
	"github.com/paulmach/orb"
)

func sample(t testing.TB) *event.Collection {
	t.Helper()
	res, err := geojson.Decode(bytes.NewReader(assets.Sample), assets.SampleName)
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("sample: %v %v", err, res.Problems)
	}
	return res.Collection
}

func TestViewportKnownPixel(t *testing.T) {
	// At zoom 0 the world is 256 px; a 256×256 view centred on the world
	// puts Tartus where the slippy-map formula does: (153.519, 101.497).
	v := Viewport{Center: orb.Point{0.5, 0.5}, Zoom: 0, Width: 256, Height: 256}
	got := v.Project(orb.Point{35.88659, 34.88902})
	if math.Abs(got[0]-153.5194) > 0.001 || math.Abs(got[1]-101.4973) > 0.001 {
		t.Errorf("Tartus at %v", got)
	}
	back := v.Unproject(got)
	if math.Abs(back[0]-35.88659) > 1e-9 || math.Abs(back[1]-34.88902) > 1e-9 {
		t.Errorf("round trip %v", back)
	}
}

func TestZoomAroundKeepsPointUnderCursor(t *testing.T) {
	v := Viewport{Center: orb.Point{0.6, 0.4}, Zoom: 3, Width: 800, Height: 600}
	cursor := orb.Point{123, 456}
	before := v.Unproject(cursor)
	after := v.ZoomAround(cursor, 1.5).Unproject(cursor)
	if math.Abs(before[0]-after[0]) > 1e-9 || math.Abs(before[1]-after[1]) > 1e-9 {
		t.Errorf("point under cursor moved from %v to %v", before, after)
	}
}

func TestFit(t *testing.T) {
	b := orb.Bound{Min: orb.Point{35.88659, 30.29365}, Max: orb.Point{120.16142, 36.20124}}
	v := Fit(b, 1920, 1080, 40, 12)
	west, east := v.Project(orb.Point{b.Min[0], 33}), v.Project(orb.Point{b.Max[0], 33})
	if math.Abs(west[0]-40) > 1e-6 || math.Abs(east[0]-1880) > 1e-6 {
		t.Errorf("bound spans x %v..%v, want 40..1880", west[0], east[0])
	}
	top, bottom := v.Project(orb.Point{80, b.Max[1]}), v.Project(orb.Point{80, b.Min[1]})
	if math.Abs((top[1]+bottom[1])/2-540) > 1e-6 {
		t.Errorf("not centred vertically: %v..%v", top[1], bottom[1])
	}
	one := Fit(orb.Bound{Min: orb.Point{10, 10}, Max: orb.Point{10, 10}}, 100, 100, 10, 8)
	if one.Zoom != 8 {
		t.Errorf("single point zoom %v, want the maximum", one.Zoom)
	}
}

func span(s string) (float64, float64) {
	t, _ := chrono.Parse(s)
	return chrono.Span{Start: t}.Bounds()
}

func TestStatesAndPick(t *testing.T) {
	c := sample(t)
	m := NewMarks(c)
	from, to := span("2016-09-05")
	w := Window{From: from, To: to, Trail: math.Inf(1)}
	want := map[string]State{
		"syrian-war": Current, "russia-pulls-back": Past, "g20-talks-fall-short": Past,
		"talks-continue": Current, "tartous-bombings": Current, "aleppo-ceasefire-hope": Current, "douma-stronghold": Current,
	}
	for i, e := range c.Events {
		if got := m.State(i, w); got != want[e.ID.(string)] {
			t.Errorf("%s: state %v, want %v", e.ID, got, want[e.ID.(string)])
		}
	}
	b, _ := c.Bound()
	v := Fit(b, 1280, 720, 40, 12)
	tartous := v.Project(orb.Point{35.88659, 34.88902})
	i, ok := m.Pick(v, w, orb.Point{tartous[0] + 2, tartous[1] - 1}, 8)
	if !ok || c.Events[i].ID != "tartous-bombings" {
		t.Errorf("pick near Tartous = %d %v", i, ok)
	}
	if _, ok := m.Pick(v, w, orb.Point{640, 700}, 8); ok {
		t.Error("pick in empty sea found an event")
	}
}

func TestGolden(t *testing.T) {
	c := sample(t)
	b, _ := c.Bound()
	from, to := span("2016-09-05")
	tests := []struct {
		name  string
		frame Frame
	}{
		{"sample-fit", Frame{View: Fit(b, 640, 360, 24, 12), Selected: -1}},
		{"sample-world-window", Frame{View: Viewport{Center: orb.Point{0.5, 0.45}, Zoom: 1.3, Width: 640, Height: 360}, Window: Window{From: from, To: to, Trail: math.Inf(1)}, Selected: 4}},
		{"pacific-antimeridian", Frame{View: Viewport{Center: orb.Point{1.0, 0.3}, Zoom: 2.5, Width: 480, Height: 320}, Selected: -1}},
	}
	r := NewRenderer(basemap.Default(), NewMarks(c))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, err := r.Image(tt.frame)
			if err != nil {
				t.Fatal(err)
			}
			r.DrawLegend(img)
			golden.Compare(t, filepath.Join("testdata", tt.name+".png"), img)
		})
	}
}

func BenchmarkFrameSample1080p(b *testing.B) {
	c := sample(b)
	bd, _ := c.Bound()
	r := NewRenderer(basemap.Default(), NewMarks(c))
	v := Fit(bd, 1920, 1080, 40, 12)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	// Decode the basemap level once, outside the timing: that is load cost.
	if err := r.Draw(img, Frame{View: v, Selected: -1}); err != nil {
		b.Fatal(err)
	}
	b.Run("basemap+events", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			r.baseKey = baseKey{} // force the basemap to be drawn again
			if err := r.Draw(img, Frame{View: v, Selected: -1}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("time-window-change", func(b *testing.B) {
		b.ReportAllocs()
		lo, hi, _ := c.TimeRange()
		for i := 0; b.Loop(); i++ {
			w := Window{From: lo + float64(i%100)*(hi-lo)/100, To: hi, Trail: math.Inf(1)}
			if err := r.Draw(img, Frame{View: v, Window: w, Selected: -1}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestTrailFades(t *testing.T) {
	const day = 86400.0
	w := Window{From: 10 * day, To: 11 * day, Trail: 4 * day}
	tests := []struct {
		ended float64
		want  uint32
	}{
		{10 * day, pastAlpha}, // just ended
		{8 * day, pastAlpha / 2},
		{7 * day, 28}, // a quarter of the trail left
		{5 * day, 0},  // older than the trail: gone
		{11 * day, 0},
	}
	for _, tt := range tests {
		if got := w.fade(tt.ended); got != tt.want {
			t.Errorf("fade(ended day %v) = %d, want %d", tt.ended/day, got, tt.want)
		}
	}
	if (Window{From: 1, To: 2}).fade(0.5) != 0 {
		t.Error("a zero trail kept a past event")
	}
	if (Window{From: 1e12, To: 2e12, Trail: math.Inf(1)}).fade(0) != pastAlpha {
		t.Error("an endless trail faded an event out")
	}
}

func TestEventColor(t *testing.T) {
	for _, tt := range []struct {
		extra map[string]any
		want  color.RGBA
	}{
		{map[string]any{"marker-color": "#ff8000"}, color.RGBA{255, 128, 0, 255}},
		{map[string]any{"marker-color": "#0f0"}, color.RGBA{0, 255, 0, 255}},
		{map[string]any{"marker-color": "orange"}, CategoryColor(1)},
		{nil, CategoryColor(1)},
	} {
		if got := EventColor(tt.extra, 1); got != tt.want {
			t.Errorf("EventColor(%v) = %v, want %v", tt.extra, got, tt.want)
		}
	}
}

func places(t testing.TB) *Places {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	return NewPlaces(g)
}

// Place labels in Latin and in the local script, over the sample's events.
func TestGoldenLabels(t *testing.T) {
	c := sample(t)
	levant := Viewport{Center: mercator.Project(orb.Point{36.6, 34.6}), Zoom: 6.3, Width: 640, Height: 400}
	china := Viewport{Center: mercator.Project(orb.Point{117, 31}), Zoom: 4.6, Width: 640, Height: 400}
	world := Viewport{Center: orb.Point{0.5, 0.42}, Zoom: 1.6, Width: 800, Height: 420}
	for _, tt := range []struct {
		name  string
		view  Viewport
		local bool
	}{
		{"labels-levant", levant, false},
		{"labels-levant-local", levant, true},
		{"labels-china-local", china, true},
		{"labels-world", world, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := NewRenderer(basemap.Default(), NewMarks(c))
			r.Places, r.LocalNames = places(t), tt.local
			img, err := r.Image(Frame{View: tt.view, Selected: -1})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.labels.placed) < 8 {
				t.Errorf("%d labels placed", len(r.labels.placed)/2)
			}
			golden.Compare(t, filepath.Join("testdata", tt.name+".png"), img)
		})
	}
}

// No two labels overlap, and none covers an event's marker.
func TestLabelsAvoidEachOtherAndMarkers(t *testing.T) {
	c := sample(t)
	m := NewMarks(c)
	r := NewRenderer(basemap.Default(), m)
	r.Places = places(t)
	v := Viewport{Center: mercator.Project(orb.Point{36.6, 34.6}), Zoom: 6.3, Width: 640, Height: 400}
	if _, err := r.Image(Frame{View: v, Selected: -1}); err != nil {
		t.Fatal(err)
	}
	text := r.labels.placed
	for i := 0; i < len(text); i += 2 {
		for j := i + 2; j < len(text); j += 2 {
			if text[i].Overlaps(text[j]) {
				t.Errorf("labels %v and %v overlap", text[i], text[j])
			}
		}
		for k := range m.anchor {
			if math.IsNaN(m.world(k)[0]) {
				continue
			}
			px := v.ToPixel(m.world(k))
			mk := image.Rect(int(px[0]-MarkerRadius), int(px[1]-MarkerRadius), int(px[0]+MarkerRadius), int(px[1]+MarkerRadius))
			if text[i].Overlaps(mk) {
				t.Errorf("label %v covers the marker of %s at %v", text[i], c.Events[k].Title, mk)
			}
		}
	}
	// Changing the names' script redraws the cached basemap.
	r.LocalNames = true
	if _, err := r.Image(Frame{View: v, Selected: -1}); err != nil || !r.baseKey.local {
		t.Errorf("local names not redrawn: %v", err)
	}
}

func BenchmarkLabels1080p(b *testing.B) {
	c := sample(b)
	r := NewRenderer(basemap.Default(), NewMarks(c))
	r.Places = places(b)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	v := Viewport{Center: mercator.Project(orb.Point{36.6, 34.6}), Zoom: 6, Width: 1920, Height: 1080}
	r.drawLabels(img, v) // shape once: the cache is warm while panning
	for b.Loop() {
		r.drawLabels(img, v)
	}
}

// A searched place is pinned: a ring drawn over the map at its position.
func TestPin(t *testing.T) {
	r := NewRenderer(nil, nil)
	v := Viewport{Center: orb.Point{0.5, 0.5}, Zoom: 2, Width: 100, Height: 100}
	img, err := r.Image(Frame{View: v, Selected: -1, Pin: orb.Point{0.5, 0.5}, HasPin: true})
	if err != nil {
		t.Fatal(err)
	}
	ring := img.RGBAAt(50, 50-int(ringRadius)+1)
	centre := img.RGBAAt(50, 50)
	if ring.R < 200 || ring.G < 200 || centre != DefaultStyle.Ocean {
		t.Errorf("ring %v, centre %v (want white ring, open middle)", ring, centre)
	}
}

func TestFlight(t *testing.T) {
	from := Viewport{Center: orb.Point{0.1, 0.4}, Zoom: 6, Width: 800, Height: 600}
	to := Viewport{Center: orb.Point{0.9, 0.4}, Zoom: 7, Width: 800, Height: 600}
	f := Flight(from, to)
	if a, b := f(0), f(1); a != from || b.Zoom != 7 || math.Abs(b.Center[0]-(-0.1)) > 1e-12 {
		t.Errorf("ends %+v %+v (want the short way, across the antimeridian)", a, b)
	}
	if mid := f(0.5); mid.Zoom >= 6 {
		t.Errorf("a long hop does not pull back: zoom %v midway", mid.Zoom)
	}
	near := Flight(from, Viewport{Center: orb.Point{0.1001, 0.4}, Zoom: 6, Width: 800, Height: 600})
	if mid := near(0.5); mid.Zoom != 6 {
		t.Errorf("a short hop pulls back: %v", mid.Zoom)
	}
}
