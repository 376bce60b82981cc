package render

import (
	"image"
	"image/color"
	"image/draw"

	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/mercator"
)

// drawBasemap paints the ocean and the level of bm suited to the view's
// zoom into dst, which must be v.Width×v.Height, with painter p.
func drawBasemap(p *painter, dst *image.RGBA, v Viewport, bm *basemap.Basemap, st Style) error {
	draw.Draw(dst, dst.Rect, image.NewUniform(st.Ocean), image.Point{}, draw.Src)
	if bm == nil {
		return nil
	}
	l, err := bm.ForZoom(v.Zoom)
	if err != nil {
		return err
	}
	layers := []struct {
		fill  bool
		paths []mercator.Path
		width float64
		col   color.RGBA
	}{
		{true, l.Land, 0, st.Land},
		{true, l.Lakes, 0, st.Lake},
		{false, l.Rivers, st.RiverWidth, st.River},
		{false, l.Borders, st.BorderWidth, st.Border},
		{false, l.Coast, st.CoastWidth, st.Coast},
	}
	for _, layer := range layers {
		p.begin(v.Width, v.Height)
		if layer.fill {
			p.fill(v, layer.paths)
		} else {
			p.stroke(v, layer.paths, layer.width)
		}
		p.finish(dst, layer.col)
	}
	return nil
}
