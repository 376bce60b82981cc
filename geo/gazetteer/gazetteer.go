// Package gazetteer finds places by name with no network: an extract of
// GeoNames (cities with 15,000 people or more, capitals and first-level
// admin seats, with their Latin, Arabic and Chinese names) is embedded in
// the binary and searched by folded name or prefix.
package gazetteer

import (
	"bufio"
	"bytes"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/meridian-app/meridian/assets"
)

// ErrData wraps a gazetteer file that cannot be read.
var ErrData = errors.New("gazetteer: bad data")

// Kind ranks a place's administrative role; capitals outrank seats.
type Kind uint8

const (
	Town      Kind = iota // a populated place
	AdminSeat             // seat of a first-level division (a province, a state)
	Capital               // a country's capital
)

// Place is one GeoNames populated place.
type Place struct {
	ID         int     // GeoNames geonameid
	Name       string  // the GeoNames name, in Latin script
	Local      string  // the name in the country's own script (Arabic, Chinese), if not Latin
	Lat, Lon   float64 // WGS 84
	Country    string  // ISO 3166-1 alpha-2
	Admin1     string  // GeoNames first-level division code ("MD", "08")
	Population int
	Kind       Kind
	Alt        []string // other names: Latin spellings, Arabic, Chinese
}

// Label is how a place is told apart in a list: "Damascus, Syria", or
// "Damascus, MD, United States" where the division code is a word.
func (p *Place) Label() string {
	c := CountryName(p.Country)
	if p.Admin1 != "" && isLetters(p.Admin1) {
		return p.Name + ", " + p.Admin1 + ", " + c
	}
	return p.Name + ", " + c
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// key is one searchable name of one place.
type key struct {
	fold  string
	place int32
}

// Gazetteer is a read-only set of places, safe for concurrent use.
type Gazetteer struct {
	places []Place // by population, largest first
	keys   []key   // by fold
}

// Places returns every place, largest population first. The caller must
// not modify them.
func (g *Gazetteer) Places() []Place { return g.places }

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, read on first use (about a tenth
// of a second; see BenchmarkLoad).
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = Read(bytes.NewReader(assets.Gazetteer))
	})
	return defaultGaz, defaultErr
}

// Read reads a gazetteer written by Write (gzipped, one place a line).
func Read(r io.Reader) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrData, err)
	}
	g := &Gazetteer{}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		p, err := parseLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrData, line, err)
		}
		g.places = append(g.places, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrData, err)
	}
	byPopulation(g.places)
	g.index()
	return g, nil
}

// byPopulation sorts places largest first, ties by GeoNames ID, so a place's
// index is its rank.
func byPopulation(ps []Place) {
	slices.SortFunc(ps, func(a, b Place) int {
		if a.Population != b.Population {
			return b.Population - a.Population
		}
		return a.ID - b.ID
	})
}

// New builds a gazetteer from places (for tests and the generator).
func New(places []Place) *Gazetteer {
	g := &Gazetteer{places: slices.Clone(places)}
	byPopulation(g.places)
	g.index()
	return g
}

// index folds every name once; a place's spellings that fold alike share a key.
func (g *Gazetteer) index() {
	n := 0
	for i := range g.places {
		n += 2 + len(g.places[i].Alt)
	}
	g.keys = make([]key, 0, n)
	for i := range g.places {
		p := &g.places[i]
		first := len(g.keys)
		add := func(name string) {
			f := searchKey(name)
			if f == "" {
				return
			}
			for _, k := range g.keys[first:] {
				if k.fold == f {
					return
				}
			}
			g.keys = append(g.keys, key{f, int32(i)})
		}
		add(p.Name)
		add(p.Local)
		for _, a := range p.Alt {
			add(a)
		}
	}
	slices.SortFunc(g.keys, func(a, b key) int {
		if c := strings.Compare(a.fold, b.fold); c != 0 {
			return c
		}
		return int(a.place - b.place)
	})
}

// Fields of one line: id, name, local, lat, lon, country, admin1,
// population, kind (T, A, C), alternate names joined by ';'.
const nfields = 10

func parseLine(s string) (Place, error) {
	f := strings.Split(s, "\t")
	if len(f) != nfields {
		return Place{}, fmt.Errorf("%d fields, want %d", len(f), nfields)
	}
	var p Place
	var err error
	num := func(s string) float64 {
		v, e := strconv.ParseFloat(s, 64)
		err = cmpErr(err, e)
		return v
	}
	p.ID = int(num(f[0]))
	p.Name, p.Local = f[1], f[2]
	p.Lat, p.Lon = num(f[3]), num(f[4])
	p.Country, p.Admin1 = f[5], f[6]
	p.Population = int(num(f[7]))
	switch f[8] {
	case "C":
		p.Kind = Capital
	case "A":
		p.Kind = AdminSeat
	}
	if f[9] != "" {
		p.Alt = strings.Split(f[9], ";")
	}
	return p, err
}

func cmpErr(old, e error) error {
	if old != nil {
		return old
	}
	return e
}

// Write writes places in the format Read reads. Lines go by country, then
// south to north: neighbours share digits, which gzip packs a sixth smaller
// than in population order.
func Write(w io.Writer, places []Place) error {
	places = slices.Clone(places)
	slices.SortFunc(places, func(a, b Place) int {
		if c := strings.Compare(a.Country, b.Country); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Lat, b.Lat); c != 0 {
			return c
		}
		return a.ID - b.ID
	})
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	for _, p := range places {
		kind := "T"
		switch p.Kind {
		case Capital:
			kind = "C"
		case AdminSeat:
			kind = "A"
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", p.ID, p.Name, p.Local,
			strconv.FormatFloat(p.Lat, 'f', -1, 64), strconv.FormatFloat(p.Lon, 'f', -1, 64),
			p.Country, p.Admin1, p.Population, kind, strings.Join(p.Alt, ";"))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}
