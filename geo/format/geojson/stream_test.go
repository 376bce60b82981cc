package geojson

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// The streaming decoder must read every document exactly as the careful
// encoding/json decoder does: the same events and the same problems at
// the same positions, whatever the chunk size.
func FuzzStreamMatchesWhole(f *testing.F) {
	for _, name := range []string{"testdata/syria-2016.geojson", "testdata/deviations.geojson"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	f.Add(`{"features":[{"type":"Feature","id":7,"geometry":{"coordinates":[200,1],"type":"Point"},"properties":{"title":"a\"b","n":1.5e3,"x":[1,{"y":null}],"start":"2016","end":"2015"},"bbox":[ 1, 2 ]}],"type":"FeatureCollection"}`)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"title":"caf\u00e9 \xff"},"geometry":null},42,{"type":"Feature","type":"Feature"}]}`)
	f.Add(`{"type":"Feature","features":[],"geometry":null}`)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}},{"type":`)
	// "type" after a streamed "features" array says it is no collection.
	f.Add(`{"features":[{"type":"Feature","geometry":null}],"type":"Point","coordinates":[1,2]}`)
	f.Add("\ufeff\n  {\"features\":[],\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"start\":\"x\"}}")
	f.Add(`{"features":[],"type":"LineString","coordinates":[1]}`)
	f.Add("\ufeff{\"features\":[{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"start\":\"x\"}}]}")
	f.Fuzz(func(t *testing.T, s string) {
		want, werr := decodeWhole([]byte(s), "f.geojson")
		for _, chunk := range []int{1 << 20, 7} {
			got, gerr := decodeStream(strings.NewReader(s), "f.geojson", chunk)
			if (werr == nil) != (gerr == nil) || werr != nil && errors.Is(werr, ErrSyntax) != errors.Is(gerr, ErrSyntax) {
				t.Fatalf("chunk %d: error %v, want %v", chunk, gerr, werr)
			}
			if werr != nil {
				continue // positions of fatal syntax errors are worded differently
			}
			if !reflect.DeepEqual(got.Collection, want.Collection) {
				t.Fatalf("chunk %d: collection\n%#v\nwant\n%#v", chunk, got.Collection, want.Collection)
			}
			if len(got.Problems) != len(want.Problems) {
				t.Fatalf("chunk %d: problems %v, want %v", chunk, got.Problems, want.Problems)
			}
			for i := range got.Problems {
				if g, w := got.Problems[i].Error(), want.Problems[i].Error(); g != w {
					t.Fatalf("chunk %d: problem %d %q, want %q", chunk, i, g, w)
				}
			}
		}
	})
}
