package render

import (
	"image"
	"math"

	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/typeset"
	"github.com/paulmach/orb"
)

// Frame is everything that decides one picture.
type Frame struct {
	View     Viewport
	Window   Window
	Selected int // event index, or -1
	// Pin, when HasPin, marks a place (in world units) that was searched
	// for and flown to.
	Pin    orb.Point
	HasPin bool
}

// Renderer draws frames. It keeps the last basemap it drew, so that a frame
// that only changes the time window or the selection copies the basemap
// instead of rasterising it again. A Renderer is not safe for concurrent
// use; give each goroutine its own.
type Renderer struct {
	Basemap *basemap.Basemap // nil: ocean only
	Marks   *Marks           // nil: no events
	Style   Style
	Places  *Places // nil: no place labels
	// LegendRight puts the legend in the top right corner (a slide's card
	// takes the left).
	LegendRight bool
	// LocalNames labels places in their country's script (دمشق, 杭州)
	// where the gazetteer has it, instead of in Latin.
	LocalNames bool
	// Background draws on one core, keeps no tiles of the frame and
	// starts none ahead of a pan, leaving them to the next frame: for a
	// frame drawn while the program has other work on the other cores
	// (the window's first frame, drawn while GLFW makes the window),
	// which the extra goroutines and memory would only slow down.
	Background bool

	painter painter
	sprites sprites
	base    *image.RGBA
	baseKey baseKey
	labels  labeller
	// visBuf and pastBuf hold a frame's event lists between frames, so
	// that drawing does not allocate.
	visBuf, pastBuf []int32
	// allBuf lists every event of allFor, for frames of all time.
	allBuf []int32
	allFor *Marks
	// bins are the cluster counts of the last binning, one set per worker
	// (bins[0] holds the sum), over grid; binKey says what was binned and
	// view which of its cells the last frame showed. clustered says the
	// last frame drew bubbles.
	bins      []*bins
	binners   *binners
	clustered bool
	binned    bool
	binnings  int // binning passes, for tests
	binKey    binKey
	grid      grid
	view      cellSpan
	tiles     tiles
	tileBuf   []image.Point
	counts    map[int32]*typeset.Mask // bubble counts, drawn
}

// ClusterAt returns the number of events in the bubble under pixel px in
// the last frame drawn, or 0 when that frame drew markers or px is on no
// bubble: a click there zooms in rather than selects.
func (r *Renderer) ClusterAt(px orb.Point) int {
	if !r.clustered || len(r.bins) == 0 {
		return 0
	}
	c, x, y := r.cellAt(px)
	if c < 0 {
		return 0
	}
	if n := r.bins[0].count[c]; n > 1 {
		at := r.centroid(c, x, y, n)
		if math.Hypot(at[0]-px[0], at[1]-px[1]) <= ClusterCell/2 {
			return int(n)
		}
	}
	return 0
}

// NewRenderer returns a renderer for the given basemap and events.
func NewRenderer(bm *basemap.Basemap, m *Marks) *Renderer {
	return &Renderer{Basemap: bm, Marks: m, Style: DefaultStyle, sprites: newSprites()}
}

// Draw paints frame f into dst, whose bounds must be
// f.View.Width×f.View.Height at the origin.
func (r *Renderer) Draw(dst *image.RGBA, f Frame) error {
	if err := r.cachedBasemap(f.View); err != nil {
		return err
	}
	copy(dst.Pix, r.base.Pix)
	r.drawMarks(dst, f.View, f.Window, f.Selected)
	if f.HasPin {
		first, last := copies(f.View)
		for k := first; k <= last; k++ {
			r.sprites.pin(dst, f.View.ToPixel(orb.Point{f.Pin[0] + float64(k), f.Pin[1]}))
		}
	}
	return nil
}

// Image allocates an image and draws f into it.
func (r *Renderer) Image(f Frame) (*image.RGBA, error) {
	img := image.NewRGBA(image.Rect(0, 0, f.View.Width, f.View.Height))
	return img, r.Draw(img, f)
}

// baseKey is what the cached basemap depends on: the view, and the labels
// (which avoid the events' markers).
type baseKey struct {
	view   Viewport
	marks  *Marks
	places *Places
	local  bool
	bm     *basemap.Basemap
	style  Style
}

func (r *Renderer) cachedBasemap(v Viewport) error {
	key := baseKey{v, r.Marks, r.Places, r.LocalNames, r.Basemap, r.Style}
	if r.base != nil && r.baseKey == key {
		return nil
	}
	if r.base == nil || r.base.Rect.Dx() != v.Width || r.base.Rect.Dy() != v.Height {
		r.base = image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	}
	r.baseKey = key
	if err := r.basemapTiles(r.base, v); err != nil {
		r.base = nil
		return err
	}
	r.drawLabels(r.base, v)
	return nil
}
