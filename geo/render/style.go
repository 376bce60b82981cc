package render

import (
	"image/color"
	"strconv"
	"strings"
)

// Style holds the basemap colours and line widths.
type Style struct {
	Ocean, Land, Lake, Border, Coast, River color.RGBA
	BorderWidth, CoastWidth, RiverWidth     float64
}

// DefaultStyle is a quiet, light basemap that leaves the strong colours to
// the events.
var DefaultStyle = Style{
	Ocean:       color.RGBA{170, 206, 226, 255},
	Land:        color.RGBA{244, 241, 233, 255},
	Lake:        color.RGBA{170, 206, 226, 255},
	Border:      color.RGBA{158, 146, 168, 255},
	Coast:       color.RGBA{112, 146, 168, 255},
	River:       color.RGBA{140, 184, 214, 255},
	BorderWidth: 0.9, CoastWidth: 0.8, RiverWidth: 0.7,
}

// Palette is the Okabe–Ito set of colours, distinguishable with the common
// forms of colour blindness; categories take them in order.
var Palette = []color.RGBA{
	{0, 114, 178, 255},   // blue
	{213, 94, 0, 255},    // vermillion
	{0, 158, 115, 255},   // bluish green
	{230, 159, 0, 255},   // orange
	{204, 121, 167, 255}, // reddish purple
	{86, 180, 233, 255},  // sky blue
	{240, 228, 66, 255},  // yellow
	{0, 0, 0, 255},       // black
}

// Uncategorised is the colour of events without a category.
var Uncategorised = color.RGBA{119, 119, 119, 255}

// CategoryColor returns the colour of the i-th category (sorted order). Past
// eight categories the palette repeats; colour alone cannot tell more apart.
func CategoryColor(i int) color.RGBA {
	if i < 0 {
		return Uncategorised
	}
	return Palette[i%len(Palette)]
}

// EventColor is the colour of event e's marker: the "marker-color" its
// source gave ("#rrggbb" or "#rgb", as simplestyle and KML styles write
// it), or else its category's colour (cat is the category's index).
func EventColor(extra map[string]any, cat int) color.RGBA {
	if s, ok := extra["marker-color"].(string); ok {
		if c, ok := parseHex(s); ok {
			return c
		}
	}
	return CategoryColor(cat)
}

// parseHex reads "#rrggbb" or "#rgb".
func parseHex(s string) (color.RGBA, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) == 3 {
		s = string([]byte{s[0], s[0], s[1], s[1], s[2], s[2]})
	}
	if len(s) != 6 {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}, true
}
