package render

import (
	"image"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/meridian-app/meridian/geo/basemap"
)

// tileSide is the side, in pixels, of a cached basemap tile.
const tileSide = 256

// tileBudget is how many times the tiles of the view and the ring around
// it the cache keeps: room to pan back. At 1080p that is 176 tiles, 44 MB.
const tileBudget = 2

// settle is how long the zoom must hold before tiles are drawn ahead:
// during a zoom or a flight every frame is at a new zoom, and tiles for
// it would take the cores the frames need. It is longer than the slowest
// zoom frame (about 35 ms at 1080p here), or a zoom would look settled
// between two of its frames.
const settle = 150 * time.Millisecond

// phaseSteps quantises the sub-pixel offset of the tile grid. A drag moves
// the map by whole pixels, which keeps the phase; float rounding moves it
// by nanopixels, which the quantisation absorbs.
const phaseSteps = 1024

// tileKey names one tile: a square of the basemap at one exact zoom, in
// the grid whose lines fall at pixel offset phase (in 1/phaseSteps) of the
// world's pixel coordinates. Tiles of a different basemap or style are
// never reused.
type tileKey struct {
	zoom           float64
	phaseX, phaseY int
	col, row       int
	bm             *basemap.Basemap
	style          Style
}

// tiles caches rasterised basemap tiles, least recently used first out,
// so that panning copies pixels instead of rasterising Natural Earth again.
// It is safe for concurrent use: tiles ahead of a pan are rendered in the
// background while frames are drawn.
type tiles struct {
	mu    sync.Mutex
	m     map[tileKey]*tile
	clock uint64
	// ahead is set while a goroutine renders tiles around the view;
	// last is the view of the last frame, limit its cache budget.
	ahead bool
	last  aheadJob
	limit int
	// spare holds evicted tile images for reuse.
	spare  []*image.RGBA
	strips sync.Pool // of *stripWorker
}

// aheadJob is what the tiles drawn ahead depend on.
type aheadJob struct {
	v  Viewport
	bm *basemap.Basemap
	st Style
}

type tile struct {
	img  *image.RGBA
	used uint64
}

// tileGrid is the tiles a view covers.
type tileGrid struct {
	zoom, s        float64
	phaseX, phaseY int
	// ox, oy are the world pixel of the view's top-left corner.
	ox, oy                 float64
	col0, row0, cols, rows int
}

func newTileGrid(v Viewport, margin int) tileGrid {
	s := v.Scale()
	ox, oy := v.Center[0]*s-float64(v.Width)/2, v.Center[1]*s-float64(v.Height)/2
	px, py := phase(ox), phase(oy)
	g := tileGrid{zoom: v.Zoom, s: s, phaseX: px, phaseY: py, ox: ox, oy: oy}
	// Tile c spans world pixels [c·tileSide+φ, (c+1)·tileSide+φ).
	fx, fy := float64(px)/phaseSteps, float64(py)/phaseSteps
	g.col0 = int(math.Floor((ox-fx)/tileSide)) - margin
	g.row0 = int(math.Floor((oy-fy)/tileSide)) - margin
	c1 := int(math.Floor((ox-fx+float64(v.Width)-1)/tileSide)) + margin
	r1 := int(math.Floor((oy-fy+float64(v.Height)-1)/tileSide)) + margin
	g.cols, g.rows = c1-g.col0+1, r1-g.row0+1
	return g
}

// phase is the quantised fractional part of a world pixel coordinate.
func phase(x float64) int {
	return int(math.Round((x-math.Floor(x))*phaseSteps)) % phaseSteps
}

func (g tileGrid) key(col, row int, bm *basemap.Basemap, st Style) tileKey {
	return tileKey{zoom: g.zoom, phaseX: g.phaseX, phaseY: g.phaseY, col: col, row: row, bm: bm, style: st}
}

// view is the viewport that draws n tiles of a row, from (col, row)
// rightwards, into one strip.
func (g tileGrid) view(col, row, n int) Viewport {
	x := float64(col*tileSide) + float64(g.phaseX)/phaseSteps + float64(n*tileSide)/2
	y := float64(row*tileSide) + float64(g.phaseY)/phaseSteps + float64(tileSide)/2
	return Viewport{Center: [2]float64{x / g.s, y / g.s}, Zoom: g.zoom, Width: n * tileSide, Height: tileSide}
}

// at is where tile (col, row) goes in the view's image.
func (g tileGrid) at(col, row int) image.Point {
	x := float64(col*tileSide) + float64(g.phaseX)/phaseSteps - g.ox
	y := float64(row*tileSide) + float64(g.phaseY)/phaseSteps - g.oy
	return image.Pt(int(math.Round(x)), int(math.Round(y)))
}

