package geojson

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/format"
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
			// A feature that is not JSON ends the careful decoder; the
			// stream skips it, saying so, and reads on.
			recovered := errors.Is(werr, ErrSyntax) && gerr == nil && hasSyntaxProblem(got)
			if !recovered && ((werr == nil) != (gerr == nil) || werr != nil && errors.Is(werr, ErrSyntax) != errors.Is(gerr, ErrSyntax)) {
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

func hasSyntaxProblem(res *format.Result) bool {
	for _, p := range res.Problems {
		if errors.Is(p.Err, ErrSyntax) {
			return true
		}
	}
	return false
}

// One feature that is not JSON costs that feature: each is reported at
// the place it goes wrong, and every good feature after it loads, however
// the input is split into reads.
func TestResync(t *testing.T) {
	feat := func(title string) string {
		return `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"title":"` + title + `"}}`
	}
	cases := []struct {
		name, bad, want string
		lost            int // good features lost with it
	}{
		{"NaN", `{"type":"Feature","geometry":null,"properties":{"weight":NaN}}`, "3:58: geojson: invalid JSON: feature 1: invalid character 'N' looking for beginning of value (NaN and Infinity", 0},
		{"Infinity", `{"type":"Feature","geometry":{"type":"Point","coordinates":[-Infinity,2]}}`, "3:62:", 0},
		{"NUL", "{\"type\":\"Feature\",\"properties\":{\"title\":\"a\x00b\"}}", "3:43: geojson: invalid JSON: feature 1: invalid character '\\x00' in string literal", 0},
		{"unclosed brace", `{"type":"Feature","properties":{"title":"x"}`, "4:1: geojson: invalid JSON: feature 1: invalid character '{' looking for beginning of object key string; what follows up to line 4", 0},
		{"unclosed string", `{"type":"Feature","properties":{"title":"x}}`, "3:1: geojson: invalid JSON: feature 1: not closed", 0},
		{"bare word", `nonsense`, "3:2:", 0},
		{"trailing comma", `{"type":"Feature","properties":{"a":1,}}`, "3:39:", 0},
	}
	for _, c := range cases {
		doc := "{\"type\":\"FeatureCollection\",\"features\":[\n" + feat("first") + ",\n" + c.bad + ",\n" + feat("third") + ",\n" + feat("fourth") + "\n]}"
		for _, chunk := range []int{1 << 20, 5} {
			res, err := decodeStream(strings.NewReader(doc), "f.geojson", chunk)
			if err != nil {
				t.Errorf("%s, chunk %d: %v", c.name, chunk, err)
				continue
			}
			var titles []string
			for _, e := range res.Collection.Events {
				titles = append(titles, e.Title)
			}
			if want := []string{"first", "third", "fourth"}; !reflect.DeepEqual(titles, want) {
				t.Errorf("%s, chunk %d: loaded %q, want %q", c.name, chunk, titles, want)
			}
			if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Error(), "f.geojson:"+c.want) || !errors.Is(res.Problems[0].Err, ErrSyntax) {
				t.Errorf("%s, chunk %d: problems %v, want one at %s", c.name, chunk, res.Problems, c.want)
			}
		}
	}
	// A comma left out loses nothing.
	doc := `{"type":"FeatureCollection","features":[` + feat("a") + "\n" + feat("b") + "]}"
	res, err := decodeStream(strings.NewReader(doc), "f.geojson", 1<<20)
	if err != nil || len(res.Collection.Events) != 2 || len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Error(), "2:1: geojson: invalid JSON: feature 1: no comma") {
		t.Errorf("a missing comma: %v %d events, %v", err, len(res.Collection.Events), res.Problems)
	}
	// The last feature not closed: the rest before it stay, and the
	// result says the file ended badly.
	doc = `{"type":"FeatureCollection","features":[` + feat("a") + `,{"type":"Feature"`
	res, err = decodeStream(strings.NewReader(doc), "f.geojson", 1<<20)
	if !errors.Is(err, ErrSyntax) || len(res.Collection.Events) != 1 {
		t.Errorf("unclosed last feature: %v, %d events", err, len(res.Collection.Events))
	}
}
