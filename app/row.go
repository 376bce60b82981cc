package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// eventRow is one line of the event list: a category dot, the date at its
// precision and the title. It keeps its parts so updates need no digging
// through containers.
type eventRow struct {
	widget.BaseWidget
	dot         *canvas.Circle
	date, title *widget.Label
}

func newEventRow() *eventRow {
	r := &eventRow{dot: canvas.NewCircle(color.Black), date: widget.NewLabel(""), title: widget.NewLabel("")}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.ExtendBaseWidget(r)
	return r
}

// set shows an event; one outside the time window is drawn faded and not bold.
func (r *eventRow) set(date, title string, c color.RGBA, inWindow bool) {
	imp := widget.MediumImportance
	r.dot.FillColor = c
	if !inWindow {
		imp = widget.LowImportance
		r.dot.FillColor = color.NRGBA{c.R, c.G, c.B, 70}
	}
	r.dot.Refresh()
	r.date.Text, r.date.Importance = date, imp
	r.date.Refresh()
	r.title.Text, r.title.Importance, r.title.TextStyle.Bold = title, imp, inWindow
	r.title.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (r *eventRow) CreateRenderer() fyne.WidgetRenderer {
	dot := container.NewCenter(container.NewGridWrap(fyne.NewSize(12, 12), r.dot))
	left := container.New(layout.NewCustomPaddedLayout(0, 0, 4, 0), container.NewHBox(dot, r.date))
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, left, nil, r.title))
}
