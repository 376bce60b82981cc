package render

import (
	"image"
	"math"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/meridian-app/meridian/geo/synth"
	"github.com/meridian-app/meridian/internal/golden"
	"github.com/paulmach/orb"
)

// generated returns n synthetic events (package synth, seed 1) as a
// collection, built once per size.
func generated(t testing.TB, n int) *event.Collection {
	t.Helper()
	genOnce.Lock()
	defer genOnce.Unlock()
	if c, ok := genCache[n]; ok {
		return c
	}
	g, err := synth.New(synth.Options{N: n, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	c := &event.Collection{Events: make([]event.Event, 0, n)}
	for {
		e, ok := g.Next()
		if !ok {
			break
		}
		sp, err := chrono.ParseSpan(e.Start)
		if err != nil {
			t.Fatal(err)
		}
		if e.End == "present" {
			sp.Open = true
		} else if e.End != "" {
			end, err := chrono.Parse(e.End)
			if err != nil {
				t.Fatal(err)
			}
			sp.End = end
		}
		c.Events = append(c.Events, event.Event{Title: e.Title, Category: e.Category, When: sp, Geometry: orb.Point{e.Lon, e.Lat}})
	}
	genCache[n] = c
	return c
}

var (
	genOnce  sync.Mutex
	genCache = map[int]*event.Collection{}
)

// A dense frame is drawn as bubbles whose counts add up to the events in
// view, and it matches its golden image.
func TestClusters(t *testing.T) {
	c := generated(t, 50_000)
	m := NewMarks(c)
	r := NewRenderer(basemap.Default(), m)
	v := Viewport{Center: orb.Point{0.5, 0.45}, Zoom: 1.2, Width: 640, Height: 400}
	img, err := r.Image(Frame{View: v, Selected: -1})
	if err != nil {
		t.Fatal(err)
	}
	if !r.clustered {
		t.Fatal("50,000 events in view were drawn one by one")
	}
	var sum int32
	for _, n := range r.bins[0].count {
		sum += n
	}
	inView := 0
	for i := range m.anchor {
		a := m.world(i)
		for k := -2.0; k <= 2; k++ {
			if q := v.ToPixel(orb.Point{a[0] + k, a[1]}); q[0] >= 0 && q[0] < 640 && q[1] >= 0 && q[1] < 400 {
				inView++
			}
		}
	}
	if int(sum) != inView {
		t.Errorf("bubbles count %d events, %d are in view", sum, inView)
	}
	golden.Compare(t, filepath.Join("testdata", "clusters.png"), img)

	// A click on a bubble finds it; zoomed in on a city, markers return.
	var busiest, at int32 = 0, -1
	for cell, n := range r.bins[0].count {
		if n > busiest {
			busiest, at = n, int32(cell)
		}
	}
	b := r.bins[0]
	centre := orb.Point{float64(b.sx[at] / float32(busiest)), float64(b.sy[at] / float32(busiest))}
	if got := r.ClusterAt(centre); got != int(busiest) {
		t.Errorf("ClusterAt(busiest bubble) = %d, want %d", got, busiest)
	}
	city := Viewport{Center: mercator.Project(orb.Point{36.29, 33.51}), Zoom: 11, Width: 640, Height: 400}
	if _, err := r.Image(Frame{View: city, Selected: -1}); err != nil {
		t.Fatal(err)
	}
	if r.clustered || r.ClusterAt(orb.Point{320, 200}) != 0 {
		t.Error("a city view of a few events was clustered")
	}
}

func TestCountText(t *testing.T) {
	for n, want := range map[int32]string{7: "7", 999: "999", 1000: "1.0k", 3456: "3.5k", 45_678: "45k", 1_234_567: "1.2M"} {
		if got := countText(n); got != want {
			t.Errorf("countText(%d) = %q, want %q", n, got, want)
		}
	}
}

// The grid pick finds what a look at every event finds.
func TestPickMatchesScan(t *testing.T) {
	for _, n := range []int{20_000, 300} { // a fine grid and a coarse one
		c := generated(t, n)
		m := NewMarks(c)
		rnd := rand.New(rand.NewPCG(3, 4))
		lo, hi, _ := c.TimeRange()
		found := 0
		for k := range 2000 {
			v := Viewport{Center: orb.Point{rnd.Float64(), 0.3 + 0.3*rnd.Float64()}, Zoom: 1 + 9*rnd.Float64(), Width: 800, Height: 600}
			w := Window{}
			if k%2 == 1 {
				from := lo + rnd.Float64()*(hi-lo)
				w = Window{From: from, To: from + 30*86400, Trail: 90 * 86400}
			}
			px := orb.Point{rnd.Float64() * 800, rnd.Float64() * 600}
			got, gok := m.Pick(v, w, px, 12)
			want, wok := scanPick(m, v, w, px, 12)
			if got != want || gok != wok {
				t.Fatalf("%d events, view %+v window %+v px %v: pick %d %v, scan %d %v", n, v, w, px, got, gok, want, wok)
			}
			if gok {
				found++
			}
		}
		if found == 0 {
			t.Errorf("%d events: no pick found anything; the comparison tested nothing", n)
		}
	}
}

// scanPick is Pick by looking at every event, as it was before the grid.
func scanPick(m *Marks, v Viewport, w Window, px orb.Point, radius float64) (int, bool) {
	best, bestD := -1, radius*radius
	bestState := Hidden
	for i := range m.anchor {
		a := m.world(i)
		st := m.State(i, w)
		if st == Hidden || a[0] != a[0] {
			continue
		}
		q := nearestCopy(v, a, px)
		d := (q[0]-px[0])*(q[0]-px[0]) + (q[1]-px[1])*(q[1]-px[1])
		if d < bestD || (d <= bestD && st > bestState) {
			best, bestD, bestState = i, d, st
		}
	}
	return best, best >= 0
}

// The figures of issue 6: a 1080p frame of a million events over a
// cached basemap, a time-window change, and a pick, at a million.
func BenchmarkMillion(b *testing.B) {
	c := generated(b, 1_000_000)
	m := NewMarks(c)
	r := NewRenderer(basemap.Default(), m)
	bd, _ := c.Bound()
	world := Fit(bd, 1920, 1080, 40, 12)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	lo, hi, _ := c.TimeRange()
	if err := r.Draw(img, Frame{View: world, Selected: -1}); err != nil { // the basemap, once
		b.Fatal(err)
	}
	waitAhead(b, r) // tiles around the view, drawn in the background
	b.Run("frame1080p/all-visible", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = r.Draw(img, Frame{View: world, Selected: -1})
		}
	})
	b.Run("frame1080p/year-window", func(b *testing.B) {
		w := Window{From: lo + (hi-lo)/2, To: lo + (hi-lo)/2 + 365*86400, Trail: 90 * 86400}
		_ = r.Draw(img, Frame{View: world, Window: w, Selected: -1}) // its bubble counts drawn once
		b.ReportAllocs()
		for b.Loop() {
			_ = r.Draw(img, Frame{View: world, Window: w, Selected: -1})
		}
	})
	city := Viewport{Center: mercator.Project(orb.Point{36.29, 33.51}), Zoom: 9, Width: 1920, Height: 1080}
	_ = r.Draw(img, Frame{View: city, Selected: -1})
	waitAhead(b, r)
	b.Run("frame1080p/city", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = r.Draw(img, Frame{View: city, Selected: -1})
		}
	})
	b.Run("pan1080p/all-visible", func(b *testing.B) {
		// As in the window: with place labels, which keep clear of markers.
		pr := NewRenderer(basemap.Default(), m)
		pr.Places = places(b)
		_ = pr.Draw(img, Frame{View: world, Selected: -1})
		waitAhead(b, pr)
		b.ReportAllocs()
		v := world
		for i := 0; b.Loop(); i++ {
			d := 8.0
			if i%2 == 1 {
				d = -8
			}
			v = v.Pan(d, d/2)
			_ = pr.Draw(img, Frame{View: v, Selected: -1})
		}
	})
	b.Run("window-change", func(b *testing.B) {
		b.ReportAllocs()
		buf := make([]int32, 0, len(c.Events))
		step := (hi - lo) / 500
		for i := 0; b.Loop(); i++ {
			from := lo + float64(i%500)*step
			buf = m.Index().Visible(from, from+30*86400, buf[:0])
		}
	})
	for _, tc := range []struct {
		name string
		v    Viewport
	}{{"pick/world", world}, {"pick/city", city}} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			rnd := rand.New(rand.NewPCG(1, 2))
			for b.Loop() {
				m.Pick(tc.v, Window{}, orb.Point{rnd.Float64() * 1920, rnd.Float64() * 1080}, 10.5)
			}
		})
	}
}

