package geojson

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"
)

// Property names Meridian interprets, with the aliases other tools write.
// The first of each list is the name Meridian writes.
var (
	titleKeys    = []string{"title", "name", "headline"}
	summaryKeys  = []string{"summary", "description", "text"}
	startKeys    = []string{"start", "time", "date", "datetime", "timestamp", "begin", "when"}
	endKeys      = []string{"end", "end_date", "enddate", "until"}
	placeKeys    = []string{"place", "location"}
	categoryKeys = []string{"category", "type", "group"}
)

// openEnds are the words that mean a span has not ended.
var openEnds = map[string]bool{"..": true, "present": true, "ongoing": true, "now": true}

type propProblem struct {
	sentinel error
	msg      string
}

// applyProps moves the properties Meridian understands into e and keeps the
// rest in e.Extra. It returns what could not be understood.
func applyProps(e *event.Event, props map[string]any) []propProblem {
	var probs []propProblem
	bad := func(sentinel error, format string, args ...any) {
		probs = append(probs, propProblem{sentinel, fmt.Sprintf(format, args...)})
	}
	used := map[string]bool{}
	text := func(keys []string) string {
		k, v, ok := lookup(props, keys)
		if !ok {
			return ""
		}
		used[k] = true
		switch v := v.(type) {
		case string:
			return strings.TrimSpace(v)
		case json.Number:
			return v.String()
		case nil:
			return ""
		}
		bad(ErrProperty, "%s: want text, got %T (kept under More)", k, v)
		used[k] = false
		return ""
	}
	e.Title = text(titleKeys)
	e.Summary = text(summaryKeys)
	e.Place = text(placeKeys)
	e.Category = text(categoryKeys)

	if k, v, ok := lookup(props, startKeys); ok {
		sp, err := spanValue(v)
		if err != nil {
			bad(ErrTime, "%s: %v (event kept undated; the text is kept under More)", k, err)
		} else {
			used[k] = true
			e.When = sp // "1950s" or "1914–1918" in start is a whole span
		}
	}
	if k, v, ok := lookup(props, endKeys); ok && v != nil {
		used[k] = true
		if s, isStr := v.(string); isStr && openEnds[strings.ToLower(strings.TrimSpace(s))] {
			e.When.Open = true
		} else if t, err := endValue(v); err != nil {
			used[k] = false
			bad(ErrTime, "%s: %v (end ignored; the text is kept under More)", k, err)
		} else if !e.When.Start.IsZero() && t.EndMilli().Less(e.When.Start.StartMilli()) {
			bad(ErrTime, "%s %s is before start %s (end ignored)", k, t.ISO(), e.When.Start.ISO())
		} else if t != e.When.Start { // an end equal to the start adds nothing
			e.When.End = t
		}
	}
	if v, ok := props["sources"]; ok {
		used["sources"] = true
		src, err := sources(v)
		if err != nil {
			bad(ErrProperty, "sources: %v (kept under More)", err)
			used["sources"] = false
		}
		e.Sources = src
	}
	for _, k := range []string{"order", "weight"} {
		v, ok := props[k]
		if !ok || v == nil {
			continue
		}
		n, isNum := v.(json.Number)
		f, err := n.Float64()
		if !isNum || err != nil {
			bad(ErrProperty, "%s: want a number, got %v (kept under More)", k, v)
			continue
		}
		used[k] = true
		if k == "order" {
			e.Order = &f
		} else {
			e.Weight = &f
		}
	}
	for k, v := range props {
		if !used[k] {
			if e.Extra == nil {
				e.Extra = map[string]any{}
			}
			e.Extra[k] = v
		}
	}
	return probs
}

// lookup finds the first of keys present in props, matching case-insensitively.
func lookup(props map[string]any, keys []string) (string, any, bool) {
	for _, want := range keys {
		if v, ok := props[want]; ok { // the usual spelling, without a scan
			return want, v, true
		}
		for k, v := range props {
			if strings.EqualFold(k, want) {
				return k, v, true
			}
		}
	}
	return "", nil, false
}

