package app

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/paulmach/orb"
)

// searchUI is the sample with the gazetteer loaded and flights instant.
func searchUI(t *testing.T) *UI {
	t.Helper()
	u, _ := newTestUI(t)
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	u.SetGazetteer(g, render.NewPlaces(g))
	old := flyTime
	flyTime = 0
	t.Cleanup(func() { flyTime = old })
	return u
}

func resultTexts(u *UI) []string {
	var out []string
	for _, o := range u.Search.list.Objects {
		switch w := o.(type) {
		case *widget.Button:
			out = append(out, w.Text)
		case *widget.Label:
			out = append(out, w.Text)
		}
	}
	return out
}

// typeQuery types q into the find box and waits for its answer.
func typeQuery(t *testing.T, u *UI, q string, first string) []string {
	t.Helper()
	onUIWait(func() {
		u.Search.Entry.SetText("")
		test.Type(u.Search.Entry, q)
	})
	var got []string
	waitFor(t, "results for "+q, func() bool {
		got = resultTexts(u)
		return len(got) > 0 && strings.HasPrefix(got[0], first)
	})
	return got
}

func TestSearchFindsEventsThenPlaces(t *testing.T) {
	u := searchUI(t)
	got := typeQuery(t, u, "tartous", "Twin suicide bombings at Tartous")
	if len(got) < 2 || got[len(got)-1] != "Ţarţūs, Syria · regional capital" {
		t.Errorf("results for tartous: %q", got)
	}
	// Arabic finds the place too.
	got = typeQuery(t, u, "طرطوس", "Ţarţūs, Syria")
	if len(got) != 1 {
		t.Errorf("results for طرطوس: %q", got)
	}
	// Douma: the sample's event first, then the Syrian town.
	got = typeQuery(t, u, "Douma", "Douma, a rebel stronghold")
	if len(got) < 2 || !strings.HasPrefix(got[1], "Dūmā, Syria") {
		t.Errorf("results for Douma: %q", got)
	}
	if u.Search.Results.Hidden {
		t.Error("results hidden while there are some")
	}
	typeQuery(t, u, "zzqxj", "Nothing found")
}

func TestSearchChoosePlaceFliesThere(t *testing.T) {
	u := searchUI(t)
	typeQuery(t, u, "tartous", "Twin suicide bombings")
	onUIWait(func() {
		u.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		u.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	})
	waitFor(t, "the flight", func() bool { return u.Search.Results.Hidden })
	onUIWait(func() {
		v := u.Map.View()
		want := mercator.Project(orb.Point{35.88659, 34.88902})
		if math.Abs(v.Center[0]-want[0]) > 1e-9 || math.Abs(v.Center[1]-want[1]) > 1e-9 || v.Zoom != 10 {
			t.Errorf("view %+v, want centre %v at zoom 10", v, want)
		}
		if !u.Map.frame.HasPin {
			t.Error("the place is not pinned")
		}
		if u.Selected() != -1 {
			t.Errorf("choosing a place selected event %d", u.Selected())
		}
		if !strings.Contains(u.Status.Text, "Ţarţūs, Syria") {
			t.Errorf("status %q", u.Status.Text)
		}
	})
}

func TestSearchChooseEventSelectsIt(t *testing.T) {
	u := searchUI(t)
	typeQuery(t, u, "aleppo", "Push for an Aleppo ceasefire")
	onUIWait(func() { u.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	waitFor(t, "the selection", func() bool { return u.Selected() == indexOf(u, "aleppo-ceasefire-hope") })
	// Esc clears the box and the pin.
	typeQuery(t, u, "aleppo", "Push for")
	onUIWait(func() { u.Search.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
	onUIWait(func() {
		if !u.Search.Results.Hidden || u.Search.Entry.Text != "" || u.Map.frame.HasPin {
			t.Errorf("after Esc: results hidden %v, text %q, pin %v", u.Search.Results.Hidden, u.Search.Entry.Text, u.Map.frame.HasPin)
		}
	})
}

// A place label from the gazetteer is on the map once it is loaded.
func TestMapHasPlaceLabels(t *testing.T) {
	u := searchUI(t)
	onUIWait(func() {
		if u.Map.renderer.Places == nil {
			t.Fatal("no places on the map")
		}
		u.Map.SetLocalNames(true)
		if !u.Map.renderer.LocalNames {
			t.Error("local names not set")
		}
	})
}
