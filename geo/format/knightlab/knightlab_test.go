package knightlab

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
)

func decodeFile(t *testing.T, name string, sniff func([]byte) bool) *format.Result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if !sniff(data) {
		t.Fatalf("%s not sniffed", name)
	}
	res, err := Decode(bytes.NewReader(data), name)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return res
}

func find(t *testing.T, c *event.Collection, title string) *event.Event {
	t.Helper()
	for i := range c.Events {
		if c.Events[i].Title == title {
			return &c.Events[i]
		}
	}
	t.Fatalf("no event %q", title)
	return nil
}

type problem struct {
	pos      string
	sentinel error
	text     string
}

func checkProblems(t *testing.T, got []format.Problem, want []problem) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("problems:\n%v\nwant %d", got, len(want))
	}
	for i, w := range want {
		p := &got[i]
		if !strings.HasPrefix(p.Error(), w.pos) || !errors.Is(p, w.sentinel) || !strings.Contains(p.Error(), w.text) {
			t.Errorf("problem %d = %v, want %s… %v mentioning %q", i, p, w.pos, w.sentinel, w.text)
		}
	}
}

func TestTimeline(t *testing.T) {
	res := decodeFile(t, "truce.json", SniffTimeline)
	c := res.Collection
	if c.Title != "Syria truce talks, September 2016" || c.Description != "From the G20 in Hangzhou to an Eid ceasefire." {
		t.Errorf("title slide: %q, %q", c.Title, c.Description)
	}
	// Ten events, one of them not an object, plus one era.
	if len(c.Events) != 10 {
		t.Fatalf("%d events, want 10", len(c.Events))
	}
	for _, tt := range []struct{ title, when string }{
		{"Obama and Putin meet in Hangzhou", "4 Sep 2016 10:30"},
		{"Bombings at Tartous", "5 Sep 2016"}, // numbers as well as text
		{"Hoped-for ceasefire before Eid al-Adha", "September 2016 – 16 Sep 2016"},
		{"Truce takes effect at sundown", "12 Sep 2016 19:00:05.250"},
		{"Big Bang", "13,800,000,001 BCE"}, // years are astronomical, as in JavaScript dates
		{"Ides of March", "15 Mar 44 BCE"},
		{"Bad month", "undated"},
		{"Backwards", "10 Sep 2016"},
		{"No date", "undated"},
		{"Civil war, first phase", "March 2011 – December 2016"},
	} {
		e := find(t, c, tt.title)
		if got := e.When.String(); got != tt.when || e.Placed() {
			t.Errorf("%s: %q placed %v, want %q unplaced", tt.title, got, e.Placed(), tt.when)
		}
	}
	g20 := find(t, c, "Obama and Putin meet in Hangzhou")
	if g20.ID != "g20" || g20.Category != "diplomacy" || g20.Summary != "Talks on the sidelines of the G20." ||
		g20.Extra["Media"] != "https://example.org/g20.jpg" || g20.Extra["Media Credit"] != "Pool" || g20.Extra["Media Caption"] != "Leaders arrive" {
		t.Errorf("g20 = %+v", g20)
	}
	if got := find(t, c, "Bombings at Tartous").Extra["Display Date"]; got != "Monday morning" {
		t.Errorf("display_date = %v", got)
	}
	if got := find(t, c, "Civil war, first phase").Extra["Type"]; got != "era" {
		t.Errorf("era type = %v", got)
	}
	checkProblems(t, res.Problems, []problem{
		{"truce.json:32:5:", ErrRecord, "text where an object belongs"},
		{"truce.json:33:5:", ErrTime, `month "13"`},
		{"truce.json:34:5:", ErrTime, "before start_date"},
		{"truce.json:35:5:", ErrTime, "no start_date"},
	})
}

func TestLegacy(t *testing.T) {
	res := decodeFile(t, "legacy.json", SniffTimeline)
	c := res.Collection
	if c.Title != "Syria, 2016 (v2 format)" || len(c.Events) != 5 {
		t.Fatalf("title %q, %d events", c.Title, len(c.Events))
	}
	for _, tt := range []struct{ title, when string }{
		{"G20 opens", "4 Sep 2016"},
		{"Tartous", "5 Sep 2016 14:30 – 5 Sep 2016 16:00"},
		{"A year", "2016 – 2017"},
		{"Bad date", "undated"},
		{"First phase", "March 2011 – December 2016"},
	} {
		if got := find(t, c, tt.title).When.String(); got != tt.when {
			t.Errorf("%s: %q, want %q", tt.title, got, tt.when)
		}
	}
	if e := find(t, c, "G20 opens"); e.Category != "diplomacy" || e.Extra["Media Credit"] != "Pool" {
		t.Errorf("G20 opens = %+v", e)
	}
	checkProblems(t, res.Problems, []problem{{"legacy.json:10:5:", ErrTime, `"soon"`}})
}

