package kml

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// FuzzDecode checks that no input panics, that every problem has a
// position in the file, and that a failure keeps no events.
func FuzzDecode(f *testing.F) {
	if data, err := os.ReadFile("testdata/journey.kml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`<kml><Placemark><TimeSpan><begin>2016</begin></TimeSpan><Point><coordinates>1,2</coordinates></Point></Placemark></kml>`))
	f.Add([]byte(`<kml><Folder><name>x</name><Placemark><MultiGeometry><gx:Track><when>2016</when><gx:coord>1 2 3</gx:coord></gx:Track></MultiGeometry></Placemark></Folder></kml>`))
	f.Add([]byte(`<kml><Placemark><description>&lt;b&gt;x</description><Polygon><outerBoundaryIs><LinearRing><coordinates>0,0 1,0 1,1</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Decode(bytes.NewReader(data), "f.kml")
		if res == nil {
			t.Fatal("nil result")
		}
		if err != nil && len(res.Collection.Events) > 0 {
			t.Fatalf("error %v with %d events read", err, len(res.Collection.Events))
		}
		for i := range res.Problems {
			if p := res.Problems[i].Error(); !strings.HasPrefix(p, "f.kml:") {
				t.Fatalf("problem without a position: %s", p)
			}
		}
		for _, e := range res.Collection.Events {
			if e.Geometry != nil {
				if b := e.Geometry.Bound(); b.Min[1] < -90 || b.Max[1] > 90 || b.Min[0] < -540 || b.Max[0] > 540 {
					t.Fatalf("geometry out of range: %v", e.Geometry)
				}
			}
		}
	})
}

// FuzzDecodeKMZ feeds arbitrary bytes after a zip signature.
func FuzzDecodeKMZ(f *testing.F) {
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = DecodeKMZ(bytes.NewReader(data), "f.kmz")
	})
}
