package event

import (
	"slices"
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
