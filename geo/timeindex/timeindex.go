// Package timeindex finds the events of a time window, and counts events
// over any stretch of time, by binary search instead of a pass over every
// event, so a time slider stays smooth with a million events.
//
// Each event is a half-open interval [lo, hi) of seconds since the Unix
// epoch (chrono.Span.Bounds). The index keeps the events sorted twice, by
// start and by end. An event overlaps [from, to) when it starts before to
// and ends after from; since every event ends after it starts, the events
// that end by from are a subset of those that start before to, and so
//
//	overlapping = #(lo < to) − #(hi ≤ from)
//
// is a binary search per duration group (the starts) and one more (the
// ends). The index holds only event numbers in those orders and reads the
// times from the caller's slices: 8 bytes an event rather than 40.
package timeindex

import (
	"cmp"
	"math"
	"slices"
)

// Index is an immutable time index over a list of events. It is safe for
// concurrent use.
type Index struct {
	lo, hi []float64 // the caller's bounds, by event
	byEnd  []int32   // the dated events by end
	// byLength groups events by duration, each group sorted by start.
	// An event of a group with longest duration d that overlaps a window
	// starting at from began after from−d: one short run of the group.
	// Together the groups are the events sorted by start.
	byLength []group
}

// group holds the events whose duration is below limit (and at least half
// of it, except for the shortest group), sorted by start. limit is +Inf
// for events without an end or a start.
type group struct {
	limit   float64
	indexes []int32 // by start
}

// New indexes events whose bounds are lo[i], hi[i]. Events with a NaN
// bound, or with no bound at all (-Inf, +Inf), are undated and left out.
// The index keeps lo and hi, which must not change afterwards.
func New(lo, hi []float64) *Index {
	all := make([]keyed, 0, len(lo))
	for i := range lo {
		if dated(lo[i], hi[i]) {
			all = append(all, keyed{hi[i], int32(i)})
		}
	}
	n := len(all)
	x := &Index{lo: lo, hi: hi, byEnd: make([]int32, n)}
	slices.SortFunc(all, byKey)
	for k, e := range all {
		x.byEnd[k] = e.i
		all[k].key = lo[e.i]
	}
	slices.SortFunc(all, byKey)
	// Size each duration group first, so building a million-event index
	// allocates each array once.
	sizes := map[float64]int{}
	for _, e := range all {
		sizes[lengthLimit(hi[e.i]-lo[e.i])]++
	}
	groups := make(map[float64]*group, len(sizes))
	for lim, n := range sizes {
		groups[lim] = &group{limit: lim, indexes: make([]int32, 0, n)}
	}
	for _, e := range all {
		g := groups[lengthLimit(hi[e.i]-lo[e.i])]
		g.indexes = append(g.indexes, e.i)
	}
	for _, g := range groups {
		x.byLength = append(x.byLength, *g)
	}
	slices.SortFunc(x.byLength, func(a, b group) int { return cmp.Compare(a.limit, b.limit) })
	return x
}

// lengthLimit rounds a duration up to a power of two (at least one
// second), the longest duration of its group.
func lengthLimit(d float64) float64 {
	if math.IsInf(d, 0) || math.IsNaN(d) {
		return math.Inf(1)
	}
	if d < 1 {
		return 1
	}
	_, e := math.Frexp(d) // d in [2^(e-1), 2^e)
	return math.Ldexp(1, e)
}

func dated(lo, hi float64) bool {
	return lo <= hi && !math.IsInf(hi, -1) && !math.IsInf(lo, 1) && !(math.IsInf(lo, -1) && math.IsInf(hi, 1))
}

// keyed is an event index with the time it is sorted by; sorting these
// pairs is several times faster than sorting indexes through a lookup.
type keyed struct {
	key float64
	i   int32
}

func byKey(a, b keyed) int {
	switch {
	case a.key < b.key:
		return -1
	case a.key > b.key:
		return 1
	}
	return int(a.i - b.i)
}

// Len returns the number of dated events.
func (x *Index) Len() int { return len(x.byEnd) }

