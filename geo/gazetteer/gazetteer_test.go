package gazetteer

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func embedded(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestSearchSpellingsAndScripts(t *testing.T) {
	g := embedded(t)
	for _, tc := range []struct {
		q      string
		wantID int
	}{
		{"Tartous", 163345},
		{"Tartus", 163345},
		{"Ţarţūs", 163345},
		{"TARTUS", 163345},
		{"طرطوس", 163345},
		{"Douma", 170592},
		{"Dūmā", 170592},
		{"Damascus", 170654},
		{"دمشق", 170654},
		{"大马士革", 170654},
		{"Hangzhou", 1808926},
		{"杭州", 1808926},
		{"Aleppo", 170063},
		{"حلب", 170063},
		{"Halab", 170063},
	} {
		m := g.Search(tc.q, Options{})
		if len(m) == 0 {
			t.Errorf("%s: no match", tc.q)
			continue
		}
		if m[0].Place.ID != tc.wantID || !m[0].Exact {
			t.Errorf("%s: first match %d %s (exact %v), want %d", tc.q, m[0].Place.ID, m[0].Place.Label(), m[0].Exact, tc.wantID)
		}
	}
}

func TestSearchRanking(t *testing.T) {
	g := embedded(t)
	m := g.Search("Damascus", Options{})
	if len(m) < 2 {
		t.Fatalf("Damascus: %d matches, want Syria's and Maryland's", len(m))
	}
	if got := m[0].Place.Label(); got != "Damascus, Syria" {
		t.Errorf("first Damascus = %q", got)
	}
	if got := m[1].Place.Label(); got != "Damascus, MD, United States" {
		t.Errorf("second Damascus = %q", got)
	}
	// A prefix finds places as you type, the most populous first, and an
	// exact name beats a longer one that merely starts with it.
	m = g.Search("tart", Options{})
	if got := labels(m); len(got) < 2 || got[0] != "Tartu, Estonia" || got[1] != "Ţarţūs, Syria" {
		t.Errorf("tart: %v", got)
	}
	m = g.Search("tarto", Options{})
	if len(m) == 0 || m[0].Place.ID != 163345 {
		t.Errorf("tarto: %v", labels(m))
	}
	m = g.Search("Homs", Options{Limit: 3})
	if len(m) == 0 || !m[0].Exact || m[0].Place.Country != "SY" {
		t.Errorf("Homs: %v", labels(m))
	}
	if m := g.Search("Damascus", Options{Only: "US"}); len(m) != 1 || m[0].Place.Country != "US" {
		t.Errorf("Damascus in US only: %v", labels(m))
	}
	if m := g.Search("   ", Options{}); m != nil {
		t.Errorf("blank query matched %v", labels(m))
	}
	if m := g.Search("Xyzzyplugh", Options{}); len(m) != 0 {
		t.Errorf("nonsense matched %v", labels(m))
	}
}

func labels(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Place.Label())
	}
	return out
}

// Two places share a name; the context decides, else population does.
func TestContextPreference(t *testing.T) {
	g := New([]Place{
		{ID: 1, Name: "Dūmā", Country: "PS", Population: 90000},
		{ID: 2, Name: "Dūmā", Country: "SY", Population: 40000, Alt: []string{"Douma"}},
		{ID: 3, Name: "Dumaguete", Country: "PH", Population: 130000},
	})
	if m := g.Search("Duma", Options{}); m[0].Place.ID != 1 || m[1].Place.ID != 2 || m[2].Place.ID != 3 {
		t.Errorf("no context: %v", labels(m))
	}
	if m := g.Search("Duma", Options{Countries: []string{"SY"}}); m[0].Place.ID != 2 {
		t.Errorf("Syria context: %v", labels(m))
	}
	for _, tc := range []struct {
		name    string
		ctx     []string
		wantID  int
		certain Certainty
	}{
		{"Douma", nil, 2, Exact},
		{"Duma", nil, 1, Ambiguous},
		{"Duma", []string{"SY"}, 2, InContext},
		{"Duma, Syria", nil, 2, Exact},
		{"Duma, SY", nil, 2, Exact},
		{"Dumag", nil, 0, NotFound},
	} {
		got := g.Geocode(tc.name, tc.ctx)
		id := 0
		if got.Place != nil {
			id = got.Place.ID
		}
		if id != tc.wantID || got.Certainty != tc.certain {
			t.Errorf("Geocode(%q, %v) = %d %v, want %d %v", tc.name, tc.ctx, id, got.Certainty, tc.wantID, tc.certain)
		}
	}
}

