package app

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian"
	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/internal/gldriver"
	"github.com/meridian-app/meridian/internal/recovery"
	"github.com/paulmach/orb"
)

// Options configure the window.
type Options struct {
	Path  string
	Load  Loader
	Save  Saver
	Start time.Time // process start, for the first-frame trace
	// Trace prints the time to the first painted frame with data on stderr.
	Trace bool
	// Present starts the presentation as soon as the data is shown.
	Present bool
}

// Run opens the main window on the file (or the sample) and blocks until
// it is closed.
func Run(opt Options) {
	// What needs neither the window nor the UI goroutine starts first, on
	// the other core, while this one initialises GLFW: reading the file,
	// decoding the basemap and loading Fyne's fonts.
	file := startReading(opt.Load, opt.Path)
	go func() {
		for i := range 2 {
			_, _ = basemap.Default().Level(i)
		}
	}()
	a := fyneapp.NewWithID(meridian.ID())
	refuseNetwork()
	fonts := warmFonts()
	w := a.NewWindow("Meridian")
	// The GL driver is loaded while this goroutine builds the widgets, and
	// not sooner: GLFW's initialisation (in NewWindow) loads libraries of
	// its own, and would wait for the dynamic linker while the driver's
	// 400,000 relocations (most of them LLVM's) hold it.
	gldriver.Preload()
	// The window is made without an icon and given it once its first
	// frame is on the screen: setting it (a PNG decoded, 256×256 pixels
	// handed to X) took 5-6 ms of the UI goroutine before that frame. (A
	// build made by fyne package carries the icon in its metadata, which
	// Fyne gives the window as it is made.)
	setIcon := sync.OnceFunc(func() {
		icon := fyne.NewStaticResource("icon.png", assets.Icon)
		a.SetIcon(icon)
		w.SetIcon(icon)
	})
	time.AfterFunc(time.Second, func() { fyne.Do(setIcon) }) // in case no data ever shows
	<-fonts
	u := NewUI()
	// The first map frame with data is drawn inside a paint; what follows
	// it is queued, so it runs once that frame has been swapped onto the
	// screen. The trace is taken there (the time a user sees), and the
	// gazetteer (a quarter of a second of CPU) is read only then, so that
	// it does not compete with the first frame.
	u.Map.OnFirstFrame = func() {
		go fyne.Do(func() {
			if opt.Trace {
				fmt.Fprintf(os.Stderr, "meridian: first frame with data after %d ms\n", time.Since(opt.Start).Milliseconds())
			}
			setIcon()
			u.LoadPlaces()
			if opt.Present {
				u.Present(w)
			}
		})
	}
	if opt.Trace {
		u.OnSlide = func(i, n int) { fmt.Fprintf(os.Stderr, "meridian: slide %d/%d\n", i+1, n) }
		u.OnSelect = func(i int) { fmt.Fprintf(os.Stderr, "meridian: selected event %d\n", i) }
		u.OnEditor = func(i int) { fmt.Fprintf(os.Stderr, "meridian: editing event %d\n", i) }
		u.OnPlaces = func() {
			fmt.Fprintf(os.Stderr, "meridian: place labels after %d ms\n", time.Since(opt.Start).Milliseconds())
		}
	}
	f := newFiles(u, w, opt.Load, opt.Save, a.Preferences())
	f.OnRecent = func() { w.SetMainMenu(mainMenu(f, u)) }
	w.SetMainMenu(mainMenu(f, u))
	// Sized before it has content, the window lays the content out at its
	// size as it is set: text that wraps (the data's overview in the
	// detail panel) is then measured at about its real width, not word by
	// word in a panel 56 px wide (50 ms before the first frame).
	w.Resize(fyne.NewSize(1400, 860))
	w.SetContent(u.Content(toolbar(u, w, f)))
	w.SetOnDropped(f.dropped)
	bindKeys(w, u)
	store := recovery.Default()
	store.Legacy(legacyRecovery())
	f.ed.store = &store
	bindEditing(w, f)
	time.AfterFunc(time.Second, func() { fyne.Do(f.ed.offerRecovery) })
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { f.openDialog() })
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.Search.Focus() })
	// A file that reads quickly (the sample reads in 2 ms) is shown in
	// the window's first frame; a big one loads with the window open.
	f.await(file, startWait)
	// The map's first frame is drawn on the other core while GLFW makes
	// the window on this one.
	u.Map.Prerender(w.Canvas().Scale())
	time.AfterFunc(3*time.Second, u.LoadPlaces) // in case no data ever shows
	w.ShowAndRun()
}

