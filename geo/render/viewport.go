// Package render draws Meridian maps into *image.RGBA: a Viewport says what
// part of the world is seen, layers (basemap, event markers, legend) draw
// themselves through it. It is pure Go with no UI toolkit, so the desktop
// app, `meridian render` and the tests share every pixel.
package render

import (
	"math"

	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/paulmach/orb"
)

// Zoom limits. At MaxZoom a pixel is about 0.6 m at the equator.
const (
	MinZoom = 0.0
	MaxZoom = 18.0
	// TileSize is the width in pixels of the whole world at zoom 0.
	TileSize = 256.0
)

// Viewport is a view of the Web Mercator world: Center in world units (see
// package mercator), a fractional Zoom at which the world is
// TileSize·2^Zoom pixels wide, and the size of the image in pixels.
// Viewports are values; every method returns a new one.
type Viewport struct {
	Center        orb.Point
	Zoom          float64
	Width, Height int
}

// Scale is the number of pixels per world unit.
func (v Viewport) Scale() float64 { return TileSize * math.Exp2(v.Zoom) }

// ToPixel maps world units to image pixels.
func (v Viewport) ToPixel(w orb.Point) orb.Point {
	s := v.Scale()
	return orb.Point{(w[0]-v.Center[0])*s + float64(v.Width)/2, (w[1]-v.Center[1])*s + float64(v.Height)/2}
}

// ToWorld maps image pixels to world units.
func (v Viewport) ToWorld(px orb.Point) orb.Point {
	s := v.Scale()
	return orb.Point{(px[0]-float64(v.Width)/2)/s + v.Center[0], (px[1]-float64(v.Height)/2)/s + v.Center[1]}
}

// Project maps a lon/lat point to image pixels.
func (v Viewport) Project(ll orb.Point) orb.Point { return v.ToPixel(mercator.Project(ll)) }

// Unproject maps image pixels to lon/lat, with longitude wrapped to ±180.
func (v Viewport) Unproject(px orb.Point) orb.Point {
	w := v.ToWorld(px)
	w[0] -= math.Floor(w[0])
	return mercator.Unproject(w)
}

// Visible returns the part of the world in view, in world units.
func (v Viewport) Visible() orb.Bound {
	return orb.Bound{Min: v.ToWorld(orb.Point{0, 0}), Max: v.ToWorld(orb.Point{float64(v.Width), float64(v.Height)})}
}

// Pan moves the view so that the map follows a drag of (dx, dy) pixels.
func (v Viewport) Pan(dx, dy float64) Viewport {
	s := v.Scale()
	v.Center[0] -= dx / s
	v.Center[1] -= dy / s
	return v.clamp()
}

// ZoomAround changes the zoom by dz while keeping the world point under
// pixel px where it is, as map users expect of the scroll wheel.
func (v Viewport) ZoomAround(px orb.Point, dz float64) Viewport {
	before := v.ToWorld(px)
	v.Zoom = math.Max(MinZoom, math.Min(MaxZoom, v.Zoom+dz))
	after := v.ToWorld(px)
	v.Center[0] += before[0] - after[0]
	v.Center[1] += before[1] - after[1]
	return v.clamp()
}

// Resize keeps the centre and zoom and changes the image size.
func (v Viewport) Resize(w, h int) Viewport {
	v.Width, v.Height = w, h
	return v
}

// clamp keeps the centre on the world vertically and wraps it horizontally
// (the map repeats east and west).
func (v Viewport) clamp() Viewport {
	v.Center[0] -= math.Floor(v.Center[0])
	v.Center[1] = math.Max(0, math.Min(1, v.Center[1]))
	return v
}

// Fit returns the view of size w×h that shows bound b (lon/lat) as large as
// possible, centred, with pad pixels spare on every side. Zoom is
// fractional, so the aspect ratio is kept exactly. A single point, or a tiny
// bound, is shown at maxZoom.
func Fit(b orb.Bound, w, h int, pad, maxZoom float64) Viewport {
	lo, hi := mercator.Project(orb.Point{b.Min[0], b.Max[1]}), mercator.Project(orb.Point{b.Max[0], b.Min[1]})
	dx, dy := hi[0]-lo[0], hi[1]-lo[1]
	availW, availH := math.Max(1, float64(w)-2*pad), math.Max(1, float64(h)-2*pad)
	zoom := maxZoom
	if dx > 0 || dy > 0 {
		zoom = math.Log2(math.Min(availW/(math.Max(dx, 1e-12)*TileSize), availH/(math.Max(dy, 1e-12)*TileSize)))
	}
	zoom = math.Max(MinZoom, math.Min(maxZoom, zoom))
	return Viewport{Center: orb.Point{(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2}, Zoom: zoom, Width: w, Height: h}
}

// Flight is the path from one view to another that a map flies along:
// the short way round the repeating world, the centre moving straight
// while the zoom pulls back in the middle of a long hop (more the farther
// it is, up to 4 levels), so the viewer sees where they are going. It
// returns the view at t from 0 (from) to 1 (to); sizes are from's.
func Flight(from, to Viewport) func(t float64) Viewport {
	if d := to.Center[0] - from.Center[0]; d > 0.5 {
		to.Center[0]--
	} else if d < -0.5 {
		to.Center[0]++
	}
	px := math.Hypot(to.Center[0]-from.Center[0], to.Center[1]-from.Center[1]) * from.Scale()
	pull := math.Max(0, math.Min(4, math.Log2(px/float64(max(from.Width, 1)))+1))
	return func(t float64) Viewport {
		v := from
		v.Center = orb.Point{from.Center[0] + (to.Center[0]-from.Center[0])*t, from.Center[1] + (to.Center[1]-from.Center[1])*t}
		v.Zoom = math.Max(MinZoom, from.Zoom+(to.Zoom-from.Zoom)*t-pull*math.Sin(math.Pi*t))
		return v
	}
}
