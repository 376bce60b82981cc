// Package animate records time playback as an animated GIF: the map with
// a time window sliding across a range, frame by frame, as the window's
// play button shows it — the window a twentieth of the range wide, ended
// events kept faded — with the window's dates, legend and attribution
// drawn on every frame.
package animate

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"io"
	"math"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/typeset"
)

// ErrEmpty means there was nothing to record: no time range, or every
// frame skipped.
var ErrEmpty = errors.New("animate: no frames")

// Options say what to record.
type Options struct {
	From, To  float64 // the range, seconds since 1970
	Seconds   float64 // playing time
	FPS       int     // frames per second (10 if zero)
	SkipEmpty bool    // leave out frames whose window holds no event
}

// windowShare is the window's width as a share of the range, as playback
// starts it.
const windowShare = 1.0 / 20

// Windows are the time windows of the frames, in order, with how many
// were skipped as empty.
func Windows(m *render.Marks, o Options) (ws []render.Window, skipped int) {
	fps := o.FPS
	if fps <= 0 {
		fps = 10
	}
	n := max(1, int(math.Round(o.Seconds*float64(fps))))
	span := o.To - o.From
	width := span * windowShare
	for k := range n {
		from := o.From
		if n > 1 {
			from += (span - width) * float64(k) / float64(n-1)
		}
		w := render.Window{From: from, To: from + width, Trail: math.Inf(1)}
		if o.SkipEmpty && m != nil && len(m.Index().Visible(w.From, w.To, nil)) == 0 {
			skipped++
			continue
		}
		ws = append(ws, w)
	}
	return ws, skipped
}

// GIF writes the recording of r's events over view to out and returns the
// number of frames.
func GIF(out io.Writer, r *render.Renderer, view render.Viewport, o Options) (int, error) {
	if !(o.To > o.From) {
		return 0, fmt.Errorf("%w: the range is empty", ErrEmpty)
	}
	ws, _ := Windows(r.Marks, o)
	if len(ws) == 0 {
		return 0, fmt.Errorf("%w: every frame was empty", ErrEmpty)
	}
	fps := o.FPS
	if fps <= 0 {
		fps = 10
	}
	fonts, err := typeset.Default()
	if err != nil {
		return 0, err
	}
	var d typeset.Drawer
	img := image.NewRGBA(image.Rect(0, 0, view.Width, view.Height))
	anim := &gif.GIF{LoopCount: 0}
	delay := max(2, int(math.Round(100/float64(fps))))
	for _, w := range ws {
		if err := r.Draw(img, render.Frame{View: view, Window: w, Selected: -1}); err != nil {
			return 0, err
		}
		r.DrawLegend(img)
		caption(img, fonts, &d, w, o.To-o.From)
		pal := image.NewPaletted(img.Rect, palette.Plan9)
		draw.FloydSteinberg.Draw(pal, img.Rect, img, image.Point{})
		anim.Image = append(anim.Image, pal)
		anim.Delay = append(anim.Delay, delay)
	}
	return len(anim.Image), gif.EncodeAll(out, anim)
}

// caption writes the window's dates at the bottom left, at the precision
// the range calls for.
func caption(dst *image.RGBA, f *typeset.Fonts, d *typeset.Drawer, w render.Window, span float64) {
	text := Label(w.From, w.To, span)
	size := float32(max(16, dst.Rect.Dy()/24))
	l := f.Shape(text, size)
	d.Draw(dst, l, 14, float32(dst.Rect.Dy())-14-l.Descent, typeset.Style{
		Color: color.RGBA{20, 20, 24, 255}, Halo: color.RGBA{255, 255, 255, 255}, HaloWidth: 3})
}

// Label names a window, "5 Sep 2016 – 7 Sep 2016" or "March 2011", at the
// precision a range span seconds long needs.
func Label(from, to, span float64) string {
	prec := chrono.Day
	switch {
	case span > 3*365*86400:
		prec = chrono.Year
	case span > 120*86400:
		prec = chrono.Month
	}
	a, b := at(from, prec), at(to, prec)
	if a == b {
		return a.String()
	}
	return chrono.Span{Start: a, End: b}.String()
}

func at(sec float64, p chrono.Precision) chrono.Time {
	t, err := chrono.FromEpochSeconds(sec)
	if err != nil {
		return chrono.Time{}
	}
	t.Prec = p
	if p < chrono.Day {
		t.Day = 0
	}
	if p < chrono.Month {
		t.Month = 0
	}
	t.Hour, t.Minute, t.Second, t.Milli, t.Zoned, t.Offset = 0, 0, 0, 0, false, 0
	return t
}
