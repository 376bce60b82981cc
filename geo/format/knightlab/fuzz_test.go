package knightlab

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// FuzzDecode checks that no input panics and that every problem has a
// position in the file.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"truce.json", "legacy.json", "story.json"} {
		if data, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"events":[{"start_date":{"year":"2016","month":"2","day":"29","hour":"9"}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Decode(bytes.NewReader(data), "f.json")
		if res == nil {
			t.Fatal("nil result")
		}
		if err != nil && len(res.Collection.Events) > 0 {
			t.Fatalf("error %v with %d events read", err, len(res.Collection.Events))
		}
		for i := range res.Problems {
			if p := res.Problems[i].Error(); !strings.HasPrefix(p, "f.json") {
				t.Fatalf("problem without a position: %s", p)
			}
		}
	})
}
