package app

import (
	"cmp"
	"image"
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/timeaxis"
)

// Timeline colours. They are fixed rather than themed so the strip reads
// the same as the map, whose colours are fixed too.
var (
	tlBackground = color.RGBA{246, 246, 243, 255}
	tlGrid       = color.RGBA{226, 226, 222, 255}
	tlHistogram  = color.RGBA{150, 165, 186, 255}
	tlAxis       = color.RGBA{105, 105, 105, 255}
	tlWindow     = color.RGBA{0, 114, 178, 255}
	tlSelected   = color.RGBA{20, 20, 20, 255}
	tlLabel      = color.NRGBA{60, 60, 60, 255}
)

// CreateRenderer implements fyne.Widget.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	r := &timelineRenderer{t: t}
	r.raster = canvas.NewRaster(r.draw)
	return r
}

// timelineRenderer draws the strip into one RGBA image (one texture
// upload, whatever the number of events) and sets the axis labels as text.
type timelineRenderer struct {
	t      *Timeline
	raster *canvas.Raster
	img    *image.RGBA
	counts []int32
	// countsFor is what counts were made for: while time plays, only the
	// window moves, and the histogram is not counted again.
	countsFor histKey
	most      int32
	vis       []int32
	labels    []*canvas.Text
	ticks     []timeaxis.Tick
}

func (r *timelineRenderer) Layout(size fyne.Size) {
	r.raster.Resize(size)
	r.placeLabels()
}

func (r *timelineRenderer) MinSize() fyne.Size { return r.t.MinSize() }

func (r *timelineRenderer) Refresh() {
	r.ticks = timeaxis.Ticks(r.t.axis, labelGap)
	for len(r.labels) < len(r.ticks) {
		l := canvas.NewText("", tlLabel)
		l.TextSize = 11
		r.labels = append(r.labels, l)
	}
	for i, l := range r.labels {
		if i < len(r.ticks) {
			l.Text = r.ticks[i].Label
			l.Show()
		} else {
			l.Hide()
		}
	}
	r.placeLabels()
	r.raster.Refresh()
	for _, l := range r.labels {
		l.Refresh()
	}
}

func (r *timelineRenderer) placeLabels() {
	for i, tk := range r.ticks {
		l := r.labels[i]
		l.Move(fyne.NewPos(float32(tk.X)+3, labelY))
		l.Resize(l.MinSize())
	}
}

func (r *timelineRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, 1+len(r.labels))
	objs = append(objs, r.raster)
	for _, l := range r.labels {
		objs = append(objs, l)
	}
	return objs
}

func (r *timelineRenderer) Destroy() {}

// strip draws into an image at a scale of s pixels per Fyne unit.
type strip struct {
	img *image.RGBA
	s   float64
	ax  timeaxis.Axis
}

// y converts a height in Fyne units to pixels.
func (p strip) y(v float64) int { return int(math.Round(v * p.s)) }

// x converts a time to a pixel column.
func (p strip) x(t float64) float64 { return p.ax.X(t) * p.s }

// fill blends c at opacity alpha (0–255) over the rectangle.
func (p strip) fill(x0, y0, x1, y1 int, c color.RGBA, alpha uint32) {
	r := image.Rect(x0, y0, x1, y1).Intersect(p.img.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := p.img.Pix[p.img.PixOffset(r.Min.X, y):]
		for x := 0; x < r.Dx(); x++ {
			px := row[4*x : 4*x+4 : 4*x+4]
			if alpha >= 255 {
				px[0], px[1], px[2], px[3] = c.R, c.G, c.B, 255
				continue
			}
			px[0] = uint8((uint32(px[0])*(255-alpha) + uint32(c.R)*alpha) / 255)
			px[1] = uint8((uint32(px[1])*(255-alpha) + uint32(c.G)*alpha) / 255)
			px[2] = uint8((uint32(px[2])*(255-alpha) + uint32(c.B)*alpha) / 255)
		}
	}
}

