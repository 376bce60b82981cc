package app

import (
	"cmp"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/edit"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/story"
	"github.com/meridian-app/meridian/internal/dataset"
	"github.com/meridian-app/meridian/internal/recovery"
	"github.com/paulmach/orb"
)

// editor makes the shown data set editable: every change is an
// edit.Doc command (undo, redo), the views are rebuilt off the UI
// goroutine from a copy, unsaved changes go to a recovery file after a few
// idle seconds, and saving writes Meridian GeoJSON atomically without
// overwriting a file changed by someone else.
type editor struct {
	f     *files
	doc   *edit.Doc
	path  string // the Meridian GeoJSON file saved to; "" until there is one
	stamp dataset.Stamp
	gen   int // the newest rebuild
	idle  *time.Timer
	// store keeps unsaved changes for the next start after a crash (nil:
	// not kept); rec is this window's entry in it, claimed at the first
	// autosave of a data set, and declined the new documents' entries
	// this window declined to restore, removed at its next save.
	store    *recovery.Store
	rec      *recovery.Entry
	declined []string
	// OnChange is told when the document's modified state may have changed.
	OnChange func()
}

// autosaveIdle is how long after the last change the recovery file is written.
var autosaveIdle = 3 * time.Second

// snapshot copies the collection for the views and background work: the
// commands replace events whole, so copying the list is enough.
func snapshot(c *event.Collection) *event.Collection {
	return &event.Collection{Title: c.Title, Description: c.Description, Events: slices.Clone(c.Events), Foreign: c.Foreign}
}

// reset starts editing a freshly shown data set. path is where it came
// from if it can be saved back there (a Meridian GeoJSON file).
func (e *editor) reset(res *format.Result, path string) {
	e.releaseRecovery()
	e.doc = edit.New(res.Collection) // copied by the first edit, not now
	e.path, e.stamp = "", dataset.Stamp{}
	if path != "" && res.Format == "geojson" {
		e.path, e.stamp = path, dataset.StampOf(path)
	}
	e.changed()
}

// changed updates the window title and the menus.
func (e *editor) changed() {
	if e.OnChange != nil {
		e.OnChange()
	}
}

// title is the window title: the file name, marked when modified.
func (e *editor) title(name string) string {
	t := name + " — Meridian"
	if e.doc != nil && e.doc.Modified() {
		t = "• " + t
	}
	return t
}

// rebuild shows the document's current state, selecting sel (-1: none).
func (e *editor) rebuild(sel int) {
	e.gen++
	gen := e.gen
	c := snapshot(e.doc.C)
	res := &format.Result{Format: "geojson", Collection: c}
	if e.f.res != nil {
		res.Format, res.Problems, res.Notes = e.f.res.Format, e.f.res.Problems, e.f.res.Notes
	}
	name := e.f.name
	go func() {
		d := Prepare(name, res)
		onUI(func() {
			if gen != e.gen {
				return
			}
			e.f.res = res
			e.f.u.Update(d, sel)
			e.changed()
		})
	}()
	e.scheduleAutosave()
}

// do runs a command, then shows the result.
func (e *editor) do(sel int, err error) {
	if err != nil {
		e.f.u.Status.SetText(err.Error())
		return
	}
	e.rebuild(sel)
}

// Undo and Redo step through the history.
func (e *editor) undo() {
	if e.doc != nil && e.doc.Undo() {
		e.rebuild(-1)
	}
}

func (e *editor) redo() {
	if e.doc != nil && e.doc.Redo() {
		e.rebuild(-1)
	}
}

// add adds an event at a point (nil: no place yet) and opens it for editing.
func (e *editor) add(at *orb.Point, place string) {
	ev := event.Event{Title: "New event", Place: place}
	if at != nil {
		ev.Geometry = *at
	}
	i := e.doc.Add(ev)
	e.rebuild(i)
	e.editForm(i)
}

// addHere adds an event where the map points: at the searched place's pin
// if there is one, else the centre of the map.
func (e *editor) addHere() {
	m := e.f.u.Map
	if m.frame.HasPin {
		ll := m.frame.View.Unproject(m.frame.View.ToPixel(m.frame.Pin))
		e.add(&ll, e.f.u.pinnedName)
		return
	}
	v := m.View()
	ll := v.Unproject(orb.Point{float64(v.Width) / 2, float64(v.Height) / 2})
	e.add(&ll, "")
}

