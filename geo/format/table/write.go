package table

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// fixed are the columns Write always puts first, under the names Decode
// reads back.
var fixed = []string{"id", "title", "start", "end", "lat", "lon", "wkt", "place", "category", "summary", "url", "order", "weight"}

// Write saves the collection as CSV: one row per event, a point as lat and
// lon, any other geometry as WKT, times as ISO 8601 at their own precision
// ("2016-09", "-0043-03-15"), an ongoing end as "..", and every other
// property in a column of its own, named as in the source. Decode reads
// the file back; sources beyond the first URL and nested values are
// flattened, so CSV is for spreadsheets, and Meridian GeoJSON for keeping
// everything.
func Write(w io.Writer, c *event.Collection) error {
	extra := extraColumns(c)
	cw := csv.NewWriter(w)
	if err := cw.Write(append(slices.Clone(fixed), extra...)); err != nil {
		return err
	}
	row := make([]string, len(fixed)+len(extra))
	for i := range c.Events {
		fill(row, &c.Events[i], extra)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// extraColumns returns the union of the events' extra property names,
// sorted. A name that reads back as a fixed column's role ("Type" is a
// category) comes after that column, so it only fills the role when the
// fixed cell is empty, and is otherwise kept as a property again.
func extraColumns(c *event.Collection) []string {
	seen := map[string]bool{}
	for i := range c.Events {
		for k := range c.Events[i].Extra {
			seen[k] = true
		}
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func fill(row []string, e *event.Event, extra []string) {
	clear(row)
	if e.ID != nil {
		row[0] = fmt.Sprint(e.ID)
	}
	row[1] = e.Title
	row[2] = e.When.Start.ISO()
	switch {
	case e.When.Open:
		row[3] = ".."
	case !e.When.End.IsZero():
		row[3] = e.When.End.ISO()
	}
	switch g := e.Geometry.(type) {
	case nil:
	case orb.Point:
		row[4], row[5] = num(g[1]), num(g[0])
	default:
		row[6] = wkt.MarshalString(g)
	}
	row[7], row[8], row[9] = e.Place, e.Category, e.Summary
	for _, s := range e.Sources() {
		if s.URL != "" {
			row[10] = s.URL
			break
		}
	}
	if e.Order() != nil {
		row[11] = num(*e.Order())
	}
	if e.Weight() != nil {
		row[12] = num(*e.Weight())
	}
	for j, k := range extra {
		if v, ok := e.Extra[k]; ok && v != nil {
			row[len(fixed)+j] = cellText(v)
		}
	}
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// cellText writes a property value: text as is, lists joined with "; ".
func cellText(v any) string {
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, x := range list {
			parts[i] = cellText(x)
		}
		return strings.Join(parts, "; ")
	}
	return fmt.Sprint(v)
}
