package app

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/meridian-app/meridian/geo/extract"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/gazetteer"
)

type added struct {
	r      *extract.Result
	kept   []extract.Draft
	source string
	n      int
}

// articleUI is the New from Article view over the wire story in the
// extract package's test data, read and waiting for review.
func articleUI(t *testing.T) (*articleView, *added) {
	t.Helper()
	test.NewTempApp(t)
	got := &added{}
	v := newArticleView(nil, gazetteer.Default, func(r *extract.Result, kept []extract.Draft, source string) {
		got.r, got.kept, got.source, got.n = r, kept, source, got.n+1
	})
	test.NewTempWindow(t, v.Content)
	text, err := os.ReadFile("../geo/extract/testdata/shelling.txt")
	if err != nil {
		t.Fatal(err)
	}
	onUIWait(func() {
		v.text.SetText(string(text))
		v.published.SetText("2019-04-10")
		test.Tap(v.find)
	})
	waitFor(t, "the drafts", func() bool { return len(v.drafts) == 5 })
	return v, got
}

func rowAt(t *testing.T, v *articleView, place string) *draftRow {
	t.Helper()
	for _, r := range v.drafts {
		if r.draft.Place.Name == place {
			return r
		}
	}
	t.Fatalf("no draft at %s", place)
	return nil
}

func TestArticleReviewAndKeep(t *testing.T) {
	v, got := articleUI(t)
	onUIWait(func() {
		if !strings.Contains(v.status.Text, "5 draft events from “Shelling hits northwest Syria") {
			t.Errorf("status %q", v.status.Text)
		}
		// The evidence shows the place and the date in bold.
		ev := highlight("Shelling hit Idlib on Tuesday.", "Idlib", "on Tuesday")
		if ev != "“Shelling hit **Idlib** **on Tuesday**.”" {
			t.Errorf("highlight: %q", ev)
		}
		rowAt(t, v, "Homs").keep.SetChecked(false)
		rowAt(t, v, "Ankara").title.SetText("Ceasefire talks in Ankara")
		rowAt(t, v, "Idlib").date.SetText("8 Apr 2019")
		// Another place, chosen through the place search.
		aleppo := rowAt(t, v, "Aleppo")
		aleppo.place.SetText("Latakia")
		if len(aleppo.matches) == 0 || aleppo.matches[0].Place.Label() != "Latakia, Syria" {
			t.Errorf("place matches %v", aleppo.matches)
		}
		aleppo.place.SetText("Latakia, Syria")
		test.Tap(v.add)
	})
	if got.n != 1 || len(got.kept) != 4 {
		t.Fatalf("added %d times, %d drafts", got.n, len(got.kept))
	}
	byPlace := map[string]extract.Draft{}
	for _, d := range got.kept {
		byPlace[d.Place.Name] = d
	}
	if _, ok := byPlace["Homs"]; ok {
		t.Error("the unchecked Homs draft was kept")
	}
	if byPlace["Ankara"].Title != "Ceasefire talks in Ankara" || byPlace["Idlib"].When.String() != "8 Apr 2019" {
		t.Errorf("edits lost: %+v", got.kept)
	}
	if d, ok := byPlace["Latakia"]; !ok || d.PlaceText != "Latakia" || d.When.String() != "15–21 Apr 2019" {
		t.Errorf("the moved draft: %+v", byPlace)
	}
	// The kept drafts become a data set with their evidence.
	c := got.r.Collection(got.kept, got.source)
	if len(c.Events) != 4 || c.Events[0].Extra["evidence"] == nil {
		t.Errorf("collection %+v", c)
	}
}

func TestArticleRejectsBadEdits(t *testing.T) {
	v, got := articleUI(t)
	onUIWait(func() {
		rowAt(t, v, "Idlib").date.SetText("the day after")
		test.Tap(v.add)
	})
	onUIWait(func() {
		if got.n != 0 || !strings.Contains(v.status.Text, `date "the day after"`) {
			t.Errorf("bad date: added %d, status %q", got.n, v.status.Text)
		}
		rowAt(t, v, "Idlib").date.SetText("undated")
		rowAt(t, v, "Ankara").place.SetText("Nowhere in particular")
		test.Tap(v.add)
	})
	onUIWait(func() {
		if got.n != 0 || !strings.Contains(v.status.Text, "choose a place from the list") {
			t.Errorf("bad place: added %d, status %q", got.n, v.status.Text)
		}
		for _, r := range v.drafts {
			r.keep.SetChecked(false)
		}
		test.Tap(v.add)
		if got.n != 0 || v.status.Text != "Keep at least one draft." {
			t.Errorf("none kept: added %d, status %q", got.n, v.status.Text)
		}
	})
}

func TestArticleNeedsText(t *testing.T) {
	test.NewTempApp(t)
	v := newArticleView(nil, gazetteer.Default, func(*extract.Result, []extract.Draft, string) { t.Error("added") })
	test.NewTempWindow(t, v.Content)
	onUIWait(func() {
		test.Tap(v.find)
		if v.status.Text != "Paste or open an article first." {
			t.Errorf("status %q", v.status.Text)
		}
		v.text.SetText("Troops entered Homs.")
		v.published.SetText("September")
		test.Tap(v.find)
		if !strings.Contains(v.status.Text, "should be a day") {
			t.Errorf("status %q", v.status.Text)
		}
	})
}

// Kept drafts are shown as the data set, as if a file had been opened.
func TestAdoptDrafts(t *testing.T) {
	u, _ := newTestUI(t)
	f := newFiles(u, nil, nil, nil, nil)
	g, _ := gazetteer.Default()
	r := extract.Extract("Shelling hit Idlib on Tuesday.", g, extract.Options{Published: time.Date(2019, 4, 10, 0, 0, 0, 0, time.UTC)})
	done := false
	onUIWait(func() {
		f.adopt("Idlib story", &format.Result{Format: "article", Collection: r.Collection(r.Drafts, "")}, func() { done = true })
	})
	waitFor(t, "the drafts on the map", func() bool { return done && u.data.Name == "Idlib story" })
	onUIWait(func() {
		if len(u.data.Result.Collection.Events) != 1 || f.res.Format != "article" {
			t.Errorf("shown: %+v", u.data.Result)
		}
	})
}
