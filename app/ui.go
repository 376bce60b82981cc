// Package app is Meridian's desktop window, built with Fyne: the map, the
// time slider, the event list and the detail panel, linked so that one
// selection and one time window are shown everywhere. It parses, projects
// and indexes nothing itself: that is done off the UI goroutine by geo/
// packages, and the results arrive through fyne.Do (see onUI).
package app

import (
	"fmt"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/paulmach/orb"
)

// Dataset is a loaded file with everything the views need, prepared off
// the UI goroutine by Prepare.
type Dataset struct {
	Name       string
	Result     *format.Result
	Marks      *render.Marks
	Order      []int // event indexes, chronological
	Bound      orb.Bound
	Placed     bool
	Categories []string

	// The find box's country context, found on the first search, off the
	// UI goroutine: most sessions never search, and a big file should not
	// wait for it.
	countriesOnce sync.Once
	countryList   []string
}

// Prepare does the bulk work for a loaded result: projection, ordering,
// the time index. Call it from a background goroutine.
func Prepare(name string, res *format.Result) *Dataset {
	c := res.Collection
	// The list's order and the map's marks each sort the events by start:
	// on two cores at once (at a million events, 0.4 s and 1 s).
	order := make(chan []int, 1)
	go func() { order <- c.Chronological() }()
	d := &Dataset{Name: name, Result: res, Marks: render.NewMarks(c), Categories: c.Categories()}
	d.Bound, d.Placed = c.Bound()
	d.Order = <-order
	return d
}

// UI is the main window's content and the state that links its parts.
type UI struct {
	Map      *MapView
	Timeline *Timeline
	Controls *Controls
	List     *widget.List
	Detail   *widget.RichText
	Legend   *fyne.Container
	Status   *widget.Label
	// Progress and CancelLoad show while a file loads; ProblemsButton
	// opens the problems panel of the shown file.
	Progress       *widget.ProgressBar
	CancelLoad     *widget.Button
	ProblemsButton *widget.Button
	Search         *Search

	// OnPlaces, if set, is called once the place labels are on the map.
	OnPlaces func()
	// OnEdit and OnDelete, when set, are the detail panel's Edit and
	// Delete buttons' actions.
	OnEdit, OnDelete func()
	editBar          *fyne.Container
	// OnSelect, if set, is told each event selected (-1: none), once the
	// detail panel shows it.
	OnSelect func(i int)
	// OnEditor, if set, is told each time the event editor opens, with
	// the event it edits.
	OnEditor func(i int)
	// OnSlide, if set, is told each slide a presentation shows.
	OnSlide func(i, n int)
	// presenting is the presentation on screen, if any.
	presenting *Presenter

	data       *Dataset
	gaz        *gazetteer.Gazetteer // nil until loaded
	pinnedName string               // the place last chosen in the find box
	placesOnce sync.Once
	rowOf      []int // event index -> list row
	selected   int
	window     render.Window
	utc        bool // show times in UTC rather than each event's own zone
}

// NewUI builds the widgets around an empty map.
func NewUI() *UI {
	u := &UI{selected: -1}
	u.Map = NewMapView(render.NewRenderer(basemap.Default(), nil))
	u.Map.OnSelected = u.Select
	u.Timeline = NewTimeline()
	u.Timeline.OnWindow = u.setWindow
	u.Timeline.OnSelected = u.Select
	u.Controls = newControls(u)
	u.Search = newSearch(u)
	// Empty until data is shown (the data's overview, before the first
	// frame for a file that reads quickly): a placeholder sentence was
	// wrapped at every width the window's split containers passed through
	// as the content was first laid out, to be replaced unseen.
	u.Detail = widget.NewRichText()
	u.Detail.Wrapping = fyne.TextWrapWord
	u.Legend = container.NewHBox()
	u.Status = widget.NewLabel("Loading…")
	u.Status.Importance = widget.LowImportance
	u.Progress = widget.NewProgressBar()
	u.CancelLoad = widget.NewButton("Cancel", nil)
	u.ProblemsButton = widget.NewButton("", nil)
	u.ProblemsButton.Importance = widget.WarningImportance
	u.Progress.Hide()
	u.CancelLoad.Hide()
	u.ProblemsButton.Hide()
	u.List = widget.NewList(u.rows, u.newRow, u.updateRow)
	u.List.OnSelected = func(row widget.ListItemID) {
		if u.data != nil && row < len(u.data.Order) {
			u.Select(u.data.Order[row])
		}
	}
	return u
}

