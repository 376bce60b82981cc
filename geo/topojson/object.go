package topojson

import (
	"encoding/json"
	"fmt"

	"github.com/paulmach/orb"
)

// rawGeometry is a TopoJSON geometry object before its arcs are resolved.
type rawGeometry struct {
	Type        string          `json:"type"`
	ID          any             `json:"id"`
	Properties  map[string]any  `json:"properties"`
	Arcs        json.RawMessage `json:"arcs"`
	Coordinates json.RawMessage `json:"coordinates"`
	Geometries  []rawGeometry   `json:"geometries"`
}

// Object decodes the named object. A GeometryCollection yields one Geometry
// per member; any other object yields itself.
func (t *Topology) Object(name string) ([]Geometry, error) {
	members, err := t.members(name)
	if err != nil {
		return nil, err
	}
	out := make([]Geometry, 0, len(members))
	for i, m := range members {
		geom, err := t.geometry(m)
		if err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", name, i, err)
		}
		out = append(out, Geometry{ID: m.ID, Properties: m.Properties, Geometry: geom})
	}
	return out, nil
}

// members decodes the named object: the members of a GeometryCollection,
// or the object itself.
func (t *Topology) members(name string) ([]rawGeometry, error) {
	raw, ok := t.objects[name]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrNoObject, name)
	}
	var g rawGeometry
	if err := json.Unmarshal(raw, &g); err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrGeometry, name, err)
	}
	if g.Type == "GeometryCollection" {
		return g.Geometries, nil
	}
	return []rawGeometry{g}, nil
}

func (t *Topology) geometry(g rawGeometry) (orb.Geometry, error) {
	switch g.Type {
	case "", "null":
		return nil, nil
	case "Point":
		var p []float64
		if err := json.Unmarshal(g.Coordinates, &p); err != nil || len(p) < 2 {
			return nil, fmt.Errorf("%w: Point coordinates", ErrGeometry)
		}
		return t.tf.point(p[0], p[1]), nil
	case "MultiPoint":
		var ps [][]float64
		if err := json.Unmarshal(g.Coordinates, &ps); err != nil {
			return nil, fmt.Errorf("%w: MultiPoint coordinates", ErrGeometry)
		}
		mp := make(orb.MultiPoint, 0, len(ps))
		for _, p := range ps {
			if len(p) >= 2 {
				mp = append(mp, t.tf.point(p[0], p[1]))
			}
		}
		return mp, nil
	case "LineString":
		var arcs []int
		if err := json.Unmarshal(g.Arcs, &arcs); err != nil {
			return nil, fmt.Errorf("%w: LineString arcs", ErrGeometry)
		}
		return t.line(arcs)
	case "MultiLineString", "Polygon":
		var lines [][]int
		if err := json.Unmarshal(g.Arcs, &lines); err != nil {
			return nil, fmt.Errorf("%w: %s arcs", ErrGeometry, g.Type)
		}
		rings, err := t.lines(lines)
		if g.Type == "Polygon" {
			return polygon(rings), err
		}
		return orb.MultiLineString(rings), err
	case "MultiPolygon":
		var polys [][][]int
		if err := json.Unmarshal(g.Arcs, &polys); err != nil {
			return nil, fmt.Errorf("%w: MultiPolygon arcs", ErrGeometry)
		}
		mp := make(orb.MultiPolygon, 0, len(polys))
		for _, p := range polys {
			rings, err := t.lines(p)
			if err != nil {
				return nil, err
			}
			mp = append(mp, polygon(rings))
		}
		return mp, nil
	case "GeometryCollection":
		c := make(orb.Collection, 0, len(g.Geometries))
		for _, m := range g.Geometries {
			geom, err := t.geometry(m)
			if err != nil {
				return nil, err
			}
			if geom != nil {
				c = append(c, geom)
			}
		}
		return c, nil
	}
	return nil, fmt.Errorf("%w: unknown type %q", ErrGeometry, g.Type)
}

func polygon(rings []orb.LineString) orb.Polygon {
	p := make(orb.Polygon, len(rings))
	for i, r := range rings {
		p[i] = orb.Ring(r)
	}
	return p
}

func (t *Topology) lines(arcLists [][]int) ([]orb.LineString, error) {
	out := make([]orb.LineString, 0, len(arcLists))
	for _, arcs := range arcLists {
		l, err := t.line(arcs)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

// line stitches arcs end to end. Consecutive arcs share their joining
// point, so each arc after the first drops its first point.
func (t *Topology) line(arcs []int) (orb.LineString, error) {
	var ls orb.LineString
	for _, a := range arcs {
		pts, err := t.arc(a)
		if err != nil {
			return nil, err
		}
		if len(ls) > 0 && len(pts) > 0 {
			pts = pts[1:]
		}
		ls = append(ls, pts...)
	}
	return ls, nil
}

// arc returns arc i's points, reversed when i is negative (~i).
func (t *Topology) arc(i int) (orb.LineString, error) {
	rev := i < 0
	if rev {
		i = ^i
	}
	if i >= len(t.arcs) {
		return nil, fmt.Errorf("%w: %d of %d", ErrArcIndex, i, len(t.arcs))
	}
	a := t.arcs[i]
	if !rev {
		return a, nil
	}
	r := make(orb.LineString, len(a))
	for j, p := range a {
		r[len(a)-1-j] = p
	}
	return r, nil
}