// basemapTiles paints the basemap of view v into dst from cached tiles,
// rasterising the missing ones on every core first; then it starts
// rendering the ring of tiles around the view in the background, so that
// a pan finds them ready. A Background renderer uses one core and leaves
// the tiles, those in view and the ring, to the next frame.
func (r *Renderer) basemapTiles(dst *image.RGBA, v Viewport) error {
	t := &r.tiles
	g := newTileGrid(v, 0)
	bm, st := r.Basemap, r.Style
	need := r.tileBuf[:0]
	t.mu.Lock()
	if t.m == nil {
		t.m = make(map[tileKey]*tile)
	}
	t.clock++
	for row := g.row0; row < g.row0+g.rows; row++ {
		for col := g.col0; col < g.col0+g.cols; col++ {
			if tl, ok := t.m[g.key(col, row, bm, st)]; ok {
				tl.used = t.clock // and so kept until this frame is drawn
			} else {
				need = append(need, image.Pt(col, row))
			}
		}
	}
	t.mu.Unlock()
	r.tileBuf = need
	cores := runtime.NumCPU()
	if r.Background {
		cores = 1
	}
	if 2*len(need) > g.cols*g.rows {
		// Mostly new tiles (a zoom, a jump): drawing the view itself is
		// cheaper than the larger square of tiles around it. The tiles
		// wholly inside it are kept; the edges are drawn ahead.
		if err := t.renderView(dst, v, bm, st, cores); err != nil {
			return err
		}
		t.mu.Lock()
		if !r.Background {
			t.keepInside(dst, g, need, bm, st)
		}
	} else {
		if err := t.render(g, need, bm, st, cores); err != nil {
			return err
		}
		t.mu.Lock()
		for row := g.row0; row < g.row0+g.rows; row++ {
			for col := g.col0; col < g.col0+g.cols; col++ {
				blit(dst, t.m[g.key(col, row, bm, st)].img, g.at(col, row))
			}
		}
	}
	ring := newTileGrid(v, 1)
	t.limit = tileBudget * ring.cols * ring.rows
	t.evict(t.limit)
	t.last = aheadJob{v, bm, st}
	start := !t.ahead && !r.Background
	t.ahead = t.ahead || start
	t.mu.Unlock()
	if start {
		go t.renderAhead(t.last)
	}
	return nil
}