// Present shows the data set as a fullscreen presentation in w, until Esc
// brings the window back as it was.
func (u *UI) Present(w fyne.Window) *Presenter {
	if u.data == nil {
		return nil
	}
	p := NewPresenter(u.data, u.Map.renderer.Places, u.Map.renderer.LocalNames)
	old, menu := w.Content(), w.MainMenu()
	full := w.FullScreen()
	p.OnSlide = u.OnSlide
	p.OnExit = func() {
		w.SetMainMenu(menu)
		w.SetContent(old)
		w.SetFullScreen(full)
		u.presenting = nil
	}
	w.SetMainMenu(nil) // nothing but the slide on the projector
	w.SetContent(p)
	w.SetFullScreen(true)
	w.Canvas().Focus(p)
	u.presenting = p
	if u.OnSlide != nil {
		u.OnSlide(0, p.Len())
	}
	return p
}

// SetGazetteer makes places searchable and labels them on the map. Call it
// on the UI goroutine once both are loaded (LoadPlaces does).
func (u *UI) SetGazetteer(g *gazetteer.Gazetteer, labels *render.Places) {
	u.gaz = g
	u.Map.SetPlaces(labels)
	if p := u.presenting; p != nil {
		p.painter.R.Places = labels
		p.Refresh()
	}
	if u.OnPlaces != nil {
		u.OnPlaces()
	}
	if u.Search.Entry.Text != "" {
		u.Search.query(u.Search.Entry.Text)
	}
}

// LoadPlaces reads the embedded gazetteer and prepares its labels in the
// background, then hands them to the UI. Only the first call does anything;
// it may come from any goroutine.
func (u *UI) LoadPlaces() {
	u.placesOnce.Do(func() { go u.loadPlaces() })
}

func (u *UI) loadPlaces() {
	g, err := gazetteer.Default()
	if err != nil {
		fyne.LogError("loading the gazetteer", err)
		return
	}
	labels := render.NewPlaces(g)
	onUI(func() { u.SetGazetteer(g, labels) })
}

// Update shows an edited version of the data set: the map keeps its view,
// and event sel (-1: none) is selected.
func (u *UI) Update(d *Dataset, sel int) {
	view := u.Map.View()
	u.SetData(d)
	u.Map.frame.View, u.Map.needFit = view, false
	u.Map.Refresh()
	if sel >= 0 && sel < len(d.Result.Collection.Events) {
		u.Select(sel)
	}
}

// SetData shows a prepared data set. Call it on the UI goroutine.
func (u *UI) SetData(d *Dataset) {
	u.data, u.selected, u.window = d, -1, render.Window{}
	u.rowOf = make([]int, len(d.Order))
	for row, i := range d.Order {
		u.rowOf[i] = row
	}
	u.Map.SetMarks(d.Marks, d.Bound, d.Placed)
	u.Timeline.SetData(d.Marks)
	u.Controls.setWindowText()
	u.List.UnselectAll()
	u.List.Refresh()
	setMarkdown(u.Detail, u.overview())
	u.setLegend(d.Categories)
	u.Status.SetText(u.status())
}

func (u *UI) overview() string {
	c := u.data.Result.Collection
	title := c.Title
	if title == "" {
		title = u.data.Name
	}
	s := "## " + escape(title) + "\n\n"
	if c.Description != "" {
		s += escape(c.Description) + "\n\n"
	}
	return s + fmt.Sprintf("%d events. Select one on the map or in the list.", len(c.Events))
}

func (u *UI) status() string {
	d := u.data
	s := fmt.Sprintf("%s · %s · %d events", d.Name, d.Result.Format, len(d.Result.Collection.Events))
	if n := len(d.Result.Problems); n > 0 {
		s += fmt.Sprintf(" · %d problems", n)
	}
	return s + " · " + render.Attribution
}

func (u *UI) setLegend(cats []string) {
	u.Legend.RemoveAll()
	for i, c := range cats {
		dot := canvas.NewCircle(render.CategoryColor(i))
		dot.StrokeColor = color.White
		dot.StrokeWidth = 1.5
		u.Legend.Add(container.NewHBox(container.NewCenter(container.NewGridWrap(fyne.NewSize(14, 14), dot)), widget.NewLabel(c)))
	}
	u.Legend.Refresh()
}

