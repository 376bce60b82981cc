package app

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/chrono"
)

// Tick marks an event's start on the slider track.
type Tick struct {
	At    float64 // seconds since the Unix epoch
	Color color.RGBA
}

// TimeSlider picks a time window [From, To) inside [Min, Max]: drag either
// handle to move that end, drag inside the window to move it whole, tap the
// track to move the nearer end there. Events are ticked on the track.
type TimeSlider struct {
	widget.BaseWidget

	Min, Max float64
	From, To float64
	Ticks    []Tick
	// OnChanged is called as the window moves.
	OnChanged func(from, to float64)

	mode dragMode
	grab float64 // pointer time minus From when a window drag began
}

type dragMode uint8

const (
	dragNone dragMode = iota
	dragFrom
	dragTo
	dragWindow
)

const (
	sliderPad    = 12 // horizontal inset of the track, Fyne units
	trackTop     = 6
	trackHeight  = 22
	handleWidth  = 6
	sliderHeight = 52
)

var _ fyne.Draggable = (*TimeSlider)(nil)
var _ fyne.Tappable = (*TimeSlider)(nil)

// NewTimeSlider returns a slider with an empty range.
func NewTimeSlider() *TimeSlider {
	s := &TimeSlider{}
	s.ExtendBaseWidget(s)
	return s
}

// SetRange sets the range and opens the window over all of it.
func (s *TimeSlider) SetRange(lo, hi float64, ticks []Tick) {
	if hi <= lo {
		hi = lo + 86400
	}
	s.Min, s.Max, s.From, s.To, s.Ticks = lo, hi, lo, hi, ticks
	s.Refresh()
}

// SetWindow moves the window, clamped to the range, and reports it.
func (s *TimeSlider) SetWindow(from, to float64) {
	minWidth := (s.Max - s.Min) / 10000
	from = math.Max(s.Min, math.Min(from, s.Max-minWidth))
	to = math.Min(s.Max, math.Max(to, from+minWidth))
	s.From, s.To = from, to
	s.Refresh()
	if s.OnChanged != nil {
		s.OnChanged(from, to)
	}
}

// Full reports whether the window covers the whole range.
func (s *TimeSlider) Full() bool { return s.From <= s.Min && s.To >= s.Max }

func (s *TimeSlider) xOf(t float64) float32 {
	w := s.Size().Width - 2*sliderPad
	if s.Max <= s.Min || w <= 0 {
		return sliderPad
	}
	return sliderPad + float32((t-s.Min)/(s.Max-s.Min))*w
}

func (s *TimeSlider) timeAt(x float32) float64 {
	w := s.Size().Width - 2*sliderPad
	if w <= 0 {
		return s.Min
	}
	f := math.Max(0, math.Min(1, float64((x-sliderPad)/w)))
	return s.Min + f*(s.Max-s.Min)
}

// Dragged moves a handle or the window; what moves is decided where the
// drag starts.
func (s *TimeSlider) Dragged(ev *fyne.DragEvent) {
	x := ev.Position.X
	t := s.timeAt(x)
	if s.mode == dragNone {
		fx, tx := s.xOf(s.From), s.xOf(s.To)
		switch {
		case abs32(x-fx) <= 8 && abs32(x-fx) <= abs32(x-tx):
			s.mode = dragFrom
		case abs32(x-tx) <= 8:
			s.mode = dragTo
		case x > fx && x < tx:
			s.mode, s.grab = dragWindow, t-s.From
		case x <= fx:
			s.mode = dragFrom
		default:
			s.mode = dragTo
		}
	}
	switch s.mode {
	case dragFrom:
		s.SetWindow(math.Min(t, s.To), s.To)
	case dragTo:
		s.SetWindow(s.From, math.Max(t, s.From))
	case dragWindow:
		width := s.To - s.From
		from := math.Max(s.Min, math.Min(t-s.grab, s.Max-width))
		s.SetWindow(from, from+width)
	}
}

// DragEnd finishes a drag.
func (s *TimeSlider) DragEnd() { s.mode = dragNone }

