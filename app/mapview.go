package app

import (
	"image"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/paulmach/orb"
)

// MapView shows the map and the events on it. It keeps a viewport and hands
// every frame to a render.Renderer, drawing into one image shown by a
// single canvas.Raster (a canvas object per event would cost ~8 µs each per
// frame). Pan by dragging, zoom with the wheel around the cursor or with
// +/-, pan with the arrow keys, Home or 0 fits the data.
type MapView struct {
	widget.BaseWidget

	// OnSelected is called with the event index when a marker is tapped,
	// or -1 when the tap hit no marker.
	OnSelected func(i int)

	renderer *render.Renderer
	frame    render.Frame
	fit      orb.Bound
	hasFit   bool
	needFit  bool
	img      *image.RGBA
	fly      *fyne.Animation
	pxScale  float64    // image pixels per Fyne unit
	panRest  [2]float64 // the part of a pan smaller than a pixel, not yet made
	// OnFirstFrame, if set, is called after the first frame with data.
	OnFirstFrame func()
	// OnKey and OnRune, if set, see keys first and report whether they
	// used them: the window-wide timeline keys work while the map has
	// focus.
	OnKey  func(fyne.KeyName) bool
	OnRune func(rune) bool
	// OnSecondary, if set, is called with the point right-clicked (lon,
	// lat) and where on the screen, for a context menu.
	OnSecondary func(ll orb.Point, at fyne.Position)
	// OnMoved, if set, lets the selected marker be dragged, and is told
	// where it was dropped.
	OnMoved func(i int, ll orb.Point)

	drag   int
	dragTo orb.Point
	// early is the first frame, drawn in the background by Prerender
	// until the window paints; nil when there is none.
	early *earlyFrame
}

var (
	_ fyne.Widget            = (*MapView)(nil)
	_ fyne.Focusable         = (*MapView)(nil)
	_ fyne.Draggable         = (*MapView)(nil)
	_ fyne.Scrollable        = (*MapView)(nil)
	_ fyne.Tappable          = (*MapView)(nil)
	_ fyne.SecondaryTappable = (*MapView)(nil)
	_ desktop.Hoverable      = (*MapView)(nil)
)

// NewMapView returns a map of the whole world with no events.
func NewMapView(r *render.Renderer) *MapView {
	m := &MapView{renderer: r, pxScale: 1}
	m.frame = render.Frame{View: render.Viewport{Center: orb.Point{0.5, 0.42}, Zoom: 1.5, Width: 1, Height: 1}, Selected: -1}
	m.ExtendBaseWidget(m)
	return m
}

// SetMarks shows a new set of events and fits the view to bound (when ok).
func (m *MapView) SetMarks(marks *render.Marks, bound orb.Bound, ok bool) {
	m.settle()
	m.renderer.Marks = marks
	m.fit, m.hasFit, m.needFit = bound, ok, ok
	m.frame.Selected = -1
	m.frame.Window = render.Window{}
	m.Refresh()
}

// SetWindow sets the time window events are shown for.
func (m *MapView) SetWindow(w render.Window) {
	m.frame.Window = w
	m.Refresh()
}

// SetSelected highlights event i (-1 for none).
func (m *MapView) SetSelected(i int) {
	m.frame.Selected = i
	m.Refresh()
}

// SetPlaces shows place labels (nil: none).
func (m *MapView) SetPlaces(p *render.Places) {
	m.settle()
	m.renderer.Places = p
	m.Refresh()
}

// SetLocalNames labels places in their own script (true) or in Latin.
func (m *MapView) SetLocalNames(on bool) {
	m.settle()
	m.renderer.LocalNames = on
	m.Refresh()
}

// flyTime is how long FlyTo takes; zero jumps (tests).
var flyTime = 900 * time.Millisecond

// FlyTo moves the view to centre lon/lat at zoom, pinned, in a smooth
// flight that pulls back when the way is long, so the user sees where they
// are going.
func (m *MapView) FlyTo(ll orb.Point, zoom float64) {
	center := mercator.Project(ll)
	m.frame.Pin, m.frame.HasPin = center, true
	if m.fly != nil {
		m.fly.Stop()
	}
	from := m.frame.View
	to := render.Viewport{Center: center, Zoom: zoom, Width: from.Width, Height: from.Height}
	if flyTime == 0 {
		m.frame.View = to
		m.Refresh()
		return
	}
	path := render.Flight(from, to)
	m.fly = fyne.NewAnimation(flyTime, func(f float32) {
		m.frame.View = path(float64(f)).Resize(m.frame.View.Width, m.frame.View.Height)
		m.Refresh()
	})
	m.fly.Curve = fyne.AnimationEaseInOut
	m.fly.Start()
}