func (e *editor) deleteSelected() {
	if i := e.f.u.selected; i >= 0 && e.doc != nil {
		e.do(-1, e.doc.Delete(i))
	}
}

func (e *editor) move(i int, ll orb.Point) { e.do(i, e.doc.Move(i, ll)) }

// reorder moves the selected event earlier (-1) or later (+1) in the story.
func (e *editor) reorder(delta int) {
	i := e.f.u.selected
	if i < 0 || e.doc == nil {
		return
	}
	s := story.New(e.doc.C, e.f.u.data.Marks)
	var order []int
	for _, sl := range s.Slides {
		if sl.Kind == story.Step {
			order = append(order, sl.Event)
		}
	}
	e.do(i, e.doc.Reorder(order, i, delta))
}

// editForm edits every field of event i in a dialog.
func (e *editor) editForm(i int) {
	if e.f.w == nil || i < 0 || i >= len(e.doc.C.Events) {
		return
	}
	form := newEventForm(e.doc.C.Events[i], e.doc.C.Categories())
	dlg := dialog.NewCustomConfirm("Edit event", "Apply", "Cancel", form.content, func(ok bool) {
		if !ok {
			return
		}
		ev, err := form.event()
		if err != nil {
			dialog.ShowError(err, e.f.w)
			return
		}
		e.do(i, e.doc.Set(i, ev))
	}, e.f.w)
	dlg.Resize(fyne.NewSize(720, 640))
	dlg.Show()
	if e.f.u.OnEditor != nil {
		e.f.u.OnEditor(i)
	}
}

// eventForm holds the widgets that edit one event.
type eventForm struct {
	base                      event.Event
	title, when, place, order *widget.Entry
	category                  *widget.SelectEntry
	summary, notes            *widget.Entry
	preview                   *widget.RichText
	sources                   *fyne.Container
	sourceRows                [][2]*widget.Entry
	content                   fyne.CanvasObject
}

func newEventForm(ev event.Event, categories []string) *eventForm {
	f := &eventForm{base: edit.Clone(&ev)}
	f.title = entryWith(ev.Title)
	f.when = entryWith(whenText(ev.When))
	f.when.SetPlaceHolder(`"5 Sep 2016", "Sep 2016", "44 BCE", "5–11 Sep 2016", empty for undated`)
	f.place = entryWith(ev.Place)
	f.category = widget.NewSelectEntry(categories)
	f.category.SetText(ev.Category)
	f.order = entryWith("")
	if ev.Order() != nil {
		f.order.SetText(strconv.FormatFloat(*ev.Order(), 'f', -1, 64))
	}
	f.summary = widget.NewMultiLineEntry()
	f.summary.SetText(ev.Summary)
	f.summary.SetMinRowsVisible(4)
	f.preview = newMarkdown(ev.Summary)
	f.preview.Wrapping = fyne.TextWrapWord
	f.summary.OnChanged = func(s string) { setMarkdown(f.preview, s) }
	notes, _ := ev.Extra["notes"].(string)
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetText(notes)
	f.sources = container.NewVBox()
	for _, s := range ev.Sources() {
		f.addSource(s.Title, s.URL)
	}
	add := widget.NewButton("Add a source", func() { f.addSource("", "") })
	items := widget.NewForm(
		widget.NewFormItem("Title", f.title),
		widget.NewFormItem("Time", f.when),
		widget.NewFormItem("Place", f.place),
		widget.NewFormItem("Category", f.category),
		widget.NewFormItem("Summary", f.summary),
		widget.NewFormItem("Preview", f.preview),
		widget.NewFormItem("Sources", container.NewVBox(f.sources, add)),
		widget.NewFormItem("Story order", f.order),
		widget.NewFormItem("Notes", f.notes),
	)
	f.content = container.NewVScroll(items)
	return f
}

func entryWith(s string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(s)
	return e
}

func whenText(s chrono.Span) string {
	if s.IsZero() {
		return ""
	}
	return s.String()
}

func (f *eventForm) addSource(title, url string) {
	t, u := entryWith(title), entryWith(url)
	t.SetPlaceHolder("Title")
	u.SetPlaceHolder("Address (shown, never opened)")
	pair := [2]*widget.Entry{t, u}
	f.sourceRows = append(f.sourceRows, pair)
	var row *fyne.Container
	remove := widget.NewButton("Remove", nil)
	row = container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, t, u))
	remove.OnTapped = func() {
		f.sources.Remove(row)
		f.sourceRows = slices.DeleteFunc(f.sourceRows, func(p [2]*widget.Entry) bool { return p == pair })
	}
	f.sources.Add(row)
}

