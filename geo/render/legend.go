package render

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/paulmach/orb"
	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// Attribution is the credit every exported map carries.
const Attribution = "Map: Natural Earth (public domain). Places: GeoNames (CC BY 4.0)"

// DrawLegend draws a box in the top-left corner naming each category with
// its colour, and the attribution in the bottom-right corner. The desktop
// app shows these as widgets instead; pictures need them drawn in.
func (r *Renderer) DrawLegend(dst *image.RGBA) {
	face := basicfont.Face7x13
	b := dst.Rect
	if r.Marks != nil && len(r.Marks.Categories) > 0 {
		cats := r.Marks.Categories
		w := 0
		for _, c := range cats {
			w = max(w, font.MeasureString(face, c).Ceil())
		}
		box := image.Rect(b.Min.X+8, b.Min.Y+8, b.Min.X+8+w+34, b.Min.Y+8+len(cats)*18+8)
		if r.LegendRight {
			box = box.Add(image.Pt(b.Dx()-box.Dx()-16, 0))
		}
		draw.Draw(dst, box, image.NewUniform(color.NRGBA{255, 255, 255, 230}), image.Point{}, draw.Over)
		for i, c := range cats {
			y := box.Min.Y + 4 + i*18 + 9
			r.sprites.marker(dst, orb.Point{float64(box.Min.X + 14), float64(y)}, CategoryColor(i), false, 255)
			text(dst, face, c, box.Min.X+26, y+4)
		}
	}
	w := font.MeasureString(face, Attribution).Ceil()
	box := image.Rect(b.Max.X-w-10, b.Max.Y-18, b.Max.X, b.Max.Y)
	draw.Draw(dst, box, image.NewUniform(color.NRGBA{255, 255, 255, 200}), image.Point{}, draw.Over)
	text(dst, face, Attribution, box.Min.X+5, box.Max.Y-5)
}

func text(dst *image.RGBA, face font.Face, s string, x, y int) {
	d := font.Drawer{Dst: dst, Src: image.NewUniform(color.RGBA{40, 40, 40, 255}), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
}