// draw paints the strip: background and grid, the density histogram, the
// event ticks and span bars, the axis, the window and the selection.
func (r *timelineRenderer) draw(w, h int) image.Image {
	if r.img == nil || r.img.Rect.Dx() != w || r.img.Rect.Dy() != h {
		r.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	t := r.t
	s := 1.0
	if width := float64(t.Size().Width); width > 0 {
		s = float64(w) / width
	}
	p := strip{img: r.img, s: s, ax: t.axis}
	p.fill(0, 0, w, h, tlBackground, 255)
	for _, tk := range r.ticks {
		x := int(tk.X * s)
		p.fill(x, p.y(histTop), x+1, p.y(axisY), tlGrid, 255)
	}
	if t.marks != nil {
		r.drawHistogram(p, w)
		r.drawEvents(p, w)
	}
	p.fill(0, p.y(axisY), w, p.y(axisY)+max(1, int(s)), tlAxis, 255)
	for _, tk := range r.ticks {
		x := int(tk.X * s)
		p.fill(x, p.y(axisY-3), x+max(1, int(s)), p.y(axisY+4), tlAxis, 255)
	}
	r.drawWindow(p, w)
	if t.focused {
		p.fill(0, h-max(2, int(2*s)), w, h, tlWindow, 255)
	}
	return r.img
}

// histKey is what a histogram depends on.
type histKey struct {
	marks    *render.Marks
	min, max float64
	bins     int
}

// drawHistogram draws how many events overlap each two-pixel column, on a
// square-root scale so that sparse periods still show.
func (r *timelineRenderer) drawHistogram(p strip, w int) {
	const barPx = 2
	n := max(1, w/barPx)
	if cap(r.counts) < n {
		r.counts = make([]int32, n)
	}
	counts := r.counts[:n]
	key := histKey{r.t.marks, p.ax.Min, p.ax.Max, n}
	if key != r.countsFor {
		r.most = r.t.marks.Index().Histogram(p.ax.Min, p.ax.Max, counts)
		r.countsFor = key
	}
	most := r.most
	if most == 0 {
		return
	}
	top, height := float64(p.y(histTop)), float64(p.y(histHeight))
	bottom := int(top + height)
	for j, c := range counts {
		if c == 0 {
			continue
		}
		bar := math.Max(1, math.Sqrt(float64(c)/float64(most))*height)
		x := int(float64(j) * float64(w) / float64(n))
		p.fill(x, bottom-int(bar), x+barPx, bottom, tlHistogram, 255)
	}
}

// drawEvents draws a tick per instant and a bar per span, in up to three
// lanes so that overlapping spans stay apart, once few enough events are in
// view to be told apart.
func (r *timelineRenderer) drawEvents(p strip, w int) {
	t, m := r.t, r.t.marks
	ix := m.Index()
	if ix.Count(p.ax.Min, p.ax.Max) > detailLimit {
		return
	}
	r.vis = ix.Visible(p.ax.Min, p.ax.Max, r.vis[:0])
	slices.SortFunc(r.vis, func(a, b int32) int {
		la, _ := m.Bounds(int(a))
		lb, _ := m.Bounds(int(b))
		return cmp.Compare(la, lb)
	})
	laneEnd := [lanes]float64{math.Inf(-1), math.Inf(-1), math.Inf(-1)}
	laneH := float64(laneHeight + 1)
	var selX0, selX1, selY1 int
	for _, i := range r.vis {
		lo, hi := m.Bounds(int(i))
		x0, x1 := math.Max(-2, p.x(lo)), math.Min(float64(w)+2, p.x(hi))
		c := m.Color(int(i))
		var y0, y1 int
		if x1-x0 < 3*p.s { // an instant, or a span too short to see
			mid := (x0 + x1) / 2
			x0, x1 = mid-p.s, mid+p.s
			y0, y1 = p.y(laneTop), p.y(laneTop+lanes*laneH-1)
		} else {
			lane := 0
			for lane < lanes-1 && laneEnd[lane] > x0 {
				lane++
			}
			laneEnd[lane] = x1 + p.s
			y0 = p.y(laneTop + float64(lane)*laneH)
			y1 = y0 + p.y(laneHeight)
		}
		p.fill(int(x0), y0, int(math.Ceil(x1)), y1, c, 255)
		if int(i) == t.selected {
			selX0, selX1, selY1 = int(x0), int(math.Ceil(x1)), y1
		}
	}
	if t.selected >= 0 && selX1 > selX0 {
		b := max(1, int(p.s))
		p.fill(selX0-2*b, p.y(histTop), selX0-b, selY1+2*b, tlSelected, 255)
		p.fill(selX1+b, p.y(histTop), selX1+2*b, selY1+2*b, tlSelected, 255)
		p.fill(selX0-2*b, selY1+b, selX1+2*b, selY1+2*b, tlSelected, 255)
	}
}

// drawWindow shades the time window and draws its two handles.
func (r *timelineRenderer) drawWindow(p strip, w int) {
	t := r.t
	x0, x1 := p.x(t.from), p.x(t.to)
	top, bottom := 0, p.y(axisY)+2
	p.fill(int(math.Max(0, x0)), top, int(math.Min(float64(w), x1)), bottom, tlWindow, 34)
	hw := max(2, int(3*p.s))
	for _, x := range []float64{x0, x1} {
		if x >= -float64(hw) && x <= float64(w+hw) {
			p.fill(int(x)-hw/2, top, int(x)-hw/2+hw, bottom, tlWindow, 255)
		}
	}
}