func TestStoryMap(t *testing.T) {
	res := decodeFile(t, "story.json", SniffStoryMap)
	if SniffTimeline([]byte(`{"storymap": {"slides": []}}`)) {
		t.Error("a StoryMap sniffed as a timeline")
	}
	c := res.Collection
	if c.Title != "Road to a truce" || c.Description != "Four places, one week." || len(c.Events) != 5 {
		t.Fatalf("title %q, %d events", c.Title, len(c.Events))
	}
	for i, tt := range []struct {
		title, when string
		at          orb.Geometry
	}{
		{"Hangzhou", "4 Sep 2016", orb.Point{120.1551, 30.2741}},
		{"Tartous", "undated", orb.Point{35.8867, 34.889}}, // "Monday" is not a date: kept as text
		{"Nowhere", "undated", nil},
		{"Epilogue", "undated", nil},
		{"Douma", "12 Sep 2016", orb.Point{36.4027, 33.5717}},
	} {
		e := &c.Events[i]
		if e.Title != tt.title || e.When.String() != tt.when || e.Order() == nil || *e.Order() != float64(i) ||
			(tt.at == nil) != (e.Geometry == nil) || (tt.at != nil && !orb.Equal(e.Geometry, tt.at)) {
			t.Errorf("slide %d = %q %v %v order %v, want %q %q %v", i, e.Title, e.When, e.Geometry, e.Order(), tt.title, tt.when, tt.at)
		}
	}
	if e := find(t, c, "Tartous"); e.Extra["Date"] != "Monday" {
		t.Errorf("free-text date = %v", e.Extra)
	}
	if e := find(t, c, "Hangzhou"); e.Place != "Hangzhou" || e.Extra["Media Credit"] != "Pool" {
		t.Errorf("Hangzhou = %+v", e)
	}
	checkProblems(t, res.Problems, []problem{{"story.json:9:5:", ErrLocation, `"north"`}})
	if len(res.Lookups) != 0 {
		t.Errorf("lookups %v for slides without place names", res.Lookups)
	}
	// A slide with only a location name waits for the gazetteer.
	named := `{"storymap": {"slides": [{"text": {"headline": "A"}}, {"location": {"name": "Aleppo"}, "text": {"headline": "B"}}]}}`
	res, err := Decode(strings.NewReader(named), "named.json")
	if err != nil || len(res.Lookups) != 1 || res.Lookups[0].Event != 1 || res.Lookups[0].Pos.String() != "named.json:1:55" {
		t.Errorf("named slide: %v, lookups %+v", err, res.Lookups)
	}
}

func TestBadDocuments(t *testing.T) {
	for _, tt := range []struct {
		doc      string
		sentinel error
		pos      string
	}{
		{`{"events": {"not": "a list"}}`, ErrShape, "x.json:1:12"},
		{`{"timeline": {"headline": "x"}}`, ErrShape, "x.json:1:14"},
		{`{"storymap": []}`, ErrShape, "x.json:1:14"},
		{`{"events": [{"start_date": {"year": 20`, ErrSyntax, "x.json:1:"},
		{`{"something": "else"}`, ErrShape, "x.json:1:1"},
	} {
		_, err := Decode(strings.NewReader(tt.doc), "x.json")
		if !errors.Is(err, tt.sentinel) || !strings.HasPrefix(err.Error(), tt.pos) {
			t.Errorf("%s: %v, want %v at %s", tt.doc, err, tt.sentinel, tt.pos)
		}
	}
	// A truncated file keeps the events before the cut.
	res, err := Decode(strings.NewReader(`{"events": [{"start_date": {"year": 2016}, "text": {"headline": "kept"}}, {"start_`), "cut.json")
	if err != nil || len(res.Collection.Events) != 1 || !errors.Is(&res.Problems[0], ErrSyntax) {
		t.Errorf("truncated: %v %v", err, res.Problems)
	}
}
