// Package event holds Meridian's data model: dated, geocoded events and the
// collections they come in, with the time queries the views need.
package event

import (
	"encoding/json"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/paulmach/orb"
)

// Source is a reference an event cites. URLs are shown, never fetched.
type Source struct {
	Title     string `json:"title,omitempty"`
	URL       string `json:"url,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	Date      string `json:"date,omitempty"`
}

// Event is one dated happening, placed on the map when Geometry is non-nil.
type Event struct {
	ID       any // the feature id as the source wrote it, or nil
	Title    string
	Summary  string // Markdown
	Place    string
	Category string
	When     chrono.Span
	Geometry orb.Geometry // nil: not placed yet
	// Extra holds every property Meridian does not interpret, so that it can
	// be shown and written back unchanged.
	Extra map[string]any
	// More holds what few events have, so that a million events without
	// it do not carry its 48 bytes each. It is nil when all of it is
	// empty; read it through Sources, Order, Weight and Foreign, which
	// allow for that.
	More *More
}

// More is the part of an event that most events leave empty.
type More struct {
	Sources []Source
	Order   *float64 // position in the presentation story, if given
	Weight  *float64
	// Foreign holds the source's members outside "properties" (GeoJSON
	// foreign members such as "bbox"), as written, to be written back.
	Foreign map[string]json.RawMessage
}

// Sources returns the references the event cites.
func (e *Event) Sources() []Source {
	if e.More == nil {
		return nil
	}
	return e.More.Sources
}

// Order returns the event's position in the presentation story, or nil.
func (e *Event) Order() *float64 {
	if e.More == nil {
		return nil
	}
	return e.More.Order
}

// Weight returns the event's weight, or nil.
func (e *Event) Weight() *float64 {
	if e.More == nil {
		return nil
	}
	return e.More.Weight
}

// Foreign returns the source's members outside "properties", or nil.
func (e *Event) Foreign() map[string]json.RawMessage {
	if e.More == nil {
		return nil
	}
	return e.More.Foreign
}

// SetSources, SetOrder, SetWeight and SetForeign set a part of More,
// making it when needed and dropping it when it is left empty. Setting
// what is already there (nil on nil) does nothing. They never
// change a More in place: copies of the event (an editor's undo history)
// share it.
func (e *Event) SetSources(s []Source) {
	if s != nil || e.Sources() != nil {
		m := e.more()
		m.Sources = s
		e.keep(m)
	}
}

// SetOrder sets the event's position in the presentation story.
func (e *Event) SetOrder(o *float64) {
	if o != e.Order() {
		m := e.more()
		m.Order = o
		e.keep(m)
	}
}

// SetWeight sets the event's weight.
func (e *Event) SetWeight(w *float64) {
	if w != e.Weight() {
		m := e.more()
		m.Weight = w
		e.keep(m)
	}
}

// SetForeign sets the source's members outside "properties".
func (e *Event) SetForeign(f map[string]json.RawMessage) {
	if f != nil || e.Foreign() != nil {
		m := e.more()
		m.Foreign = f
		e.keep(m)
	}
}

// more returns a copy of More to change.
func (e *Event) more() More {
	if e.More == nil {
		return More{}
	}
	return *e.More
}

// keep makes m the event's More, or none when m is empty. Setting nothing
// on an event without More allocates nothing: a million features pass
// through here.
func (e *Event) keep(m More) {
	if m.Sources == nil && m.Order == nil && m.Weight == nil && m.Foreign == nil {
		e.More = nil
		return
	}
	e.More = &m
}

// Placed reports whether the event has a location to draw.
func (e *Event) Placed() bool { return e.Geometry != nil }

// Anchor returns the point a marker for the event is drawn at: the point
// itself, or the centre of a line's or area's bounds.
func (e *Event) Anchor() (orb.Point, bool) {
	switch g := e.Geometry.(type) {
	case nil:
		return orb.Point{}, false
	case orb.Point:
		return g, true
	default:
		return g.Bound().Center(), true
	}
}
