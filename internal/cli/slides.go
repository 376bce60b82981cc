package cli

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"github.com/meridian-app/meridian/geo/animate"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/story"
	"github.com/meridian-app/meridian/internal/dataset"
)

// ExportSlides implements "meridian export-slides [--size WxH] [--theme
// light|dark] FILE DIR": every slide of the presentation as a numbered PNG
// (slide-01.png …), drawn as the presenter shows it, with attribution.
func ExportSlides(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export-slides", flag.ContinueOnError)
	fs.SetOutput(stderr)
	size := fs.String("size", "1920x1080", "slide size in pixels, WxH")
	theme := fs.String("theme", "light", "projector theme: light or dark")
	notes := fs.Bool("notes", false, "show presenter notes on the cards")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return fmt.Errorf("%w: meridian export-slides [--size WxH] [--theme light|dark] FILE DIR", ErrUsage)
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return err
	}
	th := map[string]story.Theme{"light": story.Light, "dark": story.Dark}[*theme]
	if th.Name == "" {
		return fmt.Errorf("%w: --theme %q: light or dark", ErrUsage, *theme)
	}
	res, err := dataset.Open(pos[0])
	if res == nil {
		return err
	}
	printProblems(stderr, res)
	r, err := labelledRenderer(render.NewMarks(res.Collection))
	if err != nil {
		return err
	}
	s := story.New(res.Collection, r.Marks)
	p := &story.Painter{S: s, R: r, Theme: th, Notes: *notes}
	if err := os.MkdirAll(pos[1], 0o755); err != nil {
		return err
	}
	digits := len(fmt.Sprint(s.Len()))
	for i := range s.Len() {
		img, err := p.Image(i, w, h)
		if err != nil {
			return err
		}
		name := filepath.Join(pos[1], fmt.Sprintf("slide-%0*d.png", max(2, digits), i+1))
		if err := writePNG(name, img); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "%s: wrote %d slides\n", pos[1], s.Len())
	return nil
}

// ExportGIF implements "meridian export-gif [--from T] [--to T]
// [--seconds N] [--fps N] [--size WxH] [--bbox W,S,E,N] [--skip-empty]
// FILE out.gif": time playback over the range as an animated GIF.
func ExportGIF(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export-gif", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "start of the range, ISO 8601 (default: the data's first time)")
	to := fs.String("to", "", "end of the range (default: the data's last time)")
	seconds := fs.Float64("seconds", 10, "playing time in seconds")
	fps := fs.Int("fps", 10, "frames per second")
	size := fs.String("size", "960x540", "frame size in pixels, WxH")
	bbox := fs.String("bbox", "", "area to show, west,south,east,north (default: the data's extent)")
	skip := fs.Bool("skip-empty", false, "leave out frames with no event in the window")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 || *seconds <= 0 || *fps <= 0 || *fps > 50 || (*seconds)*float64(*fps) > 3000 {
		return fmt.Errorf("%w: meridian export-gif [--from T] [--to T] [--seconds N] [--fps N (1–50)] [--size WxH] [--skip-empty] FILE out.gif (at most 3000 frames)", ErrUsage)
	}
	w, h, err := parseSize(*size)
	if err != nil {
		return err
	}
	res, err := dataset.Open(pos[0])
	if res == nil {
		return err
	}
	printProblems(stderr, res)
	c := res.Collection
	lo, hi, ok := c.TimeRange()
	win, err := parseWindow(*from, *to)
	if err != nil {
		return err
	}
	if *from != "" {
		lo = win.From
	}
	if *to != "" {
		hi = win.To
	}
	if !ok && (*from == "" || *to == "") {
		return fmt.Errorf("%s has no dated events: give --from and --to", pos[0])
	}
	b, placed := c.Bound()
	if *bbox != "" {
		if b, err = parseBBox(*bbox); err != nil {
			return err
		}
	} else if !placed {
		b = worldBound
	}
	r, err := labelledRenderer(render.NewMarks(c))
	if err != nil {
		return err
	}
	f, err := os.Create(pos[1])
	if err != nil {
		return err
	}
	n, err := animate.GIF(f, r, render.Fit(b, w, h, 24, 12), animate.Options{From: lo, To: hi, Seconds: *seconds, FPS: *fps, SkipEmpty: *skip})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: wrote %d frames\n", pos[1], n)
	return nil
}

// labelledRenderer draws the basemap with place labels, as the window does.
func labelledRenderer(m *render.Marks) (*render.Renderer, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	r := render.NewRenderer(basemap.Default(), m)
	r.Places = render.NewPlaces(g)
	return r, nil
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
