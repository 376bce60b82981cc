package dataset

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/format"
)

// Hostile input must end in a clear error (or a clear problem) and never
// crash or read without bound. Each case runs through the same sniffing
// and importers as the window.

func TestHugeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.geojson")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse 1 GB file: refused by its size before a byte is read.
	if err := f.Truncate(1 << 30); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Open(path)
	if !errors.Is(err, format.ErrTooLarge) || !strings.Contains(err.Error(), "1.0 GB") {
		t.Errorf("1 GB file: %v, want ErrTooLarge naming its size", err)
	}
}

// TestEndlessStream covers input whose size is not known in advance (a
// pipe): reading stops at the limit.
func TestEndlessStream(t *testing.T) {
	defer func(n int64) { format.MaxSize = n }(format.MaxSize)
	format.MaxSize = 1 << 20
	for name, head := range map[string]string{
		"geojson": `{"type":"FeatureCollection","features":[`,
		"csv":     "title,lat,lon\n",
		"kml":     "<kml><Document>",
		"json":    `{"events":[`,
	} {
		r := io.MultiReader(strings.NewReader(head), endless{})
		_, err := format.Decode(r, name)
		if !errors.Is(err, format.ErrTooLarge) {
			t.Errorf("%s: endless input: %v, want ErrTooLarge", name, err)
		}
	}
}

// endless is an unending run of spaces.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestDeepNesting(t *testing.T) {
	const depth = 1_000_000
	for name, doc := range map[string]string{
		"features": `{"type":"FeatureCollection","features":[` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `]}`,
		"property": `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"a":` +
			strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}}]}`,
		"kml":        "<kml>" + strings.Repeat("<Folder>", depth) + strings.Repeat("</Folder>", depth) + "</kml>",
		"timelinejs": `{"events":[{"text":` + strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth) + `}]}`,
	} {
		res, err := format.Decode(strings.NewReader(doc), name)
		if err == nil && (res == nil || len(res.Problems) == 0) {
			t.Errorf("%s nested %d deep: no error or problem", name, depth)
		}
	}
}

// TestLongString loads a feature whose title is a 100 MB string: the event
// loads with its title cut, and the cut is reported.
func TestLongString(t *testing.T) {
	if testing.Short() {
		t.Skip("100 MB input")
	}
	long := strings.Repeat("x", 100<<20)
	doc := `{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"title":"` + long + `"}}`
	long = ""
	res, err := format.Decode(strings.NewReader(doc), "long.geojson")
	if err != nil {
		t.Fatal(err)
	}
	e := res.Collection.Events[0]
	if len(e.Title) > format.MaxText+len("…") || len(res.Problems) != 1 || !errors.Is(&res.Problems[0], format.ErrTooLarge) {
		t.Errorf("title of %d bytes, problems %v", len(e.Title), res.Problems)
	}
	if !strings.Contains(res.Problems[0].Error(), "100 MB") {
		t.Errorf("problem %v does not say how long the text was", &res.Problems[0])
	}
}

func TestLongCells(t *testing.T) {
	long := strings.Repeat("y", 3<<20)
	for name, doc := range map[string]string{
		"csv": "title,lat,lon,note\n\"" + long + "\",1,2,\"" + long + "\"\n",
		"kml": "<kml><Placemark><name>" + long + "</name><description>" + long + "</description></Placemark></kml>",
	} {
		res, err := format.Decode(bytes.NewReader([]byte(doc)), name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := len(res.Problems); n != 2 {
			t.Errorf("%s: %d problems, want 2 cut texts: %v", name, n, res.Problems)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := format.Decode(strings.NewReader("GIF89a..."), "pic.gif")
	if !errors.Is(err, format.ErrUnknownFormat) || strings.Count(err.Error(), "\n") > 0 {
		t.Errorf("unknown format: %v, want one line wrapping ErrUnknownFormat", err)
	}
}
