package render

import (
	"slices"
	"testing"

	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/paulmach/orb"
)

// Labels keep clear of exactly the markers the old walk over every event
// blocked when zoomed in, and of at least those when the pick grid's
// cells are blocked whole.
func TestBlockMarksCoversEveryMarker(t *testing.T) {
	m := NewMarks(generated(t, 20_000))
	r := NewRenderer(nil, m)
	for _, v := range []Viewport{
		{Center: orb.Point{0.5, 0.45}, Zoom: 1.2, Width: 900, Height: 500},                  // cells blocked whole
		{Center: orb.Point{0.02, 0.4}, Zoom: 3, Width: 640, Height: 480},                    // across the date line
		{Center: mercator.Project(orb.Point{36.3, 33.5}), Zoom: 7, Width: 800, Height: 600}, // marker by marker
	} {
		l := &r.labels
		l.reset(v.Width, v.Height)
		first, last := copies(v)
		for i := range m.anchor {
			a := m.world(i)
			for k := first; k <= last; k++ {
				l.block(v.ToPixel(orb.Point{a[0] + float64(k), a[1]}))
			}
		}
		want := slices.Clone(l.grid)
		l.reset(v.Width, v.Height)
		r.blockMarks(v)
		extra, blocked := 0, 0
		for i := range want {
			switch {
			case want[i] && !l.grid[i]:
				t.Fatalf("zoom %.1f: label cell %d is on a marker but not blocked", v.Zoom, i)
			case l.grid[i] && !want[i]:
				extra++
			}
			if want[i] {
				blocked++
			}
		}
		if cw := v.Scale() / float64(int(1)<<m.space.bits); cw > 2*cell && extra > 0 {
			t.Errorf("zoom %.1f: %d cells blocked with no marker", v.Zoom, extra)
		}
		if blocked == 0 {
			t.Errorf("zoom %.1f: no marker in view; the comparison tested nothing", v.Zoom)
		}
	}
}
