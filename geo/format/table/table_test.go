package table

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
)

func decodeFile(t *testing.T, name string) *format.Result {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := Decode(f, name)
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return res
}

func TestDecodeEvents(t *testing.T) {
	res := decodeFile(t, "events.csv")
	ev := res.Collection.Events
	if len(ev) != 6 {
		t.Fatalf("%d events, want all 6 rows kept", len(ev))
	}
	if e := ev[0]; e.ID != "t1" || e.Title != "Twin bombings at Tartous, Syria" || e.When.String() != "5 Sep 2016" ||
		e.Geometry != (orb.Point{35.88659, 34.88902}) || e.Place != "Tartous, Syria" || e.Category != "attack" || e.Extra["notes"] != "first" {
		t.Errorf("row 1 = %+v", e)
	}
	if got := ev[1].When.String(); got != "4 Sep 2016 20:30 – 5 Sep 2016" {
		t.Errorf("US dates: %q", got)
	}
	if ev[2].Geometry != nil || ev[3].When.IsZero() == false || ev[3].Extra["date"] != "next Tuesday" {
		t.Errorf("bad cells should leave the rows unplaced/undated with the text kept: %+v / %+v", ev[2], ev[3])
	}
	if ev[5].When.String() != "1950s" {
		t.Errorf("short row's decade: %q", ev[5].When.String())
	}
	want := []struct {
		pos string
		err error
	}{
		{"events.csv:4:29", ErrCoordinate},
		{"events.csv:5:13", ErrTime},
		{"events.csv:7:1", ErrSyntax},
	}
	if len(res.Problems) != len(want) {
		t.Fatalf("problems: %v", res.Problems)
	}
	for i, w := range want {
		p := res.Problems[i]
		if !strings.HasPrefix(p.Error(), w.pos+": ") || !errors.Is(&p, w.err) {
			t.Errorf("problem %d = %q, want at %s wrapping %v", i, p.Error(), w.pos, w.err)
		}
	}
	// A row naming a place without coordinates waits for the gazetteer,
	// at the place cell.
	if len(res.Lookups) != 1 || res.Lookups[0].Event != 4 || res.Lookups[0].Pos.String() != "events.csv:6:28" {
		t.Errorf("lookups: %+v", res.Lookups)
	}
}

func TestDecodeTimelineSheet(t *testing.T) {
	res := decodeFile(t, "timeline-sheet.tsv")
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	ev := res.Collection.Events
	if len(ev) != 3 {
		t.Fatalf("%d events", len(ev))
	}
	for i, want := range []struct{ title, start, end string }{
		{"Talks", "2016-09-05T08:30", ""},
		{"Ides of March", "-0044-03-15", ""},
		{"World War I", "1914", "1918-11-11"},
	} {
		e := ev[i]
		if e.Title != want.title || e.When.Start.ISO() != want.start || e.When.End.ISO() != want.end {
			t.Errorf("row %d = %q %q–%q, want %+v", i+1, e.Title, e.When.Start.ISO(), e.When.End.ISO(), want)
		}
	}
	if ev[0].Extra["Media Credit"] != "AAP" || ev[0].Category != "diplomacy" || ev[0].Summary != "US and Russia meet" {
		t.Errorf("TimelineJS columns: %+v", ev[0])
	}
}

func TestDecodeSemicolonDecimalComma(t *testing.T) {
	res := decodeFile(t, "quakes-semicolon.csv")
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	ev := res.Collection.Events
	if ev[0].Geometry != (orb.Point{-117.25, 35.5}) || ev[0].Place != "10 km N of Ridgecrest; CA" || ev[0].Extra["depth"] != "7,1" {
		t.Errorf("row 1 = %+v", ev[0])
	}
	if ev[1].When.Start.ISO() != "2016-09-05T08:30:00.000Z" {
		t.Errorf("epoch milliseconds: %q", ev[1].When.Start.ISO())
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]bool{
		"title,date,lat,lon\n":                  true,
		"\xef\xbb\xbfLatitude;Longitude;Name\n": true,
		"Year\tMonth\tDay\tHeadline\n":          true,
		"a,b,c\n1,2,3\n":                        false,
		`{"type":"FeatureCollection"}`:          false,
		"<kml>":                                 false,
		"":                                      false,
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestNoUsableHeader(t *testing.T) {
	_, err := Decode(strings.NewReader("a,b\n1,2\n"), "x.csv")
	if !errors.Is(err, ErrHeader) {
		t.Errorf("err = %v, want ErrHeader", err)
	}
}

func TestBareQuoteIsReportedAndSkipped(t *testing.T) {
	res, err := Decode(strings.NewReader("title,date\nok,2016\nbad \"quote,2017\nalso ok,2018\n"), "q.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Collection.Events) != 2 || len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].Error(), "q.csv:3:") {
		t.Errorf("events %d, problems %v", len(res.Collection.Events), res.Problems)
	}
}

func FuzzDecode(f *testing.F) {
	for _, name := range []string{"events.csv", "timeline-sheet.tsv", "quakes-semicolon.csv"} {
		data, _ := os.ReadFile("testdata/" + name)
		f.Add(string(data))
	}
	f.Add("title,wkt\nx,\"LINESTRING(0 0, 1 1)\"\n")
	f.Fuzz(func(t *testing.T, s string) {
		res, err := Decode(strings.NewReader(s), "fuzz.csv")
		if res == nil {
			t.Fatalf("nil result (err %v)", err)
		}
		for _, p := range res.Problems {
			if p.Pos.File != "fuzz.csv" || (p.Pos.Line == 0 && p.Pos.Feature < 0) {
				t.Fatalf("problem without a position: %v", &p)
			}
		}
	})
}

// Only cells written as numbers are read as epoch times; dates are not
// tried as numbers first.
func TestDecimal(t *testing.T) {
	for s, want := range map[string]bool{
		"1473064200": true, "1473064200000": true, "-1.5e3": true, "2.5E+9": true, ".5": true,
		"2016-09-05": false, "2016": true, "1e": true, "": false, "e5": false, "Infinity": false, "0x1p3": false, "5 Sep": false,
	} {
		if got := decimal(s); got != want {
			t.Errorf("decimal(%q) = %v, want %v", s, got, want)
		}
	}
	for s, iso := range map[string]string{"1473064200": "2016-09-05T08:30:00Z", "2016-09-05": "2016-09-05"} {
		if sp, err := parseDate(s); err != nil || sp.Start.ISO() != iso {
			t.Errorf("parseDate(%q) = %v %v, want %s", s, sp.Start.ISO(), err, iso)
		}
	}
}
