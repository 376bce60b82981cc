package render

import (
	"image"
	"image/color"
	"math"
	"slices"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/meridian-app/meridian/geo/timeindex"
	"github.com/paulmach/orb"
)

// Window is the time window events are shown for, as seconds since the Unix
// epoch, half-open [From, To). The zero Window is "all time".
//
// Trail is how long, in seconds, an event that ended before From stays on
// the map, fading as it ages: 0 removes it at once, +Inf keeps every past
// event, faded.
type Window struct {
	From, To float64
	Trail    float64
}

// All reports whether the window shows every event, dated or not.
func (w Window) All() bool { return w.From == 0 && w.To == 0 }

// pastAlpha is the opacity of a faded event that has just ended.
const pastAlpha = 110

// fade returns the opacity (0–pastAlpha) of an event that ended at hi.
func (w Window) fade(hi float64) uint32 {
	age := w.From - hi
	switch {
	case age < 0 || age > w.Trail || w.Trail == 0:
		return 0
	case math.IsInf(w.Trail, 1):
		return pastAlpha
	}
	return uint32(math.Ceil(pastAlpha * (1 - age/w.Trail)))
}

// State is how an event relates to the time window.
type State uint8

// Event states, in the order they are drawn (later on top).
const (
	Hidden  State = iota // starts after the window, is undated, or ended before the trail
	Past                 // ended before the window, within its trail: drawn faded
	Current              // overlaps the window
)

// Marks is an event collection prepared for drawing and picking: anchors
// projected to world units, time bounds and colours computed once at load,
// so a frame only scales and tests numbers. Read-only after NewMarks and
// safe for concurrent use.
type Marks struct {
	Categories []string     // sorted; index = colour
	anchor     []anchorFix  // see world
	lo, hi     []float64    // time bounds, seconds
	color      []color.RGBA // per event
	// shapes are the line and area events' paths, by event; most events
	// are points, and a million empty slices cost 24 MB.
	shapes map[int32]shape
	index  *timeindex.Index
	space  *spatial
}

// shape is a line or area event's paths in world units.
type shape struct {
	paths []mercator.Path
	area  bool // closed rings to fill
}

// anchorFix is an anchor in world units (0–1) as 32-bit binary fractions in
// steps of 2⁻³¹ of the world, 1.9 cm at the equator: half the memory of
// two float64s, 8 MB at a million events.
type anchorFix [2]uint32

const (
	worldFixBits = 31
	worldFix     = 1 << worldFixBits
	unplaced     = math.MaxUint32 // x of an event with no place
)

func fix(w orb.Point) anchorFix {
	return anchorFix{uint32(math.Round(w[0] * worldFix)), uint32(math.Round(w[1] * worldFix))}
}

// world returns event i's anchor in world units, NaN when it has no place.
func (m *Marks) world(i int) orb.Point {
	a := m.anchor[i]
	if a[0] == unplaced {
		return orb.Point{math.NaN(), math.NaN()}
	}
	return orb.Point{float64(a[0]) * (1.0 / worldFix), float64(a[1]) * (1.0 / worldFix)}
}

// NewMarks prepares collection c.
func NewMarks(c *event.Collection) *Marks {
	n := len(c.Events)
	m := &Marks{Categories: c.Categories(), anchor: make([]anchorFix, n), lo: make([]float64, n), hi: make([]float64, n),
		color: make([]color.RGBA, n), shapes: map[int32]shape{}}
	for i := range c.Events {
		e := &c.Events[i]
		m.anchor[i] = anchorFix{unplaced, unplaced}
		if a, ok := e.Anchor(); ok {
			m.anchor[i] = fix(mercator.Project(a))
		}
		m.lo[i], m.hi[i] = e.When.Bounds()
		m.color[i] = EventColor(e.Extra, slices.Index(m.Categories, e.Category))
		if _, isPoint := e.Geometry.(orb.Point); e.Geometry != nil && !isPoint {
			sh := shape{paths: mercator.AppendGeometry(nil, e.Geometry)}
			switch e.Geometry.(type) {
			case orb.Polygon, orb.MultiPolygon:
				sh.area = true
			}
			if sh.paths != nil {
				m.shapes[int32(i)] = sh
			}
		}
	}
	m.index = timeindex.New(m.lo, m.hi)
	m.space = newSpatial(n, m.world)
	return m
}

// Index returns the time index of the events, for histograms and windows.
func (m *Marks) Index() *timeindex.Index { return m.index }

// Bounds returns event i's time as [lo, hi) seconds (see chrono.Span.Bounds).
func (m *Marks) Bounds(i int) (lo, hi float64) { return m.lo[i], m.hi[i] }

// Len returns the number of events.
func (m *Marks) Len() int { return len(m.anchor) }

// Color returns event i's marker colour.
func (m *Marks) Color(i int) color.RGBA { return m.color[i] }

