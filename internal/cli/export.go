package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"

	"github.com/meridian-app/meridian/internal/dataset"
)

// Export implements "meridian export [-f geojson|csv] -o OUT FILE": it reads
// any format Meridian opens and writes Meridian GeoJSON (everything kept) or
// CSV. Problems are printed as by inspect; they do not stop the export.
func Export(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output file (- for standard output)")
	name := fs.String("f", "", "output format: geojson or csv (default: from the -o extension)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return fmt.Errorf("%w: meridian export [-f geojson|csv] -o OUT FILE", ErrUsage)
	}
	if *name == "" {
		*name = dataset.ExportFormat(*out)
	}
	write, ok := dataset.Exporters[*name]
	if !ok {
		return fmt.Errorf("%w: unknown export format %q (geojson or csv)", ErrUsage, *name)
	}
	res, err := dataset.Open(pos[0])
	if res == nil {
		return err
	}
	printProblems(stderr, res)
	if *out == "-" {
		w := bufio.NewWriter(stdout)
		if err := write(w, res.Collection); err != nil {
			return err
		}
		return w.Flush()
	}
	if err := dataset.Save(*out, res.Collection, write); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: wrote %d events as %s\n", *out, len(res.Collection.Events), *name)
	return nil
}
