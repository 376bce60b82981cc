package render

import (
	"image"
	"image/color"
	"math"
	"slices"

	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/meridian-app/meridian/geo/typeset"
	"github.com/paulmach/orb"
)

// Places are the gazetteer's places prepared for labelling: projected once,
// in the order labels are placed (capitals weigh as a city three times
// their size, so a country's capital wins over a bigger neighbour).
// Read-only and safe for concurrent use.
type Places struct {
	list []placeLabel
}

type placeLabel struct {
	world       orb.Point
	name, local string
	pop         int
	capital     bool
}

// NewPlaces prepares g's places for labelling.
func NewPlaces(g *gazetteer.Gazetteer) *Places {
	ps := g.Places()
	out := &Places{list: make([]placeLabel, len(ps))}
	for i := range ps {
		p := &ps[i]
		out.list[i] = placeLabel{
			world: mercator.Project(orb.Point{p.Lon, p.Lat}),
			name:  p.Name, local: p.Local, pop: p.Population, capital: p.Kind == gazetteer.Capital,
		}
	}
	slices.SortStableFunc(out.list, func(a, b placeLabel) int { return b.weight() - a.weight() })
	return out
}

func (p placeLabel) weight() int {
	if p.capital {
		return 3 * p.pop
	}
	return p.pop
}

// Label sizes and colours.
const (
	townSize, capitalSize = 12, 13.5
	haloWidth             = 2
	dotRadius             = 2.2
	// labelDensity is the screen area, in square pixels, per label at most.
	labelDensity = 6000
)

var (
	labelInk  = color.RGBA{55, 52, 60, 255}
	labelHalo = color.RGBA{248, 247, 242, 255}
)

// minPopulation is the smallest town labelled at a zoom: only big cities
// (and capitals) when the world is small, every town close up. Placement
// then drops whatever would collide.
func minPopulation(zoom float64) int {
	switch {
	case zoom < 3:
		return 1_500_000
	case zoom < 4.5:
		return 250_000
	case zoom < 6:
		return 60_000
	}
	return 0
}

// labeller places labels greedily, best-ranked first, where they overlap
// neither another label nor an event marker.
type labeller struct {
	placed []image.Rectangle
	// grid marks 4×4-pixel cells that hold an event marker.
	grid            []bool
	gw, gh          int
	view            image.Rectangle
	fonts           *typeset.Fonts
	drawer          typeset.Drawer
	dot, ringO, pip *image.Alpha
	// masks keeps labels rasterised: panning redraws the same names.
	masks map[maskKey]*typeset.Mask
}

type maskKey struct {
	text string
	size float32
}

// maxMasks bounds the rasterised labels kept; the cache empties when full.
const maxMasks = 4096

// mask returns text at size, shaped and rasterised, from the cache.
func (l *labeller) mask(text string, size float32) *typeset.Mask {
	k := maskKey{text, size}
	if m, ok := l.masks[k]; ok {
		return m
	}
	if l.masks == nil || len(l.masks) >= maxMasks {
		l.masks = map[maskKey]*typeset.Mask{}
	}
	m := l.drawer.Mask(l.fonts.Shape(text, size), haloWidth)
	l.masks[k] = m
	return m
}

const cell = 4

// ensureFonts loads the embedded fonts on first use, reporting whether
// they are there.
func (l *labeller) ensureFonts() bool {
	if l.fonts == nil {
		f, err := typeset.Default()
		if err != nil {
			return false
		}
		l.fonts, l.dot, l.ringO, l.pip = f, discMask(dotRadius), discMask(dotRadius+1.6), discMask(1)
	}
	return true
}

func (l *labeller) reset(w, h int) {
	l.placed = l.placed[:0]
	l.view = image.Rect(0, 0, w, h)
	l.gw, l.gh = w/cell+1, h/cell+1
	if cap(l.grid) < l.gw*l.gh {
		l.grid = make([]bool, l.gw*l.gh)
	}
	l.grid = l.grid[:l.gw*l.gh]
	clear(l.grid)
}

// block marks the cells under a marker centred at px.
func (l *labeller) block(px orb.Point) { l.blockArea(px[0], px[1], px[0], px[1]) }

// blockArea marks the cells under markers centred anywhere in the pixel
// rectangle from (x0, y0) to (x1, y1).
func (l *labeller) blockArea(px0, py0, px1, py1 float64) {
	const r = MarkerRadius + outline
	x0, y0 := int(math.Floor((px0-r)/cell)), int(math.Floor((py0-r)/cell))
	x1, y1 := int(math.Floor((px1+r)/cell)), int(math.Floor((py1+r)/cell))
	for y := max(y0, 0); y <= min(y1, l.gh-1); y++ {
		for x := max(x0, 0); x <= min(x1, l.gw-1); x++ {
			l.grid[y*l.gw+x] = true
		}
	}
}

// free reports whether rectangle b is in view and clear of labels and markers.
func (l *labeller) free(b image.Rectangle) bool {
	return b.In(l.view) && !l.onLabel(b) && !l.onMarker(b)
}

func (l *labeller) onLabel(b image.Rectangle) bool {
	for _, p := range l.placed {
		if p.Overlaps(b) {
			return true
		}
	}
	return false
}

