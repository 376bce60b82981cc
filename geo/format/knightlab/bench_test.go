package knightlab

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkDecode reads a TimelineJS file of 10,000 events.
func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"title": {"text": {"headline": "bench"}}, "events": [`)
	for i := range 10000 {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"start_date": {"year": "%d", "month": "%d", "day": "%d"}, "text": {"headline": "e%d", "text": "<p>text %d</p>"}, "group": "g%d"}`,
			1900+i%120, 1+i%12, 1+i%28, i, i, i%5)
	}
	buf.WriteString("]}")
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		res, err := Decode(bytes.NewReader(data), "bench.json")
		if err != nil || len(res.Collection.Events) != 10000 {
			b.Fatal(err)
		}
	}
}
