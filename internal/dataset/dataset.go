// Package dataset opens a data file, or the embedded sample, with every
// importer registered; the window and the subcommands share it.
package dataset

import (
	"bytes"

	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/format"
	_ "github.com/meridian-app/meridian/geo/format/geojson"   // registers GeoJSON
	_ "github.com/meridian-app/meridian/geo/format/kml"       // registers KML and KMZ
	_ "github.com/meridian-app/meridian/geo/format/knightlab" // registers TimelineJS and StoryMapJS
	_ "github.com/meridian-app/meridian/geo/format/table"     // registers CSV/TSV
)

// Open reads the file at path, or the embedded sample when path is empty.
// Bad records are in the result's Problems; err is set only when nothing
// could be read.
func Open(path string) (*format.Result, error) {
	if path == "" {
		return format.Decode(bytes.NewReader(assets.Sample), assets.SampleName)
	}
	return format.Open(path)
}
