//go:build unix

package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/meridian-app/meridian/geo/format/geojson"
)

func titleOf(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := geojson.Decode(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return res.Collection.Title
}

// A save keeps the file's permissions, whatever they are; a new file
// gets 0666 less the umask.
func TestSaveKeepsMode(t *testing.T) {
	dir := t.TempDir()
	for _, mode := range []os.FileMode{0o644, 0o664, 0o600, 0o640} {
		path := filepath.Join(dir, "m"+mode.String()+".geojson")
		if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		if err := Save(path, version("saved", 2), geojson.Write); err != nil {
			t.Fatal(err)
		}
		if st, _ := os.Stat(path); st.Mode().Perm() != mode {
			t.Errorf("a %v file is %v after a save", mode, st.Mode().Perm())
		}
	}
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	path := filepath.Join(dir, "new.geojson")
	if err := Save(path, version("new", 2), geojson.Write); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("a new file under umask 027 is %v, want -rw-r-----", st.Mode().Perm())
	}
}

// Saving to a symbolic link replaces the file it names and leaves the
// link a link: relative, absolute, chained, and to a file not yet made.
func TestSaveFollowsSymlinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "data", "real.geojson")
	if err := os.Mkdir(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Save(real, version("first", 2), geojson.Write); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		"relative.geojson": "data/real.geojson",
		"absolute.geojson": real,
		"chained.geojson":  "relative.geojson",
	}
	for name, to := range links {
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	for name := range links {
		link := filepath.Join(dir, name)
		if err := Save(link, version(name, 2), geojson.Write); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is no longer a link", name)
		}
		if got := titleOf(t, real); got != name {
			t.Errorf("saved through %s, the real file holds %q", name, got)
		}
	}
	dangling := filepath.Join(dir, "dangling.geojson")
	if err := os.Symlink("data/later.geojson", dangling); err != nil {
		t.Fatal(err)
	}
	if err := Save(dangling, version("later", 1), geojson.Write); err != nil {
		t.Fatal(err)
	}
	if got := titleOf(t, filepath.Join(dir, "data", "later.geojson")); got != "later" {
		t.Errorf("a link to a file not yet made: the file holds %q", got)
	}
	loop := filepath.Join(dir, "loop.geojson")
	_ = os.Symlink("loop.geojson", loop)
	if err := Save(loop, version("x", 1), geojson.Write); !errors.Is(err, ErrLinkLoop) {
		t.Errorf("a link to itself: %v", err)
	}
}

// A file with another name is not saved without saying so; when told to
// go ahead, the saved name gets the new version and the other keeps the
// old one.
func TestSaveHardLinks(t *testing.T) {
	dir := t.TempDir()
	path, other := filepath.Join(dir, "a.geojson"), filepath.Join(dir, "b.geojson")
	if err := Save(path, version("old", 2), geojson.Write); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(path, other); err != nil {
		t.Fatal(err)
	}
	err := Save(path, version("new", 2), geojson.Write)
	if !errors.Is(err, ErrHardLinked) || !strings.Contains(err.Error(), "2 names") {
		t.Fatalf("saving a hard-linked file: %v", err)
	}
	if titleOf(t, path) != "old" {
		t.Fatal("the refused save wrote the file")
	}
	if err := SaveBreakingLinks(path, version("new", 2), geojson.Write); err != nil {
		t.Fatal(err)
	}
	if titleOf(t, path) != "new" || titleOf(t, other) != "old" {
		t.Errorf("after breaking the link: %q and %q", titleOf(t, path), titleOf(t, other))
	}
}

// Only this program's temporary files older than a minute are removed:
// another window's save in progress and other files are left alone.
func TestSaveRemovesStaleTemporaries(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, tempPrefix+"killed")
	fresh := filepath.Join(dir, tempPrefix+"writing")
	other := filepath.Join(dir, ".meridian-other")
	sub := filepath.Join(dir, tempPrefix+"folder")
	for _, p := range []string{stale, fresh, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	long := time.Now().Add(-2 * time.Minute)
	for _, p := range []string{stale, other, sub} {
		_ = os.Chtimes(p, long, long)
	}
	if err := Save(filepath.Join(dir, "a.geojson"), version("a", 1), geojson.Write); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("a killed save's leftover was kept")
	}
	for _, p := range []string{fresh, other, sub} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed", filepath.Base(p))
		}
	}
}
