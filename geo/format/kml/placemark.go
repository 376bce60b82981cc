package kml

import (
	"fmt"
	"strings"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format/markup"
	"github.com/paulmach/orb"
)

// placemark is a Placemark as encoding/xml decodes it. Tags name local
// names only, so the gx: and kml: prefixes (declared or not) both match,
// and only direct children are read: the TimeStamp inside a LookAt is not
// the Placemark's.
type placemark struct {
	ID          string         `xml:"id,attr"`
	Name        string         `xml:"name"`
	Description string         `xml:"description"`
	Snippet     string         `xml:"Snippet"`
	Address     string         `xml:"address"`
	StyleURL    string         `xml:"styleUrl"`
	Style       *style         `xml:"Style"`
	TimeStamp   *timePrimitive `xml:"TimeStamp"`
	TimeSpan    *timePrimitive `xml:"TimeSpan"`
	Extended    extendedData   `xml:"ExtendedData"`
	geometries
}

type timePrimitive struct {
	When  string `xml:"when"`
	Begin string `xml:"begin"`
	End   string `xml:"end"`
	kind  string
}

// span reads a TimeStamp's when, or a TimeSpan's begin and end; a TimeSpan
// without an end has not ended, one without a beginning is "until".
func (tp *timePrimitive) span() (chrono.Span, error) {
	if tp.kind == "TimeStamp" {
		t, err := chrono.Parse(tp.When)
		return chrono.Span{Start: t}, err
	}
	var sp chrono.Span
	var err error
	begin, end := strings.TrimSpace(tp.Begin), strings.TrimSpace(tp.End)
	if begin == "" && end == "" {
		return sp, fmt.Errorf("%w: TimeSpan with neither begin nor end", chrono.ErrEmpty)
	}
	if begin != "" {
		if sp.Start, err = chrono.Parse(begin); err != nil {
			return chrono.Span{}, fmt.Errorf("begin: %w", err)
		}
	}
	if end == "" {
		sp.Open = true
		return sp, nil
	}
	if sp.End, err = chrono.Parse(end); err != nil {
		return chrono.Span{}, fmt.Errorf("end: %w", err)
	}
	if !sp.Start.IsZero() && sp.End.EndMilli().Less(sp.Start.StartMilli()) {
		return chrono.Span{}, fmt.Errorf("end %s is before begin %s", end, begin)
	}
	if sp.End == sp.Start {
		sp.End = chrono.Time{}
	}
	return sp, nil
}

type extendedData struct {
	Data []struct {
		Name        string `xml:"name,attr"`
		DisplayName string `xml:"displayName"`
		Value       string `xml:"value"`
	} `xml:"Data"`
	SchemaData []struct {
		SimpleData []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:",chardata"`
		} `xml:"SimpleData"`
	} `xml:"SchemaData"`
}

// fields returns the name/value pairs in document order of kind: Data,
// then SchemaData.
func (x *extendedData) fields() (names, values []string) {
	for _, d := range x.Data {
		name := d.Name
		if name == "" {
			name = d.DisplayName
		}
		names, values = append(names, name), append(values, d.Value)
	}
	for _, sd := range x.SchemaData {
		for _, d := range sd.SimpleData {
			names, values = append(names, d.Name), append(values, d.Value)
		}
	}
	return names, values
}

// event converts the Placemark, returning what was wrong with it. A bad
// time leaves the event undated and a bad geometry leaves it unplaced; the
// texts are kept.
func (pm *placemark) event() (event.Event, []error) {
	var probs []error
	e := event.Event{
		Title:   strings.TrimSpace(pm.Name),
		Summary: markup.Text(pm.Description),
		Place:   strings.TrimSpace(pm.Address),
	}
	if pm.ID != "" {
		e.ID = pm.ID
	}
	if e.Summary == "" {
		e.Summary = markup.Text(pm.Snippet)
	}
	for _, tp := range []*timePrimitive{pm.TimeStamp, pm.TimeSpan} {
		if tp == nil || !e.When.IsZero() {
			continue
		}
		tp.kind = "TimeStamp"
		if tp == pm.TimeSpan {
			tp.kind = "TimeSpan"
		}
		sp, err := tp.span()
		if err != nil {
			probs = append(probs, fmt.Errorf("%w: %s %q: %v (event kept undated)", ErrTime, tp.kind, pm.Name, err))
			continue
		}
		e.When = sp
	}
	g, track, err := pm.geometries.geometry()
	switch {
	case err != nil:
		probs = append(probs, fmt.Errorf("%w: %q: %v (event kept without a place)", ErrGeometry, pm.Name, err))
	case g == nil:
		// No geometry: an unplaced event, shown in the list and timeline.
	default:
		e.Geometry = g
		if track.wrapped {
			probs = append(probs, fmt.Errorf("%w: %q: longitude beyond ±180, read as the same place within ±180 (kept)", ErrGeometry, pm.Name))
		}
		if _, ok := g.(orb.Point); ok && track.alt != nil {
			e.Extra = map[string]any{"altitude": *track.alt}
		}
	}
	if len(track.times) > 0 {
		probs = append(probs, pm.trackTimes(&e, track.times)...)
	}
	names, values := pm.Extended.fields()
	for i, name := range names {
		if e.Extra == nil {
			e.Extra = map[string]any{}
		}
		v := strings.TrimSpace(values[i])
		if e.Category == "" && isCategory(name) {
			e.Category = v
			continue
		}
		e.Extra[name] = v
	}
	return e, probs
}

func isCategory(name string) bool {
	switch strings.ToLower(name) {
	case "category", "type", "group":
		return true
	}
	return false
}

// trackTimes gives a gx:Track event the span of its vertices' times, when
// the Placemark has no time of its own, and keeps the times themselves as
// the "times" property (as Meridian GeoJSON writes a moving track).
func (pm *placemark) trackTimes(e *event.Event, whens []string) []error {
	var probs []error
	times := make([]any, 0, len(whens))
	ts := make([]chrono.Time, 0, len(whens))
	for _, w := range whens {
		t, err := chrono.Parse(w)
		if err != nil {
			probs = append(probs, fmt.Errorf("%w: track %q: when: %v", ErrTime, pm.Name, err))
			times = append(times, nil)
			continue
		}
		times = append(times, t.ISO())
		ts = append(ts, t)
	}
	if e.Extra == nil {
		e.Extra = map[string]any{}
	}
	e.Extra["times"] = times
	if e.When.IsZero() {
		e.When = chrono.Extent(ts)
	}
	return probs
}
