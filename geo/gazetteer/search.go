package gazetteer

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"
)

// Match is one place found for a query.
type Match struct {
	Place *Place
	Exact bool // the whole query is one of the place's names, not just a prefix of one
}

// Options narrow or order a search.
type Options struct {
	// Countries are ISO codes to prefer: a place in one of them comes
	// before an equally exact match elsewhere (Douma in Syria when the text
	// is about Syria).
	Countries []string
	// Only, if set, keeps places in this country alone.
	Only string
	// Limit caps the matches (10 if zero).
	Limit int
}

// Search finds places whose name, or any alternate name, starts with q
// once both are folded: exact matches first, then places in the preferred
// countries, then by population. It visits each candidate name once and
// keeps only the best Limit, so a one-letter prefix costs well under a
// millisecond (BenchmarkSearch).
func (g *Gazetteer) Search(q string, o Options) []Match {
	f := searchKey(q)
	if f == "" {
		return nil
	}
	limit := o.Limit
	if limit <= 0 {
		limit = 10
	}
	t := topK{limit: limit, prefer: o.Countries}
	lo := sort.Search(len(g.keys), func(i int) bool { return g.keys[i].fold >= f })
	for i := lo; i < len(g.keys) && strings.HasPrefix(g.keys[i].fold, f); i++ {
		k := g.keys[i]
		p := &g.places[k.place]
		if o.Only != "" && p.Country != o.Only {
			continue
		}
		// Keys equal to f sort before longer ones, so a place's exact key
		// is always offered before its prefix keys.
		t.offer(cand{place: k.place, exact: len(k.fold) == len(f), pref: t.prefers(p.Country)}, g)
	}
	out := make([]Match, len(t.c))
	for i, c := range t.c {
		out[i] = Match{Place: &g.places[c.place], Exact: c.exact}
	}
	return out
}

type cand struct {
	place int32 // index into places: smaller is more populous
	exact bool
	pref  bool
}

// better orders candidates: exact, then preferred country, then population.
func (a cand) better(b cand) bool {
	if a.exact != b.exact {
		return a.exact
	}
	if a.pref != b.pref {
		return a.pref
	}
	return a.place < b.place
}

// topK keeps the best few candidates, one per place, in order.
type topK struct {
	limit  int
	prefer []string
	c      []cand
}

func (t *topK) prefers(cc string) bool {
	for _, p := range t.prefer {
		if strings.EqualFold(p, cc) {
			return true
		}
	}
	return false
}

func (t *topK) offer(c cand, g *Gazetteer) {
	for _, have := range t.c {
		if have.place == c.place {
			return // an earlier key of this place was at least as good
		}
	}
	if len(t.c) == t.limit && !c.better(t.c[len(t.c)-1]) {
		return
	}
	i := sort.Search(len(t.c), func(i int) bool { return c.better(t.c[i]) })
	if len(t.c) < t.limit {
		t.c = append(t.c, cand{})
	}
	copy(t.c[i+1:], t.c[i:])
	t.c[i] = c
}

// Certainty says how sure a geocoding is.
type Certainty uint8

const (
	NotFound  Certainty = iota // no place has this name
	Exact                      // one place has this name
	InContext                  // several do; one is in the preferred countries
	Ambiguous                  // several do; the most populous was picked
)

func (c Certainty) String() string {
	return [...]string{"not found", "exact", "chosen by context", "ambiguous"}[c]
}

// Geocoded is the result of placing a name.
type Geocoded struct {
	Place      *Place // nil when NotFound
	Certainty  Certainty
	Candidates int // places with this exact name
}

// Geocode places a name as written in data: "Douma", "Douma, Syria",
// "Damascus, SY". Only whole-name matches count: a prefix is a guess, not a
// place. countries are preferred, as in Search.
func (g *Gazetteer) Geocode(name string, countries []string) Geocoded {
	only := ""
	if i := strings.LastIndexByte(name, ','); i > 0 {
		if cc := CountryCode(name[i+1:]); cc != "" {
			name, only = name[:i], cc
		}
	}
	ps := g.Exact(name)
	if only != "" {
		ps = slices.DeleteFunc(ps, func(p *Place) bool { return p.Country != only })
	}
	return Choose(ps, countries)
}

// Choose picks the place a name means among places that share it (most
// populous first, as Exact returns them): the only one, or the most
// populous in the first of countries (in order of preference) that has
// one, or else the most populous of all. The certainty says which.
func Choose(places []*Place, countries []string) Geocoded {
	switch len(places) {
	case 0:
		return Geocoded{}
	case 1:
		return Geocoded{places[0], Exact, 1}
	}
	for _, cc := range countries {
		var in []*Place
		for _, p := range places {
			if strings.EqualFold(p.Country, cc) {
				in = append(in, p)
			}
		}
		switch {
		case len(in) == 1:
			return Geocoded{in[0], InContext, len(places)}
		case len(in) > 1:
			return Geocoded{in[0], Ambiguous, len(places)}
		}
	}
	return Geocoded{places[0], Ambiguous, len(places)}
}

// Nearest returns the place closest to a point, if one lies within maxKm.
// It looks through every place: fine for one point, too slow for a million
// (callers sample).
func (g *Gazetteer) Nearest(lat, lon, maxKm float64) *Place {
	var best *Place
	bestD := maxKm
	for i := range g.places {
		p := &g.places[i]
		if math.Abs(p.Lat-lat)*111 > bestD {
			continue
		}
		if d := distanceKm(lat, lon, p.Lat, p.Lon); d <= bestD {
			best, bestD = p, d
		}
	}
	return best
}

// distanceKm is the great-circle distance on a sphere of the Earth's mean radius.
func distanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	φ1, φ2 := lat1*math.Pi/180, lat2*math.Pi/180
	dφ, dλ := φ2-φ1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dφ/2)*math.Sin(dφ/2) + math.Cos(φ1)*math.Cos(φ2)*math.Sin(dλ/2)*math.Sin(dλ/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(a)))
}

// Countries names the countries points lie in or near (a place within
// 150 km), most frequent first, leaving out those with under a tenth of
// the located points: the context that Search and Geocode prefer. Pass a
// sample (a few hundred points); each costs a scan of the places.
func (g *Gazetteer) Countries(pts []orb.Point) []string {
	count := map[string]int{}
	located := 0
	for _, p := range pts {
		if near := g.Nearest(p[1], p[0], 150); near != nil {
			count[near.Country]++
			located++
		}
	}
	var out []string
	for cc, n := range count {
		if n*10 >= located {
			out = append(out, cc)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	return out
}

// Exact returns every place one of whose names is name (as search keys
// compare: folded, article and -ah spellings alike), most populous first.
func (g *Gazetteer) Exact(name string) []*Place {
	f := searchKey(name)
	if f == "" {
		return nil
	}
	var out []*Place
	lo := sort.Search(len(g.keys), func(i int) bool { return g.keys[i].fold >= f })
	for i := lo; i < len(g.keys) && g.keys[i].fold == f; i++ {
		p := &g.places[g.keys[i].place]
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *Place) int { return b.Population - a.Population })
	return out
}
