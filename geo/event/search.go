package event

import (
	"strings"

	"github.com/meridian-app/meridian/geo/fold"
)

// TextIndex finds events by what they say: their title, place or summary,
// folded as place names are (case, diacritics, Arabic vowel marks), so
// "tartous" finds "Blasts in Ţarţūs". Build it off the UI goroutine; it is
// read-only after and safe for concurrent use.
type TextIndex struct {
	title, place, summary []string
}

// summaryRunes is how much of a summary is searched: its opening, where
// what an event is about is said, without doubling the memory of long texts.
const summaryRunes = 300

// NewTextIndex folds every event's searchable text once.
func NewTextIndex(c *Collection) *TextIndex {
	n := len(c.Events)
	x := &TextIndex{title: make([]string, n), place: make([]string, n), summary: make([]string, n)}
	for i := range c.Events {
		e := &c.Events[i]
		x.title[i] = fold.String(e.Title)
		x.place[i] = fold.String(e.Place)
		x.summary[i] = fold.String(head(e.Summary, summaryRunes))
	}
	return x
}

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
func (x *TextIndex) Find(q string, limit int) []int {
	f := fold.String(q)
	if f == "" || limit <= 0 {
		return nil
	}
	var groups [4][]int
	for i := range x.title {
		g := -1
		switch {
		case strings.HasPrefix(x.title[i], f):
			g = 0
		case strings.Contains(x.title[i], f):
			g = 1
		case strings.Contains(x.place[i], f):
			g = 2
		case strings.Contains(x.summary[i], f):
			g = 3
		}
		if g >= 0 && len(groups[g]) < limit {
			groups[g] = append(groups[g], i)
			if g == 0 && len(groups[0]) == limit {
				break // nothing can rank higher
			}
		}
	}
	var out []int
	for _, g := range groups {
		out = append(out, g[:min(len(g), limit-len(out))]...)
	}
	return out
}
