package knightlab

import (
	"fmt"
	"strings"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format/jsonpos"
	"github.com/meridian-app/meridian/geo/format/markup"
)

// slideText is the headline and HTML text of a slide or event.
type slideText struct {
	Headline text `json:"headline"`
	Text     text `json:"text"`
}

type media struct {
	URL       text `json:"url"`
	Caption   text `json:"caption"`
	Credit    text `json:"credit"`
	Thumbnail text `json:"thumbnail"`
	Title     text `json:"title"`
	Alt       text `json:"alt"`
	Link      text `json:"link"`
}

type background struct {
	URL   text `json:"url"`
	Color text `json:"color"`
}

// tlDate is a TimelineJS date object; every field may be a number or text.
type tlDate struct {
	Year        text `json:"year"`
	Month       text `json:"month"`
	Day         text `json:"day"`
	Hour        text `json:"hour"`
	Minute      text `json:"minute"`
	Second      text `json:"second"`
	Millisecond text `json:"millisecond"`
	DisplayDate text `json:"display_date"`
}

// time reads the date; its precision stops at the last field given.
func (t *tlDate) time() (chrono.Time, error) {
	clock := ""
	if t.Hour != "" {
		clock = pad(string(t.Hour), 2) + ":" + pad(or(t.Minute, "0"), 2)
		if t.Second != "" || t.Millisecond != "" {
			clock += ":" + pad(or(t.Second, "0"), 2)
			if t.Millisecond != "" {
				clock += "." + pad(string(t.Millisecond), 3)
			}
		}
	}
	return chrono.FromFields(string(t.Year), string(t.Month), string(t.Day), clock)
}

// pad left-pads a clock field with zeros: "9" → "09".
func pad(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) < n {
		s = strings.Repeat("0", n-len(s)) + s
	}
	return s
}

func or(t text, def string) string {
	if s := strings.TrimSpace(string(t)); s != "" {
		return s
	}
	return def
}

// tlEvent is an event (or an era, or the title slide) of the current
// TimelineJS format.
type tlEvent struct {
	StartDate   *tlDate     `json:"start_date"`
	EndDate     *tlDate     `json:"end_date"`
	Text        slideText   `json:"text"`
	Media       *media      `json:"media"`
	Group       text        `json:"group"`
	DisplayDate text        `json:"display_date"`
	Background  *background `json:"background"`
	UniqueID    text        `json:"unique_id"`
}

// timeline reads the current format: "title", "events" and "eras".
func (d *decoder) timeline(top map[string]jsonpos.Range) error {
	if r, ok := top["title"]; ok && !d.doc.IsNull(r) {
		var title tlEvent
		if err := d.doc.Decode(r, &title); err == nil {
			d.res.Collection.Title = markup.Text(string(title.Text.Headline))
			d.res.Collection.Description = markup.Text(string(title.Text.Text))
		}
	}
	if err := d.records(top["events"], d.tlEvent("")); err != nil {
		return err
	}
	if r, ok := top["eras"]; ok {
		return d.records(r, d.tlEvent("era"))
	}
	return nil
}

// tlEvent returns the reader of one event; kind "era" marks eras, which
// load as events (on the timeline and in the list) typed "era".
func (d *decoder) tlEvent(kind string) func(jsonpos.Range) []error {
	return func(r jsonpos.Range) []error {
		var ev tlEvent
		if err := d.decode(r, &ev); err != nil {
			return []error{err}
		}
		e := event.Event{
			Title:    markup.Text(string(ev.Text.Headline)),
			Summary:  markup.Text(string(ev.Text.Text)),
			Category: strings.TrimSpace(string(ev.Group)),
		}
		if ev.UniqueID != "" {
			e.ID = string(ev.UniqueID)
		}
		var probs []error
		when, err := span(ev.StartDate, ev.EndDate)
		switch {
		case err != nil && when.IsZero():
			probs = append(probs, fmt.Errorf("%w: %q: %v (event kept undated)", ErrTime, e.Title, err))
		case err != nil:
			probs = append(probs, fmt.Errorf("%w: %q: %v", ErrTime, e.Title, err))
		}
		e.When = when
		extra := map[string]any{}
		display := ev.DisplayDate
		if display == "" && ev.StartDate != nil {
			display = ev.StartDate.DisplayDate
		}
		put(extra, "Display Date", display)
		putMedia(extra, ev.Media)
		if ev.Background != nil {
			put(extra, "Background", text(or(ev.Background.URL, string(ev.Background.Color))))
		}
		d.add(e, extra, kind)
		return probs
	}
}

