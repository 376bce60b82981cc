// Package edit changes a data set through commands that can be undone:
// add, change, move and delete events, and reorder the story. Every change
// is recorded as the events before and after it, so undo and redo are
// exact, and the document knows whether it differs from what was saved.
package edit

import (
	"errors"
	"maps"
	"slices"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/paulmach/orb"
)

// ErrIndex means a command named an event that is not there.
var ErrIndex = errors.New("edit: no such event")

// Doc is a collection being edited. Not safe for concurrent use: the UI
// owns it and hands copies (Snapshot) to background work.
type Doc struct {
	C      *event.Collection
	done   []command
	undone []command
	saved  int // len(done) when last saved; -1 when that state is gone
	// shared says C is still the collection New was given, not yet copied.
	shared bool
}

// change replaces one event: before nil inserts after at index, after nil
// deletes the event at index.
type change struct {
	index         int
	before, after *event.Event
}

// command is one undoable step: changes applied in order.
type command struct {
	name    string
	changes []change
}

// New starts editing c, taken as saved. c itself is never changed: the
// first command copies its event list, so that a data set can be shown and
// edited without a second list of a million events (200 MB) for the
// editing that may never come.
func New(c *event.Collection) *Doc {
	if c == nil {
		c = &event.Collection{}
	}
	return &Doc{C: c, shared: true}
}

// Modified reports whether the document differs from what was last saved.
func (d *Doc) Modified() bool { return d.saved != len(d.done) }

// Unsave marks the document as not saved anywhere (recovered changes).
func (d *Doc) Unsave() { d.saved = -1 }

// MarkSaved records the current state as saved.
func (d *Doc) MarkSaved() { d.saved = len(d.done) }

// CanUndo and CanRedo say whether there is a step to take back or again;
// UndoName and RedoName name it ("Undo Move").
func (d *Doc) CanUndo() bool    { return len(d.done) > 0 }
func (d *Doc) CanRedo() bool    { return len(d.undone) > 0 }
func (d *Doc) UndoName() string { return name(d.done) }
func (d *Doc) RedoName() string { return name(d.undone) }
func name(cs []command) string {
	if len(cs) == 0 {
		return ""
	}
	return cs[len(cs)-1].name
}

// do applies a command and records it; a new command forgets what was undone.
func (d *Doc) do(c command) {
	d.apply(c.changes, false)
	d.done = append(d.done, c)
	if d.saved > len(d.done)-1 {
		d.saved = -1 // the saved state was undone and is now unreachable
	}
	d.undone = nil
}

// Undo takes back the last command; it returns false when there is none.
func (d *Doc) Undo() bool { return d.shift(&d.done, &d.undone, true) }

// Redo applies the last undone command again.
func (d *Doc) Redo() bool { return d.shift(&d.undone, &d.done, false) }

// shift moves the last command of from to to, unmaking it (reverse) or
// making it again.
func (d *Doc) shift(from, to *[]command, reverse bool) bool {
	if len(*from) == 0 {
		return false
	}
	c := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	d.apply(c.changes, reverse)
	*to = append(*to, c)
	return true
}

// apply makes changes, or unmakes them in reverse order.
func (d *Doc) apply(cs []change, reverse bool) {
	if d.shared {
		own := *d.C
		own.Events = slices.Clone(d.C.Events)
		d.C, d.shared = &own, false
	}
	ev := &d.C.Events
	step := func(c change) {
		before, after := c.before, c.after
		if reverse {
			before, after = after, before
		}
		switch {
		case before == nil:
			*ev = slices.Insert(*ev, c.index, Clone(after))
		case after == nil:
			*ev = slices.Delete(*ev, c.index, c.index+1)
		default:
			(*ev)[c.index] = Clone(after)
		}
	}
	if reverse {
		for i := len(cs) - 1; i >= 0; i-- {
			step(cs[i])
		}
		return
	}
	for _, c := range cs {
		step(c)
	}
}

// Clone copies an event deeply: its sources, extra properties and
// pointers are its own.
func Clone(e *event.Event) event.Event {
	c := *e
	if e.Extra != nil {
		c.Extra = maps.Clone(e.Extra)
	}
	if m := e.More; m != nil {
		mc := event.More{Sources: slices.Clone(m.Sources), Foreign: maps.Clone(m.Foreign)}
		if m.Order != nil {
			o := *m.Order
			mc.Order = &o
		}
		if m.Weight != nil {
			w := *m.Weight
			mc.Weight = &w
		}
		c.More = &mc
	}
	if e.Geometry != nil {
		c.Geometry = orb.Clone(e.Geometry)
	}
	return c
}

func (d *Doc) valid(i int) error {
	if i < 0 || i >= len(d.C.Events) {
		return ErrIndex
	}
	return nil
}

// Add appends an event and returns its index.
func (d *Doc) Add(e event.Event) int {
	i := len(d.C.Events)
	d.do(command{"Add Event", []change{{index: i, after: ptr(Clone(&e))}}})
	return i
}

// Set replaces event i with e ("Edit Event").
func (d *Doc) Set(i int, e event.Event) error {
	return d.replace("Edit Event", i, e)
}

// Move places event i at a point ("Move Event").
func (d *Doc) Move(i int, at orb.Point) error {
	if err := d.valid(i); err != nil {
		return err
	}
	e := Clone(&d.C.Events[i])
	e.Geometry = at
	return d.replace("Move Event", i, e)
}

func (d *Doc) replace(what string, i int, e event.Event) error {
	if err := d.valid(i); err != nil {
		return err
	}
	before := Clone(&d.C.Events[i])
	d.do(command{what, []change{{index: i, before: &before, after: ptr(Clone(&e))}}})
	return nil
}

// Delete removes event i.
func (d *Doc) Delete(i int) error {
	if err := d.valid(i); err != nil {
		return err
	}
	before := Clone(&d.C.Events[i])
	d.do(command{"Delete Event", []change{{index: i, before: &before}}})
	return nil
}

// Reorder moves event i by delta places in the story (the events'
// "order", else their time order): every event is given its place as
// its order, and i swaps with its neighbour. story is the current story
// order, as event indexes. One step to undo.
func (d *Doc) Reorder(story []int, i, delta int) error {
	if err := d.valid(i); err != nil {
		return err
	}
	pos := slices.Index(story, i)
	to := pos + delta
	if pos < 0 || to < 0 || to >= len(story) {
		return ErrIndex
	}
	story = slices.Clone(story)
	story[pos], story[to] = story[to], story[pos]
	var cs []change
	for place, j := range story {
		if j < 0 || j >= len(d.C.Events) {
			return ErrIndex
		}
		o := float64(place + 1)
		if cur := d.C.Events[j].Order(); cur != nil && *cur == o {
			continue
		}
		before := Clone(&d.C.Events[j])
		after := Clone(&d.C.Events[j])
		after.SetOrder(&o)
		cs = append(cs, change{index: j, before: &before, after: &after})
	}
	d.do(command{"Reorder Story", cs})
	return nil
}

func ptr(e event.Event) *event.Event { return &e }