// errForm reports a field that does not read.
var errForm = errors.New("cannot apply")

// event is the edited event; properties the form does not show are kept.
func (f *eventForm) event() (event.Event, error) {
	ev := edit.Clone(&f.base)
	ev.Title = strings.TrimSpace(f.title.Text)
	ev.Place = strings.TrimSpace(f.place.Text)
	ev.Category = strings.TrimSpace(f.category.Text)
	ev.Summary = f.summary.Text
	ev.When = chrono.Span{}
	if s := strings.TrimSpace(f.when.Text); s != "" {
		w, err := chrono.ParseSpan(s)
		if err != nil {
			return ev, fmt.Errorf("%w: time %q: %v", errForm, s, err)
		}
		ev.When = w
	}
	ev.SetOrder(nil)
	if s := strings.TrimSpace(f.order.Text); s != "" {
		o, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return ev, fmt.Errorf("%w: story order %q is not a number", errForm, s)
		}
		ev.SetOrder(&o)
	}
	ev.SetSources(nil)
	for _, p := range f.sourceRows {
		if t, u := strings.TrimSpace(p[0].Text), strings.TrimSpace(p[1].Text); t != "" || u != "" {
			ev.SetSources(append(ev.Sources(), event.Source{Title: t, URL: u}))
		}
	}
	if n := strings.TrimSpace(f.notes.Text); n != "" {
		if ev.Extra == nil {
			ev.Extra = map[string]any{}
		}
		ev.Extra["notes"] = n
	} else {
		delete(ev.Extra, "notes")
	}
	return ev, nil
}

// --- saving

// saveTo writes the document to path as Meridian GeoJSON. checked refuses
// to overwrite a file changed on disk since it was opened or saved;
// breakLinks saves a file that has other names (hard links) too.
func (e *editor) saveTo(path string, checked, breakLinks bool) error {
	c := snapshot(e.doc.C)
	var err error
	switch {
	case checked:
		e.stamp, err = dataset.SaveChecked(path, e.stamp, c, geojson.Write, breakLinks)
	case breakLinks:
		err = dataset.SaveBreakingLinks(path, c, geojson.Write)
	default:
		err = dataset.Save(path, c, geojson.Write)
	}
	if err != nil {
		return err
	}
	e.stamp = dataset.StampOf(path)
	e.path = path
	e.doc.MarkSaved()
	e.clearRecovery(true)
	e.changed()
	return nil
}

// save saves to the file the data came from, or asks where.
func (e *editor) save(then func()) {
	if e.doc == nil {
		return
	}
	if e.path == "" {
		e.saveAs(then)
		return
	}
	e.trySave(e.path, true, false, then)
}

// trySave saves, asking first where the save would lose something: a
// change another program made, or the file's other names.
func (e *editor) trySave(path string, checked, breakLinks bool, then func()) {
	err := e.saveTo(path, checked, breakLinks)
	ask := func(title, msg string, retry func()) {
		dialog.ShowConfirm(title, msg, func(ok bool) {
			if ok {
				retry()
			}
		}, e.f.w)
	}
	switch {
	case e.f.w != nil && errors.Is(err, dataset.ErrChangedOnDisk):
		ask("The file changed on disk",
			filepath.Base(path)+" was changed by another program since Meridian opened it. Overwrite it with your version?",
			func() { e.trySave(path, false, breakLinks, then) })
	case e.f.w != nil && errors.Is(err, dataset.ErrHardLinked):
		ask("The file has other names",
			filepath.Base(path)+" is also reachable under other names (hard links). Saving gives this name your version; "+
				"the other names keep the old one. Save anyway?",
			func() { e.trySave(path, checked, true, then) })
	default:
		e.finishSave(err, then)
	}
}

func (e *editor) finishSave(err error, then func()) {
	if err != nil {
		if e.f.w != nil {
			dialog.ShowError(err, e.f.w)
		}
		return
	}
	e.f.u.Status.SetText("Saved " + filepath.Base(e.path))
	if then != nil {
		then()
	}
}

// saveAs asks for a file and saves there.
func (e *editor) saveAs(then func()) {
	if e.f.w == nil || e.doc == nil {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		e.f.name = filepath.Base(path)
		e.trySave(path, false, false, then)
	}, e.f.w)
	d.SetFileName(strings.TrimSuffix(e.f.name, filepath.Ext(e.f.name)) + ".geojson")
	d.Show()
}

