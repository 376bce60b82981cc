package mercator

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func TestProject(t *testing.T) {
	tests := []struct {
		name   string
		ll, xy orb.Point
	}{
		{"origin", orb.Point{0, 0}, orb.Point{0.5, 0.5}},
		{"north-west corner", orb.Point{-180, MaxLat}, orb.Point{0, 0}},
		{"south-east corner", orb.Point{180, -MaxLat}, orb.Point{1, 1}},
		{"pole clamps", orb.Point{0, 90}, orb.Point{0.5, 0}},
		// Tartus at zoom 0 (256 px world): pixel (153.52, 102.13) by the
		// slippy-map tile formula.
		{"Tartus", orb.Point{35.88659, 34.88902}, orb.Point{153.51935 / 256, 101.49732 / 256}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Project(tt.ll)
			if math.Abs(got[0]-tt.xy[0]) > 1e-5 || math.Abs(got[1]-tt.xy[1]) > 1e-5 {
				t.Errorf("Project(%v) = %v, want %v", tt.ll, got, tt.xy)
			}
			if tt.name != "pole clamps" {
				back := Unproject(got)
				if math.Abs(back[0]-tt.ll[0]) > 1e-9 || math.Abs(back[1]-tt.ll[1]) > 1e-9 {
					t.Errorf("Unproject(Project(%v)) = %v", tt.ll, back)
				}
			}
		})
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
