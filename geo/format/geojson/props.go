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

// prop is one member of a feature's properties. Text is held unboxed:
// boxing every title and summary into an any, only for applyProps to copy
// it out again, made millions of short-lived allocations whose spans the
// long-lived ids and points then kept half empty (50 MB at a million
// features).
type prop struct {
	key    string
	text   string
	v      any // the value when it is not text: json.Number, bool, nil, []any, map[string]any
	isText bool
	// view marks text that is the input's own bytes (see strView): it is
	// copied by props.keep when the event holds on to it.
	view bool
	used bool // moved into the event, so not kept under More
}

// raw returns the property as encoding/json decodes it into an any, for a
// message.
func (p *prop) raw() any {
	if p.isText {
		return p.text
	}
	return p.v
}

// props are a feature's properties in the order written; a repeated key
// keeps its last value, as encoding/json does.
type props struct {
	list []prop
	// index finds a key once there are many, so that a hostile feature
	// with a hundred thousand members is not quadratic.
	index map[string]int
	// text keeps the text the event holds on to, when it is a view.
	text *format.Text
}

// keep returns s, text of p, to be held by the event.
func (ps *props) keep(p *prop, s string, intern bool) string {
	if p.view {
		return ps.text.KeepString(s, intern)
	}
	return s
}

// value returns p as encoding/json decodes it into an any, to be held by
// the event.
func (ps *props) value(p *prop) any {
	if p.isText {
		return ps.keep(p, p.text, false)
	}
	return p.v
}

// indexFrom is the number of members from which props keeps an index.
const indexFrom = 16

func (ps *props) reset() {
	clear(ps.list) // drop references to the last feature's values
	ps.list = ps.list[:0]
	ps.index = nil
}

// set adds or replaces key.
func (ps *props) set(p prop) {
	if k, ok := ps.find(p.key); ok {
		ps.list[k] = p
		return
	}
	ps.list = append(ps.list, p)
	switch n := len(ps.list); {
	case n == indexFrom:
		ps.index = make(map[string]int, 2*indexFrom)
		for k := range ps.list {
			ps.index[ps.list[k].key] = k
		}
	case n > indexFrom:
		ps.index[p.key] = n - 1
	}
}

// find returns the position of key, spelled exactly.
func (ps *props) find(key string) (int, bool) {
	if ps.index != nil {
		k, ok := ps.index[key]
		return k, ok
	}
	for k := range ps.list {
		if ps.list[k].key == key {
			return k, true
		}
	}
	return 0, false
}

// get returns the member named key, spelled exactly, or nil.
func (ps *props) get(key string) *prop {
	if k, ok := ps.find(key); ok {
		return &ps.list[k]
	}
	return nil
}

// lookup finds the first of keys present, matching case-insensitively when
// no member has the usual spelling. Of several case variants the smallest
// key wins, so that the result does not depend on member order.
func (ps *props) lookup(keys []string) *prop {
	for _, want := range keys {
		if p := ps.get(want); p != nil {
			return p
		}
		var best *prop
		for k := range ps.list {
			p := &ps.list[k]
			if strings.EqualFold(p.key, want) && (best == nil || p.key < best.key) {
				best = p
			}
		}
		if best != nil {
			return best
		}
	}
	return nil
}

// propsOf holds a decoded properties object as props.
func propsOf(m map[string]any) *props {
	ps := &props{}
	for k, v := range m {
		s, isText := v.(string)
		if isText {
			v = nil
		}
		ps.set(prop{key: k, text: s, v: v, isText: isText})
	}
	return ps
}

// applyProps moves the properties Meridian understands into e and keeps the
// rest in e.Extra. It returns what could not be understood.
func applyProps(e *event.Event, ps *props) []propProblem {
	var probs []propProblem
	bad := func(sentinel error, format string, args ...any) {
		probs = append(probs, propProblem{sentinel, fmt.Sprintf(format, args...)})
	}
	text := func(keys []string, intern bool) string {
		p := ps.lookup(keys)
		if p == nil {
			return ""
		}
		p.used = true
		switch v := p.v; {
		case p.isText:
			return ps.keep(p, strings.TrimSpace(p.text), intern)
		case v == nil:
			return ""
		default:
			if n, ok := v.(json.Number); ok {
				return n.String()
			}
		}
		bad(ErrProperty, "%s: want text, got %T (kept under More)", p.key, p.v)
		p.used = false
		return ""
	}
	e.Title = text(titleKeys, false)
	e.Summary = text(summaryKeys, false)
	e.Place = text(placeKeys, true)
	e.Category = text(categoryKeys, true)

	if p := ps.lookup(startKeys); p != nil {
		sp, err := spanOf(p)
		if err != nil {
			bad(ErrTime, "%s: %v (event kept undated; the text is kept under More)", p.key, err)
		} else {
			p.used = true
			e.When = sp // "1950s" or "1914–1918" in start is a whole span
		}
	}
	if p := ps.lookup(endKeys); p != nil && (p.isText || p.v != nil) {
		p.used = true
		if p.isText && openEnds[strings.ToLower(strings.TrimSpace(p.text))] {
			e.When.Open = true
		} else if t, err := endOf(p); err != nil {
			p.used = false
			bad(ErrTime, "%s: %v (end ignored; the text is kept under More)", p.key, err)
		} else if !e.When.Start.IsZero() && t.EndMilli().Less(e.When.Start.StartMilli()) {
			bad(ErrTime, "%s %s is before start %s (end ignored)", p.key, t.ISO(), e.When.Start.ISO())
		} else if t != e.When.Start { // an end equal to the start adds nothing
			e.When.End = t
		}
	}
	if p := ps.get("sources"); p != nil {
		p.used = true
		src, err := sources(ps.value(p))
		if err != nil {
			bad(ErrProperty, "sources: %v (kept under More)", err)
			p.used = false
		}
		e.SetSources(src)
	}
	for _, k := range []string{"order", "weight"} {
		p := ps.get(k)
		if p == nil || !p.isText && p.v == nil {
			continue
		}
		n, isNum := p.v.(json.Number)
		f, err := n.Float64()
		if !isNum || err != nil {
			bad(ErrProperty, "%s: want a number, got %v (kept under More)", k, p.raw())
			continue
		}
		p.used = true
		if k == "order" {
			e.SetOrder(&f)
		} else {
			e.SetWeight(&f)
		}
	}
	for k := range ps.list {
		if p := &ps.list[k]; !p.used {
			if e.Extra == nil {
				e.Extra = map[string]any{}
			}
			e.Extra[p.key] = ps.value(p)
		}
	}
	return probs
}

// spanOf parses a start property; see spanValue.
func spanOf(p *prop) (chrono.Span, error) {
	if p.isText {
		return chrono.ParseSpan(p.text)
	}
	return spanValue(p.v)
}

// endOf parses an end property; an end written as a span ("1970s") ends
// where that span ends.
func endOf(p *prop) (chrono.Time, error) {
	sp, err := spanOf(p)
	if !sp.End.IsZero() {
		return sp.End, err
	}
	return sp.Start, err
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
