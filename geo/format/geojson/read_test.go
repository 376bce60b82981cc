package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
)

func decodeString(t *testing.T, s string) *format.Result {
	t.Helper()
	res, err := Decode(strings.NewReader(s), "in.geojson")
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	return res
}

func TestDecodeSample(t *testing.T) {
	data, err := os.ReadFile("testdata/syria-2016.geojson")
	if err != nil {
		t.Fatal(err)
	}
	res := decodeString(t, string(data))
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	c := res.Collection
	if c.Title != "Syria truce talks, September 2016" || len(c.Events) != 7 {
		t.Fatalf("title %q, %d events", c.Title, len(c.Events))
	}
	byID := map[any]int{}
	for i, e := range c.Events {
		byID[e.ID] = i
	}
	tartous := c.Events[byID["tartous-bombings"]]
	if got := tartous.Geometry.(orb.Point); got != (orb.Point{35.88659, 34.88902}) {
		t.Errorf("Tartous at %v", got)
	}
	if got := tartous.When.String(); got != "5 Sep 2016" {
		t.Errorf("Tartous date %q", got)
	}
	if got := c.Events[byID["douma-stronghold"]].When.String(); got != "September 2016" {
		t.Errorf("Douma date %q", got)
	}
	if got := c.Events[byID["aleppo-ceasefire-hope"]].When.String(); got != "5–11 Sep 2016" {
		t.Errorf("Aleppo date %q", got)
	}
	if war := c.Events[byID["syrian-war"]].When; !war.Open || war.Start.Prec != chrono.Month {
		t.Errorf("war span %+v", war)
	}
}

func TestDecodeForms(t *testing.T) {
	tests := []struct {
		name, in   string
		wantEvents int
		check      func(t *testing.T, res *format.Result)
	}{
		{"bare feature", `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"name":"A","time":1473064200000}}`, 1,
			func(t *testing.T, res *format.Result) {
				e := res.Collection.Events[0]
				if e.Title != "A" || e.When.Start.ISO() != "2016-09-05T08:30:00.000Z" {
					t.Errorf("got %q %q", e.Title, e.When.Start.ISO())
				}
			}},
		{"bare geometry", `{"type":"Point","coordinates":[1,2]}`, 1, nil},
		{"BOM and null properties", "\xef\xbb\xbf" + `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":null}]}`, 1,
			func(t *testing.T, res *format.Result) {
				if res.Collection.Events[0].Placed() {
					t.Error("null geometry should be unplaced")
				}
			}},
		{"features before type", `{"features":[{"type":"Feature","geometry":null,"properties":{"date":"2016"}}],"type":"FeatureCollection"}`, 1, nil},
		{"extra properties kept", `{"type":"Feature","geometry":null,"properties":{"title":"x","mag":4.5,"url":"http://e"}}`, 1,
			func(t *testing.T, res *format.Result) {
				ex := res.Collection.Events[0].Extra
				if ex["mag"] == nil || ex["url"] != "http://e" {
					t.Errorf("extra = %v", ex)
				}
			}},
		{"numeric id", `{"type":"FeatureCollection","features":[{"type":"Feature","id":7,"geometry":null,"properties":{}}]}`, 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := decodeString(t, tt.in)
			if len(res.Problems) > 0 {
				t.Fatalf("problems: %v", res.Problems)
			}
			if got := len(res.Collection.Events); got != tt.wantEvents {
				t.Fatalf("%d events, want %d", got, tt.wantEvents)
			}
			if tt.check != nil {
				tt.check(t, res)
			}
		})
	}
}