// startWait is how long Run holds the window back for the file to read.
const startWait = 150 * time.Millisecond

// warmFonts loads the faces of Fyne's theme font that the window's text
// uses, in the background, and closes the channel it returns when done.
// Fyne loads them on the first measurement of text in each style: 40 to
// 60 ms here, with its scan of the system's fonts, which would otherwise
// be spent on the UI goroutine building the widgets. Fyne's font and
// metrics caches are safe for concurrent use; Run waits for the channel
// before it measures any text itself, so no face is loaded twice.
func warmFonts() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			fyne.MeasureText("Meridian", theme.TextSize(), style)
		}
	}()
	return done
}

// mainMenu is the File menu (Open, Open Recent, Export, Problems), View
// (find, place names) and Help. Fyne adds Quit to the first menu.
func mainMenu(f *files, u *UI) *fyne.MainMenu {
	recent := fyne.NewMenuItem("Open Recent", nil)
	for _, path := range f.recent() {
		recent.ChildMenu = appendItem(recent.ChildMenu, fyne.NewMenuItem(path, func() { f.open(path) }))
	}
	if recent.ChildMenu == nil {
		recent.Disabled = true
	}
	open := fyne.NewMenuItem("Open…", f.openDialog)
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	newItem := fyne.NewMenuItem("New", f.newDataset)
	newItem.Shortcut = shortcutN
	save := fyne.NewMenuItem("Save", func() { f.ed.save(nil) })
	save.Shortcut = shortcutS
	saveAs := fyne.NewMenuItem("Save As…", func() { f.ed.saveAs(nil) })
	saveAs.Shortcut = shortcutShiftS
	file := fyne.NewMenu("File",
		newItem,
		open,
		recent,
		fyne.NewMenuItem("Open the Sample", func() { f.open("") }),
		fyne.NewMenuItem("New from Article…", f.newFromArticle),
		fyne.NewMenuItemSeparator(),
		save,
		saveAs,
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Export as Meridian GeoJSON…", func() { f.exportDialog("geojson") }),
		fyne.NewMenuItem("Export as CSV…", func() { f.exportDialog("csv") }),
		fyne.NewMenuItem("Export a Picture of the Map (PNG)…", f.exportPicture),
		fyne.NewMenuItem("Export the Story as Slides (PNG)…", f.exportSlides),
		fyne.NewMenuItem("Export Playback as an Animated GIF…", f.exportGIF),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("Problems…", f.showProblems),
	)
	find := fyne.NewMenuItem("Find Event or Place…", u.Search.Focus)
	find.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	present := fyne.NewMenuItem("Present (F5)", func() { u.Present(f.w) })
	local := fyne.NewMenuItem("Place Names in Local Script", nil)
	local.Checked = u.Map.renderer.LocalNames
	local.Action = func() {
		u.Map.SetLocalNames(!u.Map.renderer.LocalNames)
		f.w.SetMainMenu(mainMenu(f, u))
	}
	view := fyne.NewMenu("View", find, present, local)
	help := fyne.NewMenu("Help", fyne.NewMenuItem("About Meridian", func() { showAbout(f.w) }))
	return fyne.NewMainMenu(file, editMenu(f), view, help)
}

// The editing shortcuts, shown in the menus and bound on the canvas.
var (
	shortcutN      = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutS      = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutShiftS = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutZ      = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutShiftZ = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutE      = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutUp     = &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}
	shortcutDown   = &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt}
)

// editMenu is Edit: undo and redo, adding, editing, deleting and
// reordering events.
func editMenu(f *files) *fyne.Menu {
	e := &f.ed
	item := func(label string, sc fyne.Shortcut, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		it.Shortcut = sc
		return it
	}
	return fyne.NewMenu("Edit",
		item("Undo", shortcutZ, e.undo),
		item("Redo", shortcutShiftZ, e.redo),
		fyne.NewMenuItemSeparator(),
		item("Add Event Here", shortcutE, e.addHere),
		item("Add Event Without a Place", nil, func() { e.add(nil, "") }),
		item("Edit Event…", nil, func() { e.editForm(f.u.selected) }),
		item("Delete Event", nil, e.deleteSelected),
		fyne.NewMenuItemSeparator(),
		item("Earlier in the Story", shortcutUp, func() { e.reorder(-1) }),
		item("Later in the Story", shortcutDown, func() { e.reorder(1) }),
	)
}

