package render

import (
	"math"
	"math/bits"

	"github.com/paulmach/orb"
)

// maxSpatialBits sets the finest pick grid: 2^10 × 2^10 cells over the
// world, so a cell is about a marker wide from zoom 2 on and a pick among
// a million events reads a handful of cells instead of every event.
// Smaller data sets get about one cell per event: the sample's eight
// events need no 4 MB of empty cells at start-up.
const maxSpatialBits = 10

// spatial is a grid index of event anchors (world units) in compressed
// rows: the events of cell c are items[start[c]:start[c+1]], in index
// order. Built once per data set; read-only after.
type spatial struct {
	bits  uint
	start []int32
	items []int32
}

func newSpatial(events int, anchor func(i int) orb.Point) *spatial {
	b := uint(min(max(bits.Len(uint(events))/2, 2), maxSpatialBits))
	n := 1 << b
	s := &spatial{bits: b, start: make([]int32, n*n+1)}
	cells := make([]int32, events)
	for i := range cells {
		a := anchor(i)
		cells[i] = -1
		if !math.IsNaN(a[0]) {
			cells[i] = s.cellOf(a)
			s.start[cells[i]+1]++
		}
	}
	for c := 1; c < len(s.start); c++ {
		s.start[c] += s.start[c-1]
	}
	s.items = make([]int32, s.start[len(s.start)-1])
	next := cells[:0:0]
	next = append(next, s.start[:n*n]...)
	for i, c := range cells {
		if c >= 0 {
			s.items[next[c]] = int32(i)
			next[c]++
		}
	}
	return s
}

// cellOf returns the grid cell of a world point.
func (s *spatial) cellOf(a orb.Point) int32 {
	n := 1 << s.bits
	x := min(max(int(a[0]*float64(n)), 0), n-1)
	y := min(max(int(a[1]*float64(n)), 0), n-1)
	return int32(y*n + x)
}

// each calls fn with every event whose cell meets the world box
// [x0, x1]×[y0, y1]; x may run past 0 or 1 (the world repeats).
func (s *spatial) each(x0, y0, x1, y1 float64, fn func(i int32)) {
	n := 1 << s.bits
	fn0 := float64(n)
	cx0, cx1 := int(math.Floor(x0*fn0)), int(math.Floor(x1*fn0))
	if cx1-cx0 >= n {
		cx0, cx1 = 0, n-1
	}
	cy0, cy1 := max(int(math.Floor(y0*fn0)), 0), min(int(math.Floor(y1*fn0)), n-1)
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			c := cy*n + ((cx%n)+n)%n
			for _, i := range s.items[s.start[c]:s.start[c+1]] {
				fn(i)
			}
		}
	}
}
