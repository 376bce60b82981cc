package recovery

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/meridian-app/meridian/geo/event"
)

func changes(title string) *event.Collection {
	return &event.Collection{Title: title, Events: []event.Event{{Title: title + " event"}}}
}

// crash ends an entry's window without its clean-up: the lock is let go
// (the system does that when a process dies), the files stay.
func crash(e *Entry) { e.Abandon() }

// Two windows each keep their own changes; neither is offered the
// other's while both live; after one crashes, the next start is offered
// its changes only, with the path made absolute.
func TestTwoWindows(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	wd := t.TempDir()
	t.Chdir(wd)
	a, err := s.Claim("story.geojson") // relative, as typed
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Claim("")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Write(changes("A"), Info{Path: "story.geojson", Name: "story.geojson", Saved: "2026-12-07T10:00:00Z"}); err != nil {
		t.Fatal(err)
	}
	if err := b.Write(changes("B"), Info{Name: "Untitled", Saved: "2026-12-07T10:01:00Z"}); err != nil {
		t.Fatal(err)
	}
	if o := s.Orphans(); len(o) != 0 {
		t.Fatalf("with both windows live, %d entries offered", len(o))
	}
	crash(a)
	t.Chdir(t.TempDir()) // the next start runs from elsewhere
	o := s.Orphans()
	if len(o) != 1 || o[0].Info.Name != "story.geojson" {
		t.Fatalf("after A crashed: %+v", o)
	}
	if want := filepath.Join(wd, "story.geojson"); o[0].Info.Path != want {
		t.Errorf("recovered path %q, want %q", o[0].Info.Path, want)
	}
	res, err := o[0].Read()
	if err != nil || res.Collection.Title != "A" {
		t.Fatalf("read: %v %v", err, res)
	}
	// While this start considers it, a third is not offered it.
	if o3 := s.Orphans(); len(o3) != 0 {
		t.Errorf("an orphan being offered was offered again: %d", len(o3))
	}
	b.Release()
	if _, err := os.Stat(b.file(".geojson")); !os.IsNotExist(err) {
		t.Error("a cleanly closed window left its changes")
	}
}

// A declined restore is kept, not offered again, and removed when its
// data set is next saved.
func TestDeclineKeepsUntilSaved(t *testing.T) {
	s := Store{Dir: t.TempDir()}
	path := filepath.Join(t.TempDir(), "story.geojson")
	e, _ := s.Claim(path)
	if err := e.Write(changes("A"), Info{Path: path, Saved: "x"}); err != nil {
		t.Fatal(err)
	}
	crash(e)
	o := s.Orphans()
	if len(o) != 1 {
		t.Fatalf("%d orphans", len(o))
	}
	if err := o[0].Decline(time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(e.file(".geojson")); err != nil {
		t.Fatalf("declined changes were deleted: %v", err)
	}
	if n := len(s.Orphans()); n != 0 {
		t.Errorf("declined changes offered again (%d)", n)
	}
	s.ForgetDeclined(filepath.Join(t.TempDir(), "other.geojson"))
	if _, err := os.Stat(e.file(".geojson")); err != nil {
		t.Fatal("saving another file removed them")
	}
	s.ForgetDeclined(path)
	if _, err := os.Stat(e.file(".geojson")); !os.IsNotExist(err) {
		t.Error("saving the file kept its declined changes")
	}
}

// TestChild is TestKilledWindow's window: it writes changes, says so, and
// waits to be killed.
func TestChild(t *testing.T) {
	dir := os.Getenv("MERIDIAN_RECOVERY_CHILD")
	if dir == "" {
		t.Skip("run by TestKilledWindow")
	}
	e, err := Store{Dir: dir}.Claim("/data/story.geojson")
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Write(changes("killed"), Info{Path: "/data/story.geojson", Saved: "x"}); err != nil {
		t.Fatal(err)
	}
	fmt.Println("written")
	time.Sleep(time.Minute)
}

// A window killed outright (SIGKILL: no clean-up) leaves an orphan the
// next start is offered; while it lives, it is not.
func TestKilledWindow(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.v")
	cmd.Env = append(os.Environ(), "MERIDIAN_RECOVERY_CHILD="+dir)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "written" {
	}
	if sc.Text() != "written" {
		t.Fatalf("the child did not write its changes: %v", sc.Err())
	}
	s := Store{Dir: dir}
	if n := len(s.Orphans()); n != 0 {
		t.Fatalf("a live window's changes offered (%d)", n)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	o := s.Orphans()
	if len(o) != 1 || o[0].Info.Path != "/data/story.geojson" {
		t.Fatalf("after the kill: %+v", o)
	}
}

// Earlier versions' single recovery file becomes an orphan; a relative
// path in it is dropped.
func TestLegacy(t *testing.T) {
	s := Store{Dir: filepath.Join(t.TempDir(), "recovery")}
	old := filepath.Join(t.TempDir(), "recovery.geojson")
	e, _ := Store{Dir: filepath.Dir(old)}.Claim("")
	if err := e.Write(changes("legacy"), Info{}); err != nil {
		t.Fatal(err)
	}
	_ = os.Rename(e.file(".geojson"), old)
	_ = os.WriteFile(old+".json", []byte(`{"path":"relative.geojson","name":"relative.geojson","saved":"x"}`), 0o644)
	s.Legacy(old)
	o := s.Orphans()
	if len(o) != 1 || o[0].Info.Path != "" || o[0].Info.Name != "relative.geojson" {
		t.Fatalf("legacy: %+v", o)
	}
	if res, err := o[0].Read(); err != nil || res.Collection.Title != "legacy" {
		t.Fatalf("legacy read: %v", err)
	}
}
