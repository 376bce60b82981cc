package app

import "fyne.io/fyne/v2"

// onUI runs f on the UI goroutine; background work reaches the widgets
// only through it. It is fyne.Do, except in tests: Fyne's test driver runs
// fyne.Do on the calling goroutine, so two loads finishing together would
// touch the same widgets at once, and the tests give it one goroutine.
var onUI = fyne.Do
