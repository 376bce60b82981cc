package timeindex

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomEvents makes n events over a century: mostly one-day events, some
// spans of up to a year, a few open-ended or with no start, a few undated.
func randomEvents(n int, seed uint64) (lo, hi []float64) {
	r := rand.New(rand.NewPCG(seed, 1))
	const year = 365.25 * 86400
	lo, hi = make([]float64, n), make([]float64, n)
	for i := range n {
		start := math.Floor(r.Float64()*100*year/86400) * 86400
		lo[i], hi[i] = start, start+86400
		switch k := r.IntN(100); {
		case k < 10:
			hi[i] = start + r.Float64()*year
		case k == 10:
			hi[i] = math.Inf(1)
		case k == 11:
			lo[i] = math.Inf(-1)
		case k == 12:
			lo[i], hi[i] = math.NaN(), math.NaN()
		}
	}
	return lo, hi
}

func brute(lo, hi []float64, from, to float64) []int32 {
	var out []int32
	for i := range lo {
		if dated(lo[i], hi[i]) && lo[i] < to && hi[i] > from {
			out = append(out, int32(i))
		}
	}
	return out
}

func TestVisibleMatchesBruteForce(t *testing.T) {
	lo, hi := randomEvents(5000, 7)
	x := New(lo, hi)
	r := rand.New(rand.NewPCG(3, 3))
	const year = 365.25 * 86400
	for range 300 {
		from := (r.Float64()*120 - 10) * year
		to := from + r.Float64()*r.Float64()*30*year
		want := brute(lo, hi, from, to)
		got := slices.Clone(x.Visible(from, to, nil))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("Visible(%v, %v): %d events, want %d", from, to, len(got), len(want))
		}
		if c := x.Count(from, to); c != len(want) {
			t.Fatalf("Count(%v, %v) = %d, want %d", from, to, c, len(want))
		}
	}
}

func TestEnded(t *testing.T) {
	lo, hi := randomEvents(2000, 9)
	x := New(lo, hi)
	const year = 365.25 * 86400
	from, to := 20*year, 21*year
	var want []int32
	for i := range lo {
		if dated(lo[i], hi[i]) && hi[i] > from && hi[i] <= to {
			want = append(want, int32(i))
		}
	}
	got := slices.Clone(x.Ended(from, to, nil))
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("Ended: %d events, want %d", len(got), len(want))
	}
}

func TestHistogramMatchesBruteForce(t *testing.T) {
	lo, hi := randomEvents(3000, 11)
	x := New(lo, hi)
	const year = 365.25 * 86400
	counts := make([]int32, 37)
	from, to := 5*year, 42*year
	most := x.Histogram(from, to, counts)
	var top int32
	step := (to - from) / 37
	for j, c := range counts {
		a, b := from+float64(j)*step, from+float64(j+1)*step
		if j == 36 {
			b = to
		}
		if want := len(brute(lo, hi, a, b)); int(c) != want {
			t.Errorf("bin %d: %d, want %d", j, c, want)
		}
		top = max(top, c)
	}
	if most != top {
		t.Errorf("largest = %d, want %d", most, top)
	}
}

func TestRange(t *testing.T) {
	inf := math.Inf(1)
	x := New([]float64{10, math.Inf(-1), 5, math.NaN(), 30}, []float64{20, 15, 6, math.NaN(), inf})
	lo, hi, ok := x.Range()
	if !ok || lo != 5 || hi != 30 {
		t.Errorf("Range = %v, %v, %v; want 5, 30", lo, hi, ok)
	}
	if x.Len() != 4 {
		t.Errorf("Len = %d, want 4", x.Len())
	}
	if _, _, ok := New(nil, nil).Range(); ok {
		t.Error("empty index has a range")
	}
}

// BenchmarkWindowMillion moves a one-year window across a century of
// 1,000,000 events and collects the visible set, as the slider does while
// it is dragged or played.
func BenchmarkWindowMillion(b *testing.B) {
	lo, hi := randomEvents(1_000_000, 1)
	x := New(lo, hi)
	const year = 365.25 * 86400
	buf := make([]int32, 0, 1<<20)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := range b.N {
		from := float64(i%90) * year
		buf = x.Visible(from, from+year, buf[:0])
		n += len(buf)
	}
	b.ReportMetric(float64(n)/float64(b.N), "events/op")
}

// BenchmarkWindowMillionAll selects the whole range: the largest visible
// set there can be.
func BenchmarkWindowMillionAll(b *testing.B) {
	lo, hi := randomEvents(1_000_000, 1)
	x := New(lo, hi)
	buf := make([]int32, 0, 1<<20)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		buf = x.Visible(math.Inf(-1), math.Inf(1), buf[:0])
	}
}

// BenchmarkHistogramMillion computes a 1,600-bin density histogram (one
// bin per pixel of a wide timeline) at a new axis zoom.
func BenchmarkHistogramMillion(b *testing.B) {
	lo, hi := randomEvents(1_000_000, 1)
	x := New(lo, hi)
	const year = 365.25 * 86400
	counts := make([]int32, 1600)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		span := float64(1+i%100) * year
		x.Histogram(50*year-span/2, 50*year+span/2, counts)
	}
}

func BenchmarkNewMillion(b *testing.B) {
	lo, hi := randomEvents(1_000_000, 1)
	b.ReportAllocs()
	for range b.N {
		New(lo, hi)
	}
}
