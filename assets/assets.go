// Package assets embeds everything Meridian needs at run time, so that it
// works with no network: the basemap, the sample data set and the notices
// of the data it ships.
package assets

import (
	"embed"
	_ "embed"
)

// Basemap holds the levels of the world map, prepared by cmd/mkbasemap
// from the Natural Earth TopoJSON beside them (see package basemap).
//
//go:embed basemap/*.bin
var Basemap embed.FS

// Sample is the data set shown when no file is opened: events from a
// September 2016 news report on the Syrian war.
//
//go:embed events/syria-2016.geojson
var Sample []byte

// SampleName is the file name problems in Sample are reported under.
const SampleName = "syria-2016.geojson"

// Attribution credits the data and software Meridian ships, for the About
// dialog and the README.
//
//go:embed ATTRIBUTION.md
var Attribution string

// Icon is the application icon.
//
//go:embed icon.png
var Icon []byte

// Gazetteer holds the places written by cmd/mkgazetteer from GeoNames
// (gzipped, one place a line; see package gazetteer).
//
//go:embed gazetteer/places.tsv.gz
var Gazetteer []byte

// Countries maps ISO country codes to English names, one "CC\tName" a line.
//
//go:embed gazetteer/countries.tsv
var Countries string

// Fonts for map labels in every script the gazetteer has, cut by make
// gazetteer from Debian's Noto packages (SIL OFL 1.1, see fonts/).
var (
	//go:embed fonts/NotoSans-Subset.ttf
	FontLatin []byte
	//go:embed fonts/NotoSansArabic-Regular.ttf
	FontArabic []byte
	//go:embed fonts/NotoSansCJKsc-Subset.otf
	FontCJK []byte
)
