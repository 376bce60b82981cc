package topojson

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// Two unit squares side by side share the edge x=1 (arc 0); the right one
// walks it backwards (~0 = -1). Coordinates are quantized deltas.
const squares = `{
  "type": "Topology",
  "transform": {"scale": [0.5, 2], "translate": [10, 20]},
  "arcs": [
    [[1, 0], [0, 1]],
    [[1, 1], [-1, 0], [0, -1], [1, 0]],
    [[1, 0], [1, 0], [0, 1], [-1, 0]]
  ],
  "objects": {
    "countries": {"type": "GeometryCollection", "geometries": [
      {"type": "Polygon", "id": "L", "properties": {"name": "Left"}, "arcs": [[0, 1]]},
      {"type": "Polygon", "id": "R", "arcs": [[2, -1]]},
      {"type": "Point", "coordinates": [2, 1]},
      {"type": null}
    ]},
    "edge": {"type": "LineString", "arcs": [-1]}
  }
}`

// q maps quantized coordinates to degrees with the transform above.
func q(x, y float64) orb.Point { return orb.Point{10 + 0.5*x, 20 + 2*y} }

func TestObjectStitchesRings(t *testing.T) {
	topo, err := Decode([]byte(squares))
	if err != nil {
		t.Fatal(err)
	}
	geoms, err := topo.Object("countries")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  orb.Geometry
		want orb.Geometry
	}{
		{"forward arcs", geoms[0].Geometry, orb.Polygon{{q(1, 0), q(1, 1), q(0, 1), q(0, 0), q(1, 0)}}},
		{"reversed arc", geoms[1].Geometry, orb.Polygon{{q(1, 0), q(2, 0), q(2, 1), q(1, 1), q(1, 0)}}},
		{"point is not delta-encoded", geoms[2].Geometry, q(2, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !orb.Equal(tt.got, tt.want) {
				t.Errorf("got %v, want %v", tt.got, tt.want)
			}
		})
	}
	if geoms[3].Geometry != nil {
		t.Errorf("null geometry decoded as %v", geoms[3].Geometry)
	}
	if geoms[0].ID != "L" || geoms[0].Properties["name"] != "Left" {
		t.Errorf("id/properties lost: %+v", geoms[0])
	}
	edge, _ := topo.Object("edge")
	if want := (orb.LineString{q(1, 1), q(1, 0)}); !orb.Equal(edge[0].Geometry, want) {
		t.Errorf("reversed line = %v, want %v", edge[0].Geometry, want)
	}
}

func TestMesh(t *testing.T) {
	topo, _ := Decode([]byte(squares))
	inner, err := topo.Mesh("countries", func(a, b int) bool { return a != b })
	if err != nil {
		t.Fatal(err)
	}
	if want := (orb.MultiLineString{{q(1, 0), q(1, 1)}}); !orb.Equal(inner, want) {
		t.Errorf("shared border = %v, want %v", inner, want)
	}
	outer, _ := topo.Mesh("countries", func(a, b int) bool { return a == b })
	if len(outer) != 2 {
		t.Errorf("outer mesh has %d arcs, want 2", len(outer))
	}
}

func TestErrors(t *testing.T) {
	if _, err := Decode([]byte(`{"type":"FeatureCollection"}`)); !errors.Is(err, ErrNotTopology) {
		t.Errorf("FeatureCollection: %v", err)
	}
	topo, _ := Decode([]byte(`{"type":"Topology","arcs":[[[0,0],[1,1]]],"objects":{"x":{"type":"LineString","arcs":[5]}}}`))
	if _, err := topo.Object("x"); !errors.Is(err, ErrArcIndex) {
		t.Errorf("bad arc index: %v", err)
	}
	if _, err := topo.Object("nope"); !errors.Is(err, ErrNoObject) {
		t.Errorf("missing object: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(squares))
	f.Fuzz(func(t *testing.T, data []byte) {
		topo, err := Decode(data)
		if err != nil {
			return
		}
		for _, name := range topo.Objects() {
			_, _ = topo.Object(name)
			_, _ = topo.Mesh(name, func(a, b int) bool { return a != b })
		}
	})
}

// The fast arc reader agrees with encoding/json wherever it answers, and
// never accepts what encoding/json rejects.
func FuzzArcs(f *testing.F) {
	f.Add([]byte(`[[[0,0],[1,2],[-3,4]],[[5,5,9],[1e2,-0],[0.5,-1.25e-3]],[]]`), true)
	f.Add([]byte(`[[[1],[2,3]]]`), false)
	f.Add([]byte(`[[[01,2]]]`), true)
	f.Add([]byte(`[[[1,2]],null]`), false)
	f.Add([]byte(` [ [ [ 1 , 2 ] ] ] `), true)
	f.Fuzz(func(t *testing.T, data []byte, quantized bool) {
		topo := &Topology{}
		if quantized {
			topo.tf = &transform{Scale: [2]float64{0.5, 0.25}, Translate: [2]float64{-180, -90}}
		}
		got, ok := topo.readArcs(data)
		var raw [][][]float64
		err := json.Unmarshal(data, &raw)
		if !ok {
			return
		}
		if err != nil {
			t.Fatalf("fast reader accepted %q, encoding/json: %v", data, err)
		}
		if len(got) != len(raw) {
			t.Fatalf("%d arcs, encoding/json %d", len(got), len(raw))
		}
		for i, arc := range raw {
			want := topo.decodeArc(arc)
			if len(got[i]) != len(want) {
				t.Fatalf("arc %d: %v, want %v", i, got[i], want)
			}
			for j := range want {
				for k := range 2 {
					if math.Float64bits(got[i][j][k]) != math.Float64bits(want[j][k]) {
						t.Fatalf("arc %d point %d: %v, want %v", i, j, got[i][j], want[j])
					}
				}
			}
		}
	})
}
