package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// newSizedScroll is a vertical scroller with a minimum size, for dialogs,
// which otherwise shrink a scroller to nothing.
func newSizedScroll(o fyne.CanvasObject, min fyne.Size) fyne.CanvasObject {
	s := container.NewVScroll(o)
	s.SetMinSize(min)
	return s
}
