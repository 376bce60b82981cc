package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/meridian-app/meridian/geo/gazetteer"
)

// Geocode implements "meridian geocode [--country CC] [-n N] NAME...": it
// prints the embedded gazetteer's ranked matches for a place name, one a
// line, as "rank. Name, Country  lat,lon  population  [names]". The words
// after the flags form one name, so "meridian geocode New York" works.
// Finding nothing is an error (exit status 1).
func Geocode(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("geocode", flag.ContinueOnError)
	fs.SetOutput(stderr)
	country := fs.String("country", "", "prefer places in this country (code or name)")
	n := fs.Int("n", 10, "at most this many matches")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	name := strings.Join(pos, " ")
	if strings.TrimSpace(name) == "" || *n <= 0 {
		return fmt.Errorf("%w: meridian geocode [--country CC] [-n N] NAME", ErrUsage)
	}
	var prefer []string
	if *country != "" {
		cc := gazetteer.CountryCode(*country)
		if cc == "" {
			return fmt.Errorf("%w: unknown country %q", ErrUsage, *country)
		}
		prefer = []string{cc}
	}
	g, err := gazetteer.Default()
	if err != nil {
		return err
	}
	ms := g.Search(name, gazetteer.Options{Countries: prefer, Limit: *n})
	if len(ms) == 0 {
		return fmt.Errorf("no place matches %q", name)
	}
	for i, m := range ms {
		fmt.Fprintln(stdout, matchLine(i+1, m))
	}
	return nil
}

func matchLine(rank int, m gazetteer.Match) string {
	p := m.Place
	var b strings.Builder
	fmt.Fprintf(&b, "%d. %s  %.5f,%.5f  pop %d", rank, p.Label(), p.Lat, p.Lon, p.Population)
	switch p.Kind {
	case gazetteer.Capital:
		b.WriteString("  capital")
	case gazetteer.AdminSeat:
		b.WriteString("  admin seat")
	}
	if !m.Exact {
		b.WriteString("  (prefix)")
	}
	if p.Local != "" {
		fmt.Fprintf(&b, "  %s", p.Local)
	}
	fmt.Fprintf(&b, "  geonames:%d", p.ID)
	return b.String()
}
