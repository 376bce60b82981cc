package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden inspect outputs")

// inspectFixtures are files of every format, with their problems; the
// golden output of inspect on each is in testdata/inspect.
var inspectFixtures = map[string]string{
	"geojson":    "../../assets/events/syria-2016.geojson",
	"deviations": "../../geo/format/geojson/testdata/deviations.geojson",
	"kml":        "../../geo/format/kml/testdata/journey.kml",
	"kmz":        "../../geo/format/kml/testdata/journey.kmz",
	"timelinejs": "../../geo/format/knightlab/testdata/truce.json",
	"legacy":     "../../geo/format/knightlab/testdata/legacy.json",
	"storymapjs": "../../geo/format/knightlab/testdata/story.json",
}

// TestInspectGolden compares inspect's whole output (the events, then the
// problems and the summary) with the golden files; go test -update
// rewrites them after a deliberate change.
func TestInspectGolden(t *testing.T) {
	csvs, _ := filepath.Glob("../../geo/format/table/testdata/*.?sv")
	fixtures := map[string]string{}
	for k, v := range inspectFixtures {
		fixtures[k] = v
	}
	for _, c := range csvs {
		fixtures["csv-"+strings.TrimSuffix(filepath.Base(c), filepath.Ext(c))] = c
	}
	for name, path := range fixtures {
		t.Run(name, func(t *testing.T) {
			var out, errs bytes.Buffer
			err := Inspect([]string{path}, &out, &errs)
			got := out.String() + "--- stderr\n" + errs.String()
			if err != nil {
				got += "--- error\n" + err.Error() + "\n"
			}
			golden := filepath.Join("testdata", "inspect", name+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -run Golden -update)", err)
			}
			if got != string(want) {
				t.Errorf("inspect %s differs from %s:\n%s", path, golden, got)
			}
		})
	}
}
