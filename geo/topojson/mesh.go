package topojson

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
)

// Mesh returns, once each, the arcs of the named collection's polygons and
// lines for which keep(a, b) is true, where a and b are the indexes of the
// two members that share the arc (a == b for an arc only one member uses).
//
// Borders between countries are Mesh(name, func(a, b int) bool { return a != b }):
// drawing them from the arcs rather than from each country's outline draws
// every border once and leaves the coast to the coastline layer.
func (t *Topology) Mesh(name string, keep func(a, b int) bool) (orb.MultiLineString, error) {
	members, err := t.members(name)
	if err != nil {
		return nil, err
	}
	users := make(map[int][]int) // arc index -> members using it
	for i, m := range members {
		arcs, err := arcIndexes(m)
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		for _, a := range arcs {
			if a < 0 {
				a = ^a
			}
			if u := users[a]; len(u) == 0 || u[len(u)-1] != i {
				users[a] = append(u, i)
			}
		}
	}
	var out orb.MultiLineString
	for a := range t.arcs {
		u, ok := users[a]
		if !ok {
			continue
		}
		first, last := u[0], u[len(u)-1]
		if keep(first, last) {
			out = append(out, t.arcs[a])
		}
	}
	return out, nil
}

// arcIndexes lists every arc reference in a geometry, however nested.
func arcIndexes(g rawGeometry) ([]int, error) {
	var out []int
	for _, m := range g.Geometries {
		sub, err := arcIndexes(m)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
	if len(g.Arcs) == 0 {
		return out, nil
	}
	var nested any
	if err := json.Unmarshal(g.Arcs, &nested); err != nil {
		return nil, fmt.Errorf("%w: arcs: %v", ErrGeometry, err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case float64:
			out = append(out, int(v))
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(nested)
	return out, nil
}
