package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/internal/dataset"
	"github.com/meridian-app/meridian/internal/recovery"
	"github.com/paulmach/orb"
)

// editingUI is the sample, editable, with no window (dialogs are skipped).
func editingUI(t *testing.T) (*UI, *files) {
	t.Helper()
	u, _ := newTestUI(t)
	var f *files
	onUIWait(func() {
		f = newFiles(u, nil, nil, nil, nil)
		f.name, f.res = u.data.Name, u.data.Result
		f.ed.reset(u.data.Result, "")
	})
	return u, f
}

func events(u *UI) int {
	var n int
	onUIWait(func() { n = len(u.data.Result.Collection.Events) })
	return n
}

func TestEditingCommands(t *testing.T) {
	u, f := editingUI(t)
	at := orb.Point{36.3, 33.5}
	onUIWait(func() { f.ed.add(&at, "Damascus, Syria") })
	waitFor(t, "the new event", func() bool { return len(u.data.Result.Collection.Events) == 8 && u.Selected() == 7 })
	onUIWait(func() {
		e := u.data.Result.Collection.Events[7]
		if e.Title != "New event" || e.Place != "Damascus, Syria" || e.Geometry != at || !f.ed.doc.Modified() {
			t.Errorf("added %+v, modified %v", e, f.ed.doc.Modified())
		}
		if !strings.HasPrefix(f.ed.title("x"), "• ") {
			t.Errorf("title %q has no modified mark", f.ed.title("x"))
		}
		f.ed.move(7, orb.Point{36.4, 33.6})
	})
	waitFor(t, "the move", func() bool {
		return len(u.data.Result.Collection.Events) == 8 && u.data.Result.Collection.Events[7].Geometry == orb.Point{36.4, 33.6}
	})
	onUIWait(func() { f.ed.deleteSelected() })
	waitFor(t, "the deletion", func() bool { return len(u.data.Result.Collection.Events) == 7 })
	onUIWait(func() { f.ed.undo() })
	waitFor(t, "undo", func() bool { return len(u.data.Result.Collection.Events) == 8 })
	onUIWait(func() { f.ed.undo(); f.ed.undo() })
	waitFor(t, "undo to the start", func() bool { return len(u.data.Result.Collection.Events) == 7 && !f.ed.doc.Modified() })
	onUIWait(func() { f.ed.redo() })
	waitFor(t, "redo", func() bool { return len(u.data.Result.Collection.Events) == 8 })
	// Reordering the story gives every event its place.
	onUIWait(func() { u.Select(0); f.ed.reorder(1) })
	waitFor(t, "the reorder", func() bool { return u.data.Result.Collection.Events[0].Order() != nil })
}

func TestEventForm(t *testing.T) {
	u, _ := newTestUI(t)
	ev := u.data.Result.Collection.Events[0]
	ev.Extra = map[string]any{"kept": "yes"}
	f := newEventForm(ev, []string{"conflict", "diplomacy"})
	f.title.SetText("  A new title ")
	f.when.SetText("Sep 2016")
	f.place.SetText("Aleppo")
	f.category.SetText("siege")
	f.order.SetText("3")
	f.notes.SetText("Say this slowly.")
	f.summary.SetText("**Bold** text")
	for len(f.sourceRows) > 0 {
		f.sourceRows = f.sourceRows[:0]
	}
	f.addSource("AAP", "https://example.org/a")
	got, err := f.event()
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "A new title" || got.When.String() != "September 2016" || got.Place != "Aleppo" || got.Category != "siege" ||
		*got.Order() != 3 || got.Extra["notes"] != "Say this slowly." || got.Extra["kept"] != "yes" ||
		len(got.Sources()) != 1 || got.Sources()[0].URL != "https://example.org/a" {
		t.Errorf("form gave %+v", got)
	}
	if f.preview.String() == "" {
		t.Error("no Markdown preview")
	}
	f.when.SetText("next blue moon")
	if _, err := f.event(); !errors.Is(err, errForm) {
		t.Errorf("bad time: %v", err)
	}
	f.when.SetText("")
	f.order.SetText("first")
	if _, err := f.event(); !errors.Is(err, errForm) {
		t.Errorf("bad order: %v", err)
	}
}