// bindEditing binds the editing shortcuts, the map's right-click menu and
// marker dragging, the detail panel's buttons, and the close check.
func bindEditing(w fyne.Window, f *files) {
	e := &f.ed
	c := w.Canvas()
	for sc, action := range map[*desktop.CustomShortcut]func(){
		shortcutN: f.newDataset, shortcutS: func() { e.save(nil) }, shortcutShiftS: func() { e.saveAs(nil) },
		shortcutZ: e.undo, shortcutShiftZ: e.redo, shortcutE: e.addHere,
		shortcutUp: func() { e.reorder(-1) }, shortcutDown: func() { e.reorder(1) },
	} {
		c.AddShortcut(sc, func(fyne.Shortcut) { action() })
	}
	u := f.u
	u.Map.OnSecondary = func(ll orb.Point, at fyne.Position) {
		menu := fyne.NewMenu("", fyne.NewMenuItem("Add Event Here", func() { e.add(&ll, "") }))
		widget.ShowPopUpMenuAtPosition(menu, c, at)
	}
	u.Map.OnMoved = e.move
	u.OnEdit = func() { e.editForm(u.selected) }
	u.OnDelete = e.deleteSelected
	w.SetCloseIntercept(func() { e.confirmClose(w.Close) })
}

func appendItem(m *fyne.Menu, it *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		return fyne.NewMenu("", it)
	}
	m.Items = append(m.Items, it)
	return m
}

func toolbar(u *UI, w fyne.Window, f *files) fyne.CanvasObject {
	return widget.NewToolbar(
		widget.NewToolbarAction(theme.FolderOpenIcon(), f.openDialog),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomFitIcon(), u.Map.FitData),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { u.Map.ZoomBy(0.5) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { u.Map.ZoomBy(-0.5) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.MediaPlayIcon(), func() { u.Present(w) }), // present (F5)
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.InfoIcon(), func() { showAbout(w) }),
	)
}

// offlineNote tells the About dialog's reader how Meridian keeps its
// promise never to connect, in the README's words.
const offlineNote = "**No connection, ever.** Meridian opens no network connection: images and links in data are " +
	"shown as text naming their address, and the program refuses every http, https, ftp and websocket address " +
	"at start-up. A test runs the window under strace in a network namespace of its own and fails on any " +
	"connection attempt."

// legacyRecovery is where versions before per-window recovery kept the
// one recovery file of every window.
func legacyRecovery() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "meridian", "recovery.geojson")
}

func showAbout(w fyne.Window) {
	rt := newMarkdown("# Meridian " + meridian.Version() + "\n\nAn offline map-and-timeline viewer.\n\n" + offlineNote + "\n\n" + assets.Attribution)
	rt.Wrapping = fyne.TextWrapWord
	dialog.ShowCustom("About Meridian", "Close", newSizedScroll(rt, fyne.NewSize(560, 380)), w)
}

// bindKeys makes the keyboard work without clicking anything first: keys
// typed while no widget has focus go to the timeline's window-wide keys
// (space, [, ], Home, End) and then to the map (arrows, +, -, 0); F5
// presents, F2 or Return edits the selected event, Delete deletes it; /
// goes to the find box and Ctrl+G to the jump-to-date box.
func bindKeys(w fyne.Window, u *UI) {
	c := w.Canvas()
	u.Map.OnKey = func(k fyne.KeyName) bool {
		switch k {
		case fyne.KeyF5:
			u.Present(w)
			return true
		case fyne.KeyF2, fyne.KeyReturn, fyne.KeyEnter:
			if u.OnEdit != nil && u.selected >= 0 {
				u.OnEdit()
			}
			return true
		case fyne.KeyDelete:
			if u.OnDelete != nil {
				u.OnDelete()
			}
			return true
		}
		return u.Timeline.ShortcutKey(k)
	}
	u.Map.OnRune = func(r rune) bool {
		if r == '/' {
			u.Search.Focus()
			return true
		}
		return u.Timeline.ShortcutRune(r)
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch {
		case c.Focused() != nil:
		case u.presenting != nil:
			u.presenting.TypedKey(ev)
		default:
			u.Map.TypedKey(ev)
		}
	})
	c.SetOnTypedRune(func(r rune) {
		switch {
		case c.Focused() != nil:
		case u.presenting != nil:
			u.presenting.TypedRune(r)
		default:
			u.Map.TypedRune(r)
		}
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyG, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { u.Controls.FocusJump() })
}
