package app

import (
	"fmt"
	"sort"
	"strings"

	"github.com/meridian-app/meridian/geo/event"
)

// detailMarkdown writes what the detail panel shows for e: title, date at
// its own precision, place, coordinates, category, the summary as the
// source wrote it (Markdown), sources, and every other property. Times are
// shown in the zone the source gave, or in UTC when utc is set.
func detailMarkdown(e *event.Event, utc bool) string {
	var b strings.Builder
	title := e.Title
	if title == "" {
		title = "(untitled event)"
	}
	fmt.Fprintf(&b, "## %s\n\n", escape(title))
	fmt.Fprintf(&b, "**When:** %s\n\n", escape(spanText(e.When, utc)))
	if e.Place != "" {
		fmt.Fprintf(&b, "**Place:** %s\n\n", escape(e.Place))
	}
	if p, ok := e.Anchor(); ok {
		fmt.Fprintf(&b, "**Coordinates:** %s\n\n", coords(p[1], p[0]))
	} else {
		b.WriteString("**Coordinates:** not placed\n\n")
	}
	if e.Category != "" {
		fmt.Fprintf(&b, "**Category:** %s\n\n", escape(e.Category))
	}
	if e.Summary != "" {
		b.WriteString("---\n\n" + e.Summary + "\n\n")
	}
	if len(e.Sources()) > 0 {
		b.WriteString("### Sources\n\n")
		for _, s := range e.Sources() {
			b.WriteString("- " + escape(sourceLine(s)) + "\n")
		}
		b.WriteString("\n")
	}
	if len(e.Extra) > 0 {
		b.WriteString("### More\n\n")
		keys := make([]string, 0, len(e.Extra))
		for k := range e.Extra {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "- **%s:** %s\n", escape(k), escape(fmt.Sprint(e.Extra[k])))
		}
	}
	return b.String()
}

// sourceLine writes a source as one line of plain text; its URL is shown
// so the reader can copy it, and never opened or fetched by Meridian.
func sourceLine(s event.Source) string {
	parts := []string{}
	for _, p := range []string{s.Title, s.Publisher, s.Date} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	line := strings.Join(parts, " — ")
	if s.URL != "" {
		line += " <" + s.URL + ">"
	}
	return line
}

func coords(lat, lon float64) string {
	ns, ew := "N", "E"
	if lat < 0 {
		ns, lat = "S", -lat
	}
	if lon < 0 {
		ew, lon = "W", -lon
	}
	return fmt.Sprintf("%.5f° %s, %.5f° %s", lat, ns, lon, ew)
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "#", `\#`, "<", `\<`, ">", `\>`)

// escape keeps text from the data from being read as Markdown.
func escape(s string) string { return mdEscaper.Replace(s) }
