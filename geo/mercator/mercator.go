// Package mercator converts between longitude/latitude and Web Mercator
// "world" coordinates: the unit square with (0,0) at 180°W, 85.05°N and
// (1,1) at 180°E, 85.05°S, y growing southwards as on screen.
//
// Working in world units keeps projection out of the drawing loop: data is
// projected once, and a view only scales and translates.
package mercator

import (
	"math"

	"github.com/paulmach/orb"
)

// MaxLat is the latitude at which Web Mercator's square world ends.
const MaxLat = 85.05112877980659

// Project returns the world coordinates of a lon/lat point. Latitudes are
// clamped to ±MaxLat (the poles lie at infinity); longitudes are not
// wrapped, so 190°E lands at x > 1, which antimeridian handling relies on.
func Project(p orb.Point) orb.Point {
	lat := math.Max(-MaxLat, math.Min(MaxLat, p[1])) * math.Pi / 180
	x := (p[0] + 180) / 360
	y := 0.5 - math.Log(math.Tan(math.Pi/4+lat/2))/(2*math.Pi)
	return orb.Point{x, y}
}

// Unproject is the inverse of Project.
func Unproject(w orb.Point) orb.Point {
	lon := w[0]*360 - 180
	lat := math.Atan(math.Sinh(math.Pi*(1-2*w[1]))) * 180 / math.Pi
	return orb.Point{lon, lat}
}

// Path is a ring or line in world units, with its bounds for culling.
type Path struct {
	Pts   []orb.Point
	Bound orb.Bound
}

// AppendGeometry projects every ring and line of g to world units and
// appends them to dst. Points are ignored: they have no path.
func AppendGeometry(dst []Path, g orb.Geometry) []Path {
	switch g := g.(type) {
	case orb.LineString:
		return appendLine(dst, g)
	case orb.Ring:
		return appendLine(dst, orb.LineString(g))
	case orb.MultiLineString:
		for _, l := range g {
			dst = appendLine(dst, l)
		}
	case orb.Polygon:
		for _, r := range g {
			dst = appendLine(dst, orb.LineString(r))
		}
	case orb.MultiPolygon:
		for _, p := range g {
			dst = AppendGeometry(dst, p)
		}
	case orb.Collection:
		for _, m := range g {
			dst = AppendGeometry(dst, m)
		}
	}
	return dst
}

// appendLine projects a line (or ring) to world units. Longitudes are
// unwrapped so that a line crossing the antimeridian stays continuous
// (179°, 181°) instead of jumping across the whole map; a path that then
// reaches past ±180° is also added shifted by one world width, so both of
// its halves are drawn.
func appendLine(dst []Path, ls orb.LineString) []Path {
	if len(ls) < 2 {
		return dst
	}
	pts := make([]orb.Point, len(ls))
	off, prev := 0.0, ls[0][0]
	for i, p := range ls {
		lon := p[0] + off
		switch {
		case lon-prev > 180:
			off -= 360
		case lon-prev < -180:
			off += 360
		}
		lon = p[0] + off
		prev = lon
		pts[i] = Project(orb.Point{lon, p[1]})
	}
	path := Path{Pts: pts, Bound: orb.MultiPoint(pts).Bound()}
	dst = append(dst, path)
	switch {
	case path.Bound.Max[0] > 1:
		dst = append(dst, shifted(path, -1))
	case path.Bound.Min[0] < 0:
		dst = append(dst, shifted(path, 1))
	}
	return dst
}

func shifted(p Path, dx float64) Path {
	pts := make([]orb.Point, len(p.Pts))
	for i, q := range p.Pts {
		pts[i] = orb.Point{q[0] + dx, q[1]}
	}
	b := p.Bound
	b.Min[0], b.Max[0] = b.Min[0]+dx, b.Max[0]+dx
	return Path{Pts: pts, Bound: b}
}
