package event

import (
	"math/rand/v2"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/meridian-app/meridian/geo/fold"
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

// Split across workers, Find ranks and orders exactly as one scan over
// folded copies of the text does.
func TestTextIndexMatchesScan(t *testing.T) {
	words := []string{"Ţarţūs", "tartous", "Aleppo", "Ḥalab", "al-Bāb", "Douma", "DŪMĀ", "G20", "Hangzhou", "杭州", "حلب", "ceasefire", "talks"}
	rnd := rand.New(rand.NewPCG(1, 2))
	pick := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(words[rnd.IntN(len(words))])
			b.WriteString([]string{" ", "-", ", ", "'"}[rnd.IntN(4)])
		}
		return b.String()
	}
	c := &Collection{Events: make([]Event, 30_000)}
	for i := range c.Events {
		c.Events[i] = Event{Title: pick(1 + rnd.IntN(3)), Place: pick(1), Summary: pick(rnd.IntN(6))}
	}
	x := NewTextIndex(c)
	for _, q := range []string{"tartus", "TARTOUS", "duma", "al bab", "halab", "حلب", "杭州", "g20 hang", "talks, al", "zzz"} {
		for _, limit := range []int{1, 7, 100, 100_000} {
			if got, want := x.Find(q, limit), scan(c, q, limit); !slices.Equal(got, want) {
				t.Errorf("Find(%q, %d): %d hits %v…, scan %d %v…", q, limit, len(got), got[:min(5, len(got))], len(want), want[:min(5, len(want))])
			}
		}
	}
}

// A search told to stop gives up and returns nothing.
func TestFindUnlessStops(t *testing.T) {
	c := &Collection{Events: make([]Event, 50_000)}
	for i := range c.Events {
		c.Events[i] = Event{Title: "Talks in Hangzhou"}
	}
	x := NewTextIndex(c)
	if got := x.FindUnless("hangzhou", 10, func() bool { return false }); len(got) != 10 {
		t.Errorf("not stopped: %d hits, want 10", len(got))
	}
	var asked atomic.Int32
	got := x.FindUnless("zzz", 10, func() bool { asked.Add(1); return true })
	if got != nil || asked.Load() == 0 {
		t.Errorf("stopped: %v, stop asked %d times", got, asked.Load())
	}
}

// scan is Find as it was: every event's text folded up front.
func scan(c *Collection, q string, limit int) []int {
	f := fold.String(q)
	var groups [4][]int
	for i, e := range c.Events {
		title, g := fold.String(e.Title), -1
		switch {
		case strings.HasPrefix(title, f):
			g = 0
		case strings.Contains(title, f):
			g = 1
		case strings.Contains(fold.String(e.Place), f):
			g = 2
		case strings.Contains(fold.String(head(e.Summary, summaryRunes)), f):
			g = 3
		}
		if g >= 0 {
			groups[g] = append(groups[g], i)
		}
	}
	var out []int
	for _, g := range groups {
		out = append(out, g[:min(len(g), limit-len(out))]...)
	}
	return out
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
