// Package synth generates deterministic, realistic-looking event data for
// benchmarks and load tests: events clustered around real cities (weighted
// by population), a mix of instants, spans, month- and year-precision dates
// and ongoing events over several years, categories, titles, places,
// summaries and source links. The same seed always gives the same bytes,
// so a benchmark file never needs to be committed.
package synth

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"time"

	"github.com/meridian-app/meridian/geo/gazetteer"
)

// ErrOptions marks options that cannot generate data.
var ErrOptions = errors.New("synth: bad options")

// Options says how much data to make and from which seed.
type Options struct {
	N    int    // number of events
	Seed uint64 // the same seed gives the same data
	// Cities is how many of the most populous gazetteer places events
	// cluster around; 0 means 3,000.
	Cities int
	// From and Years bound the dates: events start in [From, From+Years).
	// Zero values mean 1 January 2014 and 8 years.
	From  time.Time
	Years int
}

// Event is one generated record, before it is written in a format.
type Event struct {
	ID       string
	Title    string
	Summary  string
	Place    string
	Category string
	Start    string // a Meridian time: "2016-09-05", "2016-09", "2016", "2016-09-05T14:30Z"
	End      string // "" for an instant, "present" for an ongoing span
	Lon, Lat float64
	URL      string // "" for most events
}

// Categories are the kinds of event generated, in the proportions of
// categoryWeights.
var Categories = []string{"conflict", "protest", "diplomacy", "disaster", "election", "health", "sport", "culture"}

var categoryWeights = []float64{0.22, 0.18, 0.10, 0.12, 0.08, 0.10, 0.10, 0.10}

// titles and summaries per category; %s is the place.
var titles = [][]string{
	{"Clashes near %s", "Shelling reported in %s", "Checkpoint attacked outside %s", "Airstrike on %s outskirts"},
	{"Protest in %s", "March through central %s", "Strike closes port of %s", "Sit-in outside %s city hall"},
	{"Talks held in %s", "Envoys meet in %s", "Trade agreement signed in %s", "Summit opens in %s"},
	{"Flooding in %s", "Earthquake felt in %s", "Wildfire near %s", "Storm damage in %s"},
	{"Election rally in %s", "Polls open in %s", "Recount ordered in %s", "Candidates debate in %s"},
	{"Vaccination drive in %s", "Hospital opens in %s", "Outbreak reported in %s", "Clinic overwhelmed in %s"},
	{"Final played in %s", "Marathon runs through %s", "Stadium opens in %s", "Cup tie in %s"},
	{"Festival opens in %s", "Museum reopens in %s", "Film premiere in %s", "Book fair in %s"},
}

var summaries = []string{
	"Local officials in %s confirmed the reports; %d people were involved, according to witnesses.",
	"Reporters in %s counted about %d people. Authorities gave no figure.",
	"The event in %s drew some %d people, organisers said, more than a year earlier.",
	"Accounts from %s differ: one agency put the number at %d, another at half that.",
}

// city is a place events cluster around, with its spread in degrees.
type city struct {
	name     string
	lon, lat float64
	spread   float64
}

// Generator yields events one at a time, so that a million can be written
// without holding them.
type Generator struct {
	o       Options
	rnd     *rand.Rand
	cities  []city
	cum     []float64 // cumulative city weights
	catCum  []float64
	from    int64 // Unix seconds
	seconds int64 // length of the date range
	next    int
}

