package kml

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
)

// geometries holds every geometry element a Placemark or MultiGeometry may
// contain; KML allows any mix, in any order.
type geometries struct {
	Points      []coords     `xml:"Point"`
	Lines       []coords     `xml:"LineString"`
	Rings       []coords     `xml:"LinearRing"`
	Polygons    []polygon    `xml:"Polygon"`
	Multi       []geometries `xml:"MultiGeometry"`
	Tracks      []track      `xml:"Track"`
	MultiTracks []struct {
		Tracks []track `xml:"Track"`
	} `xml:"MultiTrack"`
	Models []struct {
		Lon string `xml:"Location>longitude"`
		Lat string `xml:"Location>latitude"`
	} `xml:"Model"`
}

type coords struct {
	Coordinates string `xml:"coordinates"`
}

type polygon struct {
	Outer string   `xml:"outerBoundaryIs>LinearRing>coordinates"`
	Inner []string `xml:"innerBoundaryIs>LinearRing>coordinates"`
}

// track is a gx:Track: one when per gx:coord ("lon lat alt", spaces).
type track struct {
	When  []string `xml:"when"`
	Coord []string `xml:"coord"`
}

// trackInfo carries what a geometry says beyond its shape: the vertex
// times of tracks, and a single point's altitude.
type trackInfo struct {
	times   []string
	alt     *float64
	wrapped bool // longitudes beyond ±180 were brought back by whole turns
}

var errNoPoints = errors.New("no coordinates")

// geometry combines the parts into one orb geometry: a single part as is,
// several of one kind as a Multi*, a mix as a Collection. nil means the
// Placemark has no geometry.
func (g *geometries) geometry() (orb.Geometry, trackInfo, error) {
	var info trackInfo
	var parts []orb.Geometry
	if err := g.collect(&parts, &info, 0); err != nil {
		return nil, info, err
	}
	var out orb.Geometry
	var err error
	switch {
	case len(parts) == 0:
		return nil, info, nil
	case len(parts) == 1:
		out = parts[0]
	default:
		out = combine(parts)
		info.alt = nil
	}
	out, info.wrapped, err = format.CheckGeometry(out)
	if err != nil {
		return nil, info, err
	}
	return out, info, nil
}

// maxDepth bounds MultiGeometry nesting; encoding/xml has already bounded
// the element depth, this bounds the recursion here.
const maxDepth = 100

func (g *geometries) collect(parts *[]orb.Geometry, info *trackInfo, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("MultiGeometry nested over %d deep", maxDepth)
	}
	for _, c := range g.Points {
		pts, alt, err := parseCoords(c.Coordinates)
		if err != nil {
			return fmt.Errorf("Point: %w", err)
		}
		if len(pts) != 1 {
			return fmt.Errorf("Point: %d coordinates, want 1", len(pts))
		}
		*parts = append(*parts, pts[0])
		if alt != nil && alt[0] != 0 {
			a := alt[0]
			info.alt = &a
		}
	}
	for _, c := range g.Lines {
		pts, _, err := parseCoords(c.Coordinates)
		if err != nil {
			return fmt.Errorf("LineString: %w", err)
		}
		if len(pts) < 2 {
			return fmt.Errorf("LineString: %d coordinates, want at least 2", len(pts))
		}
		*parts = append(*parts, orb.LineString(pts))
	}
	for _, c := range g.Rings {
		r, err := ring(c.Coordinates)
		if err != nil {
			return fmt.Errorf("LinearRing: %w", err)
		}
		*parts = append(*parts, orb.Polygon{r})
	}
	for _, p := range g.Polygons {
		poly, err := p.polygon()
		if err != nil {
			return fmt.Errorf("Polygon: %w", err)
		}
		*parts = append(*parts, poly)
	}
	tracks := g.Tracks
	for _, mt := range g.MultiTracks {
		tracks = append(tracks, mt.Tracks...)
	}
	for _, t := range tracks {
		line, err := t.line()
		if err != nil {
			return fmt.Errorf("Track: %w", err)
		}
		*parts = append(*parts, line)
		info.times = append(info.times, t.When...)
	}
	for _, m := range g.Models {
		lon, err1 := strconv.ParseFloat(strings.TrimSpace(m.Lon), 64)
		lat, err2 := strconv.ParseFloat(strings.TrimSpace(m.Lat), 64)
		if err := errors.Join(err1, err2); err != nil {
			return fmt.Errorf("Model location: %w", err)
		}
		*parts = append(*parts, orb.Point{lon, lat})
	}
	for i := range g.Multi {
		if err := g.Multi[i].collect(parts, info, depth+1); err != nil {
			return err
		}
	}
	return nil
}

