package kml

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
)

func decodeFile(t *testing.T, name string) *format.Result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	if !Sniff(data) {
		t.Fatalf("Sniff(%s) = false", name)
	}
	res, err := Decode(bytes.NewReader(data), name)
	if err != nil {
		t.Fatalf("Decode(%s): %v", name, err)
	}
	return res
}

func byTitle(t *testing.T, c *event.Collection, title string) *event.Event {
	t.Helper()
	for i := range c.Events {
		if c.Events[i].Title == title {
			return &c.Events[i]
		}
	}
	t.Fatalf("no event %q", title)
	return nil
}

func TestJourney(t *testing.T) {
	res := decodeFile(t, "journey.kml")
	c := res.Collection
	if c.Title != "A summer journey" || c.Description != "Places visited in 2016." {
		t.Errorf("collection = %q, %q", c.Title, c.Description)
	}
	if len(c.Events) != 11 {
		t.Fatalf("%d events, want every Placemark (11)", len(c.Events))
	}
	tests := []struct {
		title, when, category string
		geom                  string // orb geometry type, "" for unplaced
	}{
		// The LookAt's 1999 is when to look, not when it happened.
		{"Hangzhou summit", "4 Sep 2016 10:00:00 +08:00", "diplomacy", "Point"},
		// Time and category inherited from the Folder.
		{"Tartous", "September 2016 – ongoing", "Syria", "Point"},
		{"Road to Damascus", "2016 – March 2017", "Syria", "LineString"},
		{"Ghouta", "5 Sep 2016", "Syria", "Polygon"},
		{"Two cities", "6 Sep 2016", "", "MultiPoint"},
		{"Convoy", "7 Sep 2016 08:00:00 UTC – 7 Sep 2016 10:00:00 UTC", "", "LineString"},
		{"Two legs", "8–11 Sep 2016", "", "MultiLineString"},
		{"Press statement", "9 Sep 2016", "", ""},
		{"Bad place", "10 Sep 2016", "", ""},
		{"Bad time", "undated", "", "Point"},
		{"Across the date line", "2016", "", "Point"},
	}
	for _, tt := range tests {
		e := byTitle(t, c, tt.title)
		geom := ""
		if e.Geometry != nil {
			geom = e.Geometry.GeoJSONType()
		}
		if got := e.When.String(); got != tt.when || e.Category != tt.category || geom != tt.geom {
			t.Errorf("%s: when %q category %q geometry %q, want %q %q %q", tt.title, got, e.Category, geom, tt.when, tt.category, tt.geom)
		}
	}
	h := byTitle(t, c, "Hangzhou summit")
	wantSummary := "G20 leaders meet.\n\nSee the communiqué <https://example.org/g20> & notes."
	if h.ID != "p1" || h.Summary != wantSummary {
		t.Errorf("Hangzhou: id %v summary %q, want p1 %q", h.ID, h.Summary, wantSummary)
	}
	if h.Extra["attendance"] != "20 leaders" || h.Extra["altitude"] != 12.0 || h.Extra["marker-color"] != "#ff0000" {
		t.Errorf("Hangzhou extra = %v", h.Extra)
	}
	if got := byTitle(t, c, "Tartous").Extra["marker-color"]; got != "#0000ff" {
		t.Errorf("Tartous colour through the StyleMap = %v, want #0000ff", got)
	}
	if g := byTitle(t, c, "Ghouta").Geometry.(orb.Polygon); len(g) != 2 || g[0][0] != g[0][len(g[0])-1] {
		t.Errorf("Ghouta polygon not closed or missing its hole: %v", g)
	}
	if times, _ := byTitle(t, c, "Convoy").Extra["times"].([]any); len(times) != 3 || times[1] != "2016-09-07T09:00:00Z" {
		t.Errorf("Convoy times = %v", times)
	}
	p := byTitle(t, c, "Press statement")
	if p.Place != "Geneva" || p.Extra["speaker"] != "Kerry" {
		t.Errorf("Press statement: place %q extra %v", p.Place, p.Extra)
	}
	// Its <address> is for the gazetteer to place.
	if len(res.Lookups) != 1 || &c.Events[res.Lookups[0].Event] != p || res.Lookups[0].Pos.String() != "journey.kml:73:14" {
		t.Errorf("lookups %+v", res.Lookups)
	}
	if g := byTitle(t, c, "Across the date line").Geometry; g != (orb.Point{-170, 10}) {
		t.Errorf("190°E read as %v, want -170", g)
	}

	want := []struct {
		pos      string
		sentinel error
		text     string
	}{
		{"journey.kml:79:", ErrGeometry, "latitude 95"},
		{"journey.kml:84:", ErrTime, "next Tuesday"},
		{"journey.kml:89:", ErrGeometry, "beyond ±180"},
		{"journey.kml:94:", ErrSkipped, "https://example.org/live.kml"},
		{"journey.kml:95:", ErrSkipped, "GroundOverlay"},
	}
	if len(res.Problems) != len(want) {
		t.Fatalf("problems:\n%v\nwant %d", res.Problems, len(want))
	}
	for i, w := range want {
		p := &res.Problems[i]
		if !strings.HasPrefix(p.Error(), w.pos) || !errors.Is(p, w.sentinel) || !strings.Contains(p.Error(), w.text) {
			t.Errorf("problem %d = %v, want %s… %v mentioning %q", i, p, w.pos, w.sentinel, w.text)
		}
	}
}