// spanValue parses a time written as text (an instant, a partial date, or
// a span such as "1950s") or as a number (epoch seconds or milliseconds, or
// a year; see chrono.FromNumber).
func spanValue(v any) (chrono.Span, error) {
	switch v := v.(type) {
	case string:
		return chrono.ParseSpan(v)
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return chrono.Span{}, fmt.Errorf("%w: %s", chrono.ErrSyntax, v)
		}
		t, err := chrono.FromNumber(f)
		return chrono.Span{Start: t}, err
	case nil:
		return chrono.Span{}, chrono.ErrEmpty
	}
	return chrono.Span{}, fmt.Errorf("%w: %v", chrono.ErrSyntax, v)
}

// endValue parses an end time; an end written as a span ("1970s") ends
// where that span ends.
func endValue(v any) (chrono.Time, error) {
	sp, err := spanValue(v)
	if !sp.End.IsZero() {
		return sp.End, err
	}
	return sp.Start, err
}

// sources accepts a list of source objects or plain strings (a URL or a
// title), or a single one of those.
func sources(v any) ([]event.Source, error) {
	list, ok := v.([]any)
	if !ok {
		list = []any{v}
	}
	var out []event.Source
	for i, item := range list {
		switch it := item.(type) {
		case string:
			if strings.Contains(it, "://") {
				out = append(out, event.Source{URL: it})
			} else {
				out = append(out, event.Source{Title: it})
			}
		case map[string]any:
			str := func(k string) string { s, _ := it[k].(string); return s }
			out = append(out, event.Source{Title: str("title"), URL: str("url"), Publisher: str("publisher"), Date: str("date")})
		default:
			return nil, fmt.Errorf("item %d is %T, want an object or text", i, item)
		}
	}
	return out, nil
}

// geometry decodes a feature's geometry with orb; null means "not placed".
// It is checked with format.CheckGeometry: longitudes beyond ±180 are
// brought back (wrapped says so), impossible coordinates are an error.
func geometry(raw json.RawMessage) (g orb.Geometry, wrapped bool, err error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, false, nil
	}
	gj, err := orbjson.UnmarshalGeometry(raw)
	if err != nil {
		return nil, false, err
	}
	if gj.Geometry() == nil {
		return nil, false, format.ErrEmpty
	}
	return format.CheckGeometry(gj.Geometry())
}

// geometryProblem is what a reader reports of geometry's result, if
// anything: the event is kept either way.
func geometryProblem(wrapped bool, err error) (propProblem, bool) {
	switch {
	case err != nil:
		return propProblem{ErrGeometry, err.Error() + " (event kept without a place)"}, true
	case wrapped:
		return propProblem{ErrGeometry, "longitude beyond ±180, read as the same place within ±180 (kept)"}, true
	}
	return propProblem{}, false
}

// pointZ returns the third coordinate of a Point, which orb drops: an
// elevation by RFC 7946, a depth in earthquake feeds.
func pointZ(raw json.RawMessage) (float64, bool) {
	var p struct {
		Type        string        `json:"type"`
		Coordinates []json.Number `json:"coordinates"`
	}
	if json.Unmarshal(raw, &p) != nil || p.Type != "Point" || len(p.Coordinates) < 3 {
		return 0, false
	}
	z, err := p.Coordinates[2].Float64()
	return z, err == nil
}

// trackTimes gives a LineString whose "times" property holds one time per
// vertex (a moving track) the span from the first to the last, when the
// feature has no start of its own.
func trackTimes(e *event.Event) error {
	times, ok := e.Extra["times"].([]any)
	ls, isLine := e.Geometry.(orb.LineString)
	if !ok || !isLine || !e.When.IsZero() {
		return nil
	}
	if len(times) != len(ls) {
		return fmt.Errorf("times: %d times for %d vertices (ignored)", len(times), len(ls))
	}
	ts := make([]chrono.Time, len(times))
	for i, v := range times {
		sp, err := spanValue(v)
		if err != nil {
			return fmt.Errorf("times[%d]: %v (ignored)", i, err)
		}
		ts[i] = sp.Start
	}
	e.When = chrono.Extent(ts)
	return nil
}
