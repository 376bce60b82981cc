package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"

	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/internal/dataset"
)

// Inspect implements "meridian inspect FILE": every event as a normalised
// GeoJSON Feature, one per line (newline-delimited GeoJSON: an RFC 8142
// text sequence without the RS byte), and every problem on stderr. It
// returns ErrProblems when any record had one.
func Inspect(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("inspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: meridian inspect FILE", ErrUsage)
	}
	res, err := dataset.Open(pos[0])
	if res == nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if werr := geojson.WriteSeq(w, res.Collection); werr != nil {
		return werr
	}
	if werr := w.Flush(); werr != nil {
		return werr
	}
	printProblems(stderr, res)
	fmt.Fprintln(stderr, Summary(pos[0], res))
	if len(res.Problems) > 0 {
		return ErrProblems
	}
	return err
}

// Summary says in one line what a file held: its detected format, how many
// events loaded, how many of those have no place or no time, and how many
// problems there were, and how many events were placed by looking their
// place name up. The window's status bar shows the same line.
func Summary(name string, res *format.Result) string {
	unplaced, undated := 0, 0
	for i := range res.Collection.Events {
		e := &res.Collection.Events[i]
		if !e.Placed() {
			unplaced++
		}
		if e.When.IsZero() {
			undated++
		}
	}
	s := fmt.Sprintf("%s: %s, %s (%d unplaced, %d undated), %s",
		name, res.Format, count(len(res.Collection.Events), "event"), unplaced, undated, count(len(res.Problems), "problem"))
	if n := len(res.Notes); n > 0 {
		s += fmt.Sprintf(", %d placed from the gazetteer", n)
	}
	return s
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
