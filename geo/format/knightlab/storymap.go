package knightlab

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/jsonpos"
	"github.com/meridian-app/meridian/geo/format/markup"
	"github.com/paulmach/orb"
)

// slide is a StoryMapJS slide.
type slide struct {
	Type     text      `json:"type"`
	Date     text      `json:"date"`
	Text     slideText `json:"text"`
	Media    *media    `json:"media"`
	Location *struct {
		Lat  text `json:"lat"`
		Lon  text `json:"lon"`
		Name text `json:"name"`
		Zoom text `json:"zoom"`
	} `json:"location"`
	Background *background `json:"background"`
}

// storymap reads {"storymap": {"slides": [...]}}. The overview slide names
// the data set; every other slide is an event whose order is its place in
// the story.
func (d *decoder) storymap(r jsonpos.Range) error {
	// A fault inside is also a fault of the whole document, which top
	// reports; what comes before it is read.
	_, sm, err := d.doc.Members(r)
	if len(sm) == 0 {
		return d.fatal(err)
	}
	if !has(sm, "slides") {
		return d.fatal(&jsonpos.Error{Pos: d.doc.Pos(r.Start, -1), Err: fmt.Errorf(`%w: "storymap" has no "slides"`, ErrShape)})
	}
	order := 0
	return d.records(sm["slides"], func(r jsonpos.Range) []error {
		var s slide
		if err := d.decode(r, &s); err != nil {
			return []error{err}
		}
		if strings.EqualFold(string(s.Type), "overview") {
			d.res.Collection.Title = markup.Text(string(s.Text.Headline))
			d.res.Collection.Description = markup.Text(string(s.Text.Text))
			return nil
		}
		return d.slide(&s, &order)
	})
}

func (d *decoder) slide(s *slide, order *int) []error {
	o := float64(*order)
	*order++
	e := event.Event{
		Title:   markup.Text(string(s.Text.Headline)),
		Summary: markup.Text(string(s.Text.Text)),
		More:    &event.More{Order: &o},
	}
	var probs []error
	extra := map[string]any{}
	if loc := s.Location; loc != nil {
		e.Place = strings.TrimSpace(string(loc.Name))
		if p, err := point(loc.Lat, loc.Lon); err != nil {
			probs = append(probs, fmt.Errorf("%w: %q: %v (slide kept without a place)", ErrLocation, e.Title, err))
		} else if p != nil {
			e.Geometry = *p
		}
		put(extra, "Zoom", loc.Zoom)
	}
	// A slide's date is free text; when it reads as a time, it is one.
	if date := strings.TrimSpace(string(s.Date)); date != "" {
		if sp, err := chrono.ParseSpan(date); err == nil {
			e.When = sp
		} else {
			extra["Date"] = date
		}
	}
	putMedia(extra, s.Media)
	if s.Background != nil {
		put(extra, "Background", text(or(s.Background.URL, string(s.Background.Color))))
	}
	d.add(e, extra, "")
	return probs
}

// point reads a slide location; an empty one is no location.
func point(lat, lon text) (*orb.Point, error) {
	if strings.TrimSpace(string(lat)) == "" && strings.TrimSpace(string(lon)) == "" {
		return nil, nil
	}
	y, err1 := strconv.ParseFloat(strings.TrimSpace(string(lat)), 64)
	x, err2 := strconv.ParseFloat(strings.TrimSpace(string(lon)), 64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("lat %q, lon %q are not numbers", lat, lon)
	}
	g, _, err := format.CheckGeometry(orb.Point{x, y})
	if err != nil {
		return nil, err
	}
	p := g.(orb.Point)
	return &p, nil
}