// Saving writes the file and clears the mark; a file changed by another
// program is not overwritten without asking.
func TestSaveDocument(t *testing.T) {
	u, f := editingUI(t)
	path := filepath.Join(t.TempDir(), "story.geojson")
	onUIWait(func() {
		f.ed.doc.Add(event.Event{Title: "Extra"})
		if err := f.ed.saveTo(path, false, false); err != nil || f.ed.doc.Modified() || f.ed.path != path {
			t.Fatalf("save: %v, modified %v", err, f.ed.doc.Modified())
		}
		f.ed.doc.Add(event.Event{Title: "More"})
		if err := f.ed.saveTo(path, true, false); err != nil {
			t.Fatalf("checked save: %v", err)
		}
	})
	res, err := dataset.Open(path)
	if err != nil || len(res.Collection.Events) != 9 || res.Collection.Events[8].Title != "More" {
		t.Fatalf("saved file: %v %d events", err, len(res.Collection.Events))
	}
	time.Sleep(10 * time.Millisecond)
	os.WriteFile(path, []byte(`{"type":"FeatureCollection","features":[]}`), 0o644)
	onUIWait(func() {
		f.ed.doc.Add(event.Event{Title: "Again"})
		if err := f.ed.saveTo(path, true, false); !errors.Is(err, dataset.ErrChangedOnDisk) || !f.ed.doc.Modified() {
			t.Errorf("changed on disk: %v", err)
		}
	})
	_ = u
}

// windowed is a window's editor keeping its recovery in store.
func windowed(t *testing.T, store *recovery.Store) (*UI, fyne.Window, *files) {
	t.Helper()
	u, w := newTestUI(t)
	var f *files
	onUIWait(func() {
		f = newFiles(u, w, nil, nil, nil)
		f.name, f.res = u.data.Name, u.data.Result
		f.ed.reset(u.data.Result, "")
		f.ed.store = store
	})
	return u, w, f
}

func entries(t *testing.T, store *recovery.Store) []string {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(store.Dir, "*.geojson"))
	return names
}

// offered runs a start's offer of recovered changes and returns whether
// it asked.
func offered(t *testing.T, w fyne.Window, f *files) bool {
	t.Helper()
	onUIWait(f.ed.offerRecovery)
	time.Sleep(200 * time.Millisecond) // the entries are read off the UI goroutine
	var asked bool
	onUIWait(func() { asked = w.Canvas().Overlays().Top() != nil })
	return asked
}

// Two windows: the second is never offered the first's live changes;
// after the first crashes, the next start is offered them, and declining
// keeps them (not offered again) until the file is saved.
func TestRecoveryTwoWindows(t *testing.T) {
	old := autosaveIdle
	autosaveIdle = 20 * time.Millisecond
	t.Cleanup(func() { autosaveIdle = old })
	store := &recovery.Store{Dir: t.TempDir()}
	_, _, a := windowed(t, store)
	onUIWait(func() { a.ed.add(nil, "") })
	waitFor(t, "the first window's recovery", func() bool { return len(entries(t, store)) == 1 })
	_, wb, b := windowed(t, store)
	if offered(t, wb, b) {
		t.Fatal("the second window offered the first's live changes")
	}
	onUIWait(func() { b.ed.add(nil, "") })
	waitFor(t, "the second window's recovery", func() bool { return len(entries(t, store)) == 2 })
	onUIWait(func() { a.ed.rec.Abandon() }) // the first window crashes
	_, wc, c := windowed(t, store)
	if !offered(t, wc, c) {
		t.Fatal("the crashed window's changes were not offered")
	}
	onUIWait(func() { tapButton(t, wc, "No") })
	if n := len(entries(t, store)); n != 2 {
		t.Fatalf("declining deleted the changes: %d entries left", n)
	}
	_, wd, d := windowed(t, store)
	if offered(t, wd, d) {
		t.Error("declined changes were offered again")
	}
	// The declining window saves its new document: the changes it
	// declined are out of date and go.
	path := filepath.Join(t.TempDir(), "saved.geojson")
	onUIWait(func() {
		if err := c.ed.saveTo(path, false, false); err != nil {
			t.Fatal(err)
		}
	})
	if n := len(entries(t, store)); n != 1 {
		t.Errorf("after the save, %d entries, want the second window's only", n)
	}
}

