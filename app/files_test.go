package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/geojson"
)

// waitFor polls until cond holds: loads finish on another goroutine and
// reach the UI through fyne.Do.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		var ok bool
		onUIWait(func() { ok = cond() })
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func sampleResult(t *testing.T) *format.Result {
	t.Helper()
	res, err := geojson.Decode(bytes.NewReader(assets.Sample), assets.SampleName)
	if err != nil {
		t.Fatal(err)
	}
	res.Format = "geojson"
	return res
}

// fakeLoader serves the sample for every path, with two problems for
// "bad.csv", and blocks on "slow.kml" until cancelled.
type fakeLoader struct {
	t      *testing.T
	mu     sync.Mutex
	opened []string
}

func (l *fakeLoader) load(ctx context.Context, path string, progress func(done, total int64)) (*format.Result, error) {
	l.mu.Lock()
	l.opened = append(l.opened, path)
	l.mu.Unlock()
	if strings.HasSuffix(path, "slow.kml") {
		progress(50, 100)
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if strings.HasSuffix(path, "broken.json") {
		return nil, fmt.Errorf("%w: broken.json", format.ErrUnknownFormat)
	}
	res := sampleResult(l.t)
	if strings.HasSuffix(path, "bad.csv") {
		res.Problems = []format.Problem{
			{Pos: format.Position{File: path, Line: 3, Col: 7, Feature: 1}, Err: errors.New("table: bad time: \"soon\"")},
			{Pos: format.Position{File: path, Line: 9, Col: 1, Feature: 7}, Err: errors.New("table: bad coordinate")},
		}
	}
	return res, nil
}

func newTestFiles(t *testing.T) (*UI, *files, *fakeLoader) {
	t.Helper()
	a := test.NewTempApp(t)
	u := NewUI()
	w := test.NewTempWindow(t, nil)
	l := &fakeLoader{t: t}
	var saved []string
	f := newFiles(u, w, l.load, func(path, name string, res *format.Result) error {
		saved = append(saved, name+" "+path)
		return nil
	}, a.Preferences())
	w.SetContent(u.Content(toolbar(u, w, f)))
	w.Resize(fyne.NewSize(1200, 800))
	return u, f, l
}

func TestOpenShowsProblems(t *testing.T) {
	u, f, _ := newTestFiles(t)
	onUIWait(func() { f.open("/data/bad.csv") })
	waitFor(t, "the problems button", func() bool { return u.ProblemsButton.Visible() })
	onUIWait(func() {
		if u.ProblemsButton.Text != "2 problems" || u.Progress.Visible() || u.CancelLoad.Visible() {
			t.Errorf("after load: button %q, progress shown %v, cancel shown %v", u.ProblemsButton.Text, u.Progress.Visible(), u.CancelLoad.Visible())
		}
		text := problemsText(f.res)
		if !strings.Contains(text, "/data/bad.csv:3:7: table: bad time") || strings.Count(text, "\n") != 2 {
			t.Errorf("problems panel text:\n%s", text)
		}
		if len(u.data.Result.Collection.Events) == 0 {
			t.Error("the good records did not load")
		}
	})
}

// At start-up a file that reads within the wait is shown before await
// returns, so that the window's first frame has it; one that does not
// arrives later through the UI queue as usual.
func TestOpenWaiting(t *testing.T) {
	u, f, _ := newTestFiles(t)
	onUIWait(func() {
		f.await(startReading(f.load, ""), 10*time.Second)
		if u.data == nil || u.data.Name != assets.SampleName || u.Progress.Visible() {
			t.Errorf("sample not shown when await returned: %v", u.data)
		}
	})
	onUIWait(func() {
		f.await(startReading(f.load, "/data/slow.kml"), 20*time.Millisecond)
		if u.data.Name != assets.SampleName || !u.Progress.Visible() {
			t.Errorf("while the slow file loads: showing %q, progress shown %v", u.data.Name, u.Progress.Visible())
		}
	})
	onUIWait(func() { test.Tap(u.CancelLoad) })
	waitFor(t, "the cancellation", func() bool { return f.cancel == nil && !u.Progress.Visible() })
}

// Run starts reading the start-up file before the window exists: the
// progress it made before files took it over is shown when it is.
func TestProgressBeforeAwait(t *testing.T) {
	u, f, _ := newTestFiles(t)
	r := startReading(f.load, "/data/slow.kml")
	for {
		r.mu.Lock()
		told := r.progress >= 0
		r.mu.Unlock()
		if told {
			break
		}
		time.Sleep(time.Millisecond)
	}
	onUIWait(func() { f.await(r, 0) })
	waitFor(t, "the progress bar at a half", func() bool { return u.Progress.Visible() && u.Progress.Value == 0.5 })
	onUIWait(func() { test.Tap(u.CancelLoad) })
	waitFor(t, "the cancellation", func() bool { return f.cancel == nil && !u.Progress.Visible() })
}

func TestCancelLoad(t *testing.T) {
	u, f, _ := newTestFiles(t)
	onUIWait(func() { f.open("") })
	waitFor(t, "the sample", func() bool { return u.data != nil })
	onUIWait(func() { f.open("/data/slow.kml") })
	waitFor(t, "the progress bar", func() bool { return u.Progress.Visible() && u.Progress.Value == 0.5 })
	onUIWait(func() {
		if !u.CancelLoad.Visible() {
			t.Error("no Cancel button while loading")
		}
	})
	onUIWait(func() { test.Tap(u.CancelLoad) })
	waitFor(t, "the cancellation", func() bool { return f.cancel == nil && !u.Progress.Visible() })
	onUIWait(func() {
		if u.Progress.Visible() || u.data.Name != assets.SampleName {
			t.Errorf("after cancel: progress shown %v, showing %q (want the sample still)", u.Progress.Visible(), u.data.Name)
		}
	})
}

func TestOpenFailureKeepsData(t *testing.T) {
	u, f, _ := newTestFiles(t)
	onUIWait(func() { f.open("") })
	waitFor(t, "the sample", func() bool { return u.data != nil })
	onUIWait(func() { f.open("/data/broken.json") })
	// The load is over when its context is released and the bar hidden; the
	// status line may since have been rewritten by the timeline.
	waitFor(t, "the failure", func() bool { return f.cancel == nil && !u.Progress.Visible() })
	onUIWait(func() {
		if u.data.Name != assets.SampleName {
			t.Errorf("a failed open replaced the data with %q", u.data.Name)
		}
	})
}

func TestRecentAndDrop(t *testing.T) {
	u, f, l := newTestFiles(t)
	for i := range maxRecent + 2 {
		path := fmt.Sprintf("/data/f%d.geojson", i)
		onUIWait(func() { f.open(path) })
		waitFor(t, path, func() bool { return u.data != nil && u.data.Name == fmt.Sprintf("f%d.geojson", i) })
	}
	var recent []string
	onUIWait(func() { recent = f.recent() })
	if len(recent) != maxRecent || recent[0] != "/data/f9.geojson" {
		t.Fatalf("recent = %v", recent)
	}
	// Reopening moves a file to the top without repeating it.
	onUIWait(func() { f.open("/data/f5.geojson") })
	waitFor(t, "f5", func() bool { return len(f.recent()) > 0 && f.recent()[0] == "/data/f5.geojson" })
	onUIWait(func() {
		if r := f.recent(); len(r) != maxRecent || strings.Count(strings.Join(r, " "), "f5.geojson") != 1 {
			t.Errorf("recent after reopening = %v", r)
		}
		menu := mainMenu(f, u)
		items := menu.Items[0].Items
		if items[2].Label != "Open Recent" || len(items[2].ChildMenu.Items) != maxRecent || items[2].ChildMenu.Items[0].Label != "/data/f5.geojson" {
			t.Errorf("Open Recent menu = %+v", items[2])
		}
	})
	// A file dropped onto the window opens; other URIs are ignored.
	web, _ := storage.ParseURI("https://example.org/x.kml")
	onUIWait(func() { f.dropped(fyne.Position{}, []fyne.URI{web, storage.NewFileURI("/drop/here.kml")}) })
	waitFor(t, "the dropped file", func() bool { return u.data.Name == "here.kml" })
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.opened {
		if strings.HasPrefix(p, "https:") {
			t.Errorf("a dropped URL was opened: %s", p)
		}
	}
}

// The panel lists where place names were looked up after the problems.
func TestProblemsTextNotes(t *testing.T) {
	res := &format.Result{
		Problems: []format.Problem{{Pos: format.Position{File: "a.csv", Line: 2, Col: 1}, Err: errors.New("bad")}},
		Notes:    []format.Note{{Pos: format.Position{File: "a.csv", Line: 3, Col: 4}, Text: `placed "Douma" at Dūmā, Syria: exact`}},
	}
	want := "a.csv:2:1: bad\n\na.csv:3:4: note: placed \"Douma\" at Dūmā, Syria: exact\n"
	if got := problemsText(res); got != want {
		t.Errorf("panel text:\n%q\nwant\n%q", got, want)
	}
}
