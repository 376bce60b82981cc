package extract

import (
	"fmt"
	"strings"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/paulmach/orb"
)

// Event turns a draft into an event: placed at its gazetteer place, the
// evidence quoted as the summary, the article as the source (source names
// its file, if any), and the
// confidence, reasons and evidence kept as properties so that a reviewer
// (or a reader of the saved file) can see why it was proposed.
func (r *Result) Event(d *Draft, source string) event.Event {
	var quote strings.Builder
	for _, e := range d.Evidence {
		fmt.Fprintf(&quote, "> %s\n>\n", e)
	}
	e := event.Event{
		Title:    d.Title,
		Summary:  strings.TrimSuffix(quote.String(), ">\n"),
		Place:    d.PlaceText,
		When:     d.When,
		Geometry: orb.Point{d.Place.Lon, d.Place.Lat},
		Extra: map[string]any{
			"evidence":   anys(d.Evidence),
			"confidence": d.Confidence,
			"reason":     anys(d.Reasons),
			"gazetteer":  fmt.Sprintf("%s (GeoNames %d)", d.Place.Label(), d.Place.ID),
			"draft":      true,
		},
	}
	if source != "" {
		e.Extra["article"] = source
	}
	src := event.Source{Title: r.Title}
	if !r.Published.IsZero() {
		src.Date = r.Published.Format("2006-01-02")
	}
	if src.Title != "" || src.Date != "" {
		e.SetSources([]event.Source{src})
	}
	return e
}

// Collection makes a data set of the chosen drafts, titled after the article.
func (r *Result) Collection(drafts []Draft, source string) *event.Collection {
	c := &event.Collection{Title: r.Title, Description: "Draft events read from the article"}
	if r.Title == "" {
		c.Title = "Events from an article"
	}
	if !r.Published.IsZero() {
		c.Description += " of " + r.Published.Format("2 January 2006")
	}
	c.Description += "; each quotes its evidence and says why it was proposed."
	for i := range drafts {
		c.Events = append(c.Events, r.Event(&drafts[i], source))
	}
	return c
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
