package app

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/synth"
	"github.com/paulmach/orb"
)

// A big data set is shown as bubbles; clicking one zooms in on it instead
// of selecting an event.
func TestClusterTapZoomsIn(t *testing.T) {
	test.NewTempApp(t)
	var buf bytes.Buffer
	if err := synth.WriteGeoJSON(&buf, synth.Options{N: 20_000, Seed: 2}); err != nil {
		t.Fatal(err)
	}
	res, err := geojson.Decode(&buf, "gen.geojson")
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("generated data: %v %v", err, res.Problems)
	}
	u, w := showUI(t, "gen.geojson", res)
	_ = w.Canvas().Capture()
	v := u.Map.View()
	var at orb.Point
	most := 0
	for y := 0.0; y < float64(v.Height); y += 6 {
		for x := 0.0; x < float64(v.Width); x += 6 {
			if n := u.Map.renderer.ClusterAt(orb.Point{x, y}); n > most {
				most, at = n, orb.Point{x, y}
			}
		}
	}
	if most < 2 {
		t.Fatal("20,000 events in a world view drew no bubbles")
	}
	scale := float64(v.Width) / float64(u.Map.Size().Width)
	test.TapAt(u.Map, fyne.NewPos(float32(at[0]/scale), float32(at[1]/scale)))
	if got := u.Map.View().Zoom; got < v.Zoom+1.9 {
		t.Errorf("zoom after a bubble click = %.2f, want %.2f", got, v.Zoom+2)
	}
	if u.Selected() != -1 {
		t.Errorf("a bubble click selected event %d", u.Selected())
	}
}
