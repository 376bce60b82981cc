package render

import (
	"image"
	"image/color"
	"math"
	"runtime"
	"strconv"

	"github.com/meridian-app/meridian/geo/typeset"
	"github.com/paulmach/orb"
)

// ClusterAbove is the number of events in a frame above which markers
// are grouped: each cell of a ClusterCell-pixel grid that holds more than
// one event is drawn as one bubble, sized by and labelled with its count,
// at the events' centroid. A million markers drawn one by one would cover
// the map in a single smear (and take a second); bubbles show where and
// how many. Zoomed in, fewer events are in view and markers return.
const (
	ClusterAbove = 3000
	ClusterCell  = 56
)

// bins counts a frame's events per grid cell. Each worker fills its own,
// and they are summed, so binning runs on every core without locks.
type bins struct {
	count, faded []int32
	sx, sy       []float32 // pixel sums, for centroids
	one          []int32   // an event in the cell (the last binned)
	color        []color.RGBA
	mixed        []bool // the cell holds events of different colours
}

func (b *bins) reset(n int) {
	if cap(b.count) < n {
		*b = bins{count: make([]int32, n), faded: make([]int32, n), sx: make([]float32, n), sy: make([]float32, n),
			one: make([]int32, n), color: make([]color.RGBA, n), mixed: make([]bool, n)}
	}
	b.count, b.faded, b.sx, b.sy = b.count[:n], b.faded[:n], b.sx[:n], b.sy[:n]
	b.one, b.color, b.mixed = b.one[:n], b.color[:n], b.mixed[:n]
	clear(b.count)
	clear(b.faded)
	clear(b.sx)
	clear(b.sy)
	clear(b.mixed)
}

// grid is the cell layout events were binned into. Its cells are anchored
// to the world, not to the view: a pan moves the bubbles with the map
// instead of regrouping the events under them, and reuses the counts while
// the view stays inside the binned area, which spans the view and about a
// view's width and height around it. The cells are sized to divide the
// world's width (about ClusterCell pixels), so they repeat with the world:
// each event is binned once however many copies of the world are in view.
// Binning reads every event in the time window (a million in 7–9 ms on two
// cores); a pan then draws the bubbles only.
type grid struct {
	k          int     // cells across (and down) the world
	cs         float64 // cell size in pixels: s/k
	c0x, c0y   int     // the binned area's first column (0 ≤ c0x < k) and row
	cols, rows int
	s          float64 // pixels per world unit: the zoom
}

// newGrid returns the cell layout at s pixels per world unit, spanning the
// cells of view span vc and as many again on every side (the whole world
// across, when that is less).
func newGrid(s float64, vc cellSpan) grid {
	k := max(1, int(math.Round(s/ClusterCell)))
	g := grid{k: k, cs: s / float64(k), s: s}
	w, h := vc.x1-vc.x0+1, vc.y1-vc.y0+1
	g.cols = min(k, 3*w)
	if g.cols < k {
		g.c0x = mod(vc.x0-w, k)
	}
	top, bottom := max(0, vc.y0-h), min(k-1, vc.y1+h)
	g.c0y, g.rows = top, max(0, bottom-top+1)
	return g
}

// mod is a modulo n that is never negative.
func mod(a, n int) int {
	if a %= n; a < 0 {
		a += n
	}
	return a
}

// cell returns the index of the cell at column x (counted from any copy
// of the world) and row y, or -1 when the binned area does not hold it.
func (g grid) cell(x, y int) int {
	y -= g.c0y
	if y < 0 || y >= g.rows {
		return -1
	}
	x = mod(x-g.c0x, g.k)
	if x >= g.cols {
		return -1
	}
	return y*g.cols + x
}

// holds reports whether the binned area has every cell of vc in the world.
func (g grid) holds(vc cellSpan) bool {
	top, bottom := max(0, vc.y0), min(g.k-1, vc.y1)
	if top <= bottom && (top < g.c0y || bottom >= g.c0y+g.rows) {
		return false
	}
	return g.cols == g.k || mod(vc.x0-g.c0x, g.k)+vc.x1-vc.x0 < g.cols
}

// binKey is what binned counts depend on besides the view's position.
type binKey struct {
	marks     *Marks
	s         float64
	window    Window
	cur, past int // the lists' lengths, a check that they are the lists binned
}

// cellSpan is the cells a view covers, counted from the world's origin
// (columns unwrapped: the copy of the world right of it continues at k),
// and the view pixel of that origin.
type cellSpan struct {
	x0, x1, y0, y1 int
	dx, dy         float64
}

// viewCells returns the cells of size cs that view v covers.
func viewCells(v Viewport, cs float64) cellSpan {
	s := v.Scale()
	ox, oy := float64(v.Width)/2-v.Center[0]*s, float64(v.Height)/2-v.Center[1]*s
	return cellSpan{
		x0: int(math.Floor(-ox / cs)), x1: int(math.Ceil((float64(v.Width)-ox)/cs)) - 1,
		y0: int(math.Floor(-oy / cs)), y1: int(math.Ceil((float64(v.Height)-oy)/cs)) - 1,
		dx: ox, dy: oy,
	}
}

