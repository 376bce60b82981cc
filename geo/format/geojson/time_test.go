package geojson

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestTimeRoundTrip checks that every kind of time Meridian models survives
// a write and a re-read unchanged: precision, BCE, deep time, zones,
// approximation, spans, decades and open ends.
func TestTimeRoundTrip(t *testing.T) {
	times := []struct{ start, end string }{
		{`"2016"`, ``}, {`"2016-09"`, ``}, {`"2016-09-05T08:30:15.250+03:00"`, ``},
		{`"-0043-03-15"`, ``}, {`"0000"`, ``}, {`"-13800000000"`, ``}, {`"+100000"`, ``},
		{`"~1200"`, ``}, {`"1950s"`, ``}, {`"2011-03"`, `".."`}, {`"2016-09-05"`, `"2016-09-11"`},
		{`"5 September 2016"`, ``}, {`"September 5, 2016"`, `"October 2, 2016"`}, {`"c. 1200"`, `"1250"`},
		{`1473064200000`, ``}, {`1473064200`, ``}, {`-500`, ``}, {`"19th century"`, ``},
		{`"2016-09-05T01:30-05:00"`, `"2016-09-05T23:00Z"`},
	}
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, tt := range times {
		if i > 0 {
			b.WriteString(",")
		}
		props := `"start":` + tt.start
		if tt.end != "" {
			props += `,"end":` + tt.end
		}
		fmt.Fprintf(&b, `{"type":"Feature","id":%d,"geometry":null,"properties":{%s}}`, i, props)
	}
	b.WriteString("]}")
	first := decodeString(t, b.String())
	if len(first.Problems) > 0 {
		t.Fatalf("problems: %v", first.Problems)
	}
	var buf bytes.Buffer
	if err := Write(&buf, first.Collection); err != nil {
		t.Fatal(err)
	}
	second := decodeString(t, buf.String())
	for i, tt := range times {
		a, b := first.Collection.Events[i].When, second.Collection.Events[i].When
		if a.IsZero() {
			t.Errorf("%s: read as undated", tt.start)
		}
		if a != b {
			t.Errorf("%s–%s: %+v came back as %+v", tt.start, tt.end, a, b)
		}
	}
	if got := first.Collection.Events[8].When.String(); got != "1950s" {
		t.Errorf("decade start = %q", got)
	}
}
