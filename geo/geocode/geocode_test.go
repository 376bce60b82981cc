package geocode

import (
	"errors"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/paulmach/orb"
)

func lookups(places ...string) *format.Result {
	res := &format.Result{Collection: &event.Collection{}}
	for i, p := range places {
		res.Collection.Events = append(res.Collection.Events, event.Event{Title: "e", Place: p})
		res.Lookups = append(res.Lookups, format.Lookup{Event: i, Pos: format.Position{File: "f.csv", Line: i + 2, Col: 5, Feature: i}})
	}
	return res
}

func TestResult(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	res := lookups("Tartous", "Damascus", "Xyzzyville", "Douma, Syria")
	Result(res, g)
	ev := res.Collection.Events
	if p, ok := ev[0].Geometry.(orb.Point); !ok || p != (orb.Point{35.88659, 34.88902}) {
		t.Errorf("Tartous at %v", ev[0].Geometry)
	}
	// Syria is the data's country (Tartous and Douma fit one place each),
	// so Damascus is Syria's, chosen by context.
	if p, ok := ev[1].Geometry.(orb.Point); !ok || p[0] < 36 || p[0] > 37 {
		t.Errorf("Damascus at %v", ev[1].Geometry)
	}
	if ev[2].Geometry != nil {
		t.Errorf("Xyzzyville placed at %v", ev[2].Geometry)
	}
	if got := ev[0].Extra["geocoded"]; got != "Ţarţūs, Syria (GeoNames 163345): exact" {
		t.Errorf("geocoded property %q", got)
	}
	if len(res.Problems) != 1 || !errors.Is(&res.Problems[0], ErrNotFound) || !strings.HasPrefix(res.Problems[0].Error(), "f.csv:4:5: ") {
		t.Errorf("problems %v", res.Problems)
	}
	if len(res.Notes) != 3 || res.Lookups != nil {
		t.Fatalf("notes %v, lookups %v", res.Notes, res.Lookups)
	}
	want := []string{
		`f.csv:2:5: placed "Tartous" at Ţarţūs, Syria (34.88902, 35.88659): exact`,
		`f.csv:3:5: placed "Damascus" at Damascus, Syria (33.51020, 36.29128): 2 places have this name; chose the one in the data's countries`,
		`f.csv:5:5: placed "Douma, Syria" at Dūmā, Syria (33.57175, 36.40270): exact`,
	}
	for i, w := range want {
		if got := res.Notes[i].String(); got != w {
			t.Errorf("note %d:\n got %s\nwant %s", i, got, w)
		}
	}
}

// With no context, a shared name goes to the most populous place, and the
// note says it was a guess.
func TestAmbiguous(t *testing.T) {
	g, _ := gazetteer.Default()
	res := lookups("Damascus")
	Result(res, g)
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0].Text, "ambiguous, 2 places have this name; chose the most populous") {
		t.Errorf("notes %v", res.Notes)
	}
	// The data's placed events set the context: an event in Maryland
	// makes Damascus the Maryland one.
	res = lookups("Damascus")
	res.Collection.Events = append(res.Collection.Events, event.Event{Geometry: orb.Point{-77.1, 39.1}})
	Result(res, g)
	if p := res.Collection.Events[0].Geometry.(orb.Point); p[0] > -70 {
		t.Errorf("Damascus near Maryland data at %v", p)
	}
}

func TestNothingToDo(t *testing.T) {
	res := &format.Result{Collection: &event.Collection{}}
	Result(res, nil) // no lookups: the gazetteer is not even needed
	if res.Notes != nil || res.Problems != nil {
		t.Errorf("%+v", res)
	}
}
