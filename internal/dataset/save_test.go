package dataset

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format/geojson"
)

// version is a collection of n events titled after name: big enough that
// writing it takes a while, so kills land mid-write.
func version(name string, n int) *event.Collection {
	c := &event.Collection{Title: name}
	for i := range n {
		c.Events = append(c.Events, event.Event{Title: fmt.Sprintf("%s %d", name, i), Summary: "A summary long enough to make the file take some time to write, over and over."})
	}
	return c
}

// TestSaveChild is the child process of TestSaveKilled: it saves two
// versions in turn, for ever, until it is killed.
func TestSaveChild(t *testing.T) {
	path := os.Getenv("MERIDIAN_SAVE_CHILD")
	if path == "" {
		t.Skip("run by TestSaveKilled")
	}
	a, b := version("old", 2000), version("new", 6000)
	for i := 0; ; i++ {
		c := a
		if i%2 == 1 {
			c = b
		}
		if err := Save(path, c, geojson.Write); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSaveKilled kills a process while it saves, many times, and checks
// the file is always one whole version or the other.
func TestSaveKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process 30 times")
	}
	path := filepath.Join(t.TempDir(), "story.geojson")
	if err := Save(path, version("old", 2000), geojson.Write); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for range 30 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSaveChild$")
		cmd.Env = append(os.Environ(), "MERIDIAN_SAVE_CHILD="+path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(20+rand.IntN(200)) * time.Millisecond)
		_ = cmd.Process.Kill() // SIGKILL: no deferred clean-up runs
		_ = cmd.Wait()
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		res, err := geojson.Decode(f, path)
		f.Close()
		if err != nil || len(res.Problems) > 0 {
			t.Fatalf("after a kill the file does not read: %v %v", err, res.Problems)
		}
		c := res.Collection
		want := map[string]int{"old": 2000, "new": 6000}[c.Title]
		if want == 0 || len(c.Events) != want || c.Events[len(c.Events)-1].Title != fmt.Sprintf("%s %d", c.Title, want-1) {
			t.Fatalf("after a kill: %q with %d events", c.Title, len(c.Events))
		}
		seen[c.Title]++
	}
	t.Logf("versions found after kills: %v", seen)
	// The kills left temporary files behind; once they are a minute old,
	// the next save removes them all.
	left := temps(t, filepath.Dir(path))
	if len(left) == 0 {
		t.Fatal("30 kills left no temporary file: were the saves killed mid-write?")
	}
	for _, name := range left {
		old := time.Now().Add(-2 * staleAfter)
		_ = os.Chtimes(name, old, old)
	}
	if err := Save(path, version("after", 3), geojson.Write); err != nil {
		t.Fatal(err)
	}
	if left := temps(t, filepath.Dir(path)); len(left) != 0 {
		t.Errorf("after the next save, %d leftovers remain: %v", len(left), left)
	}
}

func temps(t *testing.T, dir string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func TestSaveChecked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.geojson")
	c := version("one", 3)
	st, err := SaveChecked(path, Stamp{}, c, geojson.Write, false) // absent, as expected
	if err != nil || st.Size == 0 {
		t.Fatalf("first save: %v %+v", err, st)
	}
	st2, err := SaveChecked(path, st, c, geojson.Write, false)
	if err != nil {
		t.Fatalf("second save: %v", err)
	}
	// Another program rewrites the file.
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(path, []byte(`{"type":"FeatureCollection","features":[]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveChecked(path, st2, c, geojson.Write, false); !errors.Is(err, ErrChangedOnDisk) {
		t.Errorf("an outside change was overwritten: %v", err)
	}
	b, _ := os.ReadFile(path)
	if string(b) != `{"type":"FeatureCollection","features":[]}` {
		t.Error("the outside change was lost")
	}
}
