package cli

import (
	"bytes"
	"errors"
	"fmt"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/internal/dataset"
)

func TestRenderSampleHeadless(t *testing.T) {
	t.Setenv("DISPLAY", "")
	out := filepath.Join(t.TempDir(), "out.png")
	var stderr bytes.Buffer
	// Flags may follow the file, as in "render FILE -o out.png".
	args := []string{"../../assets/events/syria-2016.geojson", "--size", "320x200", "--from", "2016-09-05", "-o", out}
	if err := Render(args, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("render: %v\n%s", err, stderr.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 320 || b.Dy() != 200 {
		t.Errorf("size %v", b)
	}
}

func TestRenderUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--size", "big", "-o", "x.png"},
		{"--bbox", "10,10,5,20", "-o", "x.png"},
		{"--from", "2016-09-06", "--to", "2016-09-05", "-o", "x.png"},
		{},
	} {
		if err := Render(args, &bytes.Buffer{}, &bytes.Buffer{}); !errors.Is(err, ErrUsage) {
			t.Errorf("Render(%q) = %v, want ErrUsage", args, err)
		}
	}
}

func TestInspect(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.geojson")
	os.WriteFile(good, []byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{"name":"A","date":"2016-09"}}]}`), 0o644)
	var out, errs bytes.Buffer
	if err := Inspect([]string{good}, &out, &errs); err != nil {
		t.Fatalf("inspect good file: %v", err)
	}
	for _, want := range []string{`"title":"A"`, `"start":"2016-09"`, `"end":"2016-09"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %s: %s", want, out.String())
		}
	}
	bad := filepath.Join(dir, "bad.geojson")
	os.WriteFile(bad, []byte("{\"type\":\"FeatureCollection\",\"features\":[\n  {\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"start\":\"soon\"}}\n]}"), 0o644)
	out.Reset()
	errs.Reset()
	if err := Inspect([]string{bad}, &out, &errs); !errors.Is(err, ErrProblems) {
		t.Fatalf("inspect bad file: %v, want ErrProblems", err)
	}
	if !strings.Contains(errs.String(), bad+":2:3: geojson: bad time") {
		t.Errorf("problem not positioned: %s", errs.String())
	}
	if strings.Count(out.String(), "\n") != 1 {
		t.Errorf("the bad record should still be printed: %q", out.String())
	}
	if err := Inspect([]string{filepath.Join(dir, "missing.json")}, &out, &errs); err == nil {
		t.Error("missing file: no error")
	}
}

func TestExport(t *testing.T) {
	dir := t.TempDir()
	in := "../../geo/format/kml/testdata/journey.kml"
	for _, name := range []string{"out.csv", "out.geojson"} {
		out := filepath.Join(dir, name)
		var stdout, stderr bytes.Buffer
		if err := Export([]string{in, "-o", out}, &stdout, &stderr); err != nil {
			t.Fatalf("export %s: %v", name, err)
		}
		// The export reads back with every event.
		var back, errs bytes.Buffer
		Inspect([]string{out}, &back, &errs)
		if !strings.Contains(errs.String(), ", 11 events (") {
			t.Errorf("%s read back: %s", name, errs.String())
		}
	}
	for _, args := range [][]string{{in}, {"-o", "x.csv"}, {in, "-o", "x", "-f", "xlsx"}} {
		if err := Export(args, &bytes.Buffer{}, &bytes.Buffer{}); !errors.Is(err, ErrUsage) {
			t.Errorf("Export(%q) = %v, want ErrUsage", args, err)
		}
	}
}