func TestTimePrecisions(t *testing.T) {
	for _, tt := range []struct{ when, want string }{
		{"2016", "2016"},              // gYear
		{"2016-09", "September 2016"}, // gYearMonth
		{"2016-09-05", "5 Sep 2016"},  // date
		{"2016-09-05T08:30:00Z", "5 Sep 2016 08:30:00 UTC"},
		{"-0043-03-15", "15 Mar 44 BCE"},
	} {
		doc := `<kml><Placemark><TimeStamp><when>` + tt.when + `</when></TimeStamp></Placemark></kml>`
		res, err := Decode(strings.NewReader(doc), "t.kml")
		if err != nil || len(res.Collection.Events) != 1 {
			t.Fatalf("%s: %v", tt.when, err)
		}
		e := res.Collection.Events[0]
		if got := e.When.String(); got != tt.want || e.Placed() {
			t.Errorf("%s: %q placed %v, want %q unplaced", tt.when, got, e.Placed(), tt.want)
		}
	}
}

func TestTimeSpanEnds(t *testing.T) {
	for _, tt := range []struct{ span, want string }{
		{`<begin>2011-03</begin>`, "March 2011 – ongoing"},
		{`<end>1945</end>`, "until 1945"},
		{`<begin>1914</begin><end>1918</end>`, "1914 – 1918"},
	} {
		doc := `<kml><Placemark><TimeSpan>` + tt.span + `</TimeSpan></Placemark></kml>`
		res, _ := Decode(strings.NewReader(doc), "t.kml")
		if got := res.Collection.Events[0].When.String(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.span, got, tt.want)
		}
	}
	res, _ := Decode(strings.NewReader(`<kml><Placemark><TimeSpan><begin>2000</begin><end>1990</end></TimeSpan></Placemark></kml>`), "t.kml")
	if len(res.Problems) != 1 || !errors.Is(&res.Problems[0], ErrTime) || !res.Collection.Events[0].When.IsZero() {
		t.Errorf("reversed span: %v %v", res.Problems, res.Collection.Events[0].When)
	}
}

func TestCoordinates(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []orb.Point
	}{
		{"1,2", []orb.Point{{1, 2}}},
		{" 1,2,3\n\t4,5,6 ", []orb.Point{{1, 2}, {4, 5}}},
		{"1, 2 3 ,4", []orb.Point{{1, 2}, {3, 4}}},
		{"1,2,", []orb.Point{{1, 2}}},
	} {
		got, _, err := parseCoords(tt.in)
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("parseCoords(%q) = %v, %v", tt.in, got, err)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("parseCoords(%q) = %v, want %v", tt.in, got, tt.want)
			}
		}
	}
	for _, bad := range []string{"", "1", "a,b", "1,2,3,4"} {
		if _, _, err := parseCoords(bad); err == nil {
			t.Errorf("parseCoords(%q) succeeded", bad)
		}
	}
}

