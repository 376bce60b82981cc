package dataset

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

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
//
// The file is respected: a symbolic link is followed and the file it
// names replaced (the link stays a link); the file keeps its permissions
// (and, where allowed, its owner and group); a new file gets 0666 less
// the user's umask, as any program's. A rename cannot keep hard links,
// so a file with other names is not written: Save returns ErrHardLinked,
// for the caller to ask, and SaveBreakingLinks to go ahead. Temporary
// files that an earlier, killed save left in the folder (older than a
// minute) are removed.
func Save(path string, c *event.Collection, write func(io.Writer, *event.Collection) error) error {
	return save(path, c, write, false)
}

// SaveBreakingLinks saves like Save, to a file with hard links too: the
// name saved to gets the new version, its other names keep the old one.
func SaveBreakingLinks(path string, c *event.Collection, write func(io.Writer, *event.Collection) error) error {
	return save(path, c, write, true)
}

// ErrHardLinked means the file has other names (hard links): an atomic
// save replaces the one name, and the others would keep the old version.
var ErrHardLinked = errors.New("the file has other hard links")

// ErrNotRegular means the path names a directory, device or the like.
var ErrNotRegular = errors.New("not a regular file")

// tempPrefix starts the name of every temporary file a save writes.
const tempPrefix = ".meridian-save-"

// staleAfter is the age after which a temporary file is an earlier,
// killed save's, not one another window is writing now.
const staleAfter = time.Minute

func save(path string, c *event.Collection, write func(io.Writer, *event.Collection) error, breakLinks bool) error {
	real, err := Resolve(path)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	old, err := os.Stat(real)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		old = nil
	case err != nil:
		return fmt.Errorf("save %s: %w", path, err)
	case !old.Mode().IsRegular():
		return fmt.Errorf("save %s: %w", path, ErrNotRegular)
	case !breakLinks && links(old) > 1:
		return fmt.Errorf("save %s: %w (%d names): saving replaces this one, the others keep the old version", path, ErrHardLinked, links(old))
	}
	dir := filepath.Dir(real)
	removeStale(dir, time.Now())
	tmp, err := createTemp(dir)
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if old != nil {
		err = errors.Join(tmp.Chmod(old.Mode().Perm()), keepOwner(tmp, old))
	}
	w := bufio.NewWriter(tmp)
	if err := errors.Join(err, write(w, c), w.Flush(), tmp.Sync(), tmp.Close()); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), real); err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// createTemp makes a new temporary file in dir with the mode a new file
// gets (0666 less the umask, which the system applies: reading the umask
// would mean setting it, process-wide, for a moment).
func createTemp(dir string) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, tempPrefix+strconv.FormatUint(rand.Uint64(), 36))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
	return nil, fmt.Errorf("no free temporary name in %s", dir)
}

// removeStale removes the temporary files of saves that were killed
// before they could clean up: regular files named as a save names them,
// last written more than staleAfter ago. Errors are ignored: this is
// tidying, and the save goes on.
func removeStale(dir string, now time.Time) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		if st, err := e.Info(); err == nil && now.Sub(st.ModTime()) > staleAfter {
			_ = os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// syncDir flushes a directory's entries, so that a rename survives a power
// cut. Some systems cannot sync a directory; the rename is still atomic.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// ErrLinkLoop means symbolic links lead back to themselves.
var ErrLinkLoop = errors.New("too many levels of symbolic links")

// Resolve follows path's symbolic links, if any, to the file they name,
// which need not exist yet (a link to a file to be made); folders on the
// way may be links, which the system follows.
func Resolve(path string) (string, error) {
	for range 40 {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		to, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(path), to)
		}
		path = to
	}
	return "", ErrLinkLoop
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

// SaveChecked saves like Save (or, with breakLinks, SaveBreakingLinks),
// but first checks that path is still the version stamped when it was
// opened (or is absent, as then): if not it returns ErrChangedOnDisk and
// writes nothing. It returns the new stamp.
func SaveChecked(path string, known Stamp, c *event.Collection, write func(io.Writer, *event.Collection) error, breakLinks bool) (Stamp, error) {
	if now := StampOf(path); now != known {
		return now, fmt.Errorf("save %s: %w", path, ErrChangedOnDisk)
	}
	if err := save(path, c, write, breakLinks); err != nil {
		return known, err
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
