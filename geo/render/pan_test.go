package render

import (
	"image"
	"testing"

	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/paulmach/orb"
)

// BenchmarkBasemap moves a 1080p view over Europe with place labels on:
// a drag (a few whole pixels a frame, so cached tiles are copied) and a
// zoom (every frame at a new zoom, so every tile is rasterised).
func BenchmarkBasemap(b *testing.B) {
	pl := places(b)
	start := Viewport{Center: mercator.Project(orb.Point{15, 48}), Zoom: 4.3, Width: 1920, Height: 1080}
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	b.Run("pan", func(b *testing.B) {
		r := NewRenderer(basemap.Default(), nil)
		r.Places = pl
		v := start
		_ = r.Draw(img, Frame{View: v, Selected: -1})
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			d := 7.0
			if i/100%2 == 1 {
				d = -7
			}
			v = v.Pan(d, d/2)
			_ = r.Draw(img, Frame{View: v, Selected: -1})
		}
	})
	b.Run("zoom", func(b *testing.B) {
		r := NewRenderer(basemap.Default(), nil)
		r.Places = pl
		v := start
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			v.Zoom = start.Zoom + float64(i%100)*0.01
			_ = r.Draw(img, Frame{View: v, Selected: -1})
		}
	})
}
