package app

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/timeaxis"
)

// Timeline is the time control under the map: an axis that zooms with the
// wheel and pans by dragging, from billions of years down to seconds; a
// density histogram of the events over the visible stretch; a tick per
// event (a bar for a span) once zoomed in far enough to tell them apart;
// and a time window with two handles and a draggable middle.
//
// Tap an event tick to select it; tap elsewhere to move the window there.
// With focus, + and - zoom the axis and the arrows pan it; the keys of
// TypedShortcutKey work from anywhere in the window.
type Timeline struct {
	widget.BaseWidget

	// OnWindow is called whenever the window moves.
	OnWindow func(from, to float64)
	// OnSelected is called with the event index when its tick is tapped.
	OnSelected func(i int)

	marks    *render.Marks
	axis     timeaxis.Axis
	lo, hi   float64 // the data's time range
	from, to float64 // the window
	hasData  bool
	selected int
	focused  bool

	drag     dragMode
	grabTime float64 // time under the pointer when a window drag began
	player   player
}

type dragMode uint8

const (
	dragNone dragMode = iota
	dragFrom
	dragTo
	dragWindow
	dragAxis
)

// Geometry of the widget, in Fyne units from the top.
const (
	histTop      = 2
	histHeight   = 30
	laneTop      = histTop + histHeight + 2
	laneHeight   = 6
	lanes        = 3
	axisY        = laneTop + lanes*(laneHeight+1) + 3
	labelY       = axisY + 3
	timelineHigh = labelY + 20
	handleGrab   = 7  // how near a handle a drag grabs it
	tickGrab     = 5  // how near an event tick a tap selects it
	labelGap     = 96 // least space between axis labels
	// detailLimit is the most events drawn as ticks; beyond it only the
	// histogram is drawn, which costs the same for any number of events.
	detailLimit = 3000
)

var (
	_ fyne.Draggable    = (*Timeline)(nil)
	_ fyne.Scrollable   = (*Timeline)(nil)
	_ fyne.Tappable     = (*Timeline)(nil)
	_ fyne.Focusable    = (*Timeline)(nil)
	_ desktop.Hoverable = (*Timeline)(nil)
)

// NewTimeline returns an empty timeline.
func NewTimeline() *Timeline {
	t := &Timeline{selected: -1}
	t.axis = timeaxis.Fit(0, timeaxis.Year, 600)
	t.player = newPlayer(t)
	t.ExtendBaseWidget(t)
	return t
}

// SetData shows a new set of events: the axis fits their range and the
// window opens over all of it.
func (t *Timeline) SetData(m *render.Marks) {
	t.player.pause()
	t.marks, t.selected = m, -1
	lo, hi, ok := m.Index().Range()
	if !ok {
		lo, hi = 0, timeaxis.Day
	}
	if hi <= lo {
		hi = lo + timeaxis.Day
	}
	t.lo, t.hi, t.hasData = lo, hi, ok
	t.axis = timeaxis.Fit(lo, hi, t.axisWidth())
	t.from, t.to = lo, hi
	t.Refresh()
}

// Range returns the data's time range.
func (t *Timeline) Range() (lo, hi float64) { return t.lo, t.hi }

// Window returns the time window.
func (t *Timeline) Window() (from, to float64) { return t.from, t.to }

// Full reports whether the window covers all the data.
func (t *Timeline) Full() bool { return t.from <= t.lo && t.to >= t.hi }

// Axis returns the visible stretch of time.
func (t *Timeline) Axis() timeaxis.Axis { return t.axis }

// SetAxis shows [min, max) on the axis.
func (t *Timeline) SetAxis(min, max float64) {
	t.axis = timeaxis.Axis{Min: min, Max: max, Width: t.axisWidth()}
	t.axis = t.axis.Zoom(1, 0)
	t.Refresh()
}

// SetWindow moves the window and reports it. A window narrower than the
// axis can resolve is widened to one second.
func (t *Timeline) SetWindow(from, to float64) {
	if to < from {
		from, to = to, from
	}
	if to-from < 1 {
		to = from + 1
	}
	t.from, t.to = from, to
	t.Refresh()
	if t.OnWindow != nil {
		t.OnWindow(from, to)
	}
}

// ShowAll opens the window over the whole data range and fits the axis.
func (t *Timeline) ShowAll() {
	t.axis = timeaxis.Fit(t.lo, t.hi, t.axisWidth())
	t.SetWindow(t.lo, t.hi)
}

// Step moves the window by n window lengths (negative: back in time).
func (t *Timeline) Step(n float64) {
	d := (t.to - t.from) * n
	t.SetWindow(t.from+d, t.to+d)
	t.keepWindowInView()
}