func TestGeocode(t *testing.T) {
	var out, errb bytes.Buffer
	if err := Geocode([]string{"Damascus"}, &out, &errb); err != nil {
		t.Fatal(err, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "1. Damascus, Syria  33.51020,36.29128") ||
		!strings.HasPrefix(lines[1], "2. Damascus, MD, United States") {
		t.Errorf("Damascus:\n%s", out.String())
	}
	out.Reset()
	if err := Geocode([]string{"--country", "Syria", "-n", "1", "Tartous"}, &out, &errb); err != nil ||
		!strings.Contains(out.String(), "Ţarţūs, Syria") || !strings.Contains(out.String(), "طرطوس") {
		t.Errorf("Tartous: %v\n%s", err, out.String())
	}
	for _, args := range [][]string{nil, {"--country", "Atlantis", "Paris"}, {"-n", "0", "Paris"}} {
		if err := Geocode(args, &out, &errb); !errors.Is(err, ErrUsage) {
			t.Errorf("%q: %v, want usage error", args, err)
		}
	}
	if err := Geocode([]string{"Xyzzyplugh"}, &out, &errb); err == nil || errors.Is(err, ErrUsage) {
		t.Errorf("no match: %v", err)
	}
}

func TestExtract(t *testing.T) {
	out := filepath.Join(t.TempDir(), "drafts.geojson")
	var stdout, stderr bytes.Buffer
	err := Extract([]string{"--published", "2019-04-10", "-o", out, "../../geo/extract/testdata/shelling.txt"}, &stdout, &stderr)
	if err != nil {
		t.Fatal(err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "draft: Ankara, Turkey · 12 Apr 2019 · Russian and Turkish officials will meet in Ankara on Friday") ||
		!strings.Contains(stderr.String(), `not a place: "Human", part of an organisation's name`) {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	res, err := dataset.Open(out)
	if err != nil || len(res.Problems) != 0 || len(res.Collection.Events) != 5 {
		t.Fatalf("drafts read back: %v, %v, %d events", err, res.Problems, len(res.Collection.Events))
	}
	e := res.Collection.Events[0]
	if fmt.Sprint(e.Extra["confidence"]) != "0.9" || e.Extra["article"] != "shelling.txt" || e.Extra["draft"] != true || len(e.Sources()) != 1 || e.Sources()[0].Date != "2019-04-10" ||
		!strings.HasPrefix(e.Summary, "> Government shelling killed 12 people") || res.Collection.Title != "Shelling hits northwest Syria as envoys prepare talks" {
		t.Errorf("first draft: %+v (collection %q)", e, res.Collection.Title)
	}
	for _, args := range [][]string{nil, {"a.txt", "b.txt"}, {"--published", "5/9/2016", "a.txt"}} {
		if err := Extract(args, &stdout, &stderr); !errors.Is(err, ErrUsage) {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
}

func TestExportSlidesAndGIF(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	sample := "../../assets/events/syria-2016.geojson"
	if err := ExportSlides([]string{"--size", "480x270", "--theme", "dark", sample, dir}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "slide-*.png"))
	if len(files) != 9 || filepath.Base(files[0]) != "slide-01.png" {
		t.Errorf("slides %v", files)
	}
	gifPath := filepath.Join(dir, "play.gif")
	if err := ExportGIF([]string{"--from", "2016-09-01", "--to", "2016-09-12", "--seconds", "1", "--fps", "4", "--size", "200x120", sample, gifPath}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	f, err := os.Open(gifPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil || len(g.Image) != 4 {
		t.Errorf("GIF: %v, %d frames", err, len(g.Image))
	}
	for _, args := range [][]string{{sample}, {"--theme", "sepia", sample, dir}, {"--size", "1x1", sample, dir}} {
		if err := ExportSlides(args, &bytes.Buffer{}, &stderr); !errors.Is(err, ErrUsage) {
			t.Errorf("export-slides %q: %v", args, err)
		}
	}
	for _, args := range [][]string{{sample}, {"--fps", "0", sample, gifPath}, {"--seconds", "1000", sample, gifPath}, {"--from", "soon", sample, gifPath}} {
		if err := ExportGIF(args, &bytes.Buffer{}, &stderr); !errors.Is(err, ErrUsage) {
			t.Errorf("export-gif %q: %v", args, err)
		}
	}
}

func TestGen(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gen.csv")
	var stdout, stderr bytes.Buffer
	if err := Gen([]string{"--n", "25", "--seed", "3", "--format", "csv", "-o", out}, &stdout, &stderr); err != nil {
		t.Fatalf("gen: %v %s", err, stderr.String())
	}
	stdout.Reset()
	if err := Inspect([]string{out}, &stdout, &stderr); err != nil {
		t.Fatalf("inspect of generated CSV: %v\n%s", err, stderr.String())
	}
	if n := strings.Count(stdout.String(), `"type":"Feature"`); n != 25 {
		t.Errorf("inspect printed %d events, want 25", n)
	}
	for _, args := range [][]string{{"--format", "kml"}, {"--n", "-3"}, {"extra"}} {
		if err := Gen(args, &stdout, &stderr); !errors.Is(err, ErrUsage) {
			t.Errorf("gen %v: %v, want ErrUsage", args, err)
		}
	}
}
