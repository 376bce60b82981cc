package render

import (
	"image"
	"image/color"
	"math"

	"github.com/paulmach/orb"
	"golang.org/x/image/vector"
)

// Marker sizes in pixels.
const (
	MarkerRadius = 6.5
	pastRadius   = 4.0
	outline      = 1.6
	ringRadius   = 11.0
)

// sprites are anti-aliased discs rasterised once and stamped per marker:
// stamping a mask is far cheaper than rasterising a circle per event.
type sprites struct {
	halo, disc, past, ring, ringIn *image.Alpha
	pinEdge, pinFill               *image.Alpha
	// bubbles are cluster discs, larger for each step of 10^0.5 events.
	bubbles [8]struct{ edge, fill *image.Alpha }
}

func newSprites() sprites {
	s := sprites{
		halo:   discMask(MarkerRadius + outline),
		disc:   discMask(MarkerRadius),
		past:   discMask(pastRadius),
		ring:   discMask(ringRadius),
		ringIn: discMask(ringRadius - 2.5),
		// The pin's white band sits inside its dark edge.
		pinEdge: annulus(ringRadius+1, ringRadius-4),
		pinFill: annulus(ringRadius, ringRadius-3),
	}
	for k := range s.bubbles {
		rad := 9 + 2.2*float64(k)
		s.bubbles[k].edge, s.bubbles[k].fill = discMask(rad+1.6), discMask(rad)
	}
	return s
}

// discMask rasterises a disc of radius r centred in a square mask whose
// centre is a pixel centre.
func discMask(r float64) *image.Alpha {
	n := int(math.Ceil(r))*2 + 3
	c := float64(n) / 2
	var z vector.Rasterizer
	z.Reset(n, n)
	const steps = 48
	for i := 0; i <= steps; i++ {
		a := 2 * math.Pi * float64(i) / steps
		x, y := float32(c+r*math.Cos(a)), float32(c+r*math.Sin(a))
		if i == 0 {
			z.MoveTo(x, y)
		} else {
			z.LineTo(x, y)
		}
	}
	z.ClosePath()
	m := image.NewAlpha(image.Rect(0, 0, n, n))
	z.Draw(m, m.Rect, image.Opaque, image.Point{})
	return m
}

// stamp blends colour c through mask centred on pixel position at.
func stamp(dst *image.RGBA, mask *image.Alpha, at orb.Point, c color.RGBA, alpha uint32) {
	n := mask.Rect.Dx()
	x0, y0 := int(math.Floor(at[0]))-n/2, int(math.Floor(at[1]))-n/2
	area := image.Rect(x0, y0, x0+n, y0+n).Intersect(dst.Rect)
	if area.Empty() {
		return
	}
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			a := uint32(mask.Pix[(y-y0)*mask.Stride+(x-x0)]) * alpha / 255
			if a == 0 {
				continue
			}
			i := dst.PixOffset(x, y)
			blendPixel(dst.Pix[i:i+4:i+4], c, a)
		}
	}
}

var white = color.RGBA{255, 255, 255, 255}

// marker draws an event: a coloured disc with a white halo, or a small
// disc of opacity alpha for an event that is already over.
func (s *sprites) marker(dst *image.RGBA, at orb.Point, c color.RGBA, past bool, alpha uint32) {
	if past {
		stamp(dst, s.past, at, c, alpha)
		return
	}
	stamp(dst, s.halo, at, white, 255)
	stamp(dst, s.disc, at, c, 255)
}

// selected draws the selected event larger, inside a dark ring.
func (s *sprites) selected(dst *image.RGBA, at orb.Point, c color.RGBA) {
	stamp(dst, s.ring, at, color.RGBA{20, 20, 20, 255}, 255)
	stamp(dst, s.ringIn, at, white, 255)
	stamp(dst, s.halo, at, white, 255)
	stamp(dst, s.disc, at, c, 255)
}

// pin marks a searched-for place: a white ring with a dark edge, open in
// the middle so the place's own dot stays visible.
func (s *sprites) pin(dst *image.RGBA, at orb.Point) {
	stamp(dst, s.pinEdge, at, color.RGBA{20, 20, 20, 255}, 255)
	stamp(dst, s.pinFill, at, white, 255)
}

// annulus is the mask of a ring between radii inner and outer.
func annulus(outer, inner float64) *image.Alpha {
	m, hole := discMask(outer), discMask(inner)
	off := (m.Rect.Dx() - hole.Rect.Dx()) / 2
	for y := range hole.Rect.Dy() {
		for x := range hole.Rect.Dx() {
			i := (y+off)*m.Stride + x + off
			m.Pix[i] = uint8(max(0, int(m.Pix[i])-int(hole.Pix[y*hole.Stride+x])))
		}
	}
	return m
}
