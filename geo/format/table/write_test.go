package table

import (
	"bytes"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/paulmach/orb"
)

func span(t *testing.T, s string) chrono.Span {
	t.Helper()
	sp, err := chrono.ParseSpan(s)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// TestWriteRoundTrip writes a collection as CSV and reads it back.
func TestWriteRoundTrip(t *testing.T) {
	two := 2.0
	c := &event.Collection{Events: []event.Event{
		{ID: "a1", Title: "Hangzhou, \"G20\"", When: span(t, "2016-09-04T10:30+08:00"), Geometry: orb.Point{120.1551, 30.2741},
			Category: "diplomacy", Summary: "Line one\nline two",
			More: &event.More{Sources: []event.Source{{URL: "https://example.org/a"}}, Order: &two}, Extra: map[string]any{"Media Credit": "Pool", "tags": []any{"g20", "talks"}}},
		{Title: "Road", When: span(t, "2016 – March 2017"), Geometry: orb.LineString{{35.8, 34.8}, {36.2, 33.5}}},
		{Title: "Ides", When: span(t, "15 Mar 44 BCE"), Place: "Rome"},
		{Title: "War", When: span(t, "since March 2011")},
		{Title: "Era", When: span(t, "1950s"), Extra: map[string]any{"Type": "era"}},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, c); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	res, err := Decode(&buf, "out.csv")
	// Rome has a name and no coordinates: it waits for a gazetteer, as
	// any such row does.
	if err != nil || len(res.Problems) != 0 || len(res.Lookups) != 1 || res.Lookups[0].Event != 2 {
		t.Fatalf("read back: %v %v %v\n%s", err, res.Problems, res.Lookups, out)
	}
	got := res.Collection.Events
	if len(got) != len(c.Events) {
		t.Fatalf("%d events back, want %d", len(got), len(c.Events))
	}
	for i := range got {
		a, b := &c.Events[i], &got[i]
		if a.Title != b.Title || a.When.String() != b.When.String() || a.Place != b.Place || (a.Category != b.Category && i != 4) || a.Summary != b.Summary ||
			(a.Geometry == nil) != (b.Geometry == nil) || (a.Geometry != nil && !orb.Equal(a.Geometry, b.Geometry)) {
			t.Errorf("event %d:\n got %+v\nwant %+v", i, b, a)
		}
	}
	if g := got[0]; g.ID != "a1" || g.Order() == nil || *g.Order() != 2 || g.Sources()[0].URL != "https://example.org/a" ||
		g.Extra["Media Credit"] != "Pool" || g.Extra["tags"] != "g20; talks" {
		t.Errorf("first event's extras: %+v", g)
	}
	// "Type" reads as a category only where the category cell is empty.
	if got[4].Category != "era" {
		t.Errorf("era category = %q", got[4].Category)
	}
	if head, _, _ := strings.Cut(out, "\n"); !strings.HasPrefix(head, "id,title,start,end,lat,lon,wkt") {
		t.Errorf("header = %q", head)
	}
}
