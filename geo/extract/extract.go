// Package extract turns a news article into draft events — places and
// dates with the sentences that mention them — with no network and no
// learned model: every draft comes from rules a reader can check, and says
// which ones matched.
//
// Places are gazetteer names found in the text, kept only where the words
// around them do not make them a person ("President Obama", "Assad
// said"), an organisation ("Islamic State", "Jaish al-Islam"), a news
// agency or photo credit ("Photo: AAP", "its Amaq news agency"), a sports
// club, or the dateline. Dates are read from the sentence, relative ones
// ("on Monday", "last week", "tomorrow") against the publication day, with
// their precision kept. A sentence with a date but no place takes the
// nearest place mentioned in the same section of the article.
package extract

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/gazetteer"
)

// Options describe the article.
type Options struct {
	Published time.Time // the publication day; zero if unknown
	Title     string    // the headline; the first line when empty
	Source    string    // where the article came from, for the drafts' source
}

// Draft is a proposed event.
type Draft struct {
	Title      string
	When       chrono.Span
	Place      *gazetteer.Place
	PlaceText  string // the place as the article wrote it
	DateText   string // the date as the article wrote it ("" when dated otherwise)
	Evidence   []string
	Confidence float64 // 0–1
	Reasons    []string
	sentence   int
}

// Result is what an article yielded.
type Result struct {
	Title     string
	Published time.Time
	Dateline  string   // the dateline's place, e.g. "Beirut", when there is one
	Countries []string // ISO codes of the countries the article mentions, most mentioned first
	Drafts    []Draft
	Rejected  []Rejection // names that looked like places and why they were not
}

// Rejection is a place-like name set aside.
type Rejection struct {
	Text, Why, Sentence string
}

type extractor struct {
	g       *gazetteer.Gazetteer
	opt     Options
	persons map[string]bool // names known to be people's, lower case
	sports  map[int]bool    // sentences that name teams: not to be given a place
	// sportyArticle is a match report: team names are not places anywhere
	// in it, unless a preposition of place comes before them.
	sportyArticle bool
	res           *Result
}

// Extract reads text.
func Extract(text string, g *gazetteer.Gazetteer, opt Options) *Result {
	x := &extractor{g: g, opt: opt, persons: map[string]bool{}, sports: map[int]bool{}, res: &Result{Published: opt.Published}}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	lines = x.headline(lines)
	lines = x.dateline(lines)
	lines = dropReporting(lines)
	ss := split(lines)
	x.res.Countries = countries(ss)
	x.drafts(ss)
	return x.res
}

// headline takes the title from the options or the first non-empty line.
func (x *extractor) headline(lines []string) []string {
	x.res.Title = strings.TrimSpace(x.opt.Title)
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if x.res.Title == "" && !strings.HasSuffix(strings.TrimSpace(l), ".") {
			x.res.Title = strings.TrimSpace(l)
			return lines[i+1:]
		}
		break
	}
	return lines
}

var datelineRE = lazyRegexp(`^\s*([A-Z][A-Z .'’-]{2,}?)(?:,\s*([A-Z][A-Za-z .]+?))?\s*\(([A-Za-z .&/-]+)\)\s*[-–—]+\s*`)

// dateline recognises "BEIRUT (Reuters) -" at the start of the body: the
// place the story was filed from, which is not itself an event.
func (x *extractor) dateline(lines []string) []string {
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if m := datelineRE().FindStringSubmatchIndex(l); m != nil {
			x.res.Dateline = titleCase(l[m[2]:m[3]])
			lines = slices.Clone(lines)
			lines[i] = l[m[1]:]
		}
		return lines
	}
	return lines
}

func titleCase(s string) string {
	ws := strings.Fields(strings.ToLower(s))
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}

var reportingRE = lazyRegexp(`(?i)^\s*\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b`)

