package edit

import (
	"errors"
	"testing"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/paulmach/orb"
)

func doc() *Doc {
	return New(&event.Collection{Events: []event.Event{
		{Title: "a", Geometry: orb.Point{1, 1}, Extra: map[string]any{"k": "v"}},
		{Title: "b"},
		{Title: "c", Geometry: orb.Point{3, 3}},
	}})
}

func titles(d *Doc) string {
	s := ""
	for _, e := range d.C.Events {
		s += e.Title
	}
	return s
}

func TestAddSetDeleteUndoRedo(t *testing.T) {
	d := doc()
	if d.Modified() || d.CanUndo() {
		t.Fatal("a new document is modified")
	}
	i := d.Add(event.Event{Title: "d"})
	if i != 3 || titles(d) != "abcd" || !d.Modified() || d.UndoName() != "Add Event" {
		t.Fatalf("add: %d %q", i, titles(d))
	}
	e := Clone(&d.C.Events[0])
	e.Title, e.Extra["k"] = "A", "w"
	if err := d.Set(0, e); err != nil || titles(d) != "Abcd" {
		t.Fatalf("set: %v %q", err, titles(d))
	}
	if err := d.Delete(1); err != nil || titles(d) != "Acd" {
		t.Fatalf("delete: %v %q", err, titles(d))
	}
	if err := d.Move(1, orb.Point{9, 9}); err != nil || d.C.Events[1].Geometry != (orb.Point{9, 9}) {
		t.Fatalf("move: %v %v", err, d.C.Events[1].Geometry)
	}
	// Back to the start, step by step, exactly.
	for _, want := range []string{"Acd", "Abcd", "abcd", "abc"} {
		if !d.Undo() || titles(d) != want {
			t.Fatalf("undo to %q: %q", want, titles(d))
		}
	}
	if d.Undo() || d.Modified() || d.C.Events[0].Extra["k"] != "v" || d.C.Events[2].Geometry != (orb.Point{3, 3}) {
		t.Errorf("after undoing all: modified %v, %+v", d.Modified(), d.C.Events)
	}
	for _, want := range []string{"abcd", "Abcd", "Acd", "Acd"} {
		if !d.Redo() || titles(d) != want {
			t.Fatalf("redo to %q: %q", want, titles(d))
		}
	}
	if d.C.Events[1].Geometry != (orb.Point{9, 9}) || d.Redo() {
		t.Errorf("redo of the move: %v", d.C.Events[1].Geometry)
	}
	// A new command forgets what was undone.
	d.Undo()
	d.Add(event.Event{Title: "x"})
	if d.CanRedo() || titles(d) != "Acdx" {
		t.Errorf("after a new command: redo %v, %q", d.CanRedo(), titles(d))
	}
}

// The document remembers which state was saved, even through undo.
func TestModified(t *testing.T) {
	d := doc()
	d.Add(event.Event{Title: "d"})
	d.MarkSaved()
	if d.Modified() {
		t.Error("modified right after saving")
	}
	d.Undo()
	if !d.Modified() {
		t.Error("undoing past the save is not a change")
	}
	d.Redo()
	if d.Modified() {
		t.Error("redoing back to the saved state is a change")
	}
	d.Undo()
	d.Add(event.Event{Title: "e"}) // the saved state can no longer be reached
	d.Undo()
	if !d.Modified() {
		t.Error("a state never saved counts as saved")
	}
}

// Edits to a copy, or to what was set, never reach the document's events
// or its undo history behind its back.
func TestCopiesAreOwn(t *testing.T) {
	d := doc()
	e := Clone(&d.C.Events[0])
	e.Extra["k"] = "changed"
	if d.C.Events[0].Extra["k"] != "v" {
		t.Error("a clone shares the extra properties")
	}
	d.Set(0, e)
	e.Extra["k"] = "later"
	d.C.Events[0].Extra["k"] = "in place"
	d.Undo()
	d.Redo()
	if d.C.Events[0].Extra["k"] != "changed" {
		t.Errorf("redo gave %v", d.C.Events[0].Extra["k"])
	}
}

// The collection a document starts from is never changed: views showing
// it share it, and the first command copies the list.
func TestStartingCollectionUntouched(t *testing.T) {
	shown := &event.Collection{Title: "shown", Events: []event.Event{{Title: "a"}, {Title: "b"}}}
	d := New(shown)
	if d.C != shown {
		t.Fatal("the list was copied before any edit")
	}
	d.Add(event.Event{Title: "c"})
	if err := d.Delete(0); err != nil {
		t.Fatal(err)
	}
	if err := d.Move(0, orb.Point{36.3, 33.5}); err != nil {
		t.Fatal(err)
	}
	if len(shown.Events) != 2 || shown.Events[0].Title != "a" || shown.Events[1].Geometry != nil {
		t.Errorf("the shown collection changed: %+v", shown.Events)
	}
	if d.C.Title != "shown" || len(d.C.Events) != 2 || d.C.Events[0].Title != "b" || d.C.Events[0].Geometry == nil {
		t.Errorf("the document: %q %+v", d.C.Title, d.C.Events)
	}
	d.Undo()
	d.Undo()
	d.Undo()
	if len(d.C.Events) != 2 || d.C.Events[0].Title != "a" || len(shown.Events) != 2 {
		t.Errorf("after undoing all: %+v", d.C.Events)
	}
}

func TestReorder(t *testing.T) {
	d := doc()
	story := []int{1, 0, 2} // b, a, c
	if err := d.Reorder(story, 2, -1); err != nil {
		t.Fatal(err)
	}
	order := func(i int) float64 { return *d.C.Events[i].Order() }
	if order(1) != 1 || order(2) != 2 || order(0) != 3 {
		t.Errorf("orders a=%v b=%v c=%v, want c before a", order(0), order(1), order(2))
	}
	d.Undo()
	if d.C.Events[0].Order() != nil || d.C.Events[2].Order() != nil || d.CanUndo() {
		t.Error("undo left orders behind")
	}
	for _, bad := range []struct{ i, delta int }{{1, -1}, {2, 1}, {7, 1}} {
		if err := d.Reorder(story, bad.i, bad.delta); !errors.Is(err, ErrIndex) {
			t.Errorf("reorder %v: %v", bad, err)
		}
	}
	if err := d.Set(5, event.Event{}); !errors.Is(err, ErrIndex) {
		t.Errorf("set out of range: %v", err)
	}
	if err := d.Delete(-1); !errors.Is(err, ErrIndex) {
		t.Errorf("delete out of range: %v", err)
	}
}
