package app

import (
	"image"
	"math"

	"fyne.io/fyne/v2"
	"github.com/meridian-app/meridian/geo/render"
)

// earlyFrame is the map's first frame, fitted to the data and drawn on
// another goroutine before the window paints.
type earlyFrame struct {
	frame render.Frame
	img   *image.RGBA
	err   error
	done  chan struct{} // closed when img is drawn
}

// maxTrim is how many pixels an early frame may be larger than the map
// turns out to be, in each direction, and still be shown cut down: the
// fit leaves 40 px around the data, so trimming half of maxTrim from each
// side keeps all of it in view.
const maxTrim = 64

// Prerender starts drawing the map's first frame with data in the
// background, fitted to the data at the size the map is laid out at and
// scale image pixels per Fyne unit, so that the window's first paint finds
// it drawn. Run calls it just before the window is shown: GLFW then spends
// a quarter of a second making the window on the UI goroutine's core
// while the other draws the map, which the first paint used to draw
// itself. It draws as a Background renderer: on that one core, and
// without setting the tiles ahead of a pan going, which would take the
// cores the window needs; the next frame drawn starts them.
//
// The window lays the map out again once it exists, a little smaller (its
// menu bar and padding take room): a frame up to maxTrim pixels larger in
// each direction is shown cut down to the middle, at the zoom fitted for
// it. Any other size (the window came out at another scale), or a frame
// that changed meanwhile, is dropped and drawn again.
//
// The renderer is not safe for concurrent use, so until the frame is
// taken every method that uses the renderer first waits for it (settle).
func (m *MapView) Prerender(scale float32) {
	m.settle()
	sz := m.Size()
	w, h := int(math.Round(float64(sz.Width*scale))), int(math.Round(float64(sz.Height*scale)))
	if w < 2 || h < 2 || m.renderer.Marks == nil || !m.needFit {
		return
	}
	e := &earlyFrame{frame: m.frame, img: image.NewRGBA(image.Rect(0, 0, w, h)), done: make(chan struct{})}
	e.frame.View, _ = m.viewAt(w, h)
	m.early = e
	r := m.renderer
	go func() {
		defer close(e.done)
		r.Background = true
		e.err = r.Draw(e.img, e.frame)
		r.Background = false
	}()
}

// settle waits for a frame started by Prerender and returns it, leaving
// the renderer to the UI goroutine; nil when there is none.
func (m *MapView) settle() *earlyFrame {
	e := m.early
	if e == nil {
		return nil
	}
	m.early = nil
	<-e.done
	if e.err != nil {
		fyne.LogError("drawing map", e.err)
		return nil
	}
	return e
}

// takeEarly returns the frame Prerender drew, cut to w×h, if there is one
// and it fits.
func (m *MapView) takeEarly(w, h int) (*image.RGBA, bool) {
	e := m.settle()
	if e == nil {
		return nil, false
	}
	return m.fromEarly(e, w, h)
}

// fromEarly returns the early frame e cut to w×h pixels, and makes its
// view the map's, when the map still awaits the fit e was drawn for and
// nothing else of the frame has changed.
func (m *MapView) fromEarly(e *earlyFrame, w, h int) (*image.RGBA, bool) {
	v0 := e.frame.View
	dx, dy := v0.Width-w, v0.Height-h
	if !m.needFit || dx < 0 || dy < 0 || dx > maxTrim || dy > maxTrim {
		return nil, false
	}
	dx, dy = dx/2, dy/2
	v := v0.Resize(w, h)
	// Pixel (x, y) of the cut frame is pixel (x+dx, y+dy) of e's.
	v.Center = v0.ToWorld([2]float64{float64(dx) + float64(w)/2, float64(dy) + float64(h)/2})
	want := e.frame
	want.View = m.frame.View
	if want != m.frame {
		return nil, false
	}
	// Cut in place: each row moves to an offset no later than its own, so
	// copying rows in order never overwrites one still to be read, and a
	// new image would fault in megabytes of fresh pages during the paint.
	stride := 4 * w
	for y := range h {
		src := (y+dy)*e.img.Stride + 4*dx
		copy(e.img.Pix[y*stride:(y+1)*stride], e.img.Pix[src:src+stride])
	}
	img := &image.RGBA{Pix: e.img.Pix[:h*stride], Stride: stride, Rect: image.Rect(0, 0, w, h)}
	m.frame.View, m.needFit = v, false
	return img, true
}