// dropReporting removes the credits lines ("Reporting by ... in Amman;
// Editing by ..."): their places are where reporters sat.
func dropReporting(lines []string) []string {
	out := lines[:0:0]
	for _, l := range lines {
		if !reportingRE().MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// demonyms read "Syrian", "Russian" as their countries.
var demonyms = map[string]string{
	"syrian": "SY", "syrians": "SY", "russian": "RU", "russians": "RU", "american": "US", "americans": "US",
	"chinese": "CN", "turkish": "TR", "turks": "TR", "iraqi": "IQ", "iraqis": "IQ", "iranian": "IR", "iranians": "IR",
	"lebanese": "LB", "israeli": "IL", "israelis": "IL", "palestinian": "PS", "palestinians": "PS", "jordanian": "JO",
	"egyptian": "EG", "egyptians": "EG", "saudi": "SA", "yemeni": "YE", "libyan": "LY", "afghan": "AF", "pakistani": "PK",
	"indian": "IN", "british": "GB", "french": "FR", "german": "DE", "ukrainian": "UA", "ukrainians": "UA", "japanese": "JP",
	"korean": "KR", "australian": "AU", "canadian": "CA", "mexican": "MX", "brazilian": "BR", "italian": "IT",
	"spanish": "ES", "greek": "GR", "nigerian": "NG", "kenyan": "KE", "ethiopian": "ET", "sudanese": "SD", "somali": "SO",
	"us": "US", "u.s": "US", "u.s.": "US", "uk": "GB", "u.k": "GB", "uae": "AE", "emirati": "AE", "qatari": "QA",
	"kuwaiti": "KW", "omani": "OM", "bahraini": "BH", "tunisian": "TN", "algerian": "DZ", "moroccan": "MA",
	"venezuelan": "VE", "colombian": "CO", "argentine": "AR", "chilean": "CL", "peruvian": "PE", "cuban": "CU",
	"filipino": "PH", "indonesian": "ID", "malaysian": "MY", "thai": "TH", "vietnamese": "VN", "burmese": "MM",
	"bangladeshi": "BD", "polish": "PL", "dutch": "NL", "belgian": "BE", "swiss": "CH", "austrian": "AT", "swedish": "SE",
	"norwegian": "NO", "danish": "DK", "finnish": "FI", "irish": "IE", "scottish": "GB", "welsh": "GB", "english": "GB",
}

// countries counts the countries an article names, by name, code or
// demonym, most mentioned first.
func countries(ss []sentence) []string {
	count := map[string]int{}
	for _, s := range ss {
		toks := words(s.text)
		for i, t := range toks {
			if !capitalised(t.text) {
				continue
			}
			w := lookupForm(t.text)
			cc := demonyms[strings.ToLower(w)]
			if cc == "" && len([]rune(w)) > 3 { // not codes: "IS" is not Iceland
				cc = gazetteer.CountryCode(w)
			}
			if cc == "" && i+1 < len(toks) && capitalised(toks[i+1].text) {
				cc = gazetteer.CountryCode(w + " " + lookupForm(toks[i+1].text)) // "Saudi Arabia", "South Korea"
			}
			if cc != "" {
				count[cc]++
			}
		}
	}
	var out []string
	for cc := range count {
		out = append(out, cc)
	}
	slices.SortFunc(out, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	return out
}

// found is an accepted place mention.
type found struct {
	m     mention
	place *gazetteer.Place
	how   gazetteer.Certainty
	s     sentence
}

// drafts makes the drafts: one per place and date, from the sentences.
func (x *extractor) drafts(ss []sentence) {
	n := 0
	for _, s := range ss {
		if sporty(words(s.text), s.text) {
			n++
		}
	}
	x.sportyArticle = n*3 >= len(ss) && n > 0
	var places []found
	datesOf := make([][]dating, len(ss))
	for i, s := range ss {
		datesOf[i] = dates(s.text, x.opt.Published)
		for _, m := range candidates(x.g, s.text) {
			if ok, why := x.judge(s, m); !ok {
				x.res.Rejected = append(x.res.Rejected, Rejection{Text: m.text, Why: why, Sentence: s.text})
				continue
			}
			p, how := x.choose(m)
			places = append(places, found{m, p, how, s})
		}
	}
	// A surname first met as a place ("Obama" in a caption) and later
	// shown to be a person's is dropped everywhere.
	places = slices.DeleteFunc(places, func(f found) bool {
		if x.persons[strings.ToLower(lookupForm(f.m.text))] {
			x.res.Rejected = append(x.res.Rejected, Rejection{Text: f.m.text, Why: "a person named elsewhere in the article", Sentence: f.s.text})
			return true
		}
		return false
	})
	x.placeDrafts(places, datesOf)
	x.contextDrafts(ss, places, datesOf)
	x.undatedDrafts(places)
	slices.SortStableFunc(x.res.Drafts, func(a, b Draft) int { return a.sentence - b.sentence })
}

// choose picks the place a name means: one in the article's countries,
// else the most populous (gazetteer.Choose).
func (x *extractor) choose(m mention) (*gazetteer.Place, gazetteer.Certainty) {
	got := gazetteer.Choose(m.places, x.res.Countries)
	return got.Place, got.Certainty
}

// placeDrafts: a sentence naming a place and a date.
func (x *extractor) placeDrafts(places []found, datesOf [][]dating) {
	for _, f := range places {
		d, ok := mainDate(datesOf[f.s.index])
		if !ok {
			continue
		}
		conf := 0.9
		reasons := []string{x.placeReason(f), fmt.Sprintf("date %q in the same sentence: %s", d.text, d.rule)}
		x.add(f, d, conf, reasons, []string{f.s.text}, title(f.s.text, f.m.start, f.m.end-f.m.start))
	}
}

// contextDrafts: a sentence with a date but no place takes the nearest
// place named in the same section, a few sentences away at most, one
// named before it first ("they", "the talks" point back more often than
// forward). A sentence that names a place the gazetteer lacks ("over
// Tennessee") is about that place and takes none.
func (x *extractor) contextDrafts(ss []sentence, places []found, datesOf [][]dating) {
	const reach = 6
	for i, s := range ss {
		if s.caption || x.sports[i] || slices.ContainsFunc(places, func(f found) bool { return f.s.index == i }) || x.namesOtherPlace(s.text) {
			continue
		}
		d, ok := mainDate(datesOf[i])
		if !ok || d.when.Start.Prec < chrono.Day {
			continue // a year or a month alone is background, not an event
		}
		var best *found
		cost := func(f *found) int {
			if f.s.index > i {
				return f.s.index - i + 2
			}
			return i - f.s.index
		}
		for j := range places {
			f := &places[j]
			if f.s.section != s.section || abs(f.s.index-i) > reach || f.s.caption {
				continue
			}
			if best == nil || cost(f) < cost(best) {
				best = f
			}
		}
		if best == nil {
			continue
		}
		dist := abs(best.s.index - i)
		away := fmt.Sprintf("%d sentence%s %s in the same section", dist, plural(dist), map[bool]string{true: "later", false: "earlier"}[best.s.index > i])
		reasons := []string{x.placeReason(*best) + ", " + away, fmt.Sprintf("date %q: %s", d.text, d.rule)}
		x.add(found{best.m, best.place, best.how, s}, d, 0.6, reasons, []string{s.text, best.s.text}, title(s.text, d.start, d.end-d.start))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// otherPlaceRE finds "in X", "over X", "near X": a preposition of place
// before a capitalised word.
var otherPlaceRE = lazyRegexp(`\b(?:in|at|near|over|across|into|outside|inside|around|towards?|through|throughout)\s+(?:the\s+)?(\p{Lu}[\p{L}'’-]+)`)

// namesOtherPlace reports a sentence naming, after a preposition of
// place, a capitalised word that is no date, country or gazetteer place:
// a region or a state the gazetteer does not hold.
func (x *extractor) namesOtherPlace(s string) bool {
	for _, m := range otherPlaceRE().FindAllStringSubmatch(s, -1) {
		w := strings.ToLower(m[1])
		if calendarWords[w] || demonyms[w] != "" || gazetteer.CountryCode(m[1]) != "" || len(x.g.Exact(m[1])) > 0 {
			continue
		}
		return true
	}
	return false
}

// undatedDrafts: a place named with no date near it gets the publication
// month, unless it already has a dated draft.
func (x *extractor) undatedDrafts(places []found) {
	for _, f := range places {
		if slices.ContainsFunc(x.res.Drafts, func(d Draft) bool { return d.Place == f.place }) {
			continue
		}
		var when chrono.Span
		reason := "no date in the article near it: left undated"
		conf := 0.4
		if pub := x.opt.Published; !pub.IsZero() {
			when = chrono.Span{Start: chrono.Time{Year: int64(pub.Year()), Month: int8(pub.Month()), Prec: chrono.Month}}
			reason = "no date near it: dated by the article's month"
		}
		x.add(f, dating{when: when}, conf, []string{x.placeReason(f), reason}, []string{f.s.text}, title(f.s.text, f.m.start, f.m.end-f.m.start))
	}
}

func (x *extractor) placeReason(f found) string {
	s := fmt.Sprintf("place %q is %s", f.m.text, f.place.Label())
	switch f.how {
	case gazetteer.InContext:
		s += fmt.Sprintf(" (%d places have this name; this one is in a country the article names)", len(f.m.places))
	case gazetteer.Ambiguous:
		s += fmt.Sprintf(" (ambiguous: %d places have this name; the most populous)", len(f.m.places))
	}
	if f.place.Country != "" && slices.Contains(x.res.Countries, f.place.Country) {
		s += ", in a country the article names"
	}
	return s
}

// add records a draft, merging it with one for the same place and time.
func (x *extractor) add(f found, d dating, conf float64, reasons, evidence []string, title string) {
	if f.how == gazetteer.Ambiguous {
		conf -= 0.2
	}
	if x.res.Dateline != "" && strings.EqualFold(lookupForm(f.m.text), x.res.Dateline) {
		conf -= 0.1
		reasons = append(reasons, "also the dateline: may be only where the story was filed")
	}
	for i := range x.res.Drafts {
		dr := &x.res.Drafts[i]
		if dr.Place == f.place && dr.When == d.when {
			for _, e := range evidence {
				if !slices.Contains(dr.Evidence, e) {
					dr.Evidence = append(dr.Evidence, e)
				}
			}
			dr.Confidence = max(dr.Confidence, conf)
			return
		}
	}
	x.res.Drafts = append(x.res.Drafts, Draft{
		Title: title, When: d.when, Place: f.place, PlaceText: f.m.text, DateText: d.text,
		Evidence: evidence, Confidence: round2(conf), Reasons: reasons, sentence: f.s.index,
	})
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// mainDate is the sentence's most precise date, the first of equals.
func mainDate(ds []dating) (dating, bool) {
	if len(ds) == 0 {
		return dating{}, false
	}
	best := ds[0]
	for _, d := range ds[1:] {
		if d.when.Start.Prec > best.when.Start.Prec || d.when.Start.Prec == best.when.Start.Prec && d.start < best.start {
			best = d
		}
	}
	return best, true
}

// lazyRegexp compiles pattern on first use. The package's two dozen
// patterns cost every start of the program 4–6 ms when compiled at
// initialisation, and only extraction needs them.
func lazyRegexp(pattern string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(pattern) })
}
