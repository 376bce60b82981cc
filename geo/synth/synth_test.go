package synth_test

import (
	"bytes"
	"testing"

	"github.com/meridian-app/meridian/geo/format"
	_ "github.com/meridian-app/meridian/geo/format/geojson"
	_ "github.com/meridian-app/meridian/geo/format/table"
	"github.com/meridian-app/meridian/geo/synth"
)

func TestDeterministic(t *testing.T) {
	gen := func(seed uint64) []byte {
		var b bytes.Buffer
		if err := synth.WriteGeoJSON(&b, synth.Options{N: 500, Seed: seed}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(gen(1), gen(1)) {
		t.Error("the same seed gave different data")
	}
	if bytes.Equal(gen(1), gen(2)) {
		t.Error("different seeds gave the same data")
	}
}

// Both formats load cleanly through the importers, with the variety the
// benchmarks rely on: every category, instants, spans, ongoing events,
// coarse dates, sources, and places clustered on many cities.
func TestLoadsCleanly(t *testing.T) {
	const n = 3000
	for name, write := range map[string]func(*bytes.Buffer) error{
		"gen.geojson": func(b *bytes.Buffer) error { return synth.WriteGeoJSON(b, synth.Options{N: n, Seed: 7}) },
		"gen.csv":     func(b *bytes.Buffer) error { return synth.WriteCSV(b, synth.Options{N: n, Seed: 7}) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		res, err := format.Decode(&b, name)
		if err != nil || len(res.Problems) > 0 {
			t.Fatalf("%s: %v %v", name, err, res.Problems)
		}
		c := res.Collection
		if len(c.Events) != n {
			t.Fatalf("%s: %d events, want %d", name, len(c.Events), n)
		}
		if got := len(c.Categories()); got != len(synth.Categories) {
			t.Errorf("%s: %d categories, want %d", name, got, len(synth.Categories))
		}
		var spans, open, coarse, sourced int
		places := map[string]bool{}
		for _, e := range c.Events {
			if !e.Placed() || e.When.IsZero() || e.Title == "" || e.Summary == "" {
				t.Fatalf("%s: incomplete event %+v", name, e)
			}
			if !e.When.End.IsZero() {
				spans++
			}
			if e.When.Open {
				open++
			}
			if lo, hi := e.When.Bounds(); hi-lo >= 28*86400 && e.When.End.IsZero() && !e.When.Open {
				coarse++
			}
			if len(e.Sources()) > 0 || e.Extra["url"] != nil {
				sourced++
			}
			places[e.Place] = true
		}
		for what, got := range map[string]int{"spans": spans, "ongoing": open, "month or year dates": coarse, "sources": sourced} {
			if got < n/50 {
				t.Errorf("%s: only %d %s", name, got, what)
			}
		}
		if len(places) < 300 {
			t.Errorf("%s: events around only %d places", name, len(places))
		}
	}
}

func TestBadOptions(t *testing.T) {
	if err := synth.WriteCSV(&bytes.Buffer{}, synth.Options{N: -1}); err == nil {
		t.Error("a negative count was accepted")
	}
}

func BenchmarkGenerate(b *testing.B) {
	g, err := synth.New(synth.Options{N: 1 << 30, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		g.Next()
	}
}
