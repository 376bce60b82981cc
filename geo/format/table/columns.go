package table

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// role is what a column means to Meridian.
type role uint8

const (
	roleNone role = iota
	roleID
	roleTitle
	roleSummary
	rolePlace
	roleCategory
	roleLat
	roleLon
	roleWKT
	roleStart
	roleEnd
	roleYear
	roleMonth
	roleDay
	roleClock
	roleEndYear
	roleEndMonth
	roleEndDay
	roleEndClock
	roleURL
	roleOrder
	roleWeight
)

// aliases maps normalised header names (lower case, no spaces, underscores
// or hyphens) to roles. "time" is a start time unless the table has a Year
// column, when it is the time of day (TimelineJS sheets).
var aliases = map[string]role{
	"id": roleID, "title": roleTitle, "name": roleTitle, "headline": roleTitle,
	"summary": roleSummary, "description": roleSummary, "text": roleSummary,
	"place": rolePlace, "location": rolePlace, "city": rolePlace, "country": rolePlace,
	"category": roleCategory, "type": roleCategory, "group": roleCategory,
	"lat": roleLat, "latitude": roleLat, "y": roleLat, "reclat": roleLat,
	"lon": roleLon, "lng": roleLon, "long": roleLon, "longitude": roleLon, "x": roleLon, "reclong": roleLon,
	"wkt": roleWKT, "geometry": roleWKT, "geom": roleWKT, "thegeom": roleWKT,
	"start": roleStart, "date": roleStart, "time": roleStart, "datetime": roleStart, "timestamp": roleStart,
	"begin": roleStart, "when": roleStart, "startdate": roleStart,
	"end": roleEnd, "enddate": roleEnd, "until": roleEnd, "stop": roleEnd,
	"year": roleYear, "month": roleMonth, "day": roleDay,
	"endyear": roleEndYear, "endmonth": roleEndMonth, "endday": roleEndDay, "endtime": roleEndClock,
	"url": roleURL, "link": roleURL, "source": roleURL,
	"order": roleOrder, "weight": roleWeight,
}

func normalise(name string) string {
	return strings.NewReplacer(" ", "", "_", "", "-", "", "\ufeff", "").Replace(strings.ToLower(strings.TrimSpace(name)))
}

func roleOf(name string) (role, bool) {
	r, ok := aliases[normalise(name)]
	return r, ok
}

// columns knows which columns play which role. Several columns may share a
// role ("Type" and "Group" both give a category): the first non-empty cell
// of a row wins, and the others are kept as extra properties.
type columns struct {
	names []string
	index map[role][]int
}

func newColumns(header []string) columns {
	c := columns{names: header, index: map[role][]int{}}
	for i, name := range header {
		if r, ok := roleOf(name); ok {
			c.index[r] = append(c.index[r], i)
		}
	}
	// "Time" next to a "Year" column is a time of day (TimelineJS sheets).
	if _, fields := c.index[roleYear]; fields {
		for _, i := range c.index[roleStart] {
			if normalise(header[i]) == "time" {
				c.index[roleStart] = slices.DeleteFunc(c.index[roleStart], func(j int) bool { return j == i })
				c.index[roleClock] = append(c.index[roleClock], i)
			}
		}
	}
	return c
}

// usable reports whether any column carries a place, a time or a title.
func (c columns) usable() bool {
	for _, r := range []role{roleLat, roleWKT, rolePlace, roleStart, roleYear, roleTitle} {
		if len(c.index[r]) > 0 {
			return true
		}
	}
	return false
}

// cell returns the trimmed text of role r in a record, from the first of
// its columns that is not empty, and that column's index (-1 when the table
// has no such column).
func (c columns) cell(rec []string, r role) (string, int) {
	first := -1
	for _, i := range c.index[r] {
		if i >= len(rec) {
			continue
		}
		if first < 0 {
			first = i
		}
		if s := strings.TrimSpace(rec[i]); s != "" {
			return s, i
		}
	}
	return "", first
}

// cells marks the fields of a row that became event fields; the rest are
// kept as properties. (A map per row was a third of the reading time.)
type cells []bool

// mark marks field i; i is -1 for a column the table does not have.
func (u cells) mark(i int) {
	if i >= 0 && i < len(u) {
		u[i] = true
	}
}

// rowState is what filling one row reuses from the last, and where its
// problems go.
type rowState struct {
	// text keeps the cells events hold. encoding/csv returns a row's
	// fields as pieces of one string, so a kept title would keep the
	// whole line, dates and coordinates included.
	text format.Text
	used cells
	// bad reports a problem at a column of the row; lookup is called
	// with the place column when the row names a place but gives no
	// coordinates, for a gazetteer to place it later.
	bad    func(i int, err error)
	lookup func(i int)
}

// fill sets e's fields from a record.
func (c columns) fill(e *event.Event, rec []string, rs *rowState) {
	rs.used = slices.Grow(rs.used[:0], len(rec))[:len(rec)]
	clear(rs.used)
	used, bad := rs.used, rs.bad
	text := func(r role, intern bool) string {
		s, i := c.cell(rec, r)
		used.mark(i)
		return rs.text.KeepString(s, intern)
	}
	if id := text(roleID, false); id != "" {
		e.ID = id
	}
	e.Title, e.Summary = text(roleTitle, false), text(roleSummary, false)
	e.Place, e.Category = text(rolePlace, true), text(roleCategory, true)
	if u := text(roleURL, false); u != "" {
		e.SetSources([]event.Source{{URL: u}})
	}
	e.SetOrder(c.number(rec, roleOrder, used, bad))
	e.SetWeight(c.number(rec, roleWeight, used, bad))
	c.fillPlace(e, rec, used, bad, rs.lookup)
	c.fillTime(e, rec, used, bad)
	for i, v := range rec {
		if used[i] || strings.TrimSpace(v) == "" {
			continue
		}
		if e.Extra == nil {
			e.Extra = map[string]any{}
		}
		name := fmt.Sprintf("column %d", i+1)
		if i < len(c.names) && strings.TrimSpace(c.names[i]) != "" {
			name = strings.TrimSpace(strings.TrimPrefix(c.names[i], "\ufeff"))
		}
		e.Extra[name] = rs.text.KeepString(v, false)
	}
}

