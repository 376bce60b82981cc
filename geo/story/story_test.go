package story

import (
	"bytes"
	"image"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/assets"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/internal/golden"
)

func sample(t testing.TB) *Story {
	t.Helper()
	res, err := geojson.Decode(bytes.NewReader(assets.Sample), assets.SampleName)
	if err != nil {
		t.Fatal(err)
	}
	return New(res.Collection, render.NewMarks(res.Collection))
}

func painter(t testing.TB, s *Story, th Theme) *Painter {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	r := render.NewRenderer(basemap.Default(), s.Marks)
	r.Places = render.NewPlaces(g)
	return &Painter{S: s, R: r, Theme: th}
}

func TestOrder(t *testing.T) {
	s := sample(t)
	if s.Len() != len(s.C.Events)+2 || s.Slides[0].Kind != Overview || s.Slides[s.Len()-1].Kind != Closing {
		t.Fatalf("slides %+v", s.Slides)
	}
	// The sample has no "order": chronological.
	var titles []string
	for _, sl := range s.Slides[1 : s.Len()-1] {
		titles = append(titles, s.C.Events[sl.Event].Title)
	}
	if titles[0] != "Syrian civil war" || titles[1] != "Douma, a rebel stronghold" {
		t.Errorf("order %q", titles)
	}
	// "order" wins where given; events without one follow in time.
	one, two := 1.0, 2.0
	c := &event.Collection{Events: []event.Event{{Title: "a"}, {Title: "b", More: &event.More{Order: &two}}, {Title: "c", More: &event.More{Order: &one}}}}
	s = New(c, render.NewMarks(c))
	if got := []int{s.Slides[1].Event, s.Slides[2].Event, s.Slides[3].Event}; got[0] != 2 || got[1] != 1 || got[2] != 0 {
		t.Errorf("ordered story %v", got)
	}
}

func TestSlideWindowAndCard(t *testing.T) {
	s := sample(t)
	var tartous int
	for i, sl := range s.Slides {
		if sl.Kind == Step && s.C.Events[sl.Event].ID == "tartous-bombings" {
			tartous = i
		}
	}
	w := s.Window(tartous)
	if w.All() || s.Marks.State(s.Slides[tartous].Event, w) != render.Current {
		t.Errorf("the event is not current on its slide: %+v", w)
	}
	c := s.Card(tartous)
	if c.Title != "Twin suicide bombings at Tartous" || c.Date != "5 Sep 2016" || !strings.Contains(c.Place, "Tartous") || c.Summary == "" || c.Source == "" {
		t.Errorf("card %+v", c)
	}
	if strings.Contains(c.Summary, "**") || strings.Contains(c.Summary, "](") {
		t.Errorf("Markdown left in the card: %q", c.Summary)
	}
	o := s.Card(0)
	if o.Title != "Syria truce talks, September 2016" || !strings.Contains(o.Place, "7 events") || o.Date == "" {
		t.Errorf("overview card %+v", o)
	}
	if !s.Window(0).All() {
		t.Error("the overview does not show everything")
	}
	// The event sits in the middle of the part the card leaves free.
	v, ok := s.View(tartous, 1920, 1080, NewLayout(1080))
	a, _ := s.C.Events[s.Slides[tartous].Event].Anchor()
	px := v.Project(a)
	free := NewLayout(1080).Free(1920, 1080)
	if !ok || px[0] < float64(free.Min.X) || math.Round(px[0]) != float64(free.Min.X+free.Dx()/2) || math.Round(px[1]) != 540 {
		t.Errorf("event at %v, free part %v", px, free)
	}
}

func TestGoldenSlides(t *testing.T) {
	s := sample(t)
	for _, tc := range []struct {
		name  string
		slide int
		theme Theme
	}{
		{"slide-overview", 0, Light},
		{"slide-event", 5, Light},
		{"slide-event-dark", 5, Dark},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := painter(t, s, tc.theme).Image(tc.slide, 960, 540)
			if err != nil {
				t.Fatal(err)
			}
			golden.Compare(t, filepath.Join("testdata", tc.name+".png"), img)
		})
	}
}

func TestPlain(t *testing.T) {
	if got := plain("**Two** blasts, see [AAP](https://example.org/a).\n> quoted\n- item"); got != "Two blasts, see AAP <https://example.org/a>.\nquoted\nitem" {
		t.Errorf("plain = %q", got)
	}
}

// BenchmarkFlightFrame1080p draws one frame of a flight: the view changes
// every frame, so the basemap and labels are drawn again each time.
func BenchmarkFlightFrame1080p(b *testing.B) {
	s := sample(b)
	p := painter(b, s, Light)
	img := image.NewRGBA(image.Rect(0, 0, 1920, 1080))
	v, _ := s.View(5, 1920, 1080, NewLayout(1080))
	i := 0
	for b.Loop() {
		v.Zoom += 0.01 * float64(i%2*2-1) // a new view each frame
		if err := p.Draw(img, 5, v); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
