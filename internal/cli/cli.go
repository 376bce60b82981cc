// Package cli implements Meridian's headless subcommands (render, inspect,
// export, geocode, extract).
// It never imports the UI toolkit, so these commands run with no display.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/meridian-app/meridian/geo/format"
)

// ErrUsage marks a bad command line; main prints usage and exits 2.
var ErrUsage = errors.New("usage")

// ErrProblems means the data loaded but some records had problems.
var ErrProblems = errors.New("some records had problems")

// parse parses flags that may come before or after the positional
// arguments ("render FILE -o out.png" as well as "render -o out.png FILE"),
// which the flag package alone stops at.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUsage, err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// printProblems writes each problem as "file:line:col: message", then each
// note (what was done to a record, such as the place a name was looked up
// as) as "file:line:col: note: text".
func printProblems(w io.Writer, res *format.Result) {
	for i := range res.Problems {
		fmt.Fprintln(w, strings.TrimSpace(res.Problems[i].Error()))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "%s: note: %s\n", n.Pos, n.Text)
	}
}
