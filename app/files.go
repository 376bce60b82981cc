package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/extract"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/gazetteer"
)

// Loader reads a data file, or the embedded sample for "". It stops with
// ctx's error when ctx is cancelled, and tells progress (which may be nil)
// how many bytes of how many it has read.
type Loader func(ctx context.Context, path string, progress func(done, total int64)) (*format.Result, error)

// Saver writes the shown collection to path in the named format ("geojson"
// or "csv").
type Saver func(path, format string, res *format.Result) error

// openExtensions are offered by the Open dialog. Content decides the
// format; the filter only keeps the list short.
var openExtensions = []string{".geojson", ".json", ".kml", ".kmz", ".csv", ".tsv", ".txt"}

const (
	recentKey = "recent"
	maxRecent = 8
)

// files opens data files for the window — from the Open dialog, Open
// Recent, a drop onto the window or the command line — loading each in the
// background with a progress bar and a Cancel button, and keeps the
// problems of the shown file for the problems panel.
type files struct {
	u      *UI
	w      fyne.Window
	load   Loader
	save   Saver
	prefs  fyne.Preferences
	cancel context.CancelFunc
	gen    int // the newest load; results of older ones are dropped
	name   string
	res    *format.Result
	// OnRecent is called when the recent list changes, to rebuild the menu.
	OnRecent func()
	// ed edits the shown data set.
	ed editor
}

func newFiles(u *UI, w fyne.Window, load Loader, save Saver, prefs fyne.Preferences) *files {
	f := &files{u: u, w: w, load: load, save: save, prefs: prefs}
	f.ed.f = f
	f.ed.OnChange = f.retitle
	u.CancelLoad.OnTapped = f.stop
	u.ProblemsButton.OnTapped = func() { f.showProblems() }
	return f
}

// open starts loading path ("" for the sample), cancelling a load already
// under way. The current data stays until the new file is ready.
func (f *files) open(path string) { f.await(startReading(f.load, path), 0) }

// await makes r the load under way, cancelling the one before, and shows
// its file once it is read. It first waits up to wait for that, and shows
// the file at once if it is read by then: Run starts reading the start-up
// file before the window exists and hands it over here, so that the window's
// first frame has the data (handed over through the event queue, the data
// missed the first frame, and under software GL the next one came 150 ms
// later).
func (f *files) await(r *reading, wait time.Duration) {
	if f.cancel != nil {
		f.cancel()
	}
	f.cancel = r.cancel
	f.gen++
	gen := f.gen
	report := func(v float64) {
		onUI(func() {
			if gen == f.gen {
				f.u.Progress.SetValue(v)
			}
		})
	}
	f.u.Status.SetText("Loading " + r.name + "…")
	f.u.Progress.SetValue(0)
	f.u.Progress.Show()
	f.u.CancelLoad.Show()
	r.follow(report)
	handOver := func(l loaded) {
		if gen == f.gen { // else a newer load replaced this one
			f.finish(r.ctx, r.path, r.name, l.d, l.err)
		}
	}
	if wait > 0 {
		select {
		case l := <-r.done:
			handOver(l)
			go l.release()
			return
		case <-time.After(wait):
		}
	}
	go func() {
		l := <-r.done
		onUI(func() { handOver(l) })
		l.release()
	}()
}

// reading is a file being read and prepared in the background, from
// startReading until files awaits it.
type reading struct {
	path, name string
	ctx        context.Context
	cancel     context.CancelFunc
	done       chan loaded

	mu       sync.Mutex
	report   func(float64) // shows the progress, once await sets it
	progress float64       // the latest, -1 before any
}

// startReading reads path ("" for the sample) with load and prepares it
// for the views, in the background. It needs no window, so the start-up
// file is read while the window is made.
func startReading(load Loader, path string) *reading {
	ctx, cancel := context.WithCancel(context.Background())
	r := &reading{path: path, name: displayName(path), ctx: ctx, cancel: cancel, done: make(chan loaded, 1), progress: -1}
	go func() {
		d, err := r.read(load)
		r.done <- loaded{d, err}
	}()
	return r
}

func (r *reading) read(load Loader) (*Dataset, error) {
	var last time.Time
	progress := func(done, total int64) {
		if total <= 0 || time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		r.tell(float64(done) / float64(total))
	}
	res, err := load(r.ctx, r.path, progress)
	if err == nil && res != nil && res.Collection != nil && r.ctx.Err() == nil {
		return Prepare(r.name, res), nil
	}
	return nil, err
}