// JumpTo moves the window to [lo, hi): to the span itself when it is longer
// than the window or the window shows everything, else centred on it with
// the window's length.
func (t *Timeline) JumpTo(lo, hi float64) {
	if t.Full() && !math.IsInf(lo, 0) && !math.IsInf(hi, 0) {
		t.SetWindow(lo, hi)
		t.axis = timeaxis.Fit(lo, hi, t.axisWidth()).Zoom(3, t.axisWidth()/2)
		t.Refresh()
		return
	}
	if math.IsInf(lo, -1) {
		lo = hi - (t.to - t.from)
	}
	if math.IsInf(hi, 1) {
		hi = lo + (t.to - t.from)
	}
	if length := t.to - t.from; hi-lo < length {
		mid := lo + (hi-lo)/2
		lo, hi = mid-length/2, mid+length/2
	}
	t.SetWindow(lo, hi)
	t.axis = timeaxis.Fit(lo, hi, t.axisWidth()).Zoom(3, t.axisWidth()/2)
	t.Refresh()
}

// JumpToStart moves the window, keeping its length, to where the data begin.
func (t *Timeline) JumpToStart() {
	t.SetWindow(t.lo, t.lo+(t.to-t.from))
	t.keepWindowInView()
}

// JumpToEnd moves the window, keeping its length, to where the data end.
func (t *Timeline) JumpToEnd() {
	t.SetWindow(t.hi-(t.to-t.from), t.hi)
	t.keepWindowInView()
}

// ZoomBy zooms the axis around its middle; factor < 1 zooms in.
func (t *Timeline) ZoomBy(factor float64) {
	t.axis = t.axis.Zoom(factor, t.axis.Width/2)
	t.Refresh()
}

// SetSelected highlights event i's tick (-1: none) and brings it into view.
func (t *Timeline) SetSelected(i int) {
	t.selected = i
	if i >= 0 && t.marks != nil && i < t.marks.Len() {
		lo, hi := t.marks.Bounds(i)
		if !math.IsInf(lo, 0) && (lo < t.axis.Min || lo > t.axis.Max) {
			t.axis = t.axis.CenterOn(lo)
		} else if math.IsInf(lo, 0) && !math.IsInf(hi, 0) && (hi < t.axis.Min || hi > t.axis.Max) {
			t.axis = t.axis.CenterOn(hi)
		}
	}
	t.Refresh()
}

// keepWindowInView pans the axis when the window has left it.
func (t *Timeline) keepWindowInView() {
	if t.from < t.axis.Min || t.to > t.axis.Max {
		if t.to-t.from > t.axis.Span() {
			t.axis = timeaxis.Fit(t.from, t.to, t.axisWidth())
		} else {
			t.axis = t.axis.CenterOn(t.from + (t.to-t.from)/2)
		}
		t.Refresh()
	}
}

func (t *Timeline) axisWidth() float64 {
	if w := float64(t.Size().Width); w > 0 {
		return w
	}
	return 600
}

// Resize keeps the axis's time span and stretches it over the new width.
func (t *Timeline) Resize(s fyne.Size) {
	t.axis.Width = float64(s.Width)
	t.BaseWidget.Resize(s)
}

// MinSize is the histogram, the event lanes and a line of labels.
func (t *Timeline) MinSize() fyne.Size { return fyne.NewSize(240, timelineHigh) }

// Dragged moves a handle, the window or the axis; which is decided where
// the drag starts: on a handle, inside the window above the axis, or
// anywhere else.
func (t *Timeline) Dragged(ev *fyne.DragEvent) {
	x := float64(ev.Position.X)
	if t.drag == dragNone {
		start := x - float64(ev.Dragged.DX)
		fx, tx := t.axis.X(t.from), t.axis.X(t.to)
		switch {
		case math.Abs(start-fx) <= handleGrab && math.Abs(start-fx) <= math.Abs(start-tx):
			t.drag = dragFrom
		case math.Abs(start-tx) <= handleGrab:
			t.drag = dragTo
		case start > fx && start < tx && ev.Position.Y < axisY:
			t.drag, t.grabTime = dragWindow, t.axis.T(start)
		default:
			t.drag = dragAxis
		}
	}
	switch t.drag {
	case dragFrom:
		t.SetWindow(math.Min(t.axis.T(x), t.to-1), t.to)
	case dragTo:
		t.SetWindow(t.from, math.Max(t.axis.T(x), t.from+1))
	case dragWindow:
		d := t.axis.T(x) - t.grabTime
		t.grabTime += d
		t.SetWindow(t.from+d, t.to+d)
	case dragAxis:
		t.axis = t.axis.Pan(-float64(ev.Dragged.DX))
		t.Refresh()
	}
}

// DragEnd finishes a drag.
func (t *Timeline) DragEnd() { t.drag = dragNone }

