package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian"
	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/format"
)

// Loader reads a data file, or the embedded sample for "".
type Loader func(path string) (*format.Result, error)

// Options configure the window.
type Options struct {
	Path  string
	Load  Loader
	Start time.Time // process start, for the first-frame trace
	// Trace prints the time to the first painted frame with data on stderr.
	Trace bool
}

// Run opens the main window on the file (or the sample) and blocks until
// it is closed.
func Run(opt Options) {
	a := fyneapp.NewWithID(meridian.ID())
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	w := a.NewWindow("Meridian")
	u := NewUI()
	if opt.Trace {
		u.Map.OnFirstFrame = func() {
			fmt.Fprintf(os.Stderr, "meridian: first frame with data after %d ms\n", time.Since(opt.Start).Milliseconds())
		}
	}
	open := func(path string) { load(u, w, opt.Load, path) }
	w.SetContent(u.Content(toolbar(u, w, open)))
	bindKeys(w, u)
	w.Resize(fyne.NewSize(1400, 860))
	open(opt.Path)
	w.ShowAndRun()
}

// load reads and prepares a file in the background and hands the result to
// the UI goroutine. A file that cannot be read leaves the current data.
func load(u *UI, w fyne.Window, loader Loader, path string) {
	name := filepath.Base(path)
	if path == "" {
		name = assets.SampleName
	}
	u.Status.SetText("Loading " + name + "…")
	go func() {
		res, err := loader(path)
		if res == nil || res.Collection == nil {
			fyne.Do(func() {
				u.Status.SetText("Could not open " + name)
				dialog.ShowError(fmt.Errorf("cannot open %s: %w", name, err), w)
			})
			return
		}
		d := Prepare(name, res)
		fyne.Do(func() {
			u.SetData(d)
			w.SetTitle("Meridian — " + name)
			if len(res.Problems) > 0 {
				showProblems(w, name, res.Problems)
			}
		})
	}()
}

// showProblems lists the records that did not load cleanly, with positions.
func showProblems(w fyne.Window, name string, probs []format.Problem) {
	const most = 50
	lines := make([]string, 0, most+1)
	for i := range probs {
		if i == most {
			lines = append(lines, fmt.Sprintf("… and %d more (run: meridian inspect FILE)", len(probs)-most))
			break
		}
		lines = append(lines, probs[i].Error())
	}
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Wrapping = fyne.TextWrapBreak
	scroll := newSizedScroll(text, fyne.NewSize(640, 320))
	dialog.ShowCustom(fmt.Sprintf("%s: %d records had problems (the rest loaded)", name, len(probs)), "Close", scroll, w)
}

func toolbar(u *UI, w fyne.Window, open func(string)) fyne.CanvasObject {
	return widget.NewToolbar(
		widget.NewToolbarAction(theme.FolderOpenIcon(), func() { openDialog(w, open) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomFitIcon(), u.Map.FitData),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { u.Map.ZoomBy(0.5) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { u.Map.ZoomBy(-0.5) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.InfoIcon(), func() { showAbout(w) }),
	)
}

func openDialog(w fyne.Window, open func(string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		open(path)
	}, w)
	d.Show()
}

func showAbout(w fyne.Window) {
	rt := widget.NewRichTextFromMarkdown("# Meridian " + meridian.Version() + "\n\nAn offline map-and-timeline viewer.\n\n" + assets.Attribution)
	rt.Wrapping = fyne.TextWrapWord
	unlink(rt)
	dialog.ShowCustom("About Meridian", "Close", newSizedScroll(rt, fyne.NewSize(560, 380)), w)
}

// bindKeys makes the keyboard work without clicking anything first: keys
// typed while no widget has focus go to the timeline's window-wide keys
// (space, [, ], Home, End) and then to the map (arrows, +, -, 0); Ctrl+G
// goes to the jump-to-date box.
func bindKeys(w fyne.Window, u *UI) {
	c := w.Canvas()
	u.Map.OnKey, u.Map.OnRune = u.Timeline.ShortcutKey, u.Timeline.ShortcutRune
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if c.Focused() == nil {
			u.Map.TypedKey(ev)
		}
	})
	c.SetOnTypedRune(func(r rune) {
		if c.Focused() == nil {
			u.Map.TypedRune(r)
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyG, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.Controls.FocusJump() })
}