// tell records progress v and shows it, if anyone follows it yet.
func (r *reading) tell(v float64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.progress = v
	if r.report != nil {
		r.report(v)
	}
}

// follow has report show the progress from now on, starting with the
// latest, which may have come before anyone followed.
func (r *reading) follow(report func(float64)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.report = report
	if r.progress >= 0 {
		report(r.progress)
	}
}

// loaded is what a background read gives open.
type loaded struct {
	d   *Dataset
	err error
}

// release gives the garbage of a big read back to the system. Reading
// left garbage as large as the data (decode windows, grown slices, the
// file replaced); the heap would hold it until it next shrinks, at a
// million events a few hundred MB of resident memory.
func (l loaded) release() {
	if l.d != nil && len(l.d.Result.Collection.Events) >= bigLoad {
		debug.FreeOSMemory()
	}
}

// bigLoad is the number of events from which a load is followed by
// returning its garbage to the system; smaller loads leave little.
const bigLoad = 100_000

// finish shows a loaded file, or says why there is none.
func (f *files) finish(ctx context.Context, path, name string, d *Dataset, err error) {
	f.u.Progress.Hide()
	f.u.CancelLoad.Hide()
	if f.cancel != nil {
		defer f.cancel() // release the context; the load is over
		f.cancel = nil
	}
	switch {
	case ctx.Err() != nil || errors.Is(err, context.Canceled):
		f.u.Status.SetText("Cancelled loading " + name)
		return
	case d == nil:
		if err == nil {
			err = errors.New("no data")
		}
		f.u.Status.SetText("Could not open " + name)
		if f.w != nil {
			dialog.ShowError(fmt.Errorf("cannot open %s: %w", name, err), f.w)
		}
		return
	}
	f.name, f.res = name, d.Result
	f.u.SetData(d)
	f.ed.reset(d.Result, path)
	f.setProblems(d.Result)
	if path != "" {
		f.remember(path)
	}
	if len(d.Result.Problems) > 0 {
		f.showProblems()
	}
}

// stop cancels the load under way.
func (f *files) stop() {
	if f.cancel != nil {
		f.cancel()
	}
}

func displayName(path string) string {
	if path == "" {
		return assets.SampleName
	}
	return filepath.Base(path)
}

// recent returns the recently opened files, newest first.
func (f *files) recent() []string {
	if f.prefs == nil {
		return nil
	}
	return f.prefs.StringList(recentKey)
}

// remember puts path first in the recent list.
func (f *files) remember(path string) {
	if f.prefs == nil {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := slices.DeleteFunc(f.recent(), func(p string) bool { return p == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	f.prefs.SetStringList(recentKey, list)
	if f.OnRecent != nil {
		f.OnRecent()
	}
}

// dropped opens the first file dropped onto the window.
func (f *files) dropped(_ fyne.Position, uris []fyne.URI) {
	for _, u := range uris {
		if u.Scheme() == "file" {
			f.open(u.Path())
			return
		}
	}
}

// openDialog asks for a file to open.
func (f *files) openDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		f.open(path)
	}, f.w)
	d.SetFilter(storage.NewExtensionFileFilter(openExtensions))
	d.Show()
}

