// Package dataset opens a data file, or the embedded sample, with every
// importer registered; the window and the subcommands share it.
package dataset

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"

	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/format"
	_ "github.com/meridian-app/meridian/geo/format/geojson"   // registers GeoJSON
	_ "github.com/meridian-app/meridian/geo/format/kml"       // registers KML and KMZ
	_ "github.com/meridian-app/meridian/geo/format/knightlab" // registers TimelineJS and StoryMapJS
	_ "github.com/meridian-app/meridian/geo/format/table"     // registers CSV/TSV
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/geo/geocode"
)

// Open reads the file at path, or the embedded sample when path is empty.
// Bad records are in the result's Problems; err is set only when nothing
// could be read.
//
// Events that name a place but give no coordinates are placed from the
// embedded gazetteer (see package geocode), with a note for each.
func Open(path string) (*format.Result, error) {
	if path == "" {
		return geocoded(format.Decode(bytes.NewReader(assets.Sample), assets.SampleName))
	}
	return geocoded(format.Open(path))
}

// geocoded looks up the result's place names, reading the gazetteer only
// when there are some.
func geocoded(res *format.Result, err error) (*format.Result, error) {
	if res == nil || len(res.Lookups) == 0 {
		return res, err
	}
	g, gerr := gazetteer.Default()
	if gerr != nil {
		return res, errors.Join(err, gerr)
	}
	geocode.Result(res, g)
	return res, err
}

// OpenContext is Open for the window (progress is told how many bytes of
// how many, 0 when unknown, have been read): reading stops with ctx's error when
// ctx is cancelled, and progress (when not nil) is told how far reading
// has got. Importers read the whole file before building events, so bytes
// read is a fair measure of the work done.
func OpenContext(ctx context.Context, path string, progress func(done, total int64)) (*format.Result, error) {
	if path == "" {
		return Open("")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var total int64
	if st, err := f.Stat(); err == nil {
		total = st.Size()
		if st.Mode().IsRegular() && total > format.MaxSize {
			return format.Open(path) // reports the size, reading nothing
		}
	}
	return geocoded(format.Decode(&watched{r: f, ctx: ctx, total: total, progress: progress}, path))
}

// watched is a reader that stops when its context ends and reports
// progress.
type watched struct {
	r        io.Reader
	ctx      context.Context
	done     int64
	total    int64
	progress func(done, total int64)
}

// Size is the file's size, for importers to size their lists by.
func (w *watched) Size() int64 { return w.total }

func (w *watched) Read(p []byte) (int, error) {
	if err := w.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := w.r.Read(p)
	w.done += int64(n)
	if w.progress != nil {
		w.progress(w.done, w.total)
	}
	return n, err
}
