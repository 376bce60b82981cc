package render

import (
	"image"
	"testing"

	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/paulmach/orb"
)

// BenchmarkBasemap moves a 1080p view over Europe with place labels on:
// a pan among cached tiles (back and forth by 8 px: what every frame of a
// drag costs once the tiles around the view are drawn ahead), a drag in a
// tight loop that outruns the tiles drawn ahead (missing ones are drawn
// as the frame needs them, and the background work competes for the two
// cores), and a zoom (every frame at a new zoom, so the view is drawn
// whole).
func BenchmarkBasemap(b *testing.B) {
	pl := places(b)
	start := Viewport{Center: mercator.Project(orb.Point{15, 48}), Zoom: 4.3, Width: 1920, Height: 1080}
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	newRenderer := func() *Renderer {
		r := NewRenderer(basemap.Default(), nil)
		r.Places = pl
		if err := r.Draw(img, Frame{View: start, Selected: -1}); err != nil {
			b.Fatal(err)
		}
		waitAhead(b, r)
		return r
	}
	drag := func(b *testing.B, r *Renderer, step float64, turn int) {
		v := start
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			d := step
			if i/turn%2 == 1 {
				d = -step
			}
			v = v.Pan(d, d/2)
			_ = r.Draw(img, Frame{View: v, Selected: -1})
		}
	}
	b.Run("pan", func(b *testing.B) { drag(b, newRenderer(), 8, 1) })
	b.Run("drag", func(b *testing.B) { drag(b, newRenderer(), 24, 200) })
	b.Run("zoom", func(b *testing.B) {
		r := newRenderer()
		v := start
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			v.Zoom = start.Zoom + float64(i%100+1)*0.01
			_ = r.Draw(img, Frame{View: v, Selected: -1})
		}
	})
}

// BenchmarkFirstFrame is the window's first frame of the sample: a new
// renderer drawing the 1:50m basemap and the events at a zoom it has no
// tiles for, as MapView.Prerender does while the window is made
// (Background: one core). What it allocates is memory the process touches
// for the first time, which costs page faults as well as the drawing.
func BenchmarkFirstFrame(b *testing.B) {
	c := sample(b)
	bound, _ := c.Bound()
	marks := NewMarks(c)
	v := Fit(bound, 941, 651, 40, 10)
	if _, err := basemap.Default().ForZoom(v.Zoom); err != nil { // decoded once, as at start-up
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r := NewRenderer(basemap.Default(), marks)
		r.Background = true
		if _, err := r.Image(Frame{View: v, Selected: -1}); err != nil {
			b.Fatal(err)
		}
	}
}