// add bins events list of m (faded or not) into b. Pixel sums are offsets
// within each event's cell.
func (g grid) add(b *bins, m *Marks, list []int32, faded bool) {
	fs := g.s / worldFix // pixels per step of the anchors' fixed point
	k := uint64(g.k)
	for _, i := range list {
		a := m.anchor[i]
		if a[0] == unplaced {
			continue
		}
		// A cell is worldFix/k anchor steps wide: its column and row are
		// exact in integers, where two float divisions per event found the
		// same cells but at a boundary, 1.1 ms later in a 1080p frame of a
		// million events (12.4 ms, paired medians).
		col, row := int(uint64(a[0])*k>>worldFixBits), min(int(uint64(a[1])*k>>worldFixBits), g.k-1)
		c := g.cell(col, row)
		if c < 0 {
			continue
		}
		if faded {
			b.faded[c]++
			continue
		}
		if b.count[c] == 0 {
			b.color[c] = m.color[i]
		} else if b.color[c] != m.color[i] {
			b.mixed[c] = true
		}
		b.count[c]++
		x, y := float64(a[0])*fs, float64(a[1])*fs
		b.sx[c] += float32(x - float64(col)*g.cs)
		b.sy[c] += float32(y - float64(row)*g.cs)
		b.one[c] = i
	}
}

// merge adds o into b.
func (b *bins) merge(o *bins) {
	for c := range b.count {
		if o.count[c] > 0 {
			if b.count[c] == 0 {
				b.color[c], b.one[c] = o.color[c], o.one[c]
			} else if b.color[c] != o.color[c] {
				b.mixed[c] = true
			}
			b.mixed[c] = b.mixed[c] || o.mixed[c]
			b.count[c] += o.count[c]
			b.sx[c] += o.sx[c]
			b.sy[c] += o.sy[c]
		}
		b.faded[c] += o.faded[c]
	}
}

// binAll bins the current and past lists with one worker per core (one
// for a Background renderer).
func (r *Renderer) binAll(g grid, current, past []int32) *bins {
	workers := min(runtime.GOMAXPROCS(0), 8)
	if len(current)+len(past) < 50_000 || r.Background {
		workers = 1
	}
	for len(r.bins) < workers {
		r.bins = append(r.bins, &bins{})
	}
	if workers > 1 {
		if r.binners == nil {
			r.binners = newBinners(r, workers-1)
		}
		workers = min(workers, r.binners.size+1) // GOMAXPROCS may have grown
	}
	n := g.cols * g.rows
	for k := range workers {
		b := r.bins[k]
		b.reset(n)
		job := binJob{g: g, m: r.Marks, b: b,
			current: current[len(current)*k/workers : len(current)*(k+1)/workers],
			past:    past[len(past)*k/workers : len(past)*(k+1)/workers]}
		if k == workers-1 {
			job.run()
			continue
		}
		r.binners.jobs <- job
	}
	for range workers - 1 {
		<-r.binners.done
	}
	for k := 1; k < workers; k++ {
		r.bins[0].merge(r.bins[k])
	}
	return r.bins[0]
}

// binJob is one worker's share of a frame's binning.
type binJob struct {
	g             grid
	m             *Marks
	b             *bins
	current, past []int32
}

func (j binJob) run() {
	j.g.add(j.b, j.m, j.current, false)
	j.g.add(j.b, j.m, j.past, true)
}

// binners are a renderer's binning goroutines, kept between frames: a
// goroutine started per frame allocated its closure and wait group. They
// end when the renderer is collected.
type binners struct {
	jobs chan binJob
	done chan struct{}
	size int // goroutines
}

func newBinners(r *Renderer, size int) *binners {
	p := &binners{jobs: make(chan binJob), done: make(chan struct{}), size: size}
	for range size {
		go func(jobs <-chan binJob, done chan<- struct{}) {
			for j := range jobs {
				j.run()
				done <- struct{}{}
			}
		}(p.jobs, p.done)
	}
	runtime.AddCleanup(r, func(jobs chan binJob) { close(jobs) }, p.jobs)
	return p
}

// clusterInk is the bubble colour of cells that mix categories.
var clusterInk = color.RGBA{52, 73, 94, 255}

// bin counts the events of a frame per cell, binning them again only when
// the view has left the binned area or what was binned has changed, and
// returns how many are in view (each copy of the repeating world counted).
func (r *Renderer) bin(v Viewport, w Window, current, past []int32) int {
	key := binKey{marks: r.Marks, s: v.Scale(), window: w, cur: len(current), past: len(past)}
	k := max(1, int(math.Round(key.s/ClusterCell)))
	vc := viewCells(v, key.s/float64(k))
	if !r.binned || key != r.binKey || !r.grid.holds(vc) {
		r.grid = newGrid(key.s, vc)
		r.binAll(r.grid, current, past)
		r.binKey, r.binned = key, true
		r.binnings++
	}
	r.view = vc
	n := 0
	r.eachCell(func(c, _, _ int) {
		n += int(r.bins[0].count[c] + r.bins[0].faded[c])
	})
	return n
}

