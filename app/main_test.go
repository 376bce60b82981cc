package app

import (
	"os"
	"testing"
)

// uiQueue is the tests' UI goroutine: it runs what onUI is given, one at
// a time and in order, as Fyne's event loop does in the app.
var uiQueue = make(chan func(), 256)

func TestMain(m *testing.M) {
	go func() {
		for f := range uiQueue {
			f()
		}
	}()
	onUI = func(f func()) { uiQueue <- f }
	os.Exit(m.Run())
}

// onUIWait runs f on the tests' UI goroutine and waits for it.
func onUIWait(f func()) {
	done := make(chan struct{})
	uiQueue <- func() { defer close(done); f() }
	<-done
}
