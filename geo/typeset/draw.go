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
	b := l.Bounds(x, y, st.HaloWidth)
	r := b.Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	// The whole line is rasterised even when clipped, so that the halo
	// at the edge is what it would be unclipped.
	d.mask = resize(d.mask, b.Dx(), b.Dy())
	d.rasterize(&d.mask, l, x-float32(b.Min.X), y-float32(b.Min.Y))
	src := r.Min.Sub(b.Min)
	if st.Halo.A > 0 && st.HaloWidth > 0 {
		d.halo = resize(d.halo, b.Dx(), b.Dy())
		d.tmp = dilate(&d.halo, &d.mask, st.HaloWidth, d.tmp)
		draw.DrawMask(dst, r, image.NewUniform(st.Halo), image.Point{}, &d.halo, src, draw.Over)
	}
	draw.DrawMask(dst, r, image.NewUniform(st.Color), image.Point{}, &d.mask, src, draw.Over)
}

// Mask is a line rasterised once to be drawn many times, as map labels
// are while the map pans: the text's coverage and its halo's, with the
// baseline's left end at Origin in both.
type Mask struct {
	Text, Halo *image.Alpha // Halo is nil without a halo
	Origin     image.Point
}

// Mask rasterises l, with a halo haloWidth pixels wide (0 for none), into
// new images the caller keeps.
func (d *Drawer) Mask(l *Line, haloWidth int) *Mask {
	b := l.Bounds(0, 0, haloWidth)
	m := &Mask{Text: image.NewAlpha(image.Rect(0, 0, b.Dx(), b.Dy())), Origin: image.Pt(-b.Min.X, -b.Min.Y)}
	d.rasterize(m.Text, l, float32(m.Origin.X), float32(m.Origin.Y))
	if haloWidth > 0 {
		m.Halo = image.NewAlpha(m.Text.Rect)
		d.tmp = dilate(m.Halo, m.Text, haloWidth, d.tmp)
	}
	return m
}

// Bounds is where m covers pixels when drawn with its origin at (x, y).
func (m *Mask) Bounds(x, y int) image.Rectangle {
	return m.Text.Rect.Add(image.Pt(x, y).Sub(m.Origin))
}

// Draw blends m into dst with its origin at (x, y): the halo in st.Halo,
// then the text in st.Color.
func (m *Mask) Draw(dst *image.RGBA, x, y int, st Style) {
	r := m.Bounds(x, y)
	at := r.Min
	r = r.Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	src := r.Min.Sub(at)
	if m.Halo != nil && st.Halo.A > 0 {
		draw.DrawMask(dst, r, image.NewUniform(st.Halo), image.Point{}, m.Halo, src, draw.Over)
	}
	draw.DrawMask(dst, r, image.NewUniform(st.Color), image.Point{}, m.Text, src, draw.Over)
}

// rasterize fills dst (cleared, at the origin) with l's coverage, its
// baseline's left end at (x, y).
func (d *Drawer) rasterize(dst *image.Alpha, l *Line, x, y float32) {
	d.ras.Reset(dst.Rect.Dx(), dst.Rect.Dy())
	for _, run := range l.runs {
		scale := float32(run.Size) / 64 / float32(run.Face.Upem())
		for _, g := range run.Glyphs {
			gx := x + float32(g.XOffset)/64
			gy := y - float32(g.YOffset)/64
			if out, ok := run.Face.GlyphData(g.GlyphID).(font.GlyphOutline); ok {
				d.outline(out, gx, gy, scale)
			}
			x += float32(g.XAdvance) / 64
		}
	}
	d.ras.Draw(dst, dst.Rect, image.Opaque, image.Point{})
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