// eachCell calls f with every binned cell of the last frame's view: its
// index and its column and row counted from the world's origin.
func (r *Renderer) eachCell(f func(c, x, y int)) {
	g, vc := r.grid, r.view
	for y := max(0, vc.y0); y <= min(g.k-1, vc.y1); y++ {
		for x := vc.x0; x <= vc.x1; x++ {
			if c := g.cell(x, y); c >= 0 {
				f(c, x, y)
			}
		}
	}
}

// cellAt returns the binned cell under view pixel px in the last frame,
// or -1, with its column and row.
func (r *Renderer) cellAt(px orb.Point) (c, x, y int) {
	g, vc := r.grid, r.view
	x, y = int(math.Floor((px[0]-vc.dx)/g.cs)), int(math.Floor((px[1]-vc.dy)/g.cs))
	if x < vc.x0 || x > vc.x1 || y < vc.y0 || y > vc.y1 {
		return -1, x, y
	}
	return g.cell(x, y), x, y
}

// centroid returns the view pixel at the middle of the n events of cell c,
// drawn at column x and row y.
func (r *Renderer) centroid(c, x, y int, n int32) orb.Point {
	g, b, vc := r.grid, r.bins[0], r.view
	return orb.Point{float64(x)*g.cs + vc.dx + float64(b.sx[c]/float32(n)),
		float64(y)*g.cs + vc.dy + float64(b.sy[c]/float32(n))}
}

// drawClusters draws the binned cells in view as bubbles: a cell with one
// event shows its marker, a cell with more a bubble with the count, faded
// cells (only past events) a small faded disc.
func (r *Renderer) drawClusters(dst *image.RGBA) {
	b, m, g, vc := r.bins[0], r.Marks, r.grid, r.view
	r.eachCell(func(c, x, y int) {
		if b.count[c] == 0 && b.faded[c] > 0 {
			mid := orb.Point{(float64(x)+0.5)*g.cs + vc.dx, (float64(y)+0.5)*g.cs + vc.dy}
			stamp(dst, r.sprites.past, mid, clusterInk, pastAlpha)
		}
	})
	r.eachCell(func(c, x, y int) {
		switch n := b.count[c]; {
		case n == 1:
			r.sprites.marker(dst, r.centroid(c, x, y, 1), m.color[b.one[c]], false, 255)
		case n > 1:
			col := b.color[c]
			if b.mixed[c] {
				col = clusterInk
			}
			r.bubble(dst, r.centroid(c, x, y, n), n, col)
		}
	})
}

// bubble draws a cluster of n events: a disc growing with the count's
// logarithm, white-edged, with the count written in it.
func (r *Renderer) bubble(dst *image.RGBA, at orb.Point, n int32, c color.RGBA) {
	k := min(int(math.Log10(float64(n))*2), len(r.sprites.bubbles)-1)
	bs := &r.sprites.bubbles[k]
	stamp(dst, bs.edge, at, white, 255)
	stamp(dst, bs.fill, at, c, 235)
	l := &r.labels
	if !l.ensureFonts() {
		return
	}
	mk := r.countMask(n)
	tb := mk.Text.Rect
	x0 := int(math.Round(at[0])) - tb.Dx()/2
	y0 := int(math.Round(at[1])) - tb.Dy()/2 - 1
	area := image.Rect(x0, y0, x0+tb.Dx(), y0+tb.Dy()).Intersect(dst.Rect)
	for y := area.Min.Y; y < area.Max.Y; y++ {
		for x := area.Min.X; x < area.Max.X; x++ {
			if a := uint32(mk.Text.Pix[(y-y0)*mk.Text.Stride+(x-x0)]); a > 0 {
				i := dst.PixOffset(x, y)
				blendPixel(dst.Pix[i:i+4:i+4], white, a)
			}
		}
	}
}

// countMask returns the drawn count n, cached by number so that a frame
// of bubbles allocates no strings.
func (r *Renderer) countMask(n int32) *typeset.Mask {
	if m, ok := r.counts[n]; ok {
		return m
	}
	if r.counts == nil || len(r.counts) >= maxMasks {
		r.counts = map[int32]*typeset.Mask{}
	}
	m := r.labels.mask(countText(n), 11)
	r.counts[n] = m
	return m
}

// countText writes a count in at most four characters: 7, 512, 3.4k,
// 45k, 1.2M.
func countText(n int32) string {
	switch {
	case n < 1000:
		return strconv.Itoa(int(n))
	case n < 10_000:
		return strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + "k"
	case n < 1_000_000:
		return strconv.Itoa(int(n)/1000) + "k"
	}
	return strconv.FormatFloat(float64(n)/1e6, 'f', 1, 64) + "M"
}
