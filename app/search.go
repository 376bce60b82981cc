package app

import (
	"fmt"
	"math"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/geo/geocode"
	"github.com/paulmach/orb"
)

// Search is the find box (Ctrl+F or /): as you type it lists the data's
// events whose title, place or summary match, then the gazetteer's places.
// ↑/↓ move through the results, Enter takes one, Esc closes them. An event
// is selected everywhere; a place is flown to and pinned.
type Search struct {
	Entry   *searchEntry
	Results *fyne.Container // shown over the map while there are results

	u       *UI
	list    *fyne.Container
	results []searchResult
	current int
	gen     int // the latest query; older answers are dropped
	// latest is gen for the searching goroutines, which give up on a
	// query once a newer one is typed.
	latest atomic.Int64
}

type searchResult struct {
	text  string
	event int              // -1 for a place
	place *gazetteer.Place // nil for an event
}

// searchLimit caps each kind of result.
const searchLimit = 8

func newSearch(u *UI) *Search {
	s := &Search{u: u, current: -1}
	s.Entry = newSearchEntry(s)
	s.Entry.SetPlaceHolder("Find an event or place…  (Ctrl+F)")
	s.Entry.OnChanged = s.query
	s.Entry.OnSubmitted = func(string) { s.choose(max(s.current, 0)) }
	s.list = container.NewVBox()
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.StrokeColor = theme.Color(theme.ColorNameShadow)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.InputRadiusSize()
	s.Results = container.NewStack(bg, container.NewPadded(s.list))
	s.Results.Hide()
	return s
}

// Focus puts the cursor in the find box.
func (s *Search) Focus() {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(s.Entry); cv != nil {
		cv.Focus(s.Entry)
	}
}

// query looks q up off the UI goroutine: the event scan is linear in the
// data, and the gazetteer may still be loading.
func (s *Search) query(q string) {
	s.gen++
	s.latest.Store(int64(s.gen))
	gen, data, gaz := s.gen, s.u.data, s.u.gaz
	if q == "" {
		s.show(nil)
		return
	}
	go func() {
		var out []searchResult
		if data != nil {
			stale := func() bool { return s.latest.Load() != int64(gen) }
			for _, i := range event.NewTextIndex(data.Result.Collection).FindUnless(q, searchLimit, stale) {
				e := &data.Result.Collection.Events[i]
				out = append(out, searchResult{text: e.Title + " · " + spanText(e.When, false), event: i})
			}
		}
		if gaz != nil {
			var prefer []string
			if data != nil {
				prefer = data.countries(gaz)
			}
			for _, m := range gaz.Search(q, gazetteer.Options{Countries: prefer, Limit: searchLimit}) {
				out = append(out, searchResult{text: placeText(m.Place), event: -1, place: m.Place})
			}
		}
		onUI(func() {
			if gen == s.gen {
				s.show(out)
			}
		})
	}()
}

func placeText(p *gazetteer.Place) string {
	s := p.Label()
	switch p.Kind {
	case gazetteer.Capital:
		s += " · capital"
	case gazetteer.AdminSeat:
		s += " · regional capital"
	}
	return s
}

// show lists results, the first highlighted.
func (s *Search) show(rs []searchResult) {
	s.results, s.current = rs, -1
	s.list.RemoveAll()
	if len(rs) == 0 {
		if s.Entry.Text != "" {
			s.list.Add(widget.NewLabel("Nothing found"))
			s.Results.Show()
		} else {
			s.Results.Hide()
		}
		s.Results.Refresh()
		return
	}
	for i, r := range rs {
		icon := theme.DocumentIcon()
		if r.place != nil {
			icon = theme.NavigateNextIcon()
		}
		b := widget.NewButtonWithIcon(r.text, icon, func() { s.choose(i) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		s.list.Add(b)
	}
	s.highlight(0)
	s.Results.Show()
	s.Results.Refresh()
}

// highlight marks result i as the one Enter takes.
func (s *Search) highlight(i int) {
	if len(s.results) == 0 {
		return
	}
	i = (i + len(s.results)) % len(s.results)
	for j, o := range s.list.Objects {
		if b, ok := o.(*widget.Button); ok {
			b.Importance = widget.LowImportance
			if j == i {
				b.Importance = widget.HighImportance
			}
			b.Refresh()
		}
	}
	s.current = i
}

// choose acts on result i and closes the results.
func (s *Search) choose(i int) {
	if i < 0 || i >= len(s.results) {
		return
	}
	r := s.results[i]
	s.close()
	if r.place != nil {
		s.u.Map.FlyTo(orb.Point{r.place.Lon, r.place.Lat}, placeZoom(r.place))
		s.u.pinnedName = r.place.Label()
		s.u.Status.SetText(fmt.Sprintf("%s · %.4f, %.4f · population %d", r.place.Label(), r.place.Lat, r.place.Lon, r.place.Population))
		return
	}
	s.u.Select(r.event)
	// The keys that act on a selected event (Return edits, Delete
	// deletes, F5 presents) then work at once.
	if cv := fyne.CurrentApp().Driver().CanvasForObject(s.Entry); cv != nil {
		cv.Unfocus()
	}
	if a, ok := s.u.data.Result.Collection.Events[r.event].Anchor(); ok {
		s.u.Map.FlyTo(a, math.Max(s.u.Map.View().Zoom, 6))
	}
}

// placeZoom frames a place by its size: a metropolis with its region, a
// town with its streets' surroundings.
func placeZoom(p *gazetteer.Place) float64 {
	switch {
	case p.Population > 1_000_000:
		return 8
	case p.Population > 100_000:
		return 9
	}
	return 10
}

func (s *Search) close() {
	s.gen++
	s.results, s.current = nil, -1
	s.list.RemoveAll()
	s.Results.Hide()
}

// searchEntry is the find box's entry: arrows move through the results and
// Esc closes them, instead of moving the cursor.
type searchEntry struct {
	widget.Entry
	s *Search
}

func newSearchEntry(s *Search) *searchEntry {
	e := &searchEntry{s: s}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey handles ↑, ↓ and Esc; the rest is typing.
func (e *searchEntry) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown:
		e.s.highlight(e.s.current + 1)
	case fyne.KeyUp:
		e.s.highlight(e.s.current - 1)
	case fyne.KeyEscape:
		e.s.close()
		e.SetText("")
		if cv := fyne.CurrentApp().Driver().CanvasForObject(e); cv != nil {
			cv.Unfocus()
		}
		e.s.u.Map.ClearPin()
	default:
		e.Entry.TypedKey(ev)
	}
}

// countries is the data set's context for place search: the countries its
// events are in, from a sample of them, found once.
func (d *Dataset) countries(g *gazetteer.Gazetteer) []string {
	d.countriesOnce.Do(func() { d.countryList = geocode.Countries(g, d.Result.Collection) })
	return d.countryList
}

// fixedWidth lays its objects out at a set width and the height they need.
type fixedWidth float32

func (l fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(float32(l), h)
}

func (l fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func sizedWidth(w float32, o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(fixedWidth(w), o)
}