func TestGeocodeEmbedded(t *testing.T) {
	g := embedded(t)
	got := g.Geocode("Damascus", nil)
	if got.Place == nil || got.Place.ID != 170654 || got.Certainty != Ambiguous || got.Candidates != 2 {
		t.Errorf("Damascus: %+v", got)
	}
	got = g.Geocode("Damascus", []string{"US"})
	if got.Place == nil || got.Place.Country != "US" || got.Certainty != InContext {
		t.Errorf("Damascus, US context: %+v", got)
	}
	if got := g.Geocode("Tartous", nil); got.Place == nil || got.Place.ID != 163345 || got.Certainty != Exact {
		t.Errorf("Tartous: %+v", got)
	}
}

func TestNearest(t *testing.T) {
	g := embedded(t)
	if p := g.Nearest(34.9, 35.9, 50); p == nil || p.ID != 163345 {
		t.Errorf("near Tartus: %v", p)
	}
	if p := g.Nearest(0, -140, 200); p != nil {
		t.Errorf("mid-Pacific: %v", p.Label())
	}
}

func TestCountryCodes(t *testing.T) {
	for in, want := range map[string]string{"Syria": "SY", "sy": "SY", " United States ": "US", "Atlantis": "", "": ""} {
		if got := CountryCode(in); got != want {
			t.Errorf("CountryCode(%q) = %q, want %q", in, got, want)
		}
	}
	if got := CountryName("CN"); got != "China" {
		t.Errorf("CountryName(CN) = %q", got)
	}
	if got := CountryName("QQ"); got != "QQ" {
		t.Errorf("unknown code: %q", got)
	}
}

func TestEmbeddedContents(t *testing.T) {
	g := embedded(t)
	n := map[Kind]int{}
	local := 0
	for _, p := range g.Places() {
		n[p.Kind]++
		if p.Local != "" {
			local++
		}
		if p.Population < 15000 && p.Population != 0 && p.Kind == Town {
			t.Fatalf("%s: a town of %d should have been filtered", p.Label(), p.Population)
		}
	}
	if n[Capital] < 190 || n[AdminSeat] < 2000 || len(g.Places()) < 20000 {
		t.Errorf("places by kind %v of %d", n, len(g.Places()))
	}
	if local < 1000 {
		t.Errorf("%d places with a local-script name", local)
	}
}

func TestRoundTrip(t *testing.T) {
	in := []Place{
		{ID: 7, Name: "Ţarţūs", Local: "طرطوس", Lat: 34.88902, Lon: 35.88659, Country: "SY", Admin1: "14", Population: 89457, Kind: AdminSeat, Alt: []string{"Tartous", "Tartus"}},
		{ID: 8, Name: "Damascus", Lat: 33.5102, Lon: 36.29128, Country: "SY", Population: 1569394, Kind: Capital},
	}
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	g, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	got := g.Places()
	if len(got) != 2 || got[0].Name != "Damascus" || got[0].Kind != Capital || got[1].Local != "طرطوس" ||
		strings.Join(got[1].Alt, "|") != "Tartous|Tartus" || got[1].Lat != 34.88902 || got[1].Admin1 != "14" {
		t.Errorf("round trip: %+v", got)
	}
}

