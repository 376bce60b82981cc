package kml

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkDecode reads 10,000 dated point Placemarks in folders.
func BenchmarkDecode(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>bench</name>`)
	for f := range 10 {
		fmt.Fprintf(&buf, "<Folder><name>folder %d</name>", f)
		for i := range 1000 {
			fmt.Fprintf(&buf, `<Placemark><name>p%d</name><description><![CDATA[<p>event <b>%d</b></p>]]></description>`+
				`<TimeStamp><when>2016-09-%02dT%02d:00:00Z</when></TimeStamp><Point><coordinates>%g,%g,0</coordinates></Point></Placemark>`,
				i, i, 1+i%28, i%24, float64(i%360)-180, float64(i%170)-85)
		}
		buf.WriteString("</Folder>")
	}
	buf.WriteString("</Document></kml>")
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		res, err := Decode(bytes.NewReader(data), "bench.kml")
		if err != nil || len(res.Collection.Events) != 10000 {
			b.Fatal(err)
		}
	}
}