func TestTruncated(t *testing.T) {
	data, _ := os.ReadFile("testdata/journey.kml")
	cut := data[:bytes.Index(data, []byte("<name>Two cities"))]
	res, err := Decode(bytes.NewReader(cut), "cut.kml")
	if err != nil {
		t.Fatalf("a truncated file with good Placemarks failed: %v", err)
	}
	if n := len(res.Collection.Events); n != 4 {
		t.Errorf("%d events before the cut, want 4", n)
	}
	last := res.Problems[len(res.Problems)-1]
	if !errors.Is(&last, ErrSyntax) || !strings.HasPrefix(last.Error(), "cut.kml:") {
		t.Errorf("last problem = %v, want a positioned ErrSyntax", &last)
	}
	if _, err := Decode(strings.NewReader("<kml><Placemark><name>x</nme></Placemark></kml>"), "bad.kml"); !errors.Is(err, ErrSyntax) {
		t.Errorf("mismatched tags: err = %v, want ErrSyntax", err)
	}
	if _, err := Decode(strings.NewReader("<gpx></gpx>"), "x.gpx"); err == nil {
		t.Error("XML without <kml> accepted")
	}
}

func TestLatin1(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><kml><Placemark><name>Caf\xe9</name></Placemark></kml>"
	res, err := Decode(strings.NewReader(doc), "l.kml")
	if err != nil || res.Collection.Events[0].Title != "Café" {
		t.Fatalf("latin-1: %v %v", err, res)
	}
}

func kmz(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestKMZ(t *testing.T) {
	doc := `<kml><Placemark><name>A</name><Point><coordinates>1,2</coordinates></Point></Placemark></kml>`
	data := kmz(t, map[string]string{"files/photo.jpg": "\xff\xd8", "places.kml": doc})
	if !SniffKMZ(data) || Sniff(data) {
		t.Fatal("KMZ sniffing")
	}
	res, err := DecodeKMZ(bytes.NewReader(data), "a.kmz")
	if err != nil || len(res.Collection.Events) != 1 || res.Collection.Events[0].Title != "A" {
		t.Fatalf("DecodeKMZ: %v %v", err, res)
	}
	if _, err := DecodeKMZ(bytes.NewReader(kmz(t, map[string]string{"a.txt": "x"})), "b.kmz"); !errors.Is(err, ErrArchive) {
		t.Errorf("zip without KML: %v, want ErrArchive", err)
	}
	if _, err := DecodeKMZ(strings.NewReader("PK\x03\x04 not really"), "c.kmz"); !errors.Is(err, ErrArchive) {
		t.Errorf("broken zip: %v, want ErrArchive", err)
	}
}

// TestZipBomb checks that a document that decompresses past the limit ends
// in ErrTooLarge without being held in memory.
func TestZipBomb(t *testing.T) {
	defer func(n int64) { format.MaxSize = n }(format.MaxSize)
	format.MaxSize = 1 << 20
	body := "<kml><Document>" + strings.Repeat("<Folder></Folder>", 1<<17) + "</Document></kml>"
	data := kmz(t, map[string]string{"doc.kml": body})
	if int64(len(data)) > format.MaxSize {
		t.Fatalf("the bomb is %d bytes compressed; it should be small", len(data))
	}
	_, err := DecodeKMZ(bytes.NewReader(data), "bomb.kmz")
	if !errors.Is(err, format.ErrTooLarge) {
		t.Errorf("zip bomb: %v, want ErrTooLarge", err)
	}
}

func TestDeepMultiGeometry(t *testing.T) {
	depth := 200
	doc := "<kml><Placemark>" + strings.Repeat("<MultiGeometry>", depth) + "<Point><coordinates>1,2</coordinates></Point>" +
		strings.Repeat("</MultiGeometry>", depth) + "</Placemark></kml>"
	res, err := Decode(strings.NewReader(doc), "deep.kml")
	if err != nil || len(res.Problems) != 1 || !errors.Is(&res.Problems[0], ErrGeometry) {
		t.Errorf("deep MultiGeometry: %v %v", err, res.Problems)
	}
}
