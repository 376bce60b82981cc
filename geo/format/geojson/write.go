package geojson

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/meridian-app/meridian/geo/event"
	orbjson "github.com/paulmach/orb/geojson"
)

// feature is the shape Meridian writes: normalised property names, times as
// ISO 8601 at their own precision.
type feature struct {
	Type       string            `json:"type"`
	ID         any               `json:"id,omitempty"`
	Geometry   *orbjson.Geometry `json:"geometry"`
	Properties map[string]any    `json:"properties"`
	foreign    map[string]json.RawMessage
}

// MarshalJSON writes the feature with its foreign members, as they came.
func (f feature) MarshalJSON() ([]byte, error) {
	type plain feature
	b, err := marshal(plain(f))
	if err != nil || len(f.foreign) == 0 {
		return b, err
	}
	return withMembers(b, f.foreign)
}

// marshal encodes v compactly without escaping <, > and & (text stays
// readable).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// withMembers adds members to the end of a JSON object.
func withMembers(obj []byte, members map[string]json.RawMessage) ([]byte, error) {
	keys := slices.Sorted(maps.Keys(members))
	var buf bytes.Buffer
	buf.Write(obj[:len(obj)-1])
	for _, k := range keys {
		kb, _ := json.Marshal(k)
		buf.WriteByte(',')
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(members[k])
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// Properties returns the event's properties as Meridian writes them: the
// interpreted ones under their normalised names, then everything else kept
// from the source. "end" is always present for a dated event: the end of
// the period it covers at its precision, or ".." when it is ongoing.
func Properties(e *event.Event) map[string]any {
	p := make(map[string]any, len(e.Extra)+8)
	for k, v := range e.Extra {
		p[k] = v
	}
	set := func(k, v string) {
		if v != "" {
			p[k] = v
		}
	}
	set("title", e.Title)
	set("summary", e.Summary)
	set("place", e.Place)
	set("category", e.Category)
	set("start", e.When.Start.ISO())
	switch {
	case e.When.Open:
		p["end"] = ".."
	case !e.When.End.IsZero():
		p["end"] = e.When.End.ISO()
	default:
		set("end", e.When.Start.ISO())
	}
	if len(e.Sources()) > 0 {
		p["sources"] = e.Sources()
	}
	if e.Order() != nil {
		p["order"] = *e.Order()
	}
	if e.Weight() != nil {
		p["weight"] = *e.Weight()
	}
	return p
}

func toFeature(e *event.Event) feature {
	f := feature{Type: "Feature", ID: e.ID, Properties: Properties(e), foreign: e.Foreign()}
	if e.Geometry != nil {
		f.Geometry = orbjson.NewGeometry(e.Geometry)
	}
	return f
}

// MarshalEvent encodes one event as a GeoJSON Feature.
func MarshalEvent(e *event.Event) ([]byte, error) { return json.Marshal(toFeature(e)) }

// WriteSeq writes one Feature per line: newline-delimited GeoJSON, i.e. an
// RFC 8142 text sequence without the leading RS byte.
func WriteSeq(w io.Writer, c *event.Collection) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range c.Events {
		if err := enc.Encode(toFeature(&c.Events[i])); err != nil {
			return err
		}
	}
	return nil
}

// Write encodes the collection as a FeatureCollection with its title and
// description as foreign members, indented two spaces a level. It writes
// as it goes, one feature at a time, so a save holds one feature's text
// in memory, never the whole document (which it once built three times
// over: marshalled, with members added, indented).
func Write(w io.Writer, c *event.Collection) error {
	d := docWriter{w: bufio.NewWriterSize(w, 64<<10)}
	d.w.WriteString("{")
	d.member("type", []byte(`"FeatureCollection"`))
	if c.Title != "" {
		d.value("title", c.Title)
	}
	if c.Description != "" {
		d.value("description", c.Description)
	}
	d.features(c.Events)
	for _, k := range slices.Sorted(maps.Keys(c.Foreign)) {
		d.member(k, c.Foreign[k])
	}
	d.w.WriteString("\n}\n")
	if d.err != nil {
		return d.err
	}
	return d.w.Flush()
}

// docWriter writes a collection's members, keeping the first error.
type docWriter struct {
	w   *bufio.Writer
	ind bytes.Buffer
	n   int // members written
	err error
}

// member writes "key": value, value indented as at the document's level.
func (d *docWriter) member(key string, value []byte) {
	if d.n > 0 {
		d.w.WriteByte(',')
	}
	d.n++
	k, _ := json.Marshal(key)
	d.w.WriteString("\n  ")
	d.w.Write(k)
	d.w.WriteString(": ")
	d.indented(value, "  ")
}

func (d *docWriter) value(key string, v any) {
	b, err := marshal(v)
	if err != nil {
		d.err = cmp.Or(d.err, err)
		return
	}
	d.member(key, b)
}

// indented writes compact (or any) JSON indented under prefix.
func (d *docWriter) indented(b []byte, prefix string) {
	d.ind.Reset()
	if err := json.Indent(&d.ind, b, prefix, "  "); err != nil {
		d.err = cmp.Or(d.err, err)
		return
	}
	d.w.Write(d.ind.Bytes())
}

// features writes the features member, one event encoded at a time.
func (d *docWriter) features(evs []event.Event) {
	if d.n > 0 {
		d.w.WriteByte(',')
	}
	d.n++
	d.w.WriteString("\n  \"features\": [")
	for i := range evs {
		b, err := marshal(toFeature(&evs[i]))
		if err != nil {
			d.err = cmp.Or(d.err, fmt.Errorf("event %d (%q): %w", i+1, evs[i].Title, err))
			return
		}
		if i > 0 {
			d.w.WriteByte(',')
		}
		d.w.WriteString("\n    ")
		d.indented(b, "    ")
	}
	if len(evs) > 0 {
		d.w.WriteString("\n  ")
	}
	d.w.WriteByte(']')
}