// renderView draws the basemap of view v into dst in horizontal bands, one
// per core of the given number.
func (t *tiles) renderView(dst *image.RGBA, v Viewport, bm *basemap.Basemap, st Style, cores int) error {
	bands := max(1, min(cores, v.Height/64))
	h := (v.Height + bands - 1) / bands
	errs := make([]error, bands)
	var wg sync.WaitGroup
	for b := range bands {
		y0, y1 := b*h, min(v.Height, (b+1)*h)
		if y0 >= y1 {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sw := t.worker()
			defer t.strips.Put(sw)
			band := Viewport{Center: v.ToWorld([2]float64{float64(v.Width) / 2, float64(y0+y1) / 2}), Zoom: v.Zoom,
				Width: v.Width, Height: y1 - y0}
			errs[b] = drawBasemap(&sw.p, rows(dst, y0, y1), band, bm, st)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// rows returns rows y0 to y1 of img as an image of their own, sharing its
// pixels, with its origin at their top left: a band is drawn straight into
// the view, not into a strip copied there (a view's worth of memory and a
// copy on every new zoom).
func rows(img *image.RGBA, y0, y1 int) *image.RGBA {
	return &image.RGBA{Pix: img.Pix[y0*img.Stride : y1*img.Stride], Stride: img.Stride, Rect: image.Rect(0, 0, img.Rect.Dx(), y1-y0)}
}

// keepInside caches the tiles of need that lie wholly inside the view
// image dst. The caller holds the lock.
func (t *tiles) keepInside(dst *image.RGBA, g tileGrid, need []image.Point, bm *basemap.Basemap, st Style) {
	for _, c := range need {
		at := g.at(c.X, c.Y)
		if !image.Rect(at.X, at.Y, at.X+tileSide, at.Y+tileSide).In(dst.Rect) {
			continue
		}
		img := t.imageLocked()
		blit(img, dst, at.Mul(-1))
		t.m[g.key(c.X, c.Y, bm, st)] = &tile{img: img, used: t.clock}
	}
}

// renderAhead rasterises the missing tiles in a one-tile ring around the
// view of job j, once its zoom has held for the settle time, on one core
// so that the frames being drawn keep the others. It follows the frames
// drawn meanwhile, and returns when it has caught up with them.
func (t *tiles) renderAhead(j aheadJob) {
	sw := t.worker()
	defer t.strips.Put(sw)
	time.Sleep(settle)
	for {
		t.mu.Lock()
		if !t.last.sameZoom(j) {
			j = t.last
			t.mu.Unlock()
			time.Sleep(settle)
			continue
		}
		j = t.last
		g := newTileGrid(j.v, 1)
		var need []image.Point
		for row := g.row0; row < g.row0+g.rows; row++ {
			for col := g.col0; col < g.col0+g.cols; col++ {
				if _, ok := t.m[g.key(col, row, j.bm, j.st)]; !ok {
					need = append(need, image.Pt(col, row))
				}
			}
		}
		t.mu.Unlock()
		for _, r := range runsOf(need) {
			t.mu.Lock()
			same := t.last.sameZoom(j)
			t.mu.Unlock()
			if !same || t.renderRun(sw, g, r, j.bm, j.st) != nil {
				break // an error shows when a frame needs the tile
			}
		}
		t.mu.Lock()
		t.evict(t.limit)
		if t.last == j {
			t.ahead = false
			t.mu.Unlock()
			return
		}
		t.mu.Unlock()
	}
}

// sameZoom reports whether tiles drawn for j serve k: a pan keeps them,
// a zoom or another basemap or style does not.
func (j aheadJob) sameZoom(k aheadJob) bool {
	return j.v.Zoom == k.v.Zoom && j.bm == k.bm && j.st == k.st
}

// render rasterises tiles need of grid g (in rows, left to right) into
// the cache, on up to workers goroutines. Each run of neighbouring tiles in
// a row is drawn as one strip and cut up: a path crossing the run is then
// projected once, not once per tile, which made a frame at a new zoom cost
// 2.5× the whole view when tiles were drawn one by one.
func (t *tiles) render(g tileGrid, need []image.Point, bm *basemap.Basemap, st Style, workers int) error {
	runs := runsOf(need)
	if len(runs) == 0 {
		return nil
	}
	workers = max(1, min(workers, len(runs)))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sw := t.worker()
			defer t.strips.Put(sw)
			for i := w; i < len(runs); i += workers {
				if err := t.renderRun(sw, g, runs[i], bm, st); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// stripWorker is one goroutine's painter and strip image, kept between
// frames.
type stripWorker struct {
	p     painter
	strip *image.RGBA
}

// run is n neighbouring tiles of one row, starting at tile at.
type run struct {
	at image.Point
	n  int
}

func runsOf(need []image.Point) []run {
	var runs []run
	for _, c := range need {
		if k := len(runs) - 1; k >= 0 && runs[k].at.Y == c.Y && runs[k].at.X+runs[k].n == c.X {
			runs[k].n++
			continue
		}
		runs = append(runs, run{at: c, n: 1})
	}
	return runs
}

func (t *tiles) worker() *stripWorker {
	if sw, ok := t.strips.Get().(*stripWorker); ok {
		return sw
	}
	return new(stripWorker)
}

// image returns the worker's strip, sized w×h, in memory reused across
// sizes. Its pixels are stale: drawBasemap paints every one.
func (sw *stripWorker) image(w, h int) *image.RGBA {
	if sw.strip == nil || cap(sw.strip.Pix) < w*h*4 {
		sw.strip = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	sw.strip = &image.RGBA{Pix: sw.strip.Pix[:w*h*4], Stride: w * 4, Rect: image.Rect(0, 0, w, h)}
	return sw.strip
}

func (t *tiles) renderRun(sw *stripWorker, g tileGrid, r run, bm *basemap.Basemap, st Style) error {
	strip := sw.image(r.n*tileSide, tileSide)
	if err := drawBasemap(&sw.p, strip, g.view(r.at.X, r.at.Y, r.n), bm, st); err != nil {
		return err
	}
	for i := range r.n {
		img := t.image()
		blit(img, strip, image.Pt(-i*tileSide, 0))
		t.mu.Lock()
		t.m[g.key(r.at.X+i, r.at.Y, bm, st)] = &tile{img: img, used: t.clock}
		t.mu.Unlock()
	}
	return nil
}

// image returns a tileSide square to draw a tile into, reusing an evicted
// one when it can.
func (t *tiles) image() *image.RGBA {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.imageLocked()
}

func (t *tiles) imageLocked() *image.RGBA {
	if n := len(t.spare); n > 0 {
		img := t.spare[n-1]
		t.spare = t.spare[:n-1]
		return img
	}
	return image.NewRGBA(image.Rect(0, 0, tileSide, tileSide))
}

// evict drops the least recently used tiles past limit, never one the
// frame being drawn uses. The caller holds the lock. Eviction is rare (a
// zoom, or a long pan) and the cache small, so scanning for the oldest is
// cheap enough.
func (t *tiles) evict(limit int) {
	for len(t.m) > limit {
		var oldest *tile
		var key tileKey
		for k, tl := range t.m {
			if tl.used < t.clock && (oldest == nil || tl.used < oldest.used) {
				oldest, key = tl, k
			}
		}
		if oldest == nil {
			return
		}
		if len(t.spare) < limit/4 {
			t.spare = append(t.spare, oldest.img)
		}
		delete(t.m, key)
	}
}

// blit copies src into dst with its top-left corner at p, clipped.
func blit(dst, src *image.RGBA, p image.Point) {
	r := src.Rect.Add(p).Intersect(dst.Rect)
	if r.Empty() {
		return
	}
	sp := r.Min.Sub(p)
	n := r.Dx() * 4
	for y := r.Min.Y; y < r.Max.Y; y++ {
		di := dst.PixOffset(r.Min.X, y)
		si := src.PixOffset(sp.X, sp.Y+y-r.Min.Y)
		copy(dst.Pix[di:di+n], src.Pix[si:si+n])
	}
}