// confirmClose asks what to do with unsaved changes: save, discard or
// cancel. close runs once it is safe to go.
func (e *editor) confirmClose(close func()) {
	if e.doc == nil || !e.doc.Modified() || e.f.w == nil {
		e.clearRecovery(false)
		close()
		return
	}
	var d dialog.Dialog
	save := widget.NewButton("Save", func() { d.Hide(); e.save(func() { close() }) })
	save.Importance = widget.HighImportance
	discard := widget.NewButton("Discard", func() { d.Hide(); e.clearRecovery(false); close() })
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	body := container.NewVBox(widget.NewLabel("Save the changes to "+e.f.name+" before closing?"),
		container.NewHBox(save, discard, cancel))
	d = dialog.NewCustomWithoutButtons("Unsaved changes", body, e.f.w)
	d.Show()
}

// --- recovery

// scheduleAutosave writes the recovery entry once edits pause.
func (e *editor) scheduleAutosave() {
	if e.store == nil {
		return
	}
	if e.idle != nil {
		e.idle.Stop()
	}
	if e.rec == nil {
		rec, err := e.store.Claim(e.path)
		if err != nil {
			e.f.u.Status.SetText("Could not keep a recovery copy: " + err.Error())
			return
		}
		e.rec = rec
	}
	c := snapshot(e.doc.C)
	info := recovery.Info{Path: e.path, Name: e.f.name, Saved: time.Now().Format(time.RFC3339)}
	rec := e.rec
	e.idle = time.AfterFunc(autosaveIdle, func() {
		if err := rec.Write(c, info); err != nil {
			onUI(func() { e.f.u.Status.SetText("Could not write the recovery file: " + err.Error()) })
		}
	})
}

// clearRecovery drops the recovery copy: the changes were saved or
// discarded. After a save it also drops the restores declined for the
// file saved (and this window's declined new documents): they are out of
// date now.
func (e *editor) clearRecovery(saved bool) {
	e.releaseRecovery()
	if saved && e.store != nil {
		e.store.ForgetDeclined(e.path, e.declined...)
		e.declined = nil
	}
}

func (e *editor) releaseRecovery() {
	if e.idle != nil {
		e.idle.Stop()
	}
	e.rec.Release()
	e.rec = nil
}

// offerRecovery asks, at start, whether to restore the unsaved changes of
// a window that ended without saving them (crashed or was killed), one
// such window at a time, newest first, until one is restored. Another
// live window's changes are never among them. Reading them happens off
// the UI goroutine.
func (e *editor) offerRecovery() {
	if e.store == nil || e.f.w == nil {
		return
	}
	store := *e.store
	go func() {
		orphans := store.Orphans()
		onUI(func() { e.offer(orphans) })
	}()
}

func (e *editor) offer(orphans []*recovery.Orphan) {
	if len(orphans) == 0 {
		return
	}
	o, rest := orphans[0], orphans[1:]
	res, err := o.Read()
	if err != nil {
		o.Let()
		e.offer(rest)
		return
	}
	name := cmp.Or(o.Info.Name, "a new data set")
	msg := fmt.Sprintf("Meridian closed with unsaved changes to %s (kept at %s). Restore them?", name, o.Info.Saved)
	if o.Info.Path != "" {
		msg += "\n\nThey belong to " + o.Info.Path + "."
	}
	msg += "\n\nIf not, they are kept until that file is next saved."
	dialog.ShowConfirm("Restore unsaved changes?", msg, func(yes bool) {
		if !yes {
			_ = o.Decline(time.Now())
			if o.Info.Path == "" {
				e.declined = append(e.declined, o.Name())
			}
			e.offer(rest)
			return
		}
		for _, r := range rest {
			r.Let() // for the next start
		}
		e.restore(res, o)
	}, e.f.w)
}

// restore shows recovered changes as an unsaved document, whose entry
// the orphan's becomes.
func (e *editor) restore(res *format.Result, o *recovery.Orphan) {
	name := cmp.Or(o.Info.Name, "Recovered")
	e.f.adopt(name, res, func() {
		e.releaseRecovery()
		e.rec = &o.Entry
		e.doc.Unsave()
		if o.Info.Path != "" {
			e.path, e.stamp = o.Info.Path, dataset.StampOf(o.Info.Path)
		}
		e.changed()
	})
}
