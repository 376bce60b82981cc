// Package recovery keeps each open data set's unsaved changes where the
// next start finds them after a crash: one entry per window and data set,
// locked while its window lives, so that no window ever offers, restores
// or deletes another live window's changes.
//
// An entry is three files in the store's folder, named after the data
// set's absolute path (a hash of it; "new" for a document never saved)
// and a random part unique to the window: NAME.geojson holds the changes,
// NAME.json what they belong to (Info), and NAME.lock is held locked by
// the window that writes them (flock on Unix; on Windows, kept open,
// which stops its deletion). An entry whose lock nobody holds belongs to
// a window that ended without cleaning up: an orphan, offered at the next
// start. An orphan declined is kept, marked so, until the data set it
// belongs to is next saved.
package recovery

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/internal/dataset"
)

// Info says what an entry's changes belong to.
type Info struct {
	// Path is the absolute path of the file the changes belong to, ""
	// for a document never saved.
	Path string `json:"path"`
	Name string `json:"name"` // as the window's title showed it
	// Saved is when the changes were written (RFC 3339).
	Saved string `json:"saved"`
	// Declined is when a restore was declined: the entry is kept, not
	// offered again, until its data set is next saved.
	Declined string `json:"declined,omitempty"`
}

// ErrLocked means another live window holds the entry.
var ErrLocked = errors.New("held by another window")

// Store is the folder of recovery entries.
type Store struct{ Dir string }

// Default is the store in the user's cache folder.
func Default() Store {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return Store{Dir: filepath.Join(dir, "meridian", "recovery")}
}

// Entry is one window's recovery of one data set, locked while it lives.
type Entry struct {
	store Store
	name  string
	mu    sync.Mutex // a write in the background against Release
	lock  *lockFile  // nil once released
}

// group is the first part of an entry's name: what the entry is for.
func group(path string) string {
	if path == "" {
		return "new"
	}
	sum := sha256.Sum256([]byte(path))
	return hex.EncodeToString(sum[:8])
}

// Abs makes a path absolute, so that a restore started from any folder
// saves to the file the changes belong to.
func Abs(path string) string {
	if path == "" {
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// Claim makes and locks a new entry for the data set at path ("" for a
// new document). It writes nothing else until Write.
func (s Store) Claim(path string) (*Entry, error) {
	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("recovery: %w", err)
	}
	var r [5]byte
	_, _ = rand.Read(r[:])
	e := &Entry{store: s, name: group(Abs(path)) + "-" + hex.EncodeToString(r[:])}
	l, err := lock(e.file(".lock"))
	if err != nil {
		return nil, fmt.Errorf("recovery: %w", err)
	}
	e.lock = l
	return e, nil
}

func (e *Entry) file(ext string) string { return filepath.Join(e.store.Dir, e.name+ext) }

// Name is the entry's name in its store, for messages and tests.
func (e *Entry) Name() string { return e.name }

// Write replaces the entry's changes with c, atomically: the changes
// first, then what they belong to.
func (e *Entry) Write(c *event.Collection, info Info) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.lock == nil {
		return nil // released: the changes were saved or discarded meanwhile
	}
	info.Path = Abs(info.Path)
	if err := dataset.Save(e.file(".geojson"), c, geojson.Write); err != nil {
		return fmt.Errorf("recovery: %w", err)
	}
	return e.writeInfo(info)
}

func (e *Entry) writeInfo(info Info) error {
	b, err := json.Marshal(info)
	if err != nil {
		return err
	}
	tmp := e.file(".json.tmp")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("recovery: %w", err)
	}
	return os.Rename(tmp, e.file(".json"))
}

// Clear removes the entry's changes, keeping its lock: the data set has
// been saved, or its changes discarded.
func (e *Entry) Clear() {
	_ = os.Remove(e.file(".json"))
	_ = os.Remove(e.file(".geojson"))
}

// Release clears the entry and gives up its lock: its window closes
// cleanly, or moves to another data set.
func (e *Entry) Release() {
	if e == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.lock == nil {
		return
	}
	e.Clear()
	e.lock.release(true)
	e.lock = nil
}

// Orphan is an entry of a window that ended without cleaning up,
// locked by the caller of Orphans until it is restored or declined.
type Orphan struct {
	Entry
	Info Info
}