// span reads start and end date objects. TimelineJS requires a start; an
// end before it is an error.
func span(start, end *tlDate) (chrono.Span, error) {
	if start == nil {
		return chrono.Span{}, fmt.Errorf("no start_date")
	}
	a, err := start.time()
	if err != nil {
		return chrono.Span{}, fmt.Errorf("start_date: %w", err)
	}
	sp := chrono.Span{Start: a}
	if end == nil || end.Year == "" {
		return sp, nil
	}
	b, err := end.time()
	if err != nil {
		return sp, fmt.Errorf("end_date: %w (end ignored)", err)
	}
	if b.EndMilli().Less(a.StartMilli()) {
		return sp, fmt.Errorf("end_date %s is before start_date %s (end ignored)", b, a)
	}
	if b != a {
		sp.End = b
	}
	return sp, nil
}

func put(m map[string]any, k string, v text) {
	if s := strings.TrimSpace(string(v)); s != "" {
		m[k] = s
	}
}

// putMedia keeps a slide's media under the sheet template's column names.
// The URL is shown as text; Meridian never loads it.
func putMedia(m map[string]any, md *media) {
	if md == nil {
		return
	}
	put(m, "Media", md.URL)
	put(m, "Media Credit", md.Credit)
	put(m, "Media Caption", text(markup.Text(string(md.Caption))))
	put(m, "Media Thumbnail", md.Thumbnail)
	put(m, "Media Title", md.Title)
	put(m, "Media Link", md.Link)
}

// v2Date is a slide of the legacy (v2) format.
type v2Date struct {
	StartDate text `json:"startDate"`
	EndDate   text `json:"endDate"`
	Headline  text `json:"headline"`
	Text      text `json:"text"`
	Tag       text `json:"tag"`
	Classname text `json:"classname"`
	Asset     *struct {
		Media     text `json:"media"`
		Thumbnail text `json:"thumbnail"`
		Credit    text `json:"credit"`
		Caption   text `json:"caption"`
	} `json:"asset"`
}

// legacy reads {"timeline": {"headline", "text", "date": [...], "era": [...]}}.
func (d *decoder) legacy(r jsonpos.Range) error {
	// A fault inside is also a fault of the whole document, which top
	// reports; what comes before it is read.
	_, tl, err := d.doc.Members(r)
	if len(tl) == 0 {
		return d.fatal(err)
	}
	var head struct {
		Headline text `json:"headline"`
		Text     text `json:"text"`
	}
	if err := d.doc.Decode(r, &head); err == nil {
		d.res.Collection.Title = markup.Text(string(head.Headline))
		d.res.Collection.Description = markup.Text(string(head.Text))
	}
	if !has(tl, "date") {
		return d.fatal(&jsonpos.Error{Pos: d.doc.Pos(r.Start, -1), Err: fmt.Errorf(`%w: "timeline" has no "date" list`, ErrShape)})
	}
	if err := d.records(tl["date"], d.v2Event("")); err != nil {
		return err
	}
	if er, ok := tl["era"]; ok {
		return d.records(er, d.v2Event("era"))
	}
	return nil
}

func (d *decoder) v2Event(kind string) func(jsonpos.Range) []error {
	return func(r jsonpos.Range) []error {
		var v v2Date
		if err := d.decode(r, &v); err != nil {
			return []error{err}
		}
		e := event.Event{
			Title:    markup.Text(string(v.Headline)),
			Summary:  markup.Text(string(v.Text)),
			Category: strings.TrimSpace(string(v.Tag)),
		}
		var probs []error
		start, err := v2Time(string(v.StartDate))
		if err != nil {
			probs = append(probs, fmt.Errorf("%w: %q: startDate: %v (event kept undated)", ErrTime, e.Title, err))
		}
		e.When.Start = start
		if strings.TrimSpace(string(v.EndDate)) != "" && err == nil {
			end, err := v2Time(string(v.EndDate))
			switch {
			case err != nil:
				probs = append(probs, fmt.Errorf("%w: %q: endDate: %v (end ignored)", ErrTime, e.Title, err))
			case end.EndMilli().Less(start.StartMilli()):
				probs = append(probs, fmt.Errorf("%w: %q: endDate %s is before startDate %s (end ignored)", ErrTime, e.Title, end, start))
			case end != start:
				e.When.End = end
			}
		}
		extra := map[string]any{}
		if a := v.Asset; a != nil {
			putMedia(extra, &media{URL: a.Media, Thumbnail: a.Thumbnail, Credit: a.Credit, Caption: a.Caption})
		}
		d.add(e, extra, kind)
		return probs
	}
}

// v2Time reads the legacy date form "YYYY,MM,DD[,hh,mm,ss]" (fields may
// be left off from the right), or any form chrono.Parse reads.
func v2Time(s string) (chrono.Time, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, ",") {
		return chrono.Parse(s)
	}
	f := strings.Split(s, ",")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	f = append(f, "", "", "", "", "", "")
	clock := ""
	if f[3] != "" {
		clock = pad(f[3], 2) + ":" + pad(or(text(f[4]), "0"), 2)
		if f[5] != "" {
			clock += ":" + pad(f[5], 2)
		}
	}
	return chrono.FromFields(f[0], f[1], f[2], clock)
}
