package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/meridian-app/meridian/geo/extract"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/internal/dataset"
)

// Extract implements "meridian extract ARTICLE.txt [--published
// YYYY-MM-DD] [--title T] [-o drafts.geojson]": it reads a news article
// (plain text) and writes the draft events it finds as Meridian GeoJSON,
// with their evidence, confidence and reasons as properties. On stderr it
// lists each draft and each place-like name it set aside, and why.
func Extract(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	published := fs.String("published", "", "publication date, YYYY-MM-DD (relative dates like \"on Monday\" need it)")
	title := fs.String("title", "", "the headline (default: the first line)")
	out := fs.String("o", "", "output GeoJSON file (default: standard output)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: meridian extract ARTICLE.txt [--published YYYY-MM-DD] [--title T] [-o drafts.geojson]", ErrUsage)
	}
	var pub time.Time
	if *published != "" {
		if pub, err = time.Parse("2006-01-02", *published); err != nil {
			return fmt.Errorf("%w: --published %q: want YYYY-MM-DD", ErrUsage, *published)
		}
	}
	text, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	r := extract.Extract(string(text), g, extract.Options{Published: pub, Title: *title})
	for _, d := range r.Drafts {
		fmt.Fprintf(stderr, "draft: %s · %s · %s · confidence %.2f\n", d.Place.Label(), d.When, d.Title, d.Confidence)
	}
	for _, x := range r.Rejected {
		fmt.Fprintf(stderr, "not a place: %q, %s\n", x.Text, x.Why)
	}
	if pub.IsZero() {
		fmt.Fprintln(stderr, "no --published date: days like \"on Monday\" were not dated")
	}
	c := r.Collection(r.Drafts, filepath.Base(pos[0]))
	if *out == "" || *out == "-" {
		w := bufio.NewWriter(stdout)
		if err := geojson.Write(w, c); err != nil {
			return err
		}
		return w.Flush()
	}
	if err := dataset.Save(*out, c, geojson.Write); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: wrote %d draft events\n", *out, len(c.Events))
	return nil
}