// New prepares a generator over the embedded gazetteer's largest places.
func New(o Options) (*Generator, error) {
	if o.N < 0 {
		return nil, fmt.Errorf("%w: n = %d", ErrOptions, o.N)
	}
	if o.Cities <= 0 {
		o.Cities = 3000
	}
	if o.From.IsZero() {
		o.From = time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if o.Years <= 0 {
		o.Years = 8
	}
	gz, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	places := slices.Clone(gz.Places())
	slices.SortStableFunc(places, func(a, b gazetteer.Place) int { return b.Population - a.Population })
	places = places[:min(o.Cities, len(places))]
	g := &Generator{o: o, rnd: rand.New(rand.NewPCG(o.Seed, o.Seed^0x9e3779b97f4a7c15))}
	total := 0.0
	for _, p := range places {
		// Weight by population^0.7: big cities dominate, as in news data,
		// without swallowing everything.
		total += math.Pow(float64(max(p.Population, 1000)), 0.7)
		g.cum = append(g.cum, total)
		spread := 0.02 + 0.4*math.Pow(g.rnd.Float64(), 3)
		g.cities = append(g.cities, city{p.Name, p.Lon, p.Lat, spread})
	}
	if len(g.cities) == 0 {
		return nil, fmt.Errorf("%w: the gazetteer has no places", ErrOptions)
	}
	total = 0
	for _, w := range categoryWeights {
		total += w
		g.catCum = append(g.catCum, total)
	}
	g.from = o.From.Unix()
	g.seconds = o.From.AddDate(o.Years, 0, 0).Unix() - g.from
	return g, nil
}

// pick returns an index into cum, chosen in proportion to its steps.
func (g *Generator) pick(cum []float64) int {
	x := g.rnd.Float64() * cum[len(cum)-1]
	i, _ := slices.BinarySearch(cum, x)
	return min(i, len(cum)-1)
}

// Next returns the next event, and false after N.
func (g *Generator) Next() (Event, bool) {
	if g.next >= g.o.N {
		return Event{}, false
	}
	g.next++
	c := g.cities[g.pick(g.cum)]
	cat := g.pick(g.catCum)
	e := Event{ID: "e" + strconv.Itoa(g.next), Place: c.name, Category: Categories[cat]}
	ts := titles[cat]
	e.Title = fmt.Sprintf(ts[g.rnd.IntN(len(ts))], c.name)
	e.Summary = fmt.Sprintf(summaries[g.rnd.IntN(len(summaries))], c.name, 20+g.rnd.IntN(5000))
	e.Lat = math.Max(-84, math.Min(84, c.lat+g.rnd.NormFloat64()*c.spread))
	e.Lon = c.lon + g.rnd.NormFloat64()*c.spread*1.3
	if e.Lon > 180 {
		e.Lon -= 360
	} else if e.Lon < -180 {
		e.Lon += 360
	}
	e.Start, e.End = g.when()
	if g.rnd.IntN(10) == 0 {
		e.URL = "https://news.example.org/" + e.Category + "/" + e.ID
	}
	return e, true
}

// when draws a time: mostly days, some moments, spans of days to months,
// months, years and ongoing spans.
func (g *Generator) when() (start, end string) {
	t := time.Unix(g.from+g.rnd.Int64N(g.seconds), 0).UTC()
	switch x := g.rnd.Float64(); {
	case x < 0.50:
		return t.Format("2006-01-02"), ""
	case x < 0.65:
		return t.Format("2006-01-02T15:04Z"), ""
	case x < 0.87:
		days := 1 + int(math.Exp(g.rnd.Float64()*math.Log(120)))
		return t.Format("2006-01-02"), t.AddDate(0, 0, days).Format("2006-01-02")
	case x < 0.94:
		return t.Format("2006-01"), ""
	case x < 0.97:
		return t.Format("2006"), ""
	}
	return t.Format("2006-01-02"), "present"
}

// WriteGeoJSON writes n events as a Meridian GeoJSON FeatureCollection,
// one feature a line.
func WriteGeoJSON(w io.Writer, o Options) error {
	g, err := New(o)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "{\"type\":\"FeatureCollection\",\"title\":\"Synthetic events (%d, seed %d)\",\"features\":[\n", o.N, o.Seed)
	buf := make([]byte, 0, 512)
	for i := 0; ; i++ {
		e, ok := g.Next()
		if !ok {
			break
		}
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, ",\n"...)
		}
		buf = appendFeature(buf, &e)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	bw.WriteString("\n]}\n")
	return bw.Flush()
}

func appendFeature(b []byte, e *Event) []byte {
	b = append(b, `{"type":"Feature","id":`...)
	b = strconv.AppendQuote(b, e.ID)
	b = append(b, `,"geometry":{"type":"Point","coordinates":[`...)
	b = strconv.AppendFloat(b, e.Lon, 'f', 5, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, e.Lat, 'f', 5, 64)
	b = append(b, `]},"properties":{"title":`...)
	b = strconv.AppendQuote(b, e.Title)
	b = append(b, `,"start":`...)
	b = strconv.AppendQuote(b, e.Start)
	if e.End != "" {
		b = append(b, `,"end":`...)
		b = strconv.AppendQuote(b, e.End)
	}
	b = append(b, `,"category":`...)
	b = strconv.AppendQuote(b, e.Category)
	b = append(b, `,"place":`...)
	b = strconv.AppendQuote(b, e.Place)
	b = append(b, `,"summary":`...)
	b = strconv.AppendQuote(b, e.Summary)
	if e.URL != "" {
		b = append(b, `,"sources":[{"url":`...)
		b = strconv.AppendQuote(b, e.URL)
		b = append(b, "}]"...)
	}
	return append(b, "}}"...)
}

// CSVHeader is the header row WriteCSV writes: names Meridian's table
// importer (and spreadsheet users) recognise.
var CSVHeader = []string{"id", "title", "start", "end", "latitude", "longitude", "place", "category", "summary", "url"}

// WriteCSV writes n events as a CSV table with a header row.
func WriteCSV(w io.Writer, o Options) error {
	g, err := New(o)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w) // buffered itself
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	rec := make([]string, len(CSVHeader))
	for {
		e, ok := g.Next()
		if !ok {
			break
		}
		rec[0], rec[1], rec[2], rec[3] = e.ID, e.Title, e.Start, e.End
		rec[4], rec[5] = strconv.FormatFloat(e.Lat, 'f', 5, 64), strconv.FormatFloat(e.Lon, 'f', 5, 64)
		rec[6], rec[7], rec[8], rec[9] = e.Place, e.Category, e.Summary, e.URL
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
