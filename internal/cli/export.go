package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/format/table"
	"github.com/meridian-app/meridian/internal/dataset"
)

// Exporters maps an export format's name to its writer.
var Exporters = map[string]func(io.Writer, *event.Collection) error{
	"geojson": geojson.Write,
	"csv":     table.Write,
}

// ExportFormat picks the export format for a file name: CSV for .csv,
// Meridian GeoJSON otherwise.
func ExportFormat(path string) string {
	if strings.EqualFold(filepath.Ext(path), ".csv") {
		return "csv"
	}
	return "geojson"
}

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
		*name = ExportFormat(*out)
	}
	write, ok := Exporters[*name]
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
	if err := WriteFile(*out, res.Collection, write); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: wrote %d events as %s\n", *out, len(res.Collection.Events), *name)
	return nil
}

// WriteFile writes c to path through a temporary file renamed into place,
// so that a failed export never leaves half a file where a good one was.
func WriteFile(path string, c *event.Collection, write func(io.Writer, *event.Collection) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".meridian-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	err = errors.Join(write(w, c), w.Flush(), tmp.Close())
	if err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
