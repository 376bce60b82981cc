package dataset

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/format/table"
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

// Save writes c to path through a temporary file renamed into place, so
// that a failed export never leaves half a file where a good one was.
func Save(path string, c *event.Collection, write func(io.Writer, *event.Collection) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".meridian-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	if err := errors.Join(write(w, c), w.Flush(), tmp.Close()); err != nil {
		return fmt.Errorf("export %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}

// SaveAs writes res's collection to path in the named export format.
func SaveAs(path, name string, res *format.Result) error {
	write, ok := Exporters[name]
	if !ok {
		return fmt.Errorf("export: unknown format %q", name)
	}
	return Save(path, res.Collection, write)
}