// exportDialog asks where to save the shown data; the name's extension
// picks CSV or Meridian GeoJSON.
func (f *files) exportDialog(formatName string) {
	if f.res == nil {
		return
	}
	ext := map[string]string{"csv": ".csv", "geojson": ".geojson"}[formatName]
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if err := f.save(path, formatName, f.res); err != nil {
			dialog.ShowError(err, f.w)
			return
		}
		f.u.Status.SetText(fmt.Sprintf("Exported %d events to %s", len(f.res.Collection.Events), filepath.Base(path)))
	}, f.w)
	d.SetFileName(strings.TrimSuffix(f.name, filepath.Ext(f.name)) + ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// adopt shows a data set made in the app, such as drafts read from an
// article, as if it had been opened; then runs once it is shown.
func (f *files) adopt(name string, res *format.Result, then func()) {
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	f.gen++
	gen := f.gen
	go func() {
		d := Prepare(name, res)
		onUI(func() {
			if gen != f.gen {
				return
			}
			f.name, f.res = name, res
			f.u.SetData(d)
			f.ed.reset(res, "")
			f.ed.doc.Unsave() // made here: not in any file yet
			f.setProblems(res)
			if then != nil {
				then()
			}
		})
	}()
}

// newFromArticle opens the window that turns a news story into events;
// the kept drafts become the shown data set, and saving it is offered.
func (f *files) newFromArticle() {
	w := fyne.CurrentApp().NewWindow("New from Article")
	v := newArticleView(w, gazetteer.Default, func(r *extract.Result, kept []extract.Draft, source string) {
		w.Close()
		name := strings.TrimSpace(r.Title)
		if name == "" {
			name = "Events from an article"
		}
		f.adopt(name, &format.Result{Format: "article", Collection: r.Collection(kept, source)}, func() {
			if f.w != nil {
				f.exportDialog("geojson")
			}
		})
	})
	w.SetContent(v.Content)
	w.Resize(fyne.NewSize(900, 700))
	w.Show()
}

// retitle shows the file name, and a mark when there are unsaved changes.
func (f *files) retitle() {
	if f.w != nil {
		f.w.SetTitle(f.ed.title(f.name))
	}
}

// newDataset starts an empty data set to fill by hand.
func (f *files) newDataset() {
	f.adopt("Untitled", &format.Result{Format: "geojson", Collection: &event.Collection{Title: "Untitled"}}, nil)
}

// setProblems updates the status bar's problems button, which also counts
// the events placed by looking up their place names.
func (f *files) setProblems(res *format.Result) {
	var parts []string
	switch n := len(res.Problems); n {
	case 0:
	case 1:
		parts = append(parts, "1 problem")
	default:
		parts = append(parts, fmt.Sprintf("%d problems", n))
	}
	if n := len(res.Notes); n > 0 {
		parts = append(parts, fmt.Sprintf("%d placed by name", n))
	}
	if len(parts) == 0 {
		f.u.ProblemsButton.Hide()
		return
	}
	f.u.ProblemsButton.SetText(strings.Join(parts, " · "))
	f.u.ProblemsButton.Show()
}

// maxListed bounds the problems shown in the panel; the rest are counted,
// and inspect prints them all.
const maxListed = 5000

// problemsText is the panel's text: one "file:line:col: message" a line,
// then the notes on where place names were looked up as, the same way.
func problemsText(res *format.Result) string {
	var b strings.Builder
	for i := range res.Problems {
		if i == maxListed {
			fmt.Fprintf(&b, "… and %d more (meridian inspect FILE prints them all)\n", len(res.Problems)-maxListed)
			break
		}
		b.WriteString(res.Problems[i].Error())
		b.WriteByte('\n')
	}
	if len(res.Notes) > 0 && len(res.Problems) > 0 {
		b.WriteByte('\n')
	}
	for i, n := range res.Notes {
		if i == maxListed {
			fmt.Fprintf(&b, "… and %d more notes\n", len(res.Notes)-maxListed)
			break
		}
		b.WriteString(n.Pos.String() + ": note: " + n.Text + "\n")
	}
	return b.String()
}

// showProblems opens the problems panel: every problem with its position,
// in text the user can select, and a button that copies it all.
func (f *files) showProblems() {
	if f.res == nil || len(f.res.Problems)+len(f.res.Notes) == 0 || f.w == nil {
		return
	}
	text := problemsText(f.res)
	view := widget.NewMultiLineEntry()
	view.SetText(text)
	view.Wrapping = fyne.TextWrapOff
	view.OnChanged = func(s string) { // read-only, but selectable
		if s != text {
			view.SetText(text)
		}
	}
	copyAll := widget.NewButton("Copy all", func() {
		fyne.CurrentApp().Clipboard().SetContent(text)
		f.u.Status.SetText("Copied the problems to the clipboard")
	})
	body := container.NewBorder(nil, container.NewHBox(copyAll), nil, nil, view)
	title := fmt.Sprintf("%s: %d records had problems (everything else loaded)", f.name, len(f.res.Problems))
	if len(f.res.Problems) == 0 {
		title = fmt.Sprintf("%s: %d events placed by their place names", f.name, len(f.res.Notes))
	}
	dlg := dialog.NewCustom(title, "Close", body, f.w)
	dlg.Resize(fyne.NewSize(820, 460))
	dlg.Show()
}
