package event

import (
	"slices"
	"testing"
)

func TestTextIndex(t *testing.T) {
	c := &Collection{Events: []Event{
		{Title: "Two blasts in Ţarţūs", Place: "Tartus, Syria"},
		{Title: "Ceasefire sought", Place: "Aleppo", Summary: "Before Eid al-Adha, near Tartous and Aleppo."},
		{Title: "Tartous bombings", Place: "طرطوس"},
		{Title: "G20 summit", Place: "Hangzhou", Summary: "Talks on Syria."},
	}}
	x := NewTextIndex(c)
	for _, tc := range []struct {
		q     string
		limit int
		want  []int
	}{
		{"tartous", 10, []int{2, 1}}, // title prefix, then summary
		{"TARTUS", 10, []int{0}},     // title contains (folded)
		{"Tart", 10, []int{2, 0, 1}}, // prefix, contains, summary
		{"aleppo", 10, []int{1}},     // place and summary: one hit
		{"طرطوس", 10, []int{2}},      // place, Arabic
		{"syria", 10, []int{0, 3}},   // place, then summary
		{"tart", 1, []int{2}},        // limit
		{"   ", 10, nil},             // nothing to find
		{"Damascus", 10, nil},        // no match
	} {
		if got := x.Find(tc.q, tc.limit); !slices.Equal(got, tc.want) {
			t.Errorf("Find(%q, %d) = %v, want %v", tc.q, tc.limit, got, tc.want)
		}
	}
}

func BenchmarkTextIndexFind100k(b *testing.B) {
	c := &Collection{Events: make([]Event, 100_000)}
	for i := range c.Events {
		c.Events[i] = Event{Title: "Event number in some town", Place: "Somewhere", Summary: "A summary of what happened there, at some length."}
	}
	c.Events[99_999].Title = "Tartous"
	x := NewTextIndex(c)
	for b.Loop() {
		x.Find("tartous", 20)
	}
}
