package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/meridian-app/meridian/geo/synth"
)

// Gen implements "meridian gen [--n N] [--seed S] [--format geojson|csv]
// [-o FILE]": it writes deterministic synthetic events (package synth) for
// benchmarks and load tests, to FILE or standard output.
func Gen(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of events")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same file")
	form := fs.String("format", "geojson", "geojson or csv")
	out := fs.String("o", "", "output file (default: standard output)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	write := map[string]func(io.Writer, synth.Options) error{"geojson": synth.WriteGeoJSON, "csv": synth.WriteCSV}[*form]
	if len(pos) > 0 || *n < 0 || write == nil {
		return fmt.Errorf("%w: meridian gen [--n N] [--seed S] [--format geojson|csv] [-o FILE]", ErrUsage)
	}
	o := synth.Options{N: *n, Seed: *seed}
	if *out == "" {
		w := bufio.NewWriter(stdout)
		if err := write(w, o); err != nil {
			return err
		}
		return w.Flush()
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := write(f, o); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
