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
