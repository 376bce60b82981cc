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
	Sources  []Source
	Order    *float64 // position in the presentation story, if given
	Weight   *float64
	// Extra holds every property Meridian does not interpret, so that it can
	// be shown and written back unchanged.
	Extra map[string]any
	// Foreign holds the source's members outside "properties" (GeoJSON
	// foreign members such as "bbox"), as written, to be written back.
	Foreign map[string]json.RawMessage
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