// Tapped moves the nearer end of the window to the tapped time.
func (s *TimeSlider) Tapped(ev *fyne.PointEvent) {
	t := s.timeAt(ev.Position.X)
	if math.Abs(t-s.From) < math.Abs(t-s.To) {
		s.SetWindow(t, s.To)
	} else {
		s.SetWindow(s.From, t)
	}
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// label formats a slider time at a precision suited to the range shown.
func (s *TimeSlider) label(t float64) string {
	span := s.Max - s.Min
	p := chrono.Day
	switch {
	case span > 40*365.25*86400:
		p = chrono.Year
	case span > 3*365.25*86400:
		p = chrono.Month
	case span < 2*86400:
		p = chrono.Minute
	}
	sec := math.Floor(t)
	return chrono.FromInstant(chrono.Instant{Sec: int64(sec)}, p).String()
}

// CreateRenderer implements fyne.Widget.
func (s *TimeSlider) CreateRenderer() fyne.WidgetRenderer {
	r := &sliderRenderer{s: s,
		track:  canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		window: canvas.NewRectangle(color.NRGBA{0, 114, 178, 60}),
		from:   canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)),
		to:     canvas.NewRectangle(theme.Color(theme.ColorNamePrimary)),
		lo:     canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		hi:     canvas.NewText("", theme.Color(theme.ColorNameForeground)),
		sel:    canvas.NewText("", theme.Color(theme.ColorNameForeground)),
	}
	r.ticks = canvas.NewRaster(r.drawTicks)
	r.sel.Alignment = fyne.TextAlignCenter
	r.sel.TextStyle.Bold = true
	r.hi.Alignment = fyne.TextAlignTrailing
	r.track.CornerRadius = 4
	return r
}

// MinSize is one track plus a line of labels.
func (s *TimeSlider) MinSize() fyne.Size { return fyne.NewSize(200, sliderHeight) }

type sliderRenderer struct {
	s             *TimeSlider
	track, window *canvas.Rectangle
	from, to      *canvas.Rectangle
	ticks         *canvas.Raster
	tickImg       *image.RGBA
	lo, hi, sel   *canvas.Text
}

func (r *sliderRenderer) Layout(size fyne.Size) {
	s := r.s
	r.track.Move(fyne.NewPos(sliderPad, trackTop))
	r.track.Resize(fyne.NewSize(size.Width-2*sliderPad, trackHeight))
	r.ticks.Move(r.track.Position())
	r.ticks.Resize(r.track.Size())
	fx, tx := s.xOf(s.From), s.xOf(s.To)
	r.window.Move(fyne.NewPos(fx, trackTop-2))
	r.window.Resize(fyne.NewSize(tx-fx, trackHeight+4))
	for _, h := range []struct {
		rect *canvas.Rectangle
		x    float32
	}{{r.from, fx}, {r.to, tx}} {
		h.rect.Move(fyne.NewPos(h.x-handleWidth/2, trackTop-4))
		h.rect.Resize(fyne.NewSize(handleWidth, trackHeight+8))
	}
	y := float32(trackTop + trackHeight + 6)
	for _, t := range []*canvas.Text{r.lo, r.hi, r.sel} {
		t.TextSize = theme.TextSize() * 0.9
	}
	r.lo.Move(fyne.NewPos(sliderPad, y))
	r.hi.Move(fyne.NewPos(size.Width-sliderPad-r.hi.MinSize().Width, y))
	r.sel.Move(fyne.NewPos((size.Width-r.sel.MinSize().Width)/2, y))
	for _, t := range []*canvas.Text{r.lo, r.hi, r.sel} {
		t.Resize(t.MinSize())
	}
}

func (r *sliderRenderer) MinSize() fyne.Size { return r.s.MinSize() }

func (r *sliderRenderer) Refresh() {
	s := r.s
	if s.Max > s.Min {
		r.lo.Text, r.hi.Text = s.label(s.Min), s.label(s.Max)
		r.sel.Text = "Showing " + s.label(s.From) + " – " + s.label(s.To)
		if s.Full() {
			r.sel.Text = "Showing all"
		}
	}
	r.Layout(s.Size())
	for _, o := range r.Objects() {
		o.Refresh()
	}
}

// drawTicks draws one 1-pixel tick per event start across the track, into
// an RGBA image kept between refreshes (RGBA uploads far faster than NRGBA).
func (r *sliderRenderer) drawTicks(w, h int) image.Image {
	if r.tickImg == nil || r.tickImg.Rect.Dx() != w || r.tickImg.Rect.Dy() != h {
		r.tickImg = image.NewRGBA(image.Rect(0, 0, w, h))
	} else {
		clear(r.tickImg.Pix)
	}
	img, s := r.tickImg, r.s
	if s.Max <= s.Min {
		return img
	}
	for _, t := range s.Ticks {
		x := int((t.At - s.Min) / (s.Max - s.Min) * float64(w-1))
		if x < 0 || x >= w {
			continue
		}
		for y := h / 5; y < h-h/5; y++ {
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = t.Color.R, t.Color.G, t.Color.B, 255
		}
	}
	return img
}

func (r *sliderRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.ticks, r.window, r.from, r.to, r.lo, r.hi, r.sel}
}

func (r *sliderRenderer) Destroy() {}
