package basemap

import (
	"testing"

	"github.com/meridian-app/meridian/geo/mercator"
)

func TestLevelsLoad(t *testing.T) {
	for i, name := range []string{"110m", "50m"} {
		l, err := Default().Level(i)
		if err != nil {
			t.Fatalf("level %s: %v", name, err)
		}
		if l.Name != name || len(l.Land) == 0 || len(l.Lakes) == 0 || len(l.Borders) == 0 || len(l.Coast) == 0 || len(l.Rivers) == 0 {
			t.Errorf("level %s: land %d lakes %d borders %d coast %d rivers %d", name,
				len(l.Land), len(l.Lakes), len(l.Borders), len(l.Coast), len(l.Rivers))
		}
		// No path may span more than the world's width: that would be an
		// antimeridian streak across the map.
		for _, layer := range [][]mercator.Path{l.Land, l.Borders, l.Coast} {
			for _, p := range layer {
				if w := p.Bound.Max[0] - p.Bound.Min[0]; w > 1.0001 {
					t.Fatalf("level %s: path %v wide", name, w)
				}
			}
		}
	}
}

func BenchmarkLoad50m(b *testing.B) {
	for b.Loop() {
		if _, err := load(Default().fsys, "50m"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad110m(b *testing.B) {
	for b.Loop() {
		if _, err := load(Default().fsys, "110m"); err != nil {
			b.Fatal(err)
		}
	}
}