func (p *polygon) polygon() (orb.Polygon, error) {
	outer, err := ring(p.Outer)
	if err != nil {
		return nil, fmt.Errorf("outer boundary: %w", err)
	}
	poly := orb.Polygon{outer}
	for i, in := range p.Inner {
		r, err := ring(in)
		if err != nil {
			return nil, fmt.Errorf("inner boundary %d: %w", i+1, err)
		}
		poly = append(poly, r)
	}
	return poly, nil
}

// ring reads a closed ring, closing it when the file did not repeat the
// first point (KML requires it; many writers forget).
func ring(s string) (orb.Ring, error) {
	pts, _, err := parseCoords(s)
	if err != nil {
		return nil, err
	}
	if len(pts) < 3 {
		return nil, fmt.Errorf("%d coordinates, a ring needs at least 3", len(pts))
	}
	if pts[0] != pts[len(pts)-1] {
		pts = append(pts, pts[0])
	}
	return orb.Ring(pts), nil
}

// line reads a track's gx:coord values, one per when.
func (t *track) line() (orb.Geometry, error) {
	if len(t.Coord) != len(t.When) && len(t.When) > 0 {
		return nil, fmt.Errorf("%d coord for %d when", len(t.Coord), len(t.When))
	}
	pts := make(orb.LineString, 0, len(t.Coord))
	for i, c := range t.Coord {
		f := strings.Fields(c)
		if len(f) < 2 {
			return nil, fmt.Errorf("coord %d: %q, want \"lon lat [alt]\"", i+1, c)
		}
		lon, err1 := strconv.ParseFloat(f[0], 64)
		lat, err2 := strconv.ParseFloat(f[1], 64)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("coord %d: %w", i+1, err)
		}
		pts = append(pts, orb.Point{lon, lat})
	}
	switch len(pts) {
	case 0:
		return nil, errNoPoints
	case 1:
		return pts[0], nil
	}
	return pts, nil
}

// parseCoords reads a KML coordinates string: tuples "lon,lat[,alt]"
// separated by white space. Writers also put spaces after the commas, so a
// comma at the end of one field or the start of the next joins them.
func parseCoords(s string) ([]orb.Point, []float64, error) {
	var tuples []string
	for _, f := range strings.Fields(s) {
		if n := len(tuples); n > 0 && (strings.HasSuffix(tuples[n-1], ",") || strings.HasPrefix(f, ",")) {
			tuples[n-1] += f
			continue
		}
		tuples = append(tuples, f)
	}
	if len(tuples) == 0 {
		return nil, nil, errNoPoints
	}
	pts := make([]orb.Point, 0, len(tuples))
	var alts []float64
	for i, t := range tuples {
		nums := strings.Split(strings.Trim(t, ","), ",")
		if len(nums) < 2 || len(nums) > 3 {
			return nil, nil, fmt.Errorf("coordinate %d: %q, want lon,lat[,alt]", i+1, t)
		}
		var v [3]float64
		for j, n := range nums {
			f, err := strconv.ParseFloat(n, 64)
			if err != nil {
				return nil, nil, fmt.Errorf("coordinate %d: %q is not a number", i+1, n)
			}
			v[j] = f
		}
		pts = append(pts, orb.Point{v[0], v[1]})
		if len(nums) == 3 {
			if alts == nil {
				alts = make([]float64, i, len(tuples))
			}
			alts = append(alts, v[2])
		} else if alts != nil {
			alts = append(alts, 0)
		}
	}
	return pts, alts, nil
}

// combine makes one geometry of several parts.
func combine(parts []orb.Geometry) orb.Geometry {
	var mp orb.MultiPoint
	var ml orb.MultiLineString
	var mpoly orb.MultiPolygon
	for _, p := range parts {
		switch p := p.(type) {
		case orb.Point:
			mp = append(mp, p)
		case orb.LineString:
			ml = append(ml, p)
		case orb.Polygon:
			mpoly = append(mpoly, p)
		}
	}
	switch len(parts) {
	case len(mp):
		return mp
	case len(ml):
		return ml
	case len(mpoly):
		return mpoly
	}
	return orb.Collection(parts)
}