// Properties keep encoding/json's meaning on both decoding paths: a
// repeated member keeps its last value, a case variant of a known name
// is understood (the smallest spelling, whatever the order), and a feature
// with many members (past the point where they are indexed) loses none.
func TestPropertyMembers(t *testing.T) {
	var many strings.Builder
	for i := range 3 * indexFrom {
		fmt.Fprintf(&many, `"k%d":%d,`, i, i)
	}
	tests := []struct {
		name, props string
		title       string
		extra       map[string]any
	}{
		{"repeated", `"title":"a","title":"b","x":"1","x":2`, "b", map[string]any{"x": json.Number("2")}},
		{"case variants", `"TITLE":"up","Title":"mixed"`, "up", map[string]any{"Title": "mixed"}},
		{"case variants reversed", `"Title":"mixed","TITLE":"up"`, "up", map[string]any{"Title": "mixed"}},
		{"many members", many.String() + `"k3":"three","name":"n","k0":"zero"`, "n", nil},
	}
	for _, tt := range tests {
		doc := `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{` + tt.props + `}}]}`
		for _, chunk := range []int{0, 1 << 20} {
			var res *format.Result
			var err error
			if chunk == 0 {
				res, err = decodeWhole([]byte(doc), "f.geojson")
			} else {
				res, err = decodeStream(strings.NewReader(doc), "f.geojson", chunk)
			}
			if err != nil || len(res.Problems) > 0 {
				t.Fatalf("%s: %v %v", tt.name, err, res.Problems)
			}
			e := res.Collection.Events[0]
			if e.Title != tt.title {
				t.Errorf("%s (chunk %d): title %q, want %q", tt.name, chunk, e.Title, tt.title)
			}
			if tt.extra == nil {
				if len(e.Extra) != 3*indexFrom || e.Extra["k3"] != "three" || e.Extra["k0"] != "zero" || e.Extra["k47"] != json.Number("47") {
					t.Errorf("%s (chunk %d): %d extra members: k0=%v k3=%v", tt.name, chunk, len(e.Extra), e.Extra["k0"], e.Extra["k3"])
				}
			} else if !reflect.DeepEqual(e.Extra, tt.extra) {
				t.Errorf("%s (chunk %d): extra %v, want %v", tt.name, chunk, e.Extra, tt.extra)
			}
		}
	}
}

// The bad records below are marked with their expected position; every
// good record still loads.
func TestDecodeProblemsHavePositions(t *testing.T) {
	in := `{"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"start": "2016-09-05"}},
  {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 200]}, "properties": {"start": "2016"}},
    {"type": "Feature", "geometry": null, "properties": {"start": "soon"}},
  {"type": "Feature", "geometry": null, "properties": {"start": "2016-09-05", "end": "2016-09-01"}},
  42,
  {"type": "Feature", "geometry": null, "properties": {"title": "last"}}
]}`
	res := decodeString(t, in)
	want := []struct {
		line, col int
		sentinel  error
	}{
		{3, 3, ErrGeometry},
		{4, 5, ErrTime},
		{5, 3, ErrTime},
		{6, 3, ErrNotGeo},
	}
	if len(res.Problems) != len(want) {
		t.Fatalf("problems = %v, want %d", res.Problems, len(want))
	}
	for i, w := range want {
		p := res.Problems[i]
		if p.Pos.Line != w.line || p.Pos.Col != w.col || !errors.Is(&p, w.sentinel) {
			t.Errorf("problem %d = %v (line %d col %d), want %d:%d %v", i, &p, p.Pos.Line, p.Pos.Col, w.line, w.col, w.sentinel)
		}
	}
	if got := len(res.Collection.Events); got != 5 {
		t.Errorf("%d events loaded, want 5 (all but the bare number)", got)
	}
	if got := res.Collection.Events[2].Extra["start"]; got != "soon" {
		t.Errorf("unparseable start kept as %v, want the original text", got)
	}
	if !strings.HasPrefix(res.Problems[1].Error(), "in.geojson:4:5: ") {
		t.Errorf("message %q", res.Problems[1].Error())
	}
}

// A byte order mark is invisible in an editor, so columns on the first
// line count from after it.
func TestDecodeBOMColumns(t *testing.T) {
	res := decodeString(t, "\ufeff"+`{"features":[{"type":"Feature","geometry":null,"properties":{"start":"soon"}}]}`)
	if len(res.Problems) != 1 || res.Problems[0].Pos.Line != 1 || res.Problems[0].Pos.Col != 14 {
		t.Fatalf("problems = %v, want one at 1:14", res.Problems)
	}
}