func TestReadBad(t *testing.T) {
	if _, err := Read(strings.NewReader("not gzip")); !errors.Is(err, ErrData) {
		t.Errorf("not gzip: %v", err)
	}
	var zbuf bytes.Buffer
	_ = Write(&zbuf, []Place{{ID: 1, Name: "x"}})
	data := bytes.Replace(mustGunzip(t, zbuf.Bytes()), []byte("\t"), []byte(" "), 1)
	if _, err := Read(bytes.NewReader(gz(t, data))); !errors.Is(err, ErrData) || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("short line: %v", err)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Read(bytes.NewReader(assetsGazetteer())); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch types "Tartous" one key at a time: each op is one keystroke.
func BenchmarkSearch(b *testing.B) {
	g := embedded(b)
	q := []rune("Tartous")
	i := 0
	for b.Loop() {
		g.Search(string(q[:i%len(q)+1]), Options{})
		i++
	}
}

// BenchmarkSearchOneLetter is the worst keystroke: the first, "a".
func BenchmarkSearchOneLetter(b *testing.B) {
	g := embedded(b)
	for b.Loop() {
		g.Search("a", Options{})
	}
}

func TestCountries(t *testing.T) {
	g := embedded(t)
	pts := []orb.Point{{35.89, 34.89}, {37.16, 36.2}, {36.4, 33.57}, {120.16, 30.29}, {0, -50}}
	if got := g.Countries(pts); !slices.Equal(got, []string{"SY", "CN"}) {
		t.Errorf("Countries = %v", got)
	}
	if got := g.Countries(nil); len(got) != 0 {
		t.Errorf("no points: %v", got)
	}
}

// Whatever is typed, search returns at most Limit places, each with a name
// that starts with what was typed (as search keys), exact ones first.
func FuzzSearch(f *testing.F) {
	g := embedded(f)
	for _, s := range []string{"tart", "طرط", "杭", "Damascus", "a", "ǅ", "\xff"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, q string, limit int) {
		limit = limit%20 + 1
		if limit <= 0 {
			limit += 20
		}
		ms := g.Search(q, Options{Limit: limit})
		if len(ms) > limit {
			t.Fatalf("%d matches for limit %d", len(ms), limit)
		}
		fq := searchKey(q)
		seenPrefix := false
		for _, m := range ms {
			ok := false
			for _, n := range append([]string{m.Place.Name, m.Place.Local}, m.Place.Alt...) {
				ok = ok || strings.HasPrefix(searchKey(n), fq)
			}
			if !ok {
				t.Errorf("%q matched %s, which has no such name", q, m.Place.Label())
			}
			if m.Exact && seenPrefix {
				t.Errorf("%q: an exact match after a prefix match", q)
			}
			seenPrefix = seenPrefix || !m.Exact
		}
	})
}

func TestSearchKey(t *testing.T) {
	for _, tc := range [][2]string{
		{"al-Raqqa", "raqqa"},
		{"Ar Raqqah", "raqqa"},
		{"Deir ez-Zor", "deir al zor"},
		{"Deir el-Zor", "deir al zor"},
		{"Al", "al"},         // a name, or a prefix being typed: kept
		{"Utah", "uta"},      // harmless: both sides change alike
		{"Ţarţūs", "tartus"}, // folding still applies
		{"حلب", "حلب"},
		{"", ""},
	} {
		if got := searchKey(tc[0]); got != tc[1] {
			t.Errorf("searchKey(%q) = %q, want %q", tc[0], got, tc[1])
		}
	}
	g := embedded(t)
	for q, id := range map[string]int{"al-Raqqa": 172955, "Raqqa": 172955, "Raqqah": 172955, "Deir el-Zor": 170794, "Deir ez-Zor": 170794} {
		if m := g.Search(q, Options{Limit: 1}); len(m) == 0 || m[0].Place.ID != id || !m[0].Exact {
			t.Errorf("%s: %v", q, labels(m))
		}
	}
}
