package cli

import (
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/internal/dataset"
	"github.com/paulmach/orb"
)

// Render implements "meridian render [--size WxH] [--bbox W,S,E,N]
// [--from T] [--to T] [--labels=false] [--local-names] -o out.png [FILE]":
// the same map the window shows, place labels included, drawn with no
// display.
func Render(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("render", flag.ContinueOnError)
	fs.SetOutput(stderr)
	size := fs.String("size", "1920x1080", "image size in pixels, WxH")
	bbox := fs.String("bbox", "", "area to show, in degrees: west,south,east,north (default: the data's extent)")
	from := fs.String("from", "", "start of the time window, ISO 8601 (default: everything)")
	to := fs.String("to", "", "end of the time window, ISO 8601; the whole period it names is included")
	out := fs.String("o", "", "output PNG file (required)")
	legend := fs.Bool("legend", true, "draw the legend and attribution")
	labels := fs.Bool("labels", true, "label places from the gazetteer")
	local := fs.Bool("local-names", false, "label places in their own script (دمشق, 杭州) where known")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" || len(pos) > 1 {
		return fmt.Errorf("%w: meridian render [flags] -o out.png [FILE]", ErrUsage)
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return err
	}
	file := ""
	if len(pos) == 1 {
		file = pos[0]
	}
	res, err := dataset.Open(file)
	if res == nil {
		return err
	}
	printProblems(stderr, res)
	b, ok := res.Collection.Bound()
	if *bbox != "" {
		if b, err = parseBBox(*bbox); err != nil {
			return err
		}
	} else if !ok {
		b = worldBound
	}
	win, err := parseWindow(*from, *to)
	if err != nil {
		return err
	}
	r := render.NewRenderer(basemap.Default(), render.NewMarks(res.Collection))
	if *labels {
		if r, err = labelledRenderer(r.Marks); err != nil {
			return err
		}
		r.LocalNames = *local
	}
	img, err := r.Image(render.Frame{View: render.Fit(b, w, h, 24, 12), Window: win, Selected: -1})
	if err != nil {
		return err
	}
	if *legend {
		r.DrawLegend(img)
	}
	return writePNG(*out, img)
}

// worldBound is shown when the data has no place.
var worldBound = orb.Bound{Min: orb.Point{-180, -60}, Max: orb.Point{180, 75}}

func parseSize(s string) (int, int, error) {
	ws, hs, ok := strings.Cut(strings.ToLower(s), "x")
	w, err1 := strconv.Atoi(ws)
	h, err2 := strconv.Atoi(hs)
	if !ok || err1 != nil || err2 != nil || w < 16 || h < 16 || w > 16384 || h > 16384 {
		return 0, 0, fmt.Errorf("%w: --size %q: want WxH between 16 and 16384", ErrUsage, s)
	}
	return w, h, nil
}

func parseBBox(s string) (orb.Bound, error) {
	parts := strings.Split(s, ",")
	var v [4]float64
	if len(parts) != 4 {
		return orb.Bound{}, fmt.Errorf("%w: --bbox %q: want west,south,east,north", ErrUsage, s)
	}
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return orb.Bound{}, fmt.Errorf("%w: --bbox %q: %v", ErrUsage, s, err)
		}
		v[i] = f
	}
	if v[0] >= v[2] || v[1] >= v[3] || v[1] < -90 || v[3] > 90 {
		return orb.Bound{}, fmt.Errorf("%w: --bbox %q: want west<east, south<north, latitudes within ±90", ErrUsage, s)
	}
	return orb.Bound{Min: orb.Point{v[0], v[1]}, Max: orb.Point{v[2], v[3]}}, nil
}

// parseWindow turns --from and --to into a time window. Each keeps its
// precision: --to 2016-09 includes all of September.
func parseWindow(from, to string) (render.Window, error) {
	if from == "" && to == "" {
		return render.Window{}, nil
	}
	win := render.Window{From: -1e300, To: 1e300, Trail: math.Inf(1)}
	if from != "" {
		t, err := chrono.Parse(from)
		if err != nil {
			return win, fmt.Errorf("%w: --from: %v", ErrUsage, err)
		}
		win.From = t.StartMilli().Float()
	}
	if to != "" {
		t, err := chrono.Parse(to)
		if err != nil {
			return win, fmt.Errorf("%w: --to: %v", ErrUsage, err)
		}
		win.To = t.EndMilli().Float()
	}
	if win.From >= win.To {
		return win, fmt.Errorf("%w: --from %s is not before --to %s", ErrUsage, from, to)
	}
	return win, nil
}