// ClearPin removes the searched-place marker.
func (m *MapView) ClearPin() {
	m.frame.HasPin = false
	m.Refresh()
}

// View returns the current viewport, in image pixels.
func (m *MapView) View() render.Viewport { return m.frame.View }

// FitData zooms to show every placed event.
func (m *MapView) FitData() {
	if !m.hasFit {
		return
	}
	v := m.frame.View
	m.frame.View = render.Fit(m.fit, v.Width, v.Height, 40*m.pxScale, 10)
	m.Refresh()
}

// ZoomBy zooms by dz levels around the centre.
func (m *MapView) ZoomBy(dz float64) {
	v := m.frame.View
	m.frame.View = v.ZoomAround(orb.Point{float64(v.Width) / 2, float64(v.Height) / 2}, dz)
	m.Refresh()
}

// PanBy moves the map by (dx, dy) Fyne units. The map moves by whole
// image pixels, carrying the rest to the next move, so that the
// renderer's basemap tiles stay on the pixel grid and a drag copies them.
func (m *MapView) PanBy(dx, dy float32) {
	x, y := m.panRest[0]+float64(dx)*m.pxScale, m.panRest[1]+float64(dy)*m.pxScale
	px, py := math.Round(x), math.Round(y)
	m.panRest = [2]float64{x - px, y - py}
	m.frame.View = m.frame.View.Pan(px, py)
	m.Refresh()
}

// draw is the raster generator: it renders the frame at the raster's pixel
// size, or shows the one Prerender drew.
func (m *MapView) draw(w, h int) image.Image {
	if w < 1 || h < 1 {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	view, px := m.viewAt(w, h)
	m.pxScale = px
	if img, ok := m.takeEarly(w, h); ok {
		m.img = img
	} else {
		m.frame.View, m.needFit = view, m.needFit && w <= 1
		if m.img == nil || m.img.Rect.Dx() != w || m.img.Rect.Dy() != h {
			m.img = image.NewRGBA(image.Rect(0, 0, w, h))
		}
		if err := m.renderer.Draw(m.img, m.frame); err != nil {
			fyne.LogError("drawing map", err)
		}
	}
	if m.renderer.Marks != nil && m.OnFirstFrame != nil {
		f := m.OnFirstFrame
		m.OnFirstFrame = nil
		f()
	}
	return m.img
}

// viewAt returns the view the map shows in an image of w×h pixels, fitted
// to the data when a fit is due, and the image pixels per Fyne unit.
func (m *MapView) viewAt(w, h int) (render.Viewport, float64) {
	px := m.pxScale
	if sz := m.Size(); sz.Width > 0 {
		px = float64(w) / float64(sz.Width)
	}
	if m.needFit && w > 1 {
		return render.Fit(m.fit, w, h, 40*px, 10), px
	}
	return m.frame.View.Resize(w, h), px
}

func (m *MapView) toPixel(p fyne.Position) orb.Point {
	return orb.Point{float64(p.X) * m.pxScale, float64(p.Y) * m.pxScale}
}

// Tapped selects the marker under the pointer and takes keyboard focus.
func (m *MapView) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil {
		c.Focus(m)
	}
	if m.renderer.Marks == nil || m.OnSelected == nil {
		return
	}
	m.settle()
	// A bubble of many events opens up: zoom in on it, as map users expect.
	if px := m.toPixel(ev.Position); m.renderer.ClusterAt(px) > 1 {
		m.frame.View = m.frame.View.ZoomAround(px, 2)
		m.Refresh()
		return
	}
	i, ok := m.renderer.Marks.Pick(m.frame.View, m.frame.Window, m.toPixel(ev.Position), (render.MarkerRadius+4)*m.pxScale)
	if !ok {
		i = -1
	}
	m.OnSelected(i)
}

