package event

import (
	"bytes"
	"runtime"
	"sync"

	"github.com/meridian-app/meridian/geo/fold"
)

// TextIndex finds events by what they say: their title, place or summary,
// folded as place names are (case, diacritics, Arabic vowel marks), so
// "tartous" finds "Blasts in Ţarţūs". It keeps no folded copy of the text
// (at a million events that was 170 MB and eight seconds to build): each
// query folds the events' text as it goes, on every core, into buffers it
// reuses. It reads the collection, which must not change meanwhile; it is
// safe for concurrent use.
type TextIndex struct {
	c *Collection
}

// summaryRunes is how much of a summary is searched: its opening, where
// what an event is about is said.
const summaryRunes = 300

// NewTextIndex returns the text index of collection c.
func NewTextIndex(c *Collection) *TextIndex { return &TextIndex{c: c} }

func head(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// Find returns up to limit events containing q, best first: titles that
// start with it, then titles, places and summaries that contain it; each
// group in collection order.
func (x *TextIndex) Find(q string, limit int) []int { return x.FindUnless(q, limit, nil) }

// FindUnless is Find that gives up, returning nil, once stop reports true
// (it is asked every few thousand events): a search typed letter by
// letter drops the queries each new letter makes stale, instead of
// finishing them at a fifth of a second each over a million events.
// A nil stop never stops.
func (x *TextIndex) FindUnless(q string, limit int, stop func() bool) []int {
	f := []byte(fold.String(q))
	events := x.c.Events
	if len(f) == 0 || limit <= 0 || len(events) == 0 {
		return nil
	}
	// Each worker searches a contiguous part, so that its hits, taken in
	// worker order, are in collection order.
	workers := max(1, min(runtime.NumCPU(), len(events)/4096))
	found := make([][4][]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lo, hi := w*len(events)/workers, (w+1)*len(events)/workers
			found[w] = find(events, lo, hi, f, limit, stop)
		}()
	}
	wg.Wait()
	if stop != nil && stop() {
		return nil
	}
	var out []int
	for g := range 4 {
		for w := range workers {
			hits := found[w][g]
			out = append(out, hits[:min(len(hits), limit-len(out))]...)
		}
	}
	return out
}

// find searches events[lo:hi] for folded query f, keeping the first limit
// hits of each rank, until stop says to give up.
func find(events []Event, lo, hi int, f []byte, limit int, stop func() bool) (groups [4][]int) {
	buf := make([]byte, 0, 512)
	for i := lo; i < hi; i++ {
		if stop != nil && (i-lo)%4096 == 4095 && stop() {
			return groups
		}
		e := &events[i]
		g := -1
		buf = fold.Append(buf[:0], e.Title)
		switch {
		case bytes.HasPrefix(buf, f):
			g = 0
		case bytes.Contains(buf, f):
			g = 1
		case bytes.Contains(fold.Append(buf[:0], e.Place), f):
			g = 2
		case bytes.Contains(fold.Append(buf[:0], head(e.Summary, summaryRunes)), f):
			g = 3
		}
		if g >= 0 && len(groups[g]) < limit {
			groups[g] = append(groups[g], i)
			if g == 0 && len(groups[0]) == limit {
				break // nothing later in this part can rank higher
			}
		}
	}
	return groups
}