// A "type" after the "features" array that says the object is a Feature or
// a geometry, not a collection: the features already read are kept, and
// the object is read as what it says it is, without its "features".
func TestDecodeTypeAfterFeatures(t *testing.T) {
	res := decodeString(t, `{"features":[{"type":"Feature","geometry":null,"properties":{"title":"a"}}],
 "type":"Point","coordinates":[10,20]}`)
	if len(res.Problems) != 0 || len(res.Collection.Events) != 2 {
		t.Fatalf("problems %v, %d events, want none and 2", res.Problems, len(res.Collection.Events))
	}
	if p, ok := res.Collection.Events[1].Geometry.(orb.Point); !ok || p != (orb.Point{10, 20}) {
		t.Errorf("second event = %v, want the point itself", res.Collection.Events[1].Geometry)
	}
	res = decodeString(t, `{"features":[],"type":"Feature","geometry":null,"properties":{"start":"soon"}}`)
	if len(res.Collection.Events) != 1 || len(res.Problems) != 1 || !errors.Is(&res.Problems[0], ErrTime) ||
		res.Problems[0].Pos.Line != 1 || res.Problems[0].Pos.Col != 1 {
		t.Errorf("Feature after features: %d events, problems %v, want 1 event and a time problem at 1:1",
			len(res.Collection.Events), res.Problems)
	}
	res, err := Decode(strings.NewReader(`{"features":[],"type":"LineString","coordinates":[1]}`), "in.geojson")
	if !errors.Is(err, ErrNotGeo) || len(res.Problems) != 1 {
		t.Errorf("bad geometry after features: %v, problems %v, want ErrNotGeo once", err, res.Problems)
	}
}