// Restored changes belong to the file they were made to, by its absolute
// path, and saving them writes there.
func TestRecoveryRestore(t *testing.T) {
	old := autosaveIdle
	autosaveIdle = 20 * time.Millisecond
	t.Cleanup(func() { autosaveIdle = old })
	store := &recovery.Store{Dir: t.TempDir()}
	dir := t.TempDir()
	t.Chdir(dir)
	_, _, a := windowed(t, store)
	onUIWait(func() {
		if err := a.ed.saveTo("story.geojson", false, false); err != nil { // as typed: relative
			t.Fatal(err)
		}
		at := orb.Point{35.9, 34.9}
		a.ed.add(&at, "Tartus")
	})
	waitFor(t, "the recovery file", func() bool { return len(entries(t, store)) == 1 })
	onUIWait(func() { a.ed.rec.Abandon() })
	t.Chdir(t.TempDir()) // started again from elsewhere
	u2, w2, b := windowed(t, store)
	if !offered(t, w2, b) {
		t.Fatal("nothing offered")
	}
	onUIWait(func() { tapButton(t, w2, "Yes") })
	waitFor(t, "the restored changes", func() bool {
		return len(u2.data.Result.Collection.Events) == 8 && b.ed.doc.Modified()
	})
	want := filepath.Join(dir, "story.geojson")
	onUIWait(func() {
		if b.ed.path != want {
			t.Errorf("restored to %q, want %q", b.ed.path, want)
		}
		b.ed.save(nil)
	})
	res, err := dataset.Open(want)
	if err != nil || len(res.Collection.Events) != 8 {
		t.Fatalf("saved after the restore: %v", err)
	}
	if n := len(entries(t, store)); n != 0 {
		t.Errorf("%d recovery entries left after the save", n)
	}
}

// Dragging the selected marker moves it; dragging elsewhere pans.
func TestDragMarker(t *testing.T) {
	u, _ := newTestUI(t)
	var moved orb.Point
	movedIndex := -1
	onUIWait(func() {
		u.Map.OnMoved = func(i int, ll orb.Point) { movedIndex, moved = i, ll }
		i := indexOf(u, "tartous-bombings")
		u.Select(i)
		v := u.Map.View()
		p := v.Project(orb.Point{35.88659, 34.88902})
		start := fyne.NewPos(float32(p[0]/u.Map.pxScale), float32(p[1]/u.Map.pxScale))
		step := fyne.NewPos(start.X+30, start.Y+20)
		u.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: step}, Dragged: fyne.NewDelta(30, 20)})
		if !u.Map.frame.HasPin {
			t.Error("no ring follows the dragged marker")
		}
		u.Map.DragEnd()
		if movedIndex != i {
			t.Fatalf("moved %d, want %d", movedIndex, i)
		}
		want := v.Unproject(orb.Point{p[0] + 30*u.Map.pxScale, p[1] + 20*u.Map.pxScale})
		if dx, dy := moved[0]-want[0], moved[1]-want[1]; dx*dx+dy*dy > 1e-9 {
			t.Errorf("dropped at %v, want %v", moved, want)
		}
		// A drag elsewhere pans and moves nothing.
		movedIndex = -1
		before := u.Map.View().Center
		u.Map.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(5, 5)}, Dragged: fyne.NewDelta(3, 3)})
		u.Map.DragEnd()
		if movedIndex != -1 || u.Map.View().Center == before {
			t.Errorf("a pan moved event %d or did not pan", movedIndex)
		}
	})
}

// A save to a file with other names (hard links) asks first, and writes
// nothing until told to; then this name gets the new version and the
// other keeps the old.
func TestSaveAsksBeforeBreakingHardLinks(t *testing.T) {
	u, w := newTestUI(t)
	var f *files
	onUIWait(func() {
		f = newFiles(u, w, nil, nil, nil)
		f.name, f.res = u.data.Name, u.data.Result
		f.ed.reset(u.data.Result, "")
	})
	dir := t.TempDir()
	path, other := filepath.Join(dir, "a.geojson"), filepath.Join(dir, "b.geojson")
	onUIWait(func() {
		if err := f.ed.saveTo(path, false, false); err != nil {
			t.Fatal(err)
		}
	})
	if err := os.Link(path, other); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	before, _ := os.ReadFile(path)
	onUIWait(func() {
		f.ed.doc.Add(event.Event{Title: "After the link"})
		f.ed.save(nil)
	})
	if now, _ := os.ReadFile(path); string(now) != string(before) {
		t.Fatal("the save wrote the hard-linked file without asking")
	}
	onUIWait(func() { tapButton(t, w, "Yes") })
	onUIWait(func() {})
	now, _ := os.ReadFile(path)
	kept, _ := os.ReadFile(other)
	if !strings.Contains(string(now), "After the link") || string(kept) != string(before) {
		t.Errorf("after Yes: this name has the edit %v, the other kept the old %v",
			strings.Contains(string(now), "After the link"), string(kept) == string(before))
	}
	onUIWait(func() {
		if f.ed.doc.Modified() {
			t.Error("still marked modified after the save")
		}
	})
}

// tapButton taps the button labelled label in the window's top overlay
// (a dialog).
func tapButton(t *testing.T, w fyne.Window, label string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if o.Text == label {
				found = o
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(o).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		t.Fatalf("no %q button in the dialog", label)
	}
	test.Tap(found)
}
