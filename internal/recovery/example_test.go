package recovery_test

import (
	"fmt"
	"os"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/internal/recovery"
)

// A window claims an entry for its data set and writes its unsaved
// changes there; at the next start, an entry no live window holds is
// offered back.
func Example() {
	dir, _ := os.MkdirTemp("", "recovery")
	defer os.RemoveAll(dir)
	store := recovery.Store{Dir: dir}
	win, _ := store.Claim("/data/story.geojson")
	_ = win.Write(&event.Collection{Title: "Story"}, recovery.Info{Path: "/data/story.geojson", Name: "story.geojson"})
	fmt.Println("while the window lives:", len(store.Orphans()))
	win.Release() // closed cleanly: nothing left to offer
	fmt.Println("after it closes:", len(store.Orphans()))
	// Output:
	// while the window lives: 0
	// after it closes: 0
}
