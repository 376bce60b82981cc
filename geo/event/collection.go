package event

import (
	"cmp"
	"encoding/json"
	"math"
	"slices"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/paulmach/orb"
)

// Collection is a data set: its events and the names it gives itself.
// A Collection is not changed after loading, so views may read it from any
// goroutine.
type Collection struct {
	Title       string
	Description string
	Events      []Event
	// Foreign holds the file's other top-level members (GeoJSON foreign
	// members), as written, to be written back.
	Foreign map[string]json.RawMessage
}

// Chronological returns event indexes ordered by start, undated events last;
// ties keep file order. Each event's start is worked out once, not at every
// comparison: sorting a million events through Bounds took 6.5 s.
func (c *Collection) Chronological() []int {
	type keyed struct {
		lo float64 // +Inf for undated: after every start
		i  int
	}
	ks := make([]keyed, len(c.Events))
	for i := range c.Events {
		ks[i] = keyed{math.Inf(1), i}
		if w := &c.Events[i].When; !w.IsZero() {
			ks[i].lo, _ = w.Bounds()
		}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Compare(a.lo, b.lo); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	idx := make([]int, len(ks))
	for k, e := range ks {
		idx[k] = e.i
	}
	return idx
}

// TimeRange returns the earliest start and latest finite end among the
// events, in seconds since the Unix epoch. Open ends count as their start's
// own period. ok is false when no event is dated.
func (c *Collection) TimeRange() (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := range c.Events {
		w := c.Events[i].When
		if w.IsZero() {
			continue
		}
		a, b := w.Bounds()
		if math.IsInf(b, 1) {
			_, b = chrono.Span{Start: w.Start}.Bounds()
		}
		if math.IsInf(a, -1) {
			a = b
		}
		lo, hi = math.Min(lo, a), math.Max(hi, b)
	}
	return lo, hi, lo <= hi
}

// Bound returns the bounds of the placed events' geometry; ok is false when
// none is placed.
func (c *Collection) Bound() (b orb.Bound, ok bool) {
	for i := range c.Events {
		g := c.Events[i].Geometry
		if g == nil {
			continue
		}
		if !ok {
			b, ok = g.Bound(), true
			continue
		}
		b = b.Union(g.Bound())
	}
	return b, ok
}

// Categories returns the distinct non-empty categories, sorted, so that
// colours assigned by position are stable for a data set.
func (c *Collection) Categories() []string {
	var cats []string
	for i := range c.Events {
		if cat := c.Events[i].Category; cat != "" && !slices.Contains(cats, cat) {
			cats = append(cats, cat)
		}
	}
	slices.Sort(cats)
	return cats
}