// Select makes event i (-1: none) the selection on the map, in the list and
// in the detail panel.
func (u *UI) Select(i int) {
	if u.data == nil || i == u.selected {
		return
	}
	u.selected = i
	if u.editBar != nil {
		if i >= 0 && u.OnEdit != nil {
			u.editBar.Show()
		} else {
			u.editBar.Hide()
		}
	}
	u.Map.SetSelected(i)
	u.Timeline.SetSelected(i)
	if i < 0 {
		u.List.UnselectAll()
		setMarkdown(u.Detail, u.overview())
		return
	}
	row := u.rowOf[i]
	u.List.Select(row)
	u.List.ScrollTo(row)
	setMarkdown(u.Detail, detailMarkdown(&u.data.Result.Collection.Events[i], u.utc))
	if u.OnSelect != nil {
		u.OnSelect(i)
	}
}

// Selected returns the selected event index, or -1.
func (u *UI) Selected() int { return u.selected }

// setWindow shows the timeline's window on the map and in the list. A
// window over all the data shows everything, undated events included.
func (u *UI) setWindow(from, to float64) {
	if u.Timeline.Full() {
		u.window = render.Window{}
	} else {
		u.window = render.Window{From: from, To: to, Trail: u.Controls.trail(to - from)}
	}
	u.Map.SetWindow(u.window)
	u.List.Refresh()
	u.Controls.setWindowText()
}

// SetUTC shows every time in UTC (true) or in the zone it was written in.
func (u *UI) SetUTC(on bool) {
	u.utc = on
	u.List.Refresh()
	if i := u.selected; i >= 0 {
		u.selected = -1
		u.Select(i)
	}
	u.Controls.setWindowText()
}

func (u *UI) rows() int {
	if u.data == nil {
		return 0
	}
	return len(u.data.Order)
}

func (u *UI) newRow() fyne.CanvasObject { return newEventRow() }

// updateRow fills a list row; events outside the time window are greyed.
func (u *UI) updateRow(row widget.ListItemID, o fyne.CanvasObject) {
	i := u.data.Order[row]
	e := &u.data.Result.Collection.Events[i]
	c := u.data.Marks.Color(i)
	in := u.data.Marks.State(i, u.window) == render.Current
	o.(*eventRow).set(spanText(e.When, u.utc), e.Title, c, in)
}

// Content lays the parts out: map and slider on the left, list and detail
// on the right, tools and legend on top.
func (u *UI) Content(tools fyne.CanvasObject) fyne.CanvasObject {
	status := container.NewBorder(nil, nil, nil, container.NewHBox(u.ProblemsButton, u.CancelLoad), container.NewStack(u.Status, u.Progress))
	results := container.NewBorder(container.NewHBox(sizedWidth(440, u.Search.Results), layout.NewSpacer()), nil, nil, nil)
	mapArea := container.NewStack(u.Map, results)
	left := container.NewBorder(nil, container.NewVBox(u.Timeline, u.Controls.Bar, status), nil, nil, mapArea)
	edit := widget.NewButton("Edit…", func() {
		if u.OnEdit != nil {
			u.OnEdit()
		}
	})
	del := widget.NewButton("Delete", func() {
		if u.OnDelete != nil {
			u.OnDelete()
		}
	})
	u.editBar = container.NewHBox(edit, del)
	u.editBar.Hide()
	detail := container.NewBorder(u.editBar, nil, nil, nil, container.NewVScroll(container.NewPadded(u.Detail)))
	right := container.NewVSplit(u.List, detail)
	right.SetOffset(0.45)
	split := container.NewHSplit(left, right)
	split.SetOffset(0.68)
	top := container.NewBorder(nil, nil, tools, sizedWidth(340, u.Search.Entry), container.NewHScroll(u.Legend))
	return container.NewBorder(container.NewVBox(top, widget.NewSeparator()), nil, nil, nil, split)
}

// spanText formats a span in its own zone, or in UTC.
func spanText(s chrono.Span, utc bool) string {
	if utc {
		s = s.UTC()
	}
	return s.String()
}
