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

// Save writes c to path without ever leaving half a file: it writes a
// temporary file in the same directory, flushes it to disk (fsync), and
// renames it over path, then flushes the directory. Killed at any moment,
// the file at path is the old version or the new one, whole
// (TestSaveKilled kills a saving process many times over).
func Save(path string, c *event.Collection, write func(io.Writer, *event.Collection) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".meridian-save-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	w := bufio.NewWriter(tmp)
	if err := errors.Join(write(w, c), w.Flush(), tmp.Sync(), tmp.Close()); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(filepath.Dir(path))
	return nil
}

// syncDir flushes a directory's entries, so that a rename survives a power
// cut. Some systems cannot sync a directory; the rename is still atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// ErrChangedOnDisk means the file was changed by something else since it
// was opened or last saved: saving would overwrite that change.
var ErrChangedOnDisk = errors.New("the file changed on disk since it was opened")

// Stamp identifies a file's version by size and modification time.
type Stamp struct {
	Size    int64
	ModTime int64 // nanoseconds
}

// StampOf returns path's stamp; a missing file has the zero stamp.
func StampOf(path string) Stamp {
	st, err := os.Stat(path)
	if err != nil {
		return Stamp{}
	}
	return Stamp{st.Size(), st.ModTime().UnixNano()}
}

// SaveChecked saves like Save, but first checks that path is still the
// version stamped when it was opened (or is absent, as then): if not it
// returns ErrChangedOnDisk and writes nothing. It returns the new stamp.
func SaveChecked(path string, known Stamp, c *event.Collection, write func(io.Writer, *event.Collection) error) (Stamp, error) {
	if now := StampOf(path); now != known {
		return now, fmt.Errorf("save %s: %w", path, ErrChangedOnDisk)
	}
	if err := Save(path, c, write); err != nil {
		return Stamp{}, err
	}
	return StampOf(path), nil
}

// SaveAs writes res's collection to path in the named export format.
func SaveAs(path, name string, res *format.Result) error {
	write, ok := Exporters[name]
	if !ok {
		return fmt.Errorf("export: unknown format %q", name)
	}
	return Save(path, res.Collection, write)
}
