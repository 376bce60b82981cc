package event

import (
	"encoding/json"
	"math"
	"slices"
	"sort"

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
// ties keep file order.
func (c *Collection) Chronological() []int {
	idx := make([]int, len(c.Events))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		ea, eb := &c.Events[idx[a]].When, &c.Events[idx[b]].When
		if ea.IsZero() || eb.IsZero() {
			return !ea.IsZero() && eb.IsZero()
		}
		la, _ := ea.Bounds()
		lb, _ := eb.Bounds()
		return la < lb
	})
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