// State returns how event i relates to window w.
func (m *Marks) State(i int, w Window) State {
	switch {
	case w.All():
		return Current
	case math.IsInf(m.lo[i], -1) && math.IsInf(m.hi[i], 1): // undated: Bounds of a zero span
		return Hidden
	case m.lo[i] < w.To && m.hi[i] > w.From:
		return Current
	case m.hi[i] <= w.From && w.fade(m.hi[i]) > 0:
		return Past
	}
	return Hidden
}

// Pick returns the event whose marker is nearest pixel px in view v, among
// those drawn for window w, within radius pixels. Current events win over
// faded ones at the same distance, then the first in the file. Only the
// events in the grid cells around px are looked at.
func (m *Marks) Pick(v Viewport, w Window, px orb.Point, radius float64) (int, bool) {
	best, bestD := -1, radius*radius
	bestState := Hidden
	at, rw := v.ToWorld(px), radius/v.Scale()
	at[0] -= math.Floor(at[0])
	m.space.each(at[0]-rw, at[1]-rw, at[0]+rw, at[1]+rw, func(j int32) {
		i := int(j)
		st := m.State(i, w)
		if st == Hidden {
			return
		}
		q := nearestCopy(v, m.world(i), px)
		d := (q[0]-px[0])*(q[0]-px[0]) + (q[1]-px[1])*(q[1]-px[1])
		if d < bestD || d == bestD && (st > bestState || st == bestState && i < best) {
			best, bestD, bestState = i, d, st
		}
	})
	return best, best >= 0
}

// nearestCopy projects world point a to the pixel position of the copy of
// the repeating world closest to px.
func nearestCopy(v Viewport, a orb.Point, px orb.Point) orb.Point {
	q := v.ToPixel(a)
	wpx := v.Scale()
	k := math.Round((px[0] - q[0]) / wpx)
	q[0] += k * wpx
	return q
}

// drawMarks draws the events of window w in view: shapes, then faded past
// markers, then current markers, then the selected one. The time index
// finds the window's events, so a frame costs what it shows, not what the
// file holds.
func (r *Renderer) drawMarks(dst *image.RGBA, v Viewport, w Window, selected int) {
	m := r.Marks
	if m == nil {
		return
	}
	past, current := r.pastBuf[:0], r.visBuf[:0]
	if w.All() {
		if r.allFor != m || len(r.allBuf) != m.Len() {
			r.allBuf, r.allFor = allEvents(r.allBuf[:0], m.Len()), m
		}
		current = r.allBuf // kept: rebuilding a million each frame cost a millisecond
	} else {
		current = m.index.Visible(w.From, w.To, current)
		if w.Trail > 0 {
			past = m.index.Ended(w.From-w.Trail, w.From, past)
		}
	}
	r.pastBuf = past
	if !w.All() {
		r.visBuf = current // not allBuf, which the next window would overwrite
	}
	r.clustered = false
	if len(current)+len(past) > ClusterAbove && r.bin(v, w, current, past) > ClusterAbove {
		r.clustered = true
		r.drawClusters(dst)
		r.drawSelected(dst, v, w, selected)
		return
	}
	if len(m.shapes) > 0 { // points only need no lookup per event
		for _, i := range current {
			if sh, ok := m.shapes[i]; ok {
				r.drawShape(dst, v, sh, m.color[i])
			}
		}
	}
	first, last := copies(v)
	stampAll := func(list []int32, faded bool) {
		for _, i := range list {
			a := m.world(int(i))
			if math.IsNaN(a[0]) || int(i) == selected {
				continue
			}
			alpha := uint32(255)
			if faded {
				alpha = w.fade(m.hi[i])
			}
			for k := first; k <= last; k++ {
				q := v.ToPixel(orb.Point{a[0] + float64(k), a[1]})
				r.sprites.marker(dst, q, m.color[i], faded, alpha)
			}
		}
	}
	stampAll(past, true)
	stampAll(current, false)
	r.drawSelected(dst, v, w, selected)
}

// drawSelected draws the selected event's marker, on top of the rest.
func (r *Renderer) drawSelected(dst *image.RGBA, v Viewport, w Window, selected int) {
	m := r.Marks
	first, last := copies(v)
	if selected >= 0 && selected < m.Len() && m.anchor[selected][0] != unplaced && m.State(selected, w) != Hidden {
		for k := first; k <= last; k++ {
			a := m.world(selected)
			q := v.ToPixel(orb.Point{a[0] + float64(k), a[1]})
			r.sprites.selected(dst, q, m.color[selected])
		}
	}
}

// allEvents appends 0…n-1 to dst.
func allEvents(dst []int32, n int) []int32 {
	for i := range n {
		dst = append(dst, int32(i))
	}
	return dst
}

// drawShape draws a line or area event: a 2.5 px line, or a translucent
// fill with an outline.
func (r *Renderer) drawShape(dst *image.RGBA, v Viewport, sh shape, c color.RGBA) {
	p := &r.painter
	if sh.area {
		p.begin(v.Width, v.Height)
		p.fill(v, sh.paths)
		p.finishAlpha(dst, c, 70)
	}
	p.begin(v.Width, v.Height)
	p.stroke(v, sh.paths, 2.5)
	p.finish(dst, c)
}
