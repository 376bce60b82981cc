package render

import (
	"image"
	"image/color"
	"testing"
	"time"

	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/paulmach/orb"
)

// direct draws v's basemap in one piece, as before tiles.
func direct(t *testing.T, v Viewport) *image.RGBA {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	if err := drawBasemap(new(painter), img, v, basemap.Default(), DefaultStyle); err != nil {
		t.Fatal(err)
	}
	return img
}

// differ counts pixels with a channel off by more than 8, the golden
// images' tolerance for rounding.
func differ(a, b *image.RGBA) int {
	n := 0
	for i := 0; i < len(a.Pix); i += 4 {
		for c := range 3 {
			if d := int(a.Pix[i+c]) - int(b.Pix[i+c]); d > 8 || d < -8 {
				n++
				break
			}
		}
	}
	return n
}

// waitAhead waits for the tiles around the view to be rendered.
func waitAhead(t testing.TB, r *Renderer) {
	t.Helper()
	for range 1000 {
		r.tiles.mu.Lock()
		busy := r.tiles.ahead
		r.tiles.mu.Unlock()
		if !busy {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("tiles ahead of the view never finished")
}

// A view put together from tiles — drawn whole at first, in strips as it
// pans, across the date line, at fractional zooms and odd sizes — is the
// view drawn in one piece.
func TestTilesMatchDirect(t *testing.T) {
	for _, tc := range []struct {
		name   string
		v      Viewport
		dx, dy float64
	}{
		{"europe", Viewport{Center: mercator.Project(orb.Point{15, 48}), Zoom: 4.3, Width: 701, Height: 389}, 37, -23},
		{"date line", Viewport{Center: mercator.Project(orb.Point{179, -17}), Zoom: 5.71, Width: 640, Height: 480}, -300, 11},
		{"world", Viewport{Center: orb.Point{0.5, 0.5}, Zoom: 0.6, Width: 900, Height: 500}, 120, 0},
		{"levant detail", Viewport{Center: mercator.Project(orb.Point{36.2, 34.5}), Zoom: 7.25, Width: 512, Height: 512}, -513, 257},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRenderer(basemap.Default(), nil)
			img := image.NewRGBA(image.Rect(0, 0, tc.v.Width, tc.v.Height))
			v := tc.v
			for step := range 4 {
				if err := r.basemapTiles(img, v); err != nil {
					t.Fatal(err)
				}
				if n := differ(img, direct(t, v)); n > len(img.Pix)/4/1000 {
					t.Errorf("step %d: %d pixels differ from the view drawn whole", step, n)
				}
				waitAhead(t, r)
				v = v.Pan(tc.dx, tc.dy)
			}
		})
	}
}

// Once the tiles around a view are drawn ahead, a pan of whole pixels
// rasterises nothing: it copies cached tiles.
func TestPanCopiesTiles(t *testing.T) {
	r := NewRenderer(basemap.Default(), nil)
	v := Viewport{Center: mercator.Project(orb.Point{36, 34}), Zoom: 5.5, Width: 800, Height: 600}
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	if err := r.Draw(img, Frame{View: v, Selected: -1}); err != nil {
		t.Fatal(err)
	}
	waitAhead(t, r)
	for _, d := range [][2]float64{{40, 0}, {0, -200}, {-150, 90}} {
		v = v.Pan(d[0], d[1])
		if err := r.Draw(img, Frame{View: v, Selected: -1}); err != nil {
			t.Fatal(err)
		}
		if len(r.tileBuf) != 0 {
			t.Errorf("pan by %v rasterised %d tiles", d, len(r.tileBuf))
		}
		waitAhead(t, r)
	}
	// Another style must not reuse them.
	r.Style.Land = Palette[0]
	if err := r.Draw(img, Frame{View: v, Selected: -1}); err != nil {
		t.Fatal(err)
	}
	if len(r.tileBuf) == 0 {
		t.Error("a new style reused the old style's tiles")
	}
}

// The cache stays within its budget however far the map moves and zooms.
func TestTileCacheBounded(t *testing.T) {
	r := NewRenderer(basemap.Default(), nil)
	v := Viewport{Center: orb.Point{0.3, 0.4}, Zoom: 3, Width: 600, Height: 400}
	img := image.NewRGBA(image.Rect(0, 0, v.Width, v.Height))
	for i := range 60 {
		if i%10 == 9 {
			v.Zoom += 0.37
		}
		v = v.Pan(173, 41)
		if err := r.Draw(img, Frame{View: v, Selected: -1}); err != nil {
			t.Fatal(err)
		}
		waitAhead(t, r)
	}
	r.tiles.mu.Lock()
	n, spare := len(r.tiles.m), len(r.tiles.spare)
	r.tiles.mu.Unlock()
	g := newTileGrid(v, 1)
	if limit := tileBudget * g.cols * g.rows; n > limit || spare > limit/4 {
		t.Errorf("%d tiles cached and %d spare, budget %d", n, spare, limit)
	}
}

// A Background frame is the frame a normal renderer draws, clusters
// included, but sets no tiles going ahead of a pan: the next frame that
// draws the basemap does.
func TestBackgroundDrawsSameStartsNothing(t *testing.T) {
	c := generated(t, 60_000) // enough to bin on every core normally
	m := NewMarks(c)
	v := Viewport{Center: mercator.Project(orb.Point{20, 30}), Zoom: 2.2, Width: 700, Height: 450}
	want, err := NewRenderer(basemap.Default(), m).Image(Frame{View: v, Selected: -1})
	if err != nil {
		t.Fatal(err)
	}
	r := NewRenderer(basemap.Default(), m)
	r.Background = true
	got, err := r.Image(Frame{View: v, Selected: -1})
	if err != nil {
		t.Fatal(err)
	}
	if n := differ(got, want); n != 0 {
		t.Errorf("%d pixels differ from the frame drawn on every core", n)
	}
	r.tiles.mu.Lock()
	ahead := r.tiles.ahead
	r.tiles.mu.Unlock()
	if ahead {
		t.Error("a Background frame set tiles going ahead of a pan")
	}
	r.Background = false
	if _, err := r.Image(Frame{View: v.Pan(1, 0), Selected: -1}); err != nil {
		t.Fatal(err)
	}
	r.tiles.mu.Lock()
	ahead = r.tiles.ahead
	r.tiles.mu.Unlock()
	if !ahead {
		t.Error("the next frame did not set the tiles ahead going")
	}
	waitAhead(t, r)
}

// A band of a sub-image (whose Pix starts at its Rect.Min) is that
// sub-image's rows, at its own origin, and drawing into it touches nothing
// outside them.
func TestRowsOfSubImage(t *testing.T) {
	whole := image.NewRGBA(image.Rect(0, 0, 10, 8))
	sub := whole.SubImage(image.Rect(2, 3, 7, 8)).(*image.RGBA)
	band := rows(sub, 1, 3)
	if band.Rect != image.Rect(0, 0, 5, 2) {
		t.Fatalf("band %v, want 5×2 at the origin", band.Rect)
	}
	for y := range 2 {
		for x := range 5 {
			band.SetRGBA(x, y, color.RGBA{255, 0, 0, 255})
		}
	}
	for y := range 8 {
		for x := range 10 {
			in := x >= 2 && x < 7 && y >= 4 && y < 6
			if got := whole.RGBAAt(x, y).R == 255; got != in {
				t.Errorf("pixel (%d,%d) painted %v, want %v", x, y, got, in)
			}
		}
	}
	if e := rows(sub, 2, 2); !e.Rect.Empty() {
		t.Errorf("empty band %v", e.Rect)
	}
}
