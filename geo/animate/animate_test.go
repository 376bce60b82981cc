package animate

import (
	"bytes"
	"errors"
	"image/gif"
	"testing"

	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/render"
)

func sample(t *testing.T) (*render.Renderer, render.Viewport) {
	t.Helper()
	res, err := geojson.Decode(bytes.NewReader(assets.Sample), assets.SampleName)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := res.Collection.Bound()
	return render.NewRenderer(basemap.Default(), render.NewMarks(res.Collection)), render.Fit(b, 240, 135, 10, 8)
}

func secs(t *testing.T, s string) float64 {
	tm, err := chrono.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	lo, _ := chrono.Span{Start: tm}.Bounds()
	return lo
}

// The GIF has the frames asked for, and they change as time advances.
func TestGIF(t *testing.T) {
	r, v := sample(t)
	var buf bytes.Buffer
	o := Options{From: secs(t, "2016-08-01"), To: secs(t, "2016-09-30"), Seconds: 2, FPS: 5}
	n, err := GIF(&buf, r, v, o)
	if err != nil || n != 10 {
		t.Fatalf("%d frames, %v", n, err)
	}
	g, err := gif.DecodeAll(&buf)
	if err != nil || len(g.Image) != 10 || g.Delay[0] != 20 || g.Image[0].Rect.Dx() != 240 {
		t.Fatalf("decoded %d frames, delay %v, %v", len(g.Image), g.Delay, err)
	}
	if bytes.Equal(g.Image[0].Pix, g.Image[9].Pix) {
		t.Error("the first and last frames are the same")
	}
}

// Skipping empty stretches drops the frames whose window holds nothing.
func TestSkipEmpty(t *testing.T) {
	day := func(s string) chrono.Span {
		tm, err := chrono.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return chrono.Span{Start: tm}
	}
	c := &event.Collection{Events: []event.Event{{Title: "a", When: day("2016-01-05")}, {Title: "b", When: day("2016-12-20")}}}
	m := render.NewMarks(c)
	o := Options{From: secs(t, "2016-01-01"), To: secs(t, "2016-12-31"), Seconds: 2, FPS: 10, SkipEmpty: true}
	ws, skipped := Windows(m, o)
	if len(ws) != 2 || skipped != 18 {
		t.Errorf("%d windows kept, %d skipped; want the first and the last", len(ws), skipped)
	}
	all, skipped := Windows(m, Options{From: o.From, To: o.To, Seconds: 2, FPS: 10})
	if len(all) != 20 || skipped != 0 {
		t.Errorf("without skipping: %d windows, %d skipped", len(all), skipped)
	}
	r, v := sample(t)
	if _, err := GIF(&bytes.Buffer{}, r, v, Options{From: 5, To: 5, Seconds: 1}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty range: %v", err)
	}
}

func TestLabel(t *testing.T) {
	d := func(s string) float64 { return secs(t, s) }
	for _, tc := range []struct {
		from, to float64
		span     float64
		want     string
	}{
		{d("2016-09-04"), d("2016-09-06"), 30 * 86400, "4–6 Sep 2016"},
		{d("2011-03-01"), d("2011-03-20"), 300 * 86400, "March 2011"},
		{d("1990-01-01"), d("1995-01-01"), 30 * 365 * 86400, "1990 – 1995"},
	} {
		if got := Label(tc.from, tc.to, tc.span); got != tc.want {
			t.Errorf("Label = %q, want %q", got, tc.want)
		}
	}
}
