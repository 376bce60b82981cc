package event

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/paulmach/orb"
)

func at(s string) chrono.Span {
	t, err := chrono.Parse(s)
	if err != nil {
		panic(err)
	}
	return chrono.Span{Start: t}
}

func TestCollection(t *testing.T) {
	war := at("2011-03")
	war.Open = true
	c := &Collection{Events: []Event{
		{Title: "undated", Category: "b"},
		{Title: "tartous", When: at("2016-09-05"), Category: "attack", Geometry: orb.Point{35.9, 34.9}},
		{Title: "war", When: war, Category: "conflict", Geometry: orb.Point{38, 35}},
		{Title: "douma", When: at("2016-09"), Category: "conflict"},
	}}
	if got, want := c.Chronological(), []int{2, 3, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("Chronological = %v, want %v", got, want)
	}
	lo, hi, ok := c.TimeRange()
	wantLo := at("2011-03").Start.StartMilli().Float()
	wantHi := at("2016-10").Start.StartMilli().Float()
	if !ok || lo != wantLo || hi != wantHi {
		t.Errorf("TimeRange = %v %v %v, want %v %v", lo, hi, ok, wantLo, wantHi)
	}
	if b, ok := c.Bound(); !ok || b != (orb.Bound{Min: orb.Point{35.9, 34.9}, Max: orb.Point{38, 35}}) {
		t.Errorf("Bound = %v", b)
	}
	if got := c.Categories(); !slices.Equal(got, []string{"attack", "b", "conflict"}) {
		t.Errorf("Categories = %v", got)
	}
}

// More is made when a rare part is set, dropped when all of it is empty
// again, and never changed in place, so a copy of an event (an undo
// snapshot) keeps its own values.
func TestEventMore(t *testing.T) {
	var e Event
	if e.Sources() != nil || e.Order() != nil || e.Weight() != nil || e.Foreign() != nil {
		t.Fatal("an empty event has rare parts")
	}
	e.SetOrder(nil)
	if e.More != nil {
		t.Fatal("setting nothing made More")
	}
	one, two := 1.0, 2.0
	e.SetOrder(&one)
	snapshot := e
	e.SetOrder(&two)
	e.SetSources([]Source{{URL: "https://example.org"}})
	if *snapshot.Order() != 1 || snapshot.Sources() != nil || *e.Order() != 2 || len(e.Sources()) != 1 {
		t.Errorf("copy %v %v, event %v %v", *snapshot.Order(), snapshot.Sources(), *e.Order(), e.Sources())
	}
	e.SetOrder(nil)
	e.SetSources(nil)
	if e.More != nil {
		t.Errorf("More kept when empty: %+v", *e.More)
	}
}

// Chronological orders as a stable sort by start does, undated last, over
// ties, open starts ("until 1918"), BCE and undated events.
func TestChronologicalMatchesStableSort(t *testing.T) {
	until := chrono.Span{End: at("1918").Start}
	pool := []chrono.Span{{}, until, at("2016-09-05"), at("2016-09"), at("2016"), at("-0043-03-15"), at("1914"), {}}
	rng := rand.New(rand.NewPCG(1, 2))
	c := &Collection{}
	for range 3000 {
		c.Events = append(c.Events, Event{When: pool[rng.IntN(len(pool))]})
	}
	want := make([]int, len(c.Events))
	for i := range want {
		want[i] = i
	}
	sort.SliceStable(want, func(a, b int) bool {
		ea, eb := c.Events[want[a]].When, c.Events[want[b]].When
		if ea.IsZero() || eb.IsZero() {
			return !ea.IsZero() && eb.IsZero()
		}
		la, _ := ea.Bounds()
		lb, _ := eb.Bounds()
		return la < lb
	})
	if got := c.Chronological(); !slices.Equal(got, want) {
		t.Errorf("Chronological differs from the stable sort: first %v, want %v", got[:10], want[:10])
	}
}