func (l *labeller) onMarker(b image.Rectangle) bool {
	b = b.Intersect(l.view)
	if b.Empty() {
		return false
	}
	for y := b.Min.Y / cell; y <= (b.Max.Y-1)/cell; y++ {
		for x := b.Min.X / cell; x <= (b.Max.X-1)/cell; x++ {
			if l.grid[y*l.gw+x] {
				return true
			}
		}
	}
	return false
}

// drawLabels places and draws place labels over the basemap in dst, clear
// of the markers of every placed event in view.
func (r *Renderer) drawLabels(dst *image.RGBA, v Viewport) {
	if r.Places == nil {
		return
	}
	l := &r.labels
	if !l.ensureFonts() {
		return // the embedded fonts are checked by tests; draw no labels rather than fail the map
	}
	l.reset(v.Width, v.Height)
	first, last := copies(v)
	r.blockMarks(v)
	limit := v.Width * v.Height / labelDensity
	minPop := minPopulation(v.Zoom)
	for _, p := range r.Places.list {
		if len(l.placed)/2 >= limit {
			break
		}
		if p.pop < minPop && !p.capital {
			continue
		}
		for k := first; k <= last; k++ {
			px := v.ToPixel(orb.Point{p.world[0] + float64(k), p.world[1]})
			if px[0] >= 0 && px[1] >= 0 && px[0] < float64(v.Width) && px[1] < float64(v.Height) {
				r.placeLabel(dst, p, px)
			}
		}
	}
}

// blockMarks keeps labels clear of every placed event in view, whatever
// the time window, so that labels do not jump as time plays. It reads the
// pick grid rather than every event: a grid cell no wider than two label
// cells is blocked whole, so a world view of a million events costs a pass
// over the grid's cells in view (walking every event took 300 ms a pan).
func (r *Renderer) blockMarks(v Viewport) {
	m, l := r.Marks, &r.labels
	if m == nil {
		return
	}
	sp := m.space
	n := 1 << sp.bits
	s := v.Scale()
	cw := s / float64(n) // pixels per grid cell
	ox, oy := float64(v.Width)/2-v.Center[0]*s, float64(v.Height)/2-v.Center[1]*s
	fs := s / worldFix // pixels per step of the anchors' fixed point
	pad := (MarkerRadius + outline) / s
	vis := v.Visible()
	cx0, cx1 := int(math.Floor((vis.Min[0]-pad)*float64(n))), int(math.Floor((vis.Max[0]+pad)*float64(n)))
	cy0 := max(int(math.Floor((vis.Min[1]-pad)*float64(n))), 0)
	cy1 := min(int(math.Floor((vis.Max[1]+pad)*float64(n))), n-1)
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			wrap := ((cx % n) + n) % n
			c := cy*n + wrap
			items := sp.items[sp.start[c]:sp.start[c+1]]
			if len(items) == 0 {
				continue
			}
			if cw <= 2*cell {
				x, y := float64(cx)*cw+ox, float64(cy)*cw+oy
				l.blockArea(x, y, x+cw, y+cw)
				continue
			}
			// x of the world copy this cell is in; the cell's events are
			// placed, being in the grid
			kx := float64(cx-wrap)/float64(n)*s + ox
			for _, i := range items {
				a := m.anchor[i]
				l.block(orb.Point{float64(a[0])*fs + kx, float64(a[1])*fs + oy})
			}
		}
	}
}

// placeLabel tries the label right, left, above and below its dot, and
// draws it at the first free spot; a place with no free spot is left out.
func (r *Renderer) placeLabel(dst *image.RGBA, p placeLabel, px orb.Point) {
	l := &r.labels
	text := p.name
	if r.LocalNames && p.local != "" {
		text = p.local
	}
	size := float32(townSize)
	if p.capital {
		size = capitalSize
	}
	m := l.mask(text, size)
	x, y := int(math.Round(px[0])), int(math.Round(px[1]))
	dotBox := image.Rect(x-4, y-4, x+5, y+5)
	if l.onLabel(dotBox) {
		return
	}
	// A place under an event's marker keeps its name, set clear of the
	// marker, and loses its dot (the marker shows where it is).
	underMarker := l.onMarker(dotBox)
	gap := 5
	if underMarker {
		gap = int(math.Ceil(MarkerRadius+outline)) + cell + haloWidth // past the cells the marker blocks
	}
	// The text's box without its halo, relative to its origin: centring
	// it on the dot puts the baseline at mid.
	t := m.Bounds(0, 0).Inset(haloWidth)
	mid := y - (t.Min.Y+t.Max.Y)/2
	for _, at := range []image.Point{
		{x + gap, mid},
		{x - gap - t.Dx(), mid},
		{x - t.Dx()/2, y - gap - t.Max.Y},
		{x - t.Dx()/2, y + gap - t.Min.Y},
	} {
		b := m.Bounds(at.X, at.Y)
		if !l.free(b) {
			continue
		}
		l.placed = append(l.placed, b, dotBox)
		switch {
		case underMarker:
		case p.capital:
			stamp(dst, l.ringO, px, labelInk, 255)
			stamp(dst, l.dot, px, white, 255)
			stamp(dst, l.pip, px, labelInk, 255)
		default:
			stamp(dst, l.dot, px, labelInk, 200)
		}
		m.Draw(dst, at.X, at.Y, typeset.Style{Color: labelInk, Halo: labelHalo})
		return
	}
}
