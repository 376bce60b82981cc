package format

import (
	"errors"
	"fmt"
	"math"

	"github.com/paulmach/orb"
)

// ErrCoordinate means a geometry has a coordinate no map can show: not a
// number, a latitude beyond ±90, or a longitude beyond ±540 (a wrapped
// longitude is at most one turn out).
var ErrCoordinate = errors.New("format: coordinate out of range")

// ErrEmpty means a geometry has no points; orb's algorithms panic on those.
var ErrEmpty = errors.New("format: geometry without points")

// CheckGeometry validates g for every importer and brings longitudes beyond
// ±180 back into range. A point is wrapped; a line or area is shifted whole
// by turns so its first vertex is in range, which keeps a track crossing
// the antimeridian continuous (the renderer draws it across the seam).
// wrapped reports that something was moved, for a warning.
func CheckGeometry(g orb.Geometry) (out orb.Geometry, wrapped bool, err error) {
	if err := checkPoints(g); err != nil {
		return nil, false, err
	}
	if isEmpty(g) {
		return nil, false, ErrEmpty
	}
	return normalise(g)
}

func checkPoints(g orb.Geometry) error {
	b := g.Bound()
	for _, p := range []orb.Point{b.Min, b.Max} {
		if math.IsNaN(p[0]) || math.IsInf(p[0], 0) || math.IsNaN(p[1]) || math.IsInf(p[1], 0) {
			return fmt.Errorf("%w: %v is not a number", ErrCoordinate, p)
		}
		if math.Abs(p[1]) > 90 {
			return fmt.Errorf("%w: latitude %g is beyond ±90 (are longitude and latitude swapped?)", ErrCoordinate, p[1])
		}
		if math.Abs(p[0]) > 540 {
			return fmt.Errorf("%w: longitude %g is beyond ±540", ErrCoordinate, p[0])
		}
	}
	return nil
}

// isEmpty reports geometries with no points.
func isEmpty(g orb.Geometry) bool {
	switch g := g.(type) {
	case orb.LineString:
		return len(g) == 0
	case orb.MultiPoint:
		return len(g) == 0
	case orb.Polygon:
		return len(g) == 0 || len(g[0]) == 0
	case orb.MultiLineString:
		return len(g) == 0
	case orb.MultiPolygon:
		return len(g) == 0
	case orb.Collection:
		if len(g) == 0 {
			return true
		}
		for _, m := range g {
			if isEmpty(m) {
				return true
			}
		}
	}
	return false
}

// turns returns the whole number of turns that brings lon into ±180.
func turns(lon float64) float64 {
	if lon >= -180 && lon <= 180 {
		return 0
	}
	return math.Round(lon / 360)
}

// normalise shifts each part (a point, a line, a polygon with its holes)
// by the turns that bring its first vertex into ±180. It edits g in place;
// g is freshly decoded and not shared.
func normalise(g orb.Geometry) (orb.Geometry, bool, error) {
	b := g.Bound()
	if b.Min[0] >= -180 && b.Max[0] <= 180 {
		return g, false, nil
	}
	wrapped := false
	shift := func(k float64, rings ...[]orb.Point) {
		if k == 0 {
			return
		}
		wrapped = true
		for _, r := range rings {
			for i := range r {
				r[i][0] -= k * 360
			}
		}
	}
	polygon := func(p orb.Polygon) {
		if len(p) > 0 && len(p[0]) > 0 {
			rings := make([][]orb.Point, len(p))
			for i := range p {
				rings[i] = p[i]
			}
			shift(turns(p[0][0][0]), rings...)
		}
	}
	switch g := g.(type) {
	case orb.Point:
		k := turns(g[0])
		g[0] -= k * 360
		return g, k != 0, nil
	case orb.MultiPoint:
		for i := range g {
			shift(turns(g[i][0]), g[i:i+1])
		}
	case orb.LineString:
		shift(turns(g[0][0]), g)
	case orb.Ring:
		shift(turns(g[0][0]), g)
	case orb.MultiLineString:
		for _, l := range g {
			if len(l) > 0 {
				shift(turns(l[0][0]), l)
			}
		}
	case orb.Polygon:
		polygon(g)
	case orb.MultiPolygon:
		for _, p := range g {
			polygon(p)
		}
	case orb.Collection:
		for i, m := range g {
			n, w, _ := normalise(m)
			g[i], wrapped = n, wrapped || w
		}
	}
	return g, wrapped, nil
}