// Orphans returns the entries no live window holds, newest first, each
// locked for the caller; declined ones are not among them. Lock files of
// windows that ended with nothing to recover are removed.
func (s Store) Orphans() []*Orphan {
	s.removeIdleLocks(time.Now())
	sidecars, _ := filepath.Glob(filepath.Join(s.Dir, "*.json"))
	var out []*Orphan
	for _, sc := range sidecars {
		o := &Orphan{Entry: Entry{store: s, name: strings.TrimSuffix(filepath.Base(sc), ".json")}}
		held, err := tryLock(o.file(".lock"))
		if err != nil {
			continue // a live window's
		}
		o.lock = held
		b, err := os.ReadFile(sc)
		if err != nil || json.Unmarshal(b, &o.Info) != nil || o.Info.Declined != "" {
			o.lock.release(false)
			continue
		}
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b *Orphan) int { return strings.Compare(b.Info.Saved, a.Info.Saved) })
	return out
}

// removeIdleLocks removes the lock files no process holds that have no
// changes with them, older than a minute (a younger one may be a window's
// that is starting: it makes its lock before it locks it).
func (s Store) removeIdleLocks(now time.Time) {
	locks, _ := filepath.Glob(filepath.Join(s.Dir, "*.lock"))
	for _, l := range locks {
		side := strings.TrimSuffix(l, ".lock") + ".json"
		if _, err := os.Stat(side); err == nil {
			continue
		}
		if st, err := os.Stat(l); err != nil || now.Sub(st.ModTime()) < time.Minute {
			continue
		}
		if held, err := tryLock(l); err == nil {
			held.release(true)
		}
	}
}

// Read reads the orphan's changes.
func (o *Orphan) Read() (*format.Result, error) {
	f, err := os.Open(o.file(".geojson"))
	if err != nil {
		return nil, fmt.Errorf("recovery: %w", err)
	}
	defer f.Close()
	res, err := geojson.Decode(io.Reader(f), o.file(".geojson"))
	if err != nil {
		return nil, fmt.Errorf("recovery: %w", err)
	}
	res.Format = "geojson"
	return res, nil
}

// Decline keeps the orphan's changes but marks them declined, and lets
// go of its lock: they are not offered again, and are removed when their
// data set is next saved (ForgetDeclined).
func (o *Orphan) Decline(now time.Time) error {
	o.Info.Declined = now.Format(time.RFC3339)
	err := o.writeInfo(o.Info)
	o.Let()
	return err
}

// Let lets go of the orphan, untouched, for a later start to offer.
func (o *Orphan) Let() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.lock != nil {
		o.lock.release(false)
		o.lock = nil
	}
}

// ForgetDeclined removes the declined entries of the data set at path
// ("" for those of new documents named in names): it has been saved, so
// the changes once declined for it are out of date.
func (s Store) ForgetDeclined(path string, names ...string) {
	g := group(Abs(path))
	sidecars, _ := filepath.Glob(filepath.Join(s.Dir, "*.json"))
	for _, sc := range sidecars {
		name := strings.TrimSuffix(filepath.Base(sc), ".json")
		if !strings.HasPrefix(name, g+"-") && !slices.Contains(names, name) {
			continue
		}
		var info Info
		if b, err := os.ReadFile(sc); err != nil || json.Unmarshal(b, &info) != nil || info.Declined == "" {
			continue
		}
		e := &Entry{store: s, name: name}
		if l, err := tryLock(e.file(".lock")); err == nil {
			e.lock = l
			e.Release()
		}
	}
}

// Legacy takes in the single recovery file earlier versions kept for
// every window (old, with old+".json" beside it), as an orphan: its path
// was kept as typed, so a relative one is dropped (the restore then asks
// where to save) rather than saved against the wrong folder.
func (s Store) Legacy(old string) {
	b, err := os.ReadFile(old + ".json")
	var info Info
	if err != nil || json.Unmarshal(b, &info) != nil {
		return
	}
	if !filepath.IsAbs(info.Path) {
		info.Path = ""
	}
	e, err := s.Claim(info.Path)
	if err != nil {
		return
	}
	defer e.lock.release(false)
	if os.Rename(old, e.file(".geojson")) == nil && e.writeInfo(info) == nil {
		_ = os.Remove(old + ".json")
	}
}

// Abandon lets go of the entry's lock and leaves its changes, as a crash
// does: tests of a window's recovery use it to stand for one.
func (e *Entry) Abandon() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.lock != nil {
		e.lock.release(false)
		e.lock = nil
	}
}