// Range returns the earliest finite start and the latest finite end (or
// start, for events still going), and false when no event has a finite
// time.
func (x *Index) Range() (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	if k := x.endsBy(math.MaxFloat64); k > 0 {
		hi = x.hi[x.byEnd[k-1]]
	}
	for gi := range x.byLength {
		g := &x.byLength[gi]
		if k := x.groupStartsBefore(g, -math.MaxFloat64); k < len(g.indexes) { // skip -Inf starts
			lo = min(lo, x.lo[g.indexes[k]])
		}
		if k := x.groupStartsBefore(g, math.Inf(1)); k > 0 {
			hi = max(hi, x.lo[g.indexes[k-1]]) // an open-ended event starting after every end
		}
	}
	return lo, hi, lo <= hi
}

// startsBefore counts events with lo < t.
func (x *Index) startsBefore(t float64) int {
	n := 0
	for g := range x.byLength {
		n += x.groupStartsBefore(&x.byLength[g], t)
	}
	return n
}

// groupStartsBefore counts the events of group g with lo < t.
func (x *Index) groupStartsBefore(g *group, t float64) int {
	return first(g.indexes, x.lo, t, true)
}

// first returns the position of the first of events, ordered by key,
// whose key is above t, or equal to it too when orEqual is set
// (slices.BinarySearch on the keys, and its upper-bound twin).
func first(events []int32, key []float64, t float64, orEqual bool) int {
	a, b := 0, len(events)
	for a < b {
		m := int(uint(a+b) >> 1)
		if k := key[events[m]]; k > t || orEqual && k == t {
			b = m
		} else {
			a = m + 1
		}
	}
	return a
}

// endsBy counts events with hi ≤ t.
func (x *Index) endsBy(t float64) int { return first(x.byEnd, x.hi, t, false) }

// Count returns how many events overlap [from, to).
func (x *Index) Count(from, to float64) int {
	if to <= from {
		return 0
	}
	return x.startsBefore(to) - x.endsBy(from)
}

// Visible appends to dst the indexes of the events that overlap [from, to)
// and returns it. Within each duration group, only events that started
// less than the group's longest duration before from can still be going;
// the rest of the run started inside the window. With a dst of enough
// capacity it does not allocate.
func (x *Index) Visible(from, to float64, dst []int32) []int32 {
	if to <= from {
		return dst
	}
	for g := range x.byLength {
		dst = x.visible(&x.byLength[g], from, to, dst)
	}
	return dst
}

func (x *Index) visible(g *group, from, to float64, dst []int32) []int32 {
	early := x.groupStartsBefore(g, from-g.limit)
	if math.IsInf(g.limit, 1) {
		early = 0
	}
	inside := x.groupStartsBefore(g, from)
	last := x.groupStartsBefore(g, to)
	for _, i := range g.indexes[early:inside] {
		if x.hi[i] > from {
			dst = append(dst, i)
		}
	}
	return append(dst, g.indexes[inside:last]...)
}

// Ended appends to dst the events whose end falls in (from, to]: in a
// time window starting at to, the ones that finished less than to−from
// ago, which the map fades out as a trail.
func (x *Index) Ended(from, to float64, dst []int32) []int32 {
	if to <= from {
		return dst
	}
	return append(dst, x.byEnd[x.endsBy(from):x.endsBy(to)]...)
}

// Histogram fills counts with the number of events overlapping each of
// len(counts) equal bins across [from, to), and returns the largest count.
// It costs two binary searches per bin, whatever the number of events.
func (x *Index) Histogram(from, to float64, counts []int32) int32 {
	n := len(counts)
	if n == 0 || to <= from {
		clear(counts)
		return 0
	}
	var most int32
	step := (to - from) / float64(n)
	lo := from
	for j := range counts {
		hi := from + float64(j+1)*step
		if j == n-1 {
			hi = to
		}
		counts[j] = int32(x.startsBefore(hi) - x.endsBy(lo))
		most = max(most, counts[j])
		lo = hi
	}
	return most
}
