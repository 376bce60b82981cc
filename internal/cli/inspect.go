package cli

import (
	"bufio"
	"flag"
	"fmt"
	"github.com/meridian-app/meridian/internal/dataset"
	"io"

	"github.com/meridian-app/meridian/geo/format/geojson"
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
	fmt.Fprintf(stderr, "%s: %s, %d events, %d problems\n", pos[0], res.Format, len(res.Collection.Events), len(res.Problems))
	if len(res.Problems) > 0 {
		return ErrProblems
	}
	return err
}
