package story

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/typeset"
)

// Theme is a projector look: a card with strong contrast against the map.
type Theme struct {
	Name                     string
	Card, Text, Muted, Title color.RGBA
}

// The projector themes. Both keep text above 7:1 contrast on the card.
var (
	Light = Theme{Name: "light", Card: color.RGBA{255, 255, 255, 255}, Text: color.RGBA{20, 20, 24, 255}, Muted: color.RGBA{70, 70, 80, 255}, Title: color.RGBA{0, 0, 0, 255}}
	Dark  = Theme{Name: "dark", Card: color.RGBA{18, 20, 26, 255}, Text: color.RGBA{240, 240, 240, 255}, Muted: color.RGBA{200, 200, 205, 255}, Title: color.RGBA{255, 255, 255, 255}}
)

// Layout places a slide's parts in a w×h picture: the card is a column on
// the left; the map's subject sits in the middle of the rest.
type Layout struct {
	Scale float64 // sizes are for 1080 pixels high, scaled by this
}

// NewLayout is the layout for a picture h pixels high.
func NewLayout(h int) Layout { return Layout{Scale: math.Max(0.4, float64(h)/1080)} }

func (l Layout) px(v float64) int { return int(math.Round(v * l.Scale)) }

// Card is the card's column.
func (l Layout) Card(w, h int) image.Rectangle {
	m := l.px(32)
	cw := max(l.px(520), w*36/100)
	return image.Rect(m, m, min(m+cw, w-m), h-m)
}

// Free is the part of the picture the card leaves to the map.
func (l Layout) Free(w, h int) image.Rectangle {
	c := l.Card(w, h)
	return image.Rect(c.Max.X, 0, w, h)
}

// Type sizes at 1080p: body text at least 28 px, titles larger.
const (
	titleSize = 46
	metaSize  = 30
	bodySize  = 30
	smallSize = 28
)

// Painter draws slides. Not safe for concurrent use.
type Painter struct {
	S     *Story
	R     *render.Renderer // Marks must be the story's
	Theme Theme
	// Notes shows the presenter's notes on the card.
	Notes bool
	// Status is added to the progress indicator ("auto 10 s").
	Status string

	fonts  *typeset.Fonts
	drawer typeset.Drawer
}

// Draw paints slide i into dst with the map at view v (a flight passes
// through views between slides). dst must be v.Width×v.Height.
func (p *Painter) Draw(dst *image.RGBA, i int, v render.Viewport) error {
	if p.fonts == nil {
		f, err := typeset.Default()
		if err != nil {
			return err
		}
		p.fonts = f
	}
	sl := p.S.Slides[i]
	p.R.LegendRight = true
	if err := p.R.Draw(dst, render.Frame{View: v, Window: p.S.Window(i), Selected: sl.Event}); err != nil {
		return err
	}
	p.R.DrawLegend(dst)
	l := NewLayout(v.Height)
	p.card(dst, l, p.S.Card(i), sl.Kind != Step)
	p.progress(dst, l, i)
	return nil
}

// card draws the card: title, date, place, summary, source (and notes).
func (p *Painter) card(dst *image.RGBA, l Layout, c Card, overview bool) {
	box := l.Card(dst.Rect.Dx(), dst.Rect.Dy())
	pad := float64(l.px(28))
	width := float32(float64(box.Dx()) - 2*pad)
	type part struct {
		text  string
		size  float64
		color color.RGBA
		gap   float64
	}
	parts := []part{{c.Title, titleSize, p.Theme.Title, 0}}
	meta := c.Date
	if c.Place != "" {
		if meta != "" {
			meta += " · "
		}
		meta += c.Place
	}
	parts = append(parts, part{meta, metaSize, p.Theme.Muted, 10}, part{c.Summary, bodySize, p.Theme.Text, 22})
	if c.Source != "" {
		parts = append(parts, part{"Source: " + c.Source, smallSize, p.Theme.Muted, 22})
	}
	if p.Notes && c.Notes != "" {
		parts = append(parts, part{"Notes: " + c.Notes, smallSize, p.Theme.Muted, 22})
	}
	// Lay the text out, then size the card to it (at most the column).
	type placed struct {
		line *typeset.Line
		y    float64
		col  color.RGBA
	}
	var lines []placed
	y := pad
	bottom := float64(box.Dy()) - pad
	for _, pt := range parts {
		if pt.text == "" {
			continue
		}
		y += pt.gap * l.Scale
		for _, ln := range p.fonts.Wrap(pt.text, float32(pt.size*l.Scale), width) {
			if y+float64(ln.Ascent+ln.Descent)*1.15 > bottom {
				break // the column is full: the rest is cut
			}
			y += float64(ln.Ascent)
			lines = append(lines, placed{ln, y, pt.color})
			y += float64(ln.Descent) * 1.6
		}
	}
	card := image.Rect(box.Min.X, box.Min.Y, box.Max.X, box.Min.Y+int(y+pad))
	if overview {
		// An overview card sits at the bottom, leaving the map's top free.
		card = card.Add(image.Pt(0, box.Max.Y-card.Max.Y))
	}
	draw.Draw(dst, card, image.NewUniform(p.Theme.Card), image.Point{}, draw.Over)
	for _, ln := range lines {
		p.drawer.Draw(dst, ln.line, float32(float64(card.Min.X)+pad), float32(float64(card.Min.Y)+ln.y), typeset.Style{Color: ln.col})
	}
}

// progress draws "4 / 9" (and the status) in the bottom right corner,
// above the attribution the legend drew.
func (p *Painter) progress(dst *image.RGBA, l Layout, i int) {
	text := fmt.Sprintf("%d / %d", i+1, p.S.Len())
	if p.Status != "" {
		text += " · " + p.Status
	}
	ln := p.fonts.Shape(text, float32(smallSize*l.Scale))
	pad := float32(l.px(14))
	w, h := dst.Rect.Dx(), dst.Rect.Dy()
	box := image.Rect(w-int(ln.Width+2*pad)-l.px(32), h-int(ln.Ascent+ln.Descent+2*pad)-l.px(32), w-l.px(32), h-l.px(32))
	draw.Draw(dst, box, image.NewUniform(p.Theme.Card), image.Point{}, draw.Over)
	p.drawer.Draw(dst, ln, float32(box.Min.X)+pad, float32(box.Min.Y)+pad+ln.Ascent, typeset.Style{Color: p.Theme.Text})
}

// Image draws slide i at its own view into a new w×h image: what an export
// of the slide shows.
func (p *Painter) Image(i, w, h int) (*image.RGBA, error) {
	v, ok := p.S.View(i, w, h, NewLayout(h))
	if !ok {
		v, _ = p.S.View(0, w, h, NewLayout(h))
		if v.Width == 0 {
			v = render.Viewport{Center: [2]float64{0.5, 0.42}, Zoom: 1, Width: w, Height: h}
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	return img, p.Draw(img, i, v)
}
