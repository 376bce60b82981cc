package typeset

import (
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"
)

// Drawer draws shaped lines into RGBA images. It keeps its buffers between
// calls, so one Drawer must not be used by two goroutines at once.
type Drawer struct {
	ras        vector.Rasterizer
	mask, halo image.Alpha
	tmp        []uint8
}

// Style is how a line is drawn.
type Style struct {
	Color color.RGBA // text, premultiplied
	Halo  color.RGBA // an outline around the text for legibility; zero alpha for none
	// HaloWidth is the outline's width in pixels (1–3 reads well).
	HaloWidth int
}

// Bounds is where l would cover pixels if drawn with its baseline's left
// end at (x, y), halo included.
func (l *Line) Bounds(x, y float32, haloWidth int) image.Rectangle {
	h := float32(haloWidth)
	return image.Rect(int(math.Floor(float64(x-h))), int(math.Floor(float64(y-l.Ascent-h))),
		int(math.Ceil(float64(x+l.Width+h))), int(math.Ceil(float64(y+l.Descent+h))))
}

// Draw draws l with its baseline's left end at (x, y).
func (d *Drawer) Draw(dst *image.RGBA, l *Line, x, y float32, st Style) {
	r := l.Bounds(x, y, st.HaloWidth).Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	w, h := r.Dx(), r.Dy()
	d.ras.Reset(w, h)
	ox, oy := x-float32(r.Min.X), y-float32(r.Min.Y)
	for _, run := range l.runs {
		scale := float32(run.Size) / 64 / float32(run.Face.Upem())
		for _, g := range run.Glyphs {
			gx := ox + float32(g.XOffset)/64
			gy := oy - float32(g.YOffset)/64
			if out, ok := run.Face.GlyphData(g.GlyphID).(font.GlyphOutline); ok {
				d.outline(out, gx, gy, scale)
			}
			ox += float32(g.XAdvance) / 64
		}
	}
	d.mask = resize(d.mask, w, h)
	d.ras.Draw(&d.mask, d.mask.Rect, image.Opaque, image.Point{})
	if st.Halo.A > 0 && st.HaloWidth > 0 {
		d.halo = resize(d.halo, w, h)
		d.tmp = dilate(&d.halo, &d.mask, st.HaloWidth, d.tmp)
		draw.DrawMask(dst, r, image.NewUniform(st.Halo), image.Point{}, &d.halo, image.Point{}, draw.Over)
	}
	draw.DrawMask(dst, r, image.NewUniform(st.Color), image.Point{}, &d.mask, image.Point{}, draw.Over)
}

// outline adds one glyph, font units scaled and flipped (fonts grow up).
func (d *Drawer) outline(o font.GlyphOutline, x, y, scale float32) {
	p := func(pt ot.SegmentPoint) (float32, float32) { return x + pt.X*scale, y - pt.Y*scale }
	open := false
	for _, s := range o.Segments {
		switch s.Op {
		case ot.SegmentOpMoveTo:
			if open {
				d.ras.ClosePath()
			}
			d.ras.MoveTo(p(s.Args[0]))
			open = true
		case ot.SegmentOpLineTo:
			d.ras.LineTo(p(s.Args[0]))
		case ot.SegmentOpQuadTo:
			ax, ay := p(s.Args[0])
			bx, by := p(s.Args[1])
			d.ras.QuadTo(ax, ay, bx, by)
		case ot.SegmentOpCubeTo:
			ax, ay := p(s.Args[0])
			bx, by := p(s.Args[1])
			cx, cy := p(s.Args[2])
			d.ras.CubeTo(ax, ay, bx, by, cx, cy)
		}
	}
	if open {
		d.ras.ClosePath()
	}
}

// resize reuses a's pixels for a w×h mask, cleared.
func resize(a image.Alpha, w, h int) image.Alpha {
	n := w * h
	if cap(a.Pix) < n {
		a.Pix = make([]uint8, n)
	}
	a.Pix = a.Pix[:n]
	clear(a.Pix)
	a.Stride, a.Rect = w, image.Rect(0, 0, w, h)
	return a
}

// dilate sets dst to src grown by r pixels (a square max filter, in two
// passes, through tmp, which it returns for reuse), which outlines the glyphs.
func dilate(dst, src *image.Alpha, r int, tmp []uint8) []uint8 {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	if cap(tmp) < w*h {
		tmp = make([]uint8, w*h)
	}
	tmp = tmp[:w*h]
	for y := range h {
		row := src.Pix[y*src.Stride:]
		for x := range w {
			m := uint8(0)
			for k := max(0, x-r); k <= min(w-1, x+r); k++ {
				m = max(m, row[k])
			}
			tmp[y*w+x] = m
		}
	}
	for y := range h {
		for x := range w {
			m := uint8(0)
			for k := max(0, y-r); k <= min(h-1, y+r); k++ {
				m = max(m, tmp[k*w+x])
			}
			dst.Pix[y*dst.Stride+x] = m
		}
	}
	return tmp
}
