package basemap

import (
	"testing"

	"github.com/paulmach/orb"
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
		for _, layer := range [][]Path{l.Land, l.Borders, l.Coast} {
			for _, p := range layer {
				if w := p.Bound.Max[0] - p.Bound.Min[0]; w > 1.0001 {
					t.Fatalf("level %s: path %v wide", name, w)
				}
			}
		}
	}
}

func TestAntimeridianLineIsSplitIntoTwoCopies(t *testing.T) {
	paths := appendLine(nil, orb.LineString{{179, 60}, {-179, 61}})
	if len(paths) != 2 {
		t.Fatalf("got %d paths, want the line and its shifted copy", len(paths))
	}
	if w := paths[0].Bound.Max[0] - paths[0].Bound.Min[0]; w > 0.01 {
		t.Errorf("line spans %v of the world, want about 2/360", w)
	}
	if paths[1].Bound.Min[0] > 0 || paths[1].Bound.Max[0] < 0 {
		t.Errorf("copy at %v does not straddle the west edge", paths[1].Bound)
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
