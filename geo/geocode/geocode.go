// Package geocode places events that name a place but give no coordinates
// (a CSV row with only a town, a KML <address>, a StoryMapJS slide with
// only a location name) by looking the name up in the gazetteer, and says
// for each how sure it is.
package geocode

import (
	"errors"
	"fmt"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/paulmach/orb"
)

// ErrNotFound is the problem of a place name the gazetteer does not have.
var ErrNotFound = errors.New("geocode: place not found")

// sample is how many placed events are looked at to find the data's countries.
const sample = 200

// Result places res's Lookups with g. Names that fit one place are placed
// there; names several places share go to the one in the data's countries
// (those its placed events lie in, and those of its unambiguous names),
// else to the most populous. Each placing is a Note, each name not found a
// Problem; the event keeps its "geocoded" property, saying how, so that a
// reader of the exported file can tell looked-up coordinates from given ones.
func Result(res *format.Result, g *gazetteer.Gazetteer) {
	if len(res.Lookups) == 0 {
		return
	}
	events := res.Collection.Events
	ctx := context(res, g)
	for _, l := range res.Lookups {
		e := &events[l.Event]
		got := g.Geocode(e.Place, ctx)
		if got.Place == nil {
			res.Problems = append(res.Problems, format.Problem{Pos: l.Pos,
				Err: fmt.Errorf("%w: %q is not in the gazetteer (event kept unplaced)", ErrNotFound, e.Place)})
			continue
		}
		p := got.Place
		e.Geometry = orb.Point{p.Lon, p.Lat}
		how := describe(got)
		if e.Extra == nil {
			e.Extra = map[string]any{}
		}
		e.Extra["geocoded"] = fmt.Sprintf("%s (GeoNames %d): %s", p.Label(), p.ID, how)
		res.Notes = append(res.Notes, format.Note{Pos: l.Pos,
			Text: fmt.Sprintf("placed %q at %s (%.5f, %.5f): %s", e.Place, p.Label(), p.Lat, p.Lon, how)})
	}
	res.Lookups = nil
}

func describe(got gazetteer.Geocoded) string {
	switch got.Certainty {
	case gazetteer.InContext:
		return fmt.Sprintf("%d places have this name; chose the one in the data's countries", got.Candidates)
	case gazetteer.Ambiguous:
		return fmt.Sprintf("ambiguous, %d places have this name; chose the most populous", got.Candidates)
	}
	return "exact"
}

// Countries are the countries a data set's placed events lie in (from a
// sample of a few hundred), most frequent first: the context for placing
// and searching names.
func Countries(g *gazetteer.Gazetteer, c *event.Collection) []string {
	return g.Countries(anchors(c))
}

// anchors samples the placed events' points.
func anchors(c *event.Collection) []orb.Point {
	var pts []orb.Point
	step := max(1, len(c.Events)/sample)
	for i := 0; i < len(c.Events); i += step {
		if a, ok := c.Events[i].Anchor(); ok {
			pts = append(pts, a)
		}
	}
	return pts
}

// context is the countries the data is about: where a sample of its placed
// events lie, and where its names that fit one place only are.
func context(res *format.Result, g *gazetteer.Gazetteer) []string {
	events := res.Collection.Events
	pts := anchors(res.Collection)
	for _, l := range res.Lookups {
		if got := g.Geocode(events[l.Event].Place, nil); got.Certainty == gazetteer.Exact {
			pts = append(pts, orb.Point{got.Place.Lon, got.Place.Lat})
		}
		if len(pts) > 2*sample {
			break
		}
	}
	return g.Countries(pts)
}