func TestDecodeTruncated(t *testing.T) {
	res, err := Decode(strings.NewReader(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}},{"type":`), "cut.json")
	if !errors.Is(err, ErrSyntax) {
		t.Fatalf("err = %v, want ErrSyntax", err)
	}
	if len(res.Collection.Events) != 1 {
		t.Errorf("events before the cut should load, got %d", len(res.Collection.Events))
	}
}

func TestRoundTrip(t *testing.T) {
	data, _ := os.ReadFile("testdata/syria-2016.geojson")
	first := decodeString(t, string(data))
	var buf bytes.Buffer
	if err := Write(&buf, first.Collection); err != nil {
		t.Fatal(err)
	}
	second := decodeString(t, buf.String())
	for i := range first.Collection.Events {
		a, b := first.Collection.Events[i], second.Collection.Events[i]
		if a.When != b.When || a.Title != b.Title || a.Summary != b.Summary || len(a.Sources()) != len(b.Sources()) {
			t.Errorf("event %d changed:\n%+v\n%+v", i, a, b)
		}
	}
}

func TestSniff(t *testing.T) {
	for in, want := range map[string]bool{
		`{"type":"FeatureCollection"`:          true,
		"\xef\xbb\xbf {\n \"type\": \"Point\"": true,
		`<kml>`:                                false,
		`title,start`:                          false,
	} {
		if got := Sniff([]byte(in)); got != want {
			t.Errorf("Sniff(%q) = %v", in, got)
		}
	}
}

func FuzzDecode(f *testing.F) {
	data, _ := os.ReadFile("testdata/syria-2016.geojson")
	f.Add(string(data))
	f.Add(`{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},"properties":{"end":5}}`)
	f.Add(`{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2,3]}]}`)
	f.Fuzz(func(t *testing.T, s string) {
		res, err := Decode(strings.NewReader(s), "fuzz")
		if res == nil {
			t.Fatalf("nil result (err %v)", err)
		}
		for _, p := range res.Problems {
			if p.Pos.File != "fuzz" {
				t.Fatalf("problem without position: %v", &p)
			}
		}
		var buf bytes.Buffer
		_ = WriteSeq(&buf, res.Collection)
	})
}

func TestDeviations(t *testing.T) {
	data, err := os.ReadFile("testdata/deviations.geojson")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Decode(bytes.NewReader(data), "dev.geojson")
	if err != nil {
		t.Fatal(err)
	}
	ev := res.Collection.Events
	if len(ev) != 6 {
		t.Fatalf("%d events, want 6", len(ev))
	}
	quake := ev[0]
	if quake.ID != "us10006jxs" || quake.When.String() != "5 Sep 2016 00:00:00.000 UTC" || quake.Extra["depth"] != json.Number("10.5") || quake.Place != "20 km SW of Somewhere" {
		t.Errorf("USGS feature: id %v when %q extra %v place %q", quake.ID, quake.When, quake.Extra, quake.Place)
	}
	if buoy := ev[1]; buoy.ID != json.Number("7") || buoy.Geometry != (orb.Point{-170, -10}) || buoy.Extra["elevation"] != json.Number("0") {
		t.Errorf("buoy: id %#v at %v extra %v", buoy.ID, buoy.Geometry, buoy.Extra)
	}
	if got := ev[2].When.String(); got != "7 Sep 2016 08:00:00 UTC – 7 Sep 2016 10:00:00 UTC" {
		t.Errorf("track times: %q", got)
	}
	if got := ev[3].When.String(); got != "7 Sep 2016 08:00:00.000 UTC – 7 Sep 2016 10:00:00.000 UTC" {
		t.Errorf("track epoch times: %q", got)
	}
	// The ferry crosses the antimeridian: its coordinates are kept as
	// written, and the renderer draws the short way across.
	if ls := ev[3].Geometry.(orb.LineString); ls[1][0] != -179.5 {
		t.Errorf("ferry = %v", ls)
	}
	if !ev[4].When.IsZero() || ev[5].Placed() || ev[5].Title != "" {
		t.Errorf("short track %v, null feature %+v", ev[4].When, ev[5])
	}
	want := []struct {
		pos      string
		sentinel error
		text     string
	}{
		{"dev.geojson:8:3:", ErrGeometry, "beyond ±180"},
		{"dev.geojson:14:3:", ErrTime, "1 times for 2 vertices"},
	}
	if len(res.Problems) != len(want) {
		t.Fatalf("problems: %v", res.Problems)
	}
	for i, w := range want {
		p := &res.Problems[i]
		if !strings.HasPrefix(p.Error(), w.pos) || !errors.Is(p, w.sentinel) || !strings.Contains(p.Error(), w.text) {
			t.Errorf("problem %d = %v, want %s %v %q", i, p, w.pos, w.sentinel, w.text)
		}
	}
}

// Foreign members, of the collection and of features, survive a round trip
// untouched.
func TestForeignMembersRoundTrip(t *testing.T) {
	in := `{"type":"FeatureCollection","title":"T","bbox":[1,2,3,4],"x-tool":{"v":1.50},
	"features":[{"type":"Feature","id":"a","bbox":[1,1,1,1],"geometry":{"type":"Point","coordinates":[1,1]},"properties":{"title":"A","custom":"kept"},"style":{"stroke":"#f00"}}]}`
	res, err := Decode(strings.NewReader(in), "f.geojson")
	if err != nil || len(res.Problems) > 0 {
		t.Fatal(err, res.Problems)
	}
	c := res.Collection
	if string(c.Foreign["x-tool"]) != `{"v":1.50}` || string(c.Foreign["bbox"]) != `[1,2,3,4]` {
		t.Errorf("collection foreign members %q", c.Foreign)
	}
	if string(c.Events[0].Foreign()["style"]) != `{"stroke":"#f00"}` || c.Events[0].ID != "a" {
		t.Errorf("feature foreign members %q", c.Events[0].Foreign())
	}
	var buf bytes.Buffer
	if err := Write(&buf, c); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`"x-tool": {`, `"v": 1.50`, `"bbox": [`, `"style": {`, `"stroke": "#f00"`, `"custom": "kept"`} {
		if !strings.Contains(out, want) {
			t.Errorf("written file lacks %s:\n%s", want, out)
		}
	}
	again, err := Decode(strings.NewReader(out), "g.geojson")
	if err != nil || string(again.Collection.Events[0].Foreign()["style"]) != `{"stroke":"#f00"}` || again.Collection.Events[0].Extra["custom"] != "kept" {
		t.Errorf("read back: %v %+v", err, again.Collection.Events[0])
	}
}