// Scrolled zooms the axis around the pointer (wheel) or pans it (a
// sideways scroll, as touchpads send).
func (t *Timeline) Scrolled(ev *fyne.ScrollEvent) {
	if math.Abs(float64(ev.Scrolled.DX)) > math.Abs(float64(ev.Scrolled.DY)) {
		t.axis = t.axis.Pan(-float64(ev.Scrolled.DX))
	} else {
		// A wheel notch is ±25; each notch zooms by a quarter.
		t.axis = t.axis.Zoom(math.Pow(1.25, -float64(ev.Scrolled.DY)/25), float64(ev.Position.X))
	}
	t.Refresh()
}

// Tapped selects the event under the pointer, or moves the window there.
func (t *Timeline) Tapped(ev *fyne.PointEvent) {
	if c := fyne.CurrentApp(); c != nil {
		if w := c.Driver().CanvasForObject(t); w != nil {
			w.Focus(t)
		}
	}
	if i, ok := t.pick(float64(ev.Position.X)); ok {
		if t.OnSelected != nil {
			t.OnSelected(i)
		}
		return
	}
	at, half := t.axis.T(float64(ev.Position.X)), (t.to-t.from)/2
	t.SetWindow(at-half, at+half)
}

// pick returns the event whose tick is nearest x, within tickGrab; of
// events equally near (a tick inside a long span), the shortest wins. Ticks
// that coincide (two events on one day) take turns: tapping again picks the
// next one after the selected event.
func (t *Timeline) pick(x float64) (int, bool) {
	if t.marks == nil {
		return -1, false
	}
	ix := t.marks.Index()
	if ix.Count(t.axis.Min, t.axis.Max) > detailLimit {
		return -1, false
	}
	type cand struct {
		i      int
		d, len float64
	}
	var best []cand
	for _, i := range ix.Visible(t.axis.T(x-tickGrab), t.axis.T(x+tickGrab), nil) {
		lo, hi := t.marks.Bounds(int(i))
		x0, x1 := t.axis.X(lo), t.axis.X(hi)
		c := cand{i: int(i), len: hi - lo}
		switch {
		case x < x0:
			c.d = x0 - x
		case x > x1:
			c.d = x - x1
		}
		switch {
		case c.d > tickGrab:
		case len(best) == 0 || c.d < best[0].d-0.5 || (math.Abs(c.d-best[0].d) <= 0.5 && c.len < best[0].len):
			best = append(best[:0], c)
		case math.Abs(c.d-best[0].d) <= 0.5 && c.len == best[0].len:
			best = append(best, c)
		}
	}
	if len(best) == 0 {
		return -1, false
	}
	slices.SortFunc(best, func(a, b cand) int { return a.i - b.i })
	for k, c := range best {
		if c.i == t.selected {
			return best[(k+1)%len(best)].i, true
		}
	}
	return best[0].i, true
}

// FocusGained and FocusLost implement fyne.Focusable.
func (t *Timeline) FocusGained() { t.focused = true; t.Refresh() }
func (t *Timeline) FocusLost()   { t.focused = false; t.Refresh() }

// TypedRune zooms the axis with + and -, and passes the rest to the
// window-wide keys.
func (t *Timeline) TypedRune(r rune) {
	switch r {
	case '+', '=':
		t.ZoomBy(0.5)
	case '-':
		t.ZoomBy(2)
	default:
		t.ShortcutRune(r)
	}
}

// TypedKey pans the axis with the arrows, and passes the rest to the
// window-wide keys.
func (t *Timeline) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft:
		t.axis = t.axis.Pan(-t.axis.Width / 8)
		t.Refresh()
	case fyne.KeyRight:
		t.axis = t.axis.Pan(t.axis.Width / 8)
		t.Refresh()
	default:
		t.ShortcutKey(ev.Name)
	}
}

// ShortcutKey handles the timeline keys that work from anywhere: space
// plays or pauses, Home and End jump to the data's start and end. It
// reports whether it used the key.
func (t *Timeline) ShortcutKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeySpace:
		t.player.toggle()
	case fyne.KeyHome:
		t.JumpToStart()
	case fyne.KeyEnd:
		t.JumpToEnd()
	default:
		return false
	}
	return true
}

// ShortcutRune handles [ and ], which step the window back and forward by
// its own length, from anywhere. It reports whether it used the rune.
func (t *Timeline) ShortcutRune(r rune) bool {
	switch r {
	case '[':
		t.Step(-1)
	case ']':
		t.Step(1)
	default:
		return false
	}
	return true
}

// MouseIn, MouseMoved and MouseOut implement desktop.Hoverable, so the
// wheel reaches the timeline.
func (t *Timeline) MouseIn(*desktop.MouseEvent)    {}
func (t *Timeline) MouseMoved(*desktop.MouseEvent) {}
func (t *Timeline) MouseOut()                      {}
