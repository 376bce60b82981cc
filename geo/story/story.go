// Package story turns a data set into a presentation for a classroom: an
// overview slide, one slide per event in story order, a closing overview.
// It says what each slide shows — where the map looks, which time window
// is current, what the event's card reads — and draws slides (map, card,
// progress, attribution) for the presenter's screen and for export alike.
package story

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/paulmach/orb"
)

// Kind is what a slide shows.
type Kind uint8

const (
	Overview Kind = iota // the data set's title, description and every event
	Step                 // one event
	Closing              // every event again, to end on
)

// Slide is one step of the story.
type Slide struct {
	Kind  Kind
	Event int // index into the collection for a Step, else -1
}

// Story is a data set's presentation. Read-only after New.
type Story struct {
	C      *event.Collection
	Marks  *render.Marks
	Slides []Slide
}

// New orders the events: by their "order" property where given (those
// without one follow, chronologically), else chronologically.
func New(c *event.Collection, m *render.Marks) *Story {
	order := c.Chronological()
	slices.SortStableFunc(order, func(a, b int) int {
		oa, ob := c.Events[a].Order(), c.Events[b].Order()
		switch {
		case oa != nil && ob != nil:
			return cmpFloat(*oa, *ob)
		case oa != nil:
			return -1
		case ob != nil:
			return 1
		}
		return 0
	})
	s := &Story{C: c, Marks: m, Slides: []Slide{{Overview, -1}}}
	for _, i := range order {
		s.Slides = append(s.Slides, Slide{Step, i})
	}
	s.Slides = append(s.Slides, Slide{Closing, -1})
	return s
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Len is the number of slides.
func (s *Story) Len() int { return len(s.Slides) }

// Window is the time window slide i shows: for an event, its own time
// with earlier events kept faded; for an overview, everything.
func (s *Story) Window(i int) render.Window {
	sl := s.Slides[i]
	if sl.Kind != Step || s.C.Events[sl.Event].When.IsZero() {
		return render.Window{}
	}
	lo, hi := s.Marks.Bounds(sl.Event)
	return render.Window{From: lo, To: hi, Trail: math.Inf(1)}
}

// EventZoom is how close a slide looks at a point event: a region, so the
// reader sees where it is.
const EventZoom = 6.5

// View is where slide i looks in a w×h picture, leaving the card's side
// free: the event centred in the rest at EventZoom (or its shape fitted),
// or every placed event fitted for an overview. ok is false for an event
// with no place: the map then stays where it was.
func (s *Story) View(i, w, h int, l Layout) (render.Viewport, bool) {
	free := l.Free(w, h)
	sl := s.Slides[i]
	var v render.Viewport
	switch {
	case sl.Kind != Step:
		b, ok := s.C.Bound()
		if !ok {
			return render.Viewport{}, false
		}
		v = render.Fit(b, free.Dx(), free.Dy(), 40*l.Scale, 8)
	default:
		e := &s.C.Events[sl.Event]
		a, ok := e.Anchor()
		if !ok {
			return render.Viewport{}, false
		}
		v = render.Viewport{Center: mercator.Project(a), Zoom: EventZoom}
		if _, point := e.Geometry.(orb.Point); !point {
			v = render.Fit(e.Geometry.Bound(), free.Dx(), free.Dy(), 40*l.Scale, EventZoom+2)
		}
	}
	// Shift the centre so that it falls in the middle of the free part.
	v.Width, v.Height = w, h
	dx := float64(free.Min.X+free.Dx()/2) - float64(w)/2
	v.Center[0] -= dx / v.Scale()
	return v, true
}

// Card is what an event's card (or an overview's) says.
type Card struct {
	Title, Date, Place, Summary, Source, Notes string
}

// Card returns slide i's card.
func (s *Story) Card(i int) Card {
	sl := s.Slides[i]
	if sl.Kind != Step {
		c := Card{Title: s.C.Title, Summary: s.C.Description}
		if c.Title == "" {
			c.Title = "Events"
		}
		if sl.Kind == Closing {
			c.Summary = ""
		}
		if sp := s.extent(); !sp.IsZero() {
			c.Date = sp.String()
		}
		c.Place = plural(len(s.C.Events), "event")
		return c
	}
	e := &s.C.Events[sl.Event]
	c := Card{Title: e.Title, Place: e.Place, Summary: plain(e.Summary)}
	if !e.When.IsZero() {
		c.Date = e.When.String()
	}
	if len(e.Sources()) > 0 {
		src := e.Sources()[0]
		c.Source = strings.TrimSpace(strings.Join(nonEmpty(src.Title, src.Publisher, src.Date, src.URL), " · "))
	}
	if n, ok := e.Extra["notes"].(string); ok {
		c.Notes = n
	}
	return c
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// extent is the time from the earliest start to the latest end.
func (s *Story) extent() chrono.Span {
	var ts []chrono.Time
	for i := range s.C.Events {
		w := s.C.Events[i].When
		for _, t := range []chrono.Time{w.Start, w.End} {
			if !t.IsZero() {
				ts = append(ts, t)
			}
		}
	}
	return chrono.Extent(ts)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

var (
	mdLink  = regexp.MustCompile(`\[([^\]]*)\]\(([^)]*)\)`)
	mdMarks = regexp.MustCompile(`(?m)^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)|\*\*|__|\*|` + "`")
	multiNL = regexp.MustCompile(`\n{3,}`)
)

// plain reduces a Markdown summary to the text a card shows: links as
// "text <address>" (shown, never opened), marks removed.
func plain(md string) string {
	s := mdLink.ReplaceAllString(md, "$1 <$2>")
	s = mdMarks.ReplaceAllString(s, "")
	return strings.TrimSpace(multiNL.ReplaceAllString(s, "\n\n"))
}