// The binning goroutines a renderer keeps between frames end when the
// renderer is collected, and binning on them counts what one goroutine
// counts.
func TestBinnersEnd(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	m := NewMarks(generated(t, 60_000))
	img := image.NewRGBA(image.Rect(0, 0, 640, 400))
	v := Viewport{Center: orb.Point{0.5, 0.5}, Zoom: 1, Width: 640, Height: 400}
	before := runtime.NumGoroutine()
	r := NewRenderer(basemap.Default(), m)
	if err := r.Draw(img, Frame{View: v, Selected: -1}); err != nil {
		t.Fatal(err)
	}
	waitAhead(t, r)
	if r.binners == nil || r.binners.size != 3 {
		t.Fatalf("binners %+v, want 3 goroutines", r.binners)
	}
	parallel := slices.Clone(r.bins[0].count)
	all := m.Index().Visible(math.Inf(-1), math.Inf(1), nil)
	one := &bins{}
	one.reset(len(parallel))
	r.grid.add(one, m, all, false)
	if !slices.Equal(parallel, one.count) {
		t.Error("binning on the goroutines counted differently")
	}
	r = nil
	for range 200 {
		runtime.GC()
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Errorf("%d goroutines after the renderer was collected, %d before", runtime.NumGoroutine(), before)
}
