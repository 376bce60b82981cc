package render

import (
	"fmt"
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
	// The bubbles in view count the events in the cells the view covers
	// (the cells at its edges reach past it).
	var sum, busiest int32
	var at [3]int
	r.eachCell(func(c, x, y int) {
		n := r.bins[0].count[c]
		sum += n
		if n > busiest {
			busiest, at = n, [3]int{c, x, y}
		}
	})
	vc, cs := r.view, r.grid.cs
	minX, minY := float64(vc.x0)*cs+vc.dx, float64(max(0, vc.y0))*cs+vc.dy
	maxX, maxY := float64(vc.x1+1)*cs+vc.dx, float64(min(r.grid.k, vc.y1+1))*cs+vc.dy
	inView := 0
	for i := range m.anchor {
		a := m.world(i)
		for k := -3.0; k <= 3; k++ {
			if q := v.ToPixel(orb.Point{a[0] + k, a[1]}); q[0] >= minX && q[0] < maxX && q[1] >= minY && q[1] < maxY {
				inView++
			}
		}
	}
	if int(sum) != inView {
		t.Errorf("bubbles count %d events, %d are in view", sum, inView)
	}
	golden.Compare(t, filepath.Join("testdata", "clusters.png"), img)

	// A click on a bubble finds it; zoomed in on a city, markers return.
	if got := r.ClusterAt(r.centroid(at[0], at[1], at[2], busiest)); got != int(busiest) {
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

// A pan draws from the counts binned for an earlier view while it stays
// in the binned area, and draws what binning afresh would: the cells
// belong to the world, not to the view. A long pan, a new time window or a
// zoom bins again. Zoomed out, the binned area is the whole world across,
// and a pan over the date line never bins again.
func TestPanReusesBins(t *testing.T) {
	c := generated(t, 50_000)
	m := NewMarks(c)
	lo, hi, _ := c.TimeRange()
	r := NewRenderer(nil, m)
	step := func(what string, v Viewport, w Window, rebin bool) {
		t.Helper()
		before := r.binnings
		got, err := r.Image(Frame{View: v, Window: w, Selected: -1})
		if err != nil {
			t.Fatal(err)
		}
		if !r.clustered {
			t.Fatalf("%s: not clustered", what)
		}
		if binned := r.binnings > before; binned != rebin {
			t.Errorf("%s: binned again %v, want %v", what, binned, rebin)
		}
		want, _ := NewRenderer(nil, m).Image(Frame{View: v, Window: w, Selected: -1})
		if d := diffPixels(got, want); d > 0 {
			t.Errorf("%s: %d pixels differ from a frame binned afresh", what, d)
		}
	}
	world := Viewport{Center: orb.Point{0.98, 0.4}, Zoom: 2.3, Width: 640, Height: 400}
	step("world", world, Window{}, true)
	for i := range 12 {
		world = world.Pan(37, -11) // across the date line and back into [0, 1)
		step(fmt.Sprintf("world pan %d", i+1), world, Window{}, false)
	}
	step("a time window", world, Window{From: lo, To: lo + (hi-lo)/3}, true)
	region := Viewport{Center: mercator.Project(orb.Point{30, 35}), Zoom: 4, Width: 640, Height: 400}
	step("region", region, Window{}, true)
	for i := range 12 {
		region = region.Pan(-37, 11)
		step(fmt.Sprintf("region pan %d", i+1), region, Window{}, false)
	}
	step("a long pan", region.Pan(-900, 0), Window{}, true)
	step("a zoom", region.ZoomAround(orb.Point{320, 200}, -0.5), Window{}, true)
}

// diffPixels counts the pixels that differ between two images of one size.
func diffPixels(a, b *image.RGBA) int {
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		if [4]byte(a.Pix[i:i+4]) != [4]byte(b.Pix[i:i+4]) {
			n++
		}
	}
	return n
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
	// Every event binned again, as after a change of time window or zoom
	// (playback, a scroll): the full cost of a frame.
	b.Run("frame1080p/all-visible", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			r.binned = false
			_ = r.Draw(img, Frame{View: world, Selected: -1})
		}
	})
	// The same frame again, its counts kept (a selection, a hover).
	b.Run("frame1080p/all-visible-redrawn", func(b *testing.B) {
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
			r.binned = false
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
		// A long drag, 8 pixels a frame one way: the events are binned
		// again each time the view leaves the binned area (every 240
		// frames at 1080p), and that frame costs a full one.
		v := world
		for b.Loop() {
			v = v.Pan(8, 0)
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
