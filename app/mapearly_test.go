package app

import (
	"bytes"
	"image"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/render"
)

// sampleMap is a map of the sample laid out at 600×400, awaiting its fit.
func sampleMap(t *testing.T) (*MapView, *Dataset) {
	t.Helper()
	test.NewTempApp(t)
	res, err := geojson.Decode(bytes.NewReader(assets.Sample), assets.SampleName)
	if err != nil {
		t.Fatal(err)
	}
	d := Prepare(assets.SampleName, res)
	m := NewMapView(render.NewRenderer(basemap.Default(), nil))
	m.SetMarks(d.Marks, d.Bound, d.Placed)
	m.Resize(fyne.NewSize(600, 400))
	return m, d
}

// direct draws what the map's current view shows, with a renderer of its
// own.
func direct(t *testing.T, m *MapView) *image.RGBA {
	t.Helper()
	r := render.NewRenderer(basemap.Default(), m.renderer.Marks)
	img, err := r.Image(m.frame)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// differ counts pixels with a channel off by more than 8.
func differ(a, b *image.RGBA) int {
	n := 0
	for i := 0; i < len(a.Pix) && i < len(b.Pix); i += 4 {
		for c := range 3 {
			if d := int(a.Pix[i+c]) - int(b.Pix[i+c]); d > 8 || d < -8 {
				n++
				break
			}
		}
	}
	return n
}

// The frame drawn before the window shows is what the first paint shows:
// at the size it was drawn for, or cut down to the middle when the window
// turns out to give the map a little less room, at the zoom fitted for it
// (a frame drawn again would be fitted anew); a map much smaller than
// expected is fitted and drawn again.
func TestPrerenderShown(t *testing.T) {
	for _, tc := range []struct {
		name  string
		w, h  int
		early bool
	}{
		{"same size", 600, 400, true},
		{"menu bar and padding", 594, 365, true},
		{"odd trims", 599, 337, true},
		{"much smaller", 500, 300, false},
		{"larger", 640, 400, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, d := sampleMap(t)
			m.Prerender(1)
			fitted := render.Fit(d.Bound, 600, 400, 40, 10)
			img, ok := m.draw(tc.w, tc.h).(*image.RGBA)
			if !ok || img.Rect != image.Rect(0, 0, tc.w, tc.h) || img.Stride != 4*tc.w {
				t.Fatalf("drew %T %v", img, img.Rect)
			}
			v := m.View()
			if v.Width != tc.w || v.Height != tc.h {
				t.Errorf("view %d×%d, want %d×%d", v.Width, v.Height, tc.w, tc.h)
			}
			if got := v.Zoom == fitted.Zoom; got != tc.early {
				t.Errorf("zoom %v, fitted for the early frame %v: early frame used %v, want %v", v.Zoom, fitted.Zoom, got, tc.early)
			}
			if n := differ(img, direct(t, m)); n > tc.w*tc.h/1000 {
				t.Errorf("%d pixels differ from the view drawn directly", n)
			}
			if m.needFit {
				t.Error("the fit is still due after the first frame")
			}
		})
	}
}

// Anything that touches the renderer first waits for the early frame, and
// a frame it makes stale (new data here) is not shown.
func TestPrerenderSettles(t *testing.T) {
	m, d := sampleMap(t)
	m.Prerender(1)
	m.SetMarks(d.Marks, d.Bound, d.Placed)
	if m.early != nil {
		t.Fatal("SetMarks left the early frame running")
	}
	m.Prerender(1)
	m.SetSelected(0)
	m.draw(600, 400)
	if n := differ(m.img, direct(t, m)); n > 600*400/1000 {
		t.Errorf("%d pixels differ from the frame with the selection", n)
	}
	// Nothing to draw early for once the fit is done.
	m.Prerender(1)
	if m.early != nil {
		t.Error("Prerender started with no fit due")
	}
}