// Dragged pans the map with the pointer — or, when the drag starts on the
// selected event's marker and moving is allowed (OnMoved is set), moves
// the marker: a ring follows the pointer until the drag ends.
func (m *MapView) Dragged(ev *fyne.DragEvent) {
	if m.drag == mapDragNone {
		m.drag = mapDragPan
		start := m.toPixel(ev.Position.SubtractXY(ev.Dragged.DX, ev.Dragged.DY))
		if i := m.frame.Selected; i >= 0 && m.OnMoved != nil && m.renderer.Marks != nil {
			if j, ok := m.renderer.Marks.Pick(m.frame.View, m.frame.Window, start, (render.MarkerRadius+4)*m.pxScale); ok && j == i {
				m.drag = mapDragMarker
			}
		}
	}
	if m.drag == mapDragPan {
		m.PanBy(ev.Dragged.DX, ev.Dragged.DY)
		return
	}
	m.dragTo = m.toPixel(ev.Position)
	m.frame.Pin, m.frame.HasPin = m.frame.View.ToWorld(m.dragTo), true
	m.Refresh()
}

// DragEnd ends a pan, or drops a dragged marker where it is.
func (m *MapView) DragEnd() {
	if m.drag == mapDragMarker {
		m.frame.HasPin = false
		m.OnMoved(m.frame.Selected, m.frame.View.Unproject(m.dragTo))
	}
	m.drag = mapDragNone
}

// Map drag states.
const (
	mapDragNone = iota
	mapDragPan
	mapDragMarker
)

// TappedSecondary offers what can be done at a point (OnSecondary).
func (m *MapView) TappedSecondary(ev *fyne.PointEvent) {
	if m.OnSecondary != nil {
		m.OnSecondary(m.frame.View.Unproject(m.toPixel(ev.Position)), ev.AbsolutePosition)
	}
}

// Scrolled zooms around the pointer; a wheel notch (±25) is half a level.
func (m *MapView) Scrolled(ev *fyne.ScrollEvent) {
	dz := float64(ev.Scrolled.DY) / 50
	if dz == 0 {
		return
	}
	m.frame.View = m.frame.View.ZoomAround(m.toPixel(ev.Position), dz)
	m.Refresh()
}

// MouseIn, MouseMoved and MouseOut make the map a hover target, so that the
// wheel reaches it on every desktop driver.
func (m *MapView) MouseIn(*desktop.MouseEvent)    {}
func (m *MapView) MouseMoved(*desktop.MouseEvent) {}
func (m *MapView) MouseOut()                      {}

// FocusGained and FocusLost implement fyne.Focusable.
func (m *MapView) FocusGained() {}
func (m *MapView) FocusLost()   {}

// panStep is how far an arrow key moves the map, in Fyne units.
const panStep = 80

// TypedKey pans with the arrows and fits with Home, after offering the key
// to OnKey. Zoom keys arrive as runes (TypedRune), so that a key that also
// types a character is not acted on twice.
func (m *MapView) TypedKey(ev *fyne.KeyEvent) {
	if m.OnKey != nil && m.OnKey(ev.Name) {
		return
	}
	switch ev.Name {
	case fyne.KeyLeft:
		m.PanBy(panStep, 0)
	case fyne.KeyRight:
		m.PanBy(-panStep, 0)
	case fyne.KeyUp:
		m.PanBy(0, panStep)
	case fyne.KeyDown:
		m.PanBy(0, -panStep)
	case fyne.KeyHome:
		m.FitData()
	}
}

// TypedRune zooms with + and -, fits with 0, after offering the rune to
// OnRune.
func (m *MapView) TypedRune(r rune) {
	if m.OnRune != nil && m.OnRune(r) {
		return
	}
	switch r {
	case '+', '=':
		m.ZoomBy(0.5)
	case '-':
		m.ZoomBy(-0.5)
	case '0':
		m.FitData()
	}
}

// CreateRenderer implements fyne.Widget.
func (m *MapView) CreateRenderer() fyne.WidgetRenderer {
	raster := canvas.NewRaster(m.draw)
	return &mapRenderer{raster: raster}
}

// MinSize keeps the map usable when the window is small.
func (m *MapView) MinSize() fyne.Size { return fyne.NewSize(320, 240) }

type mapRenderer struct{ raster *canvas.Raster }

func (r *mapRenderer) Layout(s fyne.Size)           { r.raster.Resize(s) }
func (r *mapRenderer) MinSize() fyne.Size           { return fyne.NewSize(320, 240) }
func (r *mapRenderer) Refresh()                     { r.raster.Refresh() }
func (r *mapRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.raster} }
func (r *mapRenderer) Destroy()                     {}
