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
