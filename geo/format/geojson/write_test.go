package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/paulmach/orb"
)

// wholeDocument is how Write once worked, kept as the oracle: the whole
// collection marshalled, members added, then indented.
func wholeDocument(t *testing.T, c *event.Collection) string {
	t.Helper()
	fc := struct {
		Type        string    `json:"type"`
		Title       string    `json:"title,omitempty"`
		Description string    `json:"description,omitempty"`
		Features    []feature `json:"features"`
	}{Type: "FeatureCollection", Title: c.Title, Description: c.Description, Features: make([]feature, len(c.Events))}
	for i := range c.Events {
		fc.Features[i] = toFeature(&c.Events[i])
	}
	b, err := marshal(fc)
	if err == nil && len(c.Foreign) > 0 {
		b, err = withMembers(b, c.Foreign)
	}
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	return out.String() + "\n"
}

// Streamed, Write writes byte for byte what the whole-document encoding
// did, for collections of every shape.
func TestWriteStreamsTheSameDocument(t *testing.T) {
	day := chrono.Span{Start: chrono.Time{Year: 2016, Month: 9, Day: 5, Prec: chrono.Day}}
	withForeign := event.Event{ID: "f1", Title: "Foreign <&>", Geometry: orb.LineString{{1, 2}, {3, 4}}, When: day}
	withForeign.SetForeign(map[string]json.RawMessage{"bbox": json.RawMessage(`[ 1, 2,  3, 4 ]`), "z<": json.RawMessage(`{"a" : {}}`)})
	cases := map[string]*event.Collection{
		"empty":     {},
		"titled":    {Title: "Talks <G20> & after", Description: "Two\nlines, “quoted”"},
		"foreign":   {Title: "x", Foreign: map[string]json.RawMessage{"zeta": json.RawMessage(`{ "k" : [1, 2, {}] }`), "alpha": json.RawMessage(`[]`), "<b>": json.RawMessage(`"s"`)}},
		"no-events": {Foreign: map[string]json.RawMessage{"crs": json.RawMessage(`null`)}},
		"events": {Title: "t", Events: []event.Event{
			{Title: "Tartous", Geometry: orb.Point{35.88, 34.89}, When: day, Summary: "**Bold** [link](http://x/)", Extra: map[string]any{"n": 3.5, "list": []any{}, "obj": map[string]any{}}},
			{Title: "Undated, unplaced"},
			withForeign,
		}},
	}
	for name, c := range cases {
		var got bytes.Buffer
		if err := Write(&got, c); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if want := wholeDocument(t, c); got.String() != want {
			t.Errorf("%s: streamed\n%s\nwhole\n%s", name, got.String(), want)
		}
	}
}

// A writer's error ends the write with that error.
func TestWriteReportsTheWritersError(t *testing.T) {
	c := &event.Collection{Events: make([]event.Event, 5000)}
	for i := range c.Events {
		c.Events[i].Title = strings.Repeat("x", 100)
	}
	full := errors.New("disk full")
	if err := Write(failing{full}, c); !errors.Is(err, full) {
		t.Errorf("Write into a failing writer: %v", err)
	}
}

type failing struct{ err error }

func (f failing) Write(p []byte) (int, error) { return 0, f.err }

func benchCollection(n int) *event.Collection {
	c := &event.Collection{Title: "bench"}
	day := chrono.Span{Start: chrono.Time{Year: 2016, Month: 9, Day: 5, Prec: chrono.Day}}
	for i := range n {
		c.Events = append(c.Events, event.Event{Title: "Event " + strings.Repeat("x", i%40), Geometry: orb.Point{float64(i % 360), 10}, When: day, Summary: "A summary of some length, as a wire story gives."})
	}
	return c
}

// BenchmarkWrite is a save's encoding of 100,000 events; its bytes per
// op are what a save allocates in all (peak memory is one feature's text
// and the buffer), against BenchmarkWriteWholeDocument's encoding.
func BenchmarkWrite(b *testing.B) {
	c := benchCollection(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteWholeDocument(b *testing.B) {
	c := benchCollection(100_000)
	t := &testing.T{}
	b.ReportAllocs()
	for b.Loop() {
		_, _ = io.Discard.Write([]byte(wholeDocument(t, c)))
	}
}