// number reads an optional numeric column; a cell that is not a number
// is reported and kept as a property.
func (c columns) number(rec []string, r role, used cells, bad func(int, error)) *float64 {
	s, i := c.cell(rec, r)
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		bad(i, fmt.Errorf("%w: %s %q is not a number (kept as text)", ErrSyntax, c.names[i], s))
		return nil
	}
	used.mark(i)
	return &f
}

// fillPlace reads a WKT geometry, or a latitude and a longitude. A row
// with a place name but no coordinates is reported: the event stays
// unplaced until the place can be looked up.
func (c columns) fillPlace(e *event.Event, rec []string, used cells, bad func(int, error), lookup func(int)) {
	if s, i := c.cell(rec, roleWKT); s != "" {
		g, err := wkt.Unmarshal(s)
		if err != nil {
			bad(i, fmt.Errorf("%w: %v (event kept unplaced)", ErrGeometry, err))
			return
		}
		used.mark(i)
		e.Geometry = g
		return
	}
	latS, li := c.cell(rec, roleLat)
	lonS, oi := c.cell(rec, roleLon)
	if latS == "" && lonS == "" {
		if e.Place != "" {
			_, pi := c.cell(rec, rolePlace)
			lookup(pi)
		}
		return
	}
	lat, err1 := coordinate(latS, 90)
	lon, err2 := coordinate(lonS, 180)
	switch {
	case err1 != nil:
		bad(li, fmt.Errorf("%w: latitude %q: %v (event kept unplaced)", ErrCoordinate, latS, err1))
	case err2 != nil:
		bad(oi, fmt.Errorf("%w: longitude %q: %v (event kept unplaced)", ErrCoordinate, lonS, err2))
	default:
		used.mark(li)
		used.mark(oi)
		e.Geometry = orb.Point{lon, lat}
	}
}

// coordinate parses a decimal degree within ±limit; a decimal comma (as
// semicolon-separated European files write) is accepted.
func coordinate(s string, limit float64) (float64, error) {
	if s == "" {
		return 0, fmt.Errorf("missing")
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	switch {
	case err != nil:
		return 0, fmt.Errorf("not a number")
	case math.IsNaN(f) || math.Abs(f) > limit:
		return 0, fmt.Errorf("outside ±%v", limit)
	}
	return f, nil
}

// fillTime reads the start and end, from single date columns or from
// Year/Month/Day/Time fields.
func (c columns) fillTime(e *event.Event, rec []string, used cells, bad func(int, error)) {
	start, si, err := c.when(rec, roleStart, roleYear, roleMonth, roleDay, roleClock)
	if err != nil {
		bad(si, fmt.Errorf("%w: %v (event kept undated; the text is kept)", ErrTime, err))
	} else if !start.IsZero() {
		c.markTime(used, rec, roleStart, roleYear, roleMonth, roleDay, roleClock)
		e.When = start
	}
	end, ei, err := c.when(rec, roleEnd, roleEndYear, roleEndMonth, roleEndDay, roleEndClock)
	switch {
	case err != nil:
		bad(ei, fmt.Errorf("%w: end: %v (end ignored; the text is kept)", ErrTime, err))
	case end.Open && !e.When.Start.IsZero():
		c.markTime(used, rec, roleEnd, roleEndYear, roleEndMonth, roleEndDay, roleEndClock)
		e.When.Open = true
	case end.Start.IsZero():
	case !e.When.Start.IsZero() && end.Start.EndMilli().Less(e.When.Start.StartMilli()):
		bad(ei, fmt.Errorf("%w: end %s is before start %s (end ignored)", ErrTime, end.Start.ISO(), e.When.Start.ISO()))
	default:
		c.markTime(used, rec, roleEnd, roleEndYear, roleEndMonth, roleEndDay, roleEndClock)
		t := end.Start
		if !end.End.IsZero() {
			t = end.End
		}
		if t != e.When.Start {
			e.When.End = t
		}
	}
}

func (c columns) markTime(used cells, rec []string, roles ...role) {
	for _, r := range roles {
		if _, i := c.cell(rec, r); i >= 0 {
			used.mark(i)
		}
	}
}

// when reads a time from a date column, or from field columns when the
// table has a year column. It returns the column to blame for an error.
func (c columns) when(rec []string, date, year, month, day, clock role) (chrono.Span, int, error) {
	if y, yi := c.cell(rec, year); yi >= 0 {
		m, _ := c.cell(rec, month)
		d, _ := c.cell(rec, day)
		t, _ := c.cell(rec, clock)
		if y == "" && m == "" && d == "" && t == "" {
			return chrono.Span{}, yi, nil
		}
		tm, err := chrono.FromFields(y, m, d, t)
		return chrono.Span{Start: tm}, yi, err
	}
	s, i := c.cell(rec, date)
	if s == "" {
		return chrono.Span{}, i, nil
	}
	switch strings.ToLower(s) {
	case "..", "present", "ongoing", "now":
		return chrono.Span{Open: true}, i, nil
	}
	sp, err := parseDate(s)
	return sp, i, err
}
