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

// grid is the cell layout of a frame.
type grid struct {
	cols, rows int
	v          Viewport
	s, ox, oy  float64 // pixel = world·s + (ox, oy)
}

func newGrid(v Viewport) grid {
	s := v.Scale()
	return grid{cols: (v.Width + ClusterCell - 1) / ClusterCell, rows: (v.Height + ClusterCell - 1) / ClusterCell, v: v,
		s: s, ox: float64(v.Width)/2 - v.Center[0]*s, oy: float64(v.Height)/2 - v.Center[1]*s}
}

// add bins events list of m (faded or not) into b, for every copy of the
// repeating world in view.
func (g grid) add(b *bins, m *Marks, list []int32, faded bool) {
	w, h := float64(g.v.Width), float64(g.v.Height)
	fs := g.s / worldFix // pixels per step of the anchors' fixed point
	for _, i := range list {
		a := m.anchor[i]
		y := float64(a[1])*fs + g.oy
		if !(y >= 0 && y < h) || a[0] == unplaced {
			continue
		}
		x := float64(a[0])*fs + g.ox
		x -= math.Floor(x/g.s) * g.s // the leftmost copy at or right of 0
		for ; x < w; x += g.s {
			c := int(y)/ClusterCell*g.cols + int(x)/ClusterCell
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
			b.sx[c] += float32(x)
			b.sy[c] += float32(y)
			b.one[c] = i
		}
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

// binAll bins the current and past lists with one worker per core.
func (r *Renderer) binAll(g grid, current, past []int32) *bins {
	workers := min(runtime.GOMAXPROCS(0), 8)
	if len(current)+len(past) < 50_000 {
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

// bin counts the events of a frame per cell and returns how many are in
// view (each copy of the repeating world counted).
func (r *Renderer) bin(v Viewport, current, past []int32) int {
	r.grid = newGrid(v)
	b := r.binAll(r.grid, current, past)
	n := 0
	for c := range b.count {
		n += int(b.count[c] + b.faded[c])
	}
	return n
}

// drawClusters draws the binned frame as bubbles: a cell with one event
// shows its marker, a cell with more a bubble with the count, faded
// cells (only past events) a small faded disc.
func (r *Renderer) drawClusters(dst *image.RGBA) {
	g, b, m := r.grid, r.bins[0], r.Marks
	for c := range b.count {
		if b.count[c] == 0 && b.faded[c] > 0 {
			x, y := (c%g.cols)*ClusterCell+ClusterCell/2, (c/g.cols)*ClusterCell+ClusterCell/2
			stamp(dst, r.sprites.past, orb.Point{float64(x), float64(y)}, clusterInk, pastAlpha)
		}
	}
	for c, n := range b.count {
		switch {
		case n == 1:
			i := b.one[c]
			r.sprites.marker(dst, orb.Point{float64(b.sx[c]), float64(b.sy[c])}, m.color[i], false, 255)
		case n > 1:
			col := b.color[c]
			if b.mixed[c] {
				col = clusterInk
			}
			at := orb.Point{float64(b.sx[c] / float32(n)), float64(b.sy[c] / float32(n))}
			r.bubble(dst, at, n, col)
		}
	}
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
