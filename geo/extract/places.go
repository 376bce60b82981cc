package extract

import (
	"strings"

	"github.com/meridian-app/meridian/geo/gazetteer"
)

// mention is a gazetteer place named in a sentence.
type mention struct {
	text       string // as written
	start, end int    // byte range in the sentence
	places     []*gazetteer.Place
}

// rejected is a name that looks like a place but is not one here, and why.
type rejected struct {
	text, why string
}

// maxNameWords bounds the words of one place name ("Ho Chi Minh City").
const maxNameWords = 5

// candidates finds place names in a sentence: runs of capitalised words
// (with connectors such as "al", "de" or "upon" between them), the longest
// span that is a gazetteer name first. A possessive "'s" and a lower-case
// hyphenated suffix ("Tartous-based") are set aside for the lookup.
func candidates(g *gazetteer.Gazetteer, s string) []mention {
	toks := words(s)
	var out []mention
	for i := 0; i < len(toks); {
		if !capitalised(toks[i].text) {
			i++
			continue
		}
		found := false
		for n := min(maxNameWords, len(toks)-i); n >= 1; n-- {
			span := toks[i : i+n]
			if !nameSpan(span) {
				continue
			}
			name := lookupForm(s[span[0].start:span[n-1].end])
			if ps := g.Exact(name); len(ps) > 0 {
				out = append(out, mention{text: s[span[0].start:span[n-1].end], start: span[0].start, end: span[n-1].end, places: ps})
				i += n
				found = true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// nameSpan reports whether words can form one name: capitalised at both
// ends, with only capitalised words or connectors between.
func nameSpan(span []token) bool {
	if !capitalised(span[0].text) || !capitalised(span[len(span)-1].text) {
		return false
	}
	if len(span) < 3 {
		return true
	}
	for _, t := range span[1 : len(span)-1] {
		if !capitalised(t.text) && !connector[strings.ToLower(t.text)] {
			return false
		}
	}
	return true
}

var connector = setOf("al el ad as ash at an ar az de del della der di da du des la le les los las of on upon sur am im an der bin ibn bint abu")

// lookupForm is how a written name is looked up: without a possessive and
// without a lower-case suffix joined by a hyphen.
func lookupForm(s string) string {
	for _, p := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(s, p) {
			s = strings.TrimSuffix(s, p)
			break
		}
	}
	if i := strings.LastIndex(s, "-"); i > 0 && i+1 < len(s) && strings.ToLower(s[i+1:]) == s[i+1:] {
		s = s[:i]
	}
	return s
}

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// The context rules below read the words around a mention.
var (
	// titles before a name make it a person's.
	titles = setOf("president presidents pres mr mrs ms miss dr prof sir dame lord lady king queen prince princess emperor pope sheikh sheik emir imam ayatollah rabbi father bishop cardinal minister ministers secretary senator sen rep representative congressman congresswoman governor gov mayor chancellor premier general gen colonel col major maj captain capt lieutenant lt sergeant sgt commander admiral marshal ambassador envoy spokesman spokeswoman spokesperson chief judge justice leader coach striker midfielder defender goalkeeper actor actress singer author writer director dr. mr. mrs. ms.")
	// personal verbs after a name make it a person's (or a government's:
	// "Washington said" is not about the city).
	saysVerbs = setOf("said says say told tells asked asks added adds announced announces declared declares voiced warned warns urged urges insisted insists denied denies argued argues claimed claims stated states wrote writes tweeted tweets replied replies responded responds acknowledged admits admitted noted notes believes believed thinks thought wants wanted hopes hoped met meets spoke speaks visited visits called calls vowed vows pledged pledges accused accuses blamed blames condemned condemns criticised criticized praised praises signed signs resigned resigns died dies born married led leads won wins")
	// organisation words next to a name make it an organisation's.
	orgWords = setOf("state army front brigade brigades battalion observatory party council ministry department agency organisation organization committee forces force movement group university college school bank company corporation corp inc ltd airlines airways times post herald news network channel television radio guard guards coalition league union federation association institute foundation hospital club fc church mosque court police militia command authority administration government parliament assembly congress senate rights watch aid relief crescent cross programme program fund nations office service services mission project center centre initiative alliance board commission tribunal")
	// agencies and photo libraries credited in news text.
	agencies = setOf("reuters ap aap afp getty amaq xinhua tass ria sputnik epa ansa dpa bloomberg upi anadolu kyodo yonhap sana irna wam pti ians efe bbc cnn aljazeera jazeera shutterstock alamy corbis")
	// known armed groups and movements whose names contain place-like words.
	groups = setOf("qaeda al-qaeda al-qaida qaida isis isil daesh hezbollah hizbollah hamas taliban nusra al-nusra jabhat jaish jaysh ahrar shabaab al-shabaab boko haram houthi houthis peshmerga ypg pkk sdf nato")
	// sports words mark a sentence about a match.
	sportsWords = setOf("beat beats beaten defeated defeat draw drew match matches game games goal goals scored scores scoring striker coach league table points season cup fixture fixtures championship tournament semi-final final qualifier stadium squad kick-off penalty penalties wicket innings win wins won victory derby fans half-time")
	scoreRE     = lazyRegexp(`\b\d{1,2}-\d{1,2}\b`)
	sportsClubs = setOf("united city fc afc rovers wanderers athletic albion hotspur county town real atletico atlético inter ac dynamo sporting olympique")
	// words that can start a sentence and happen to be place names.
	sentenceStarters = setOf("but and or so amid after before in on at as it its this that these those he she they we i you his her their our when while since until if although however meanwhile even also more most some many all one two three no not yet still then there here what who why how where which the a an")
	// locative prepositions: "in Liverpool" is the city even in a sports story.
	locatives = setOf("in at near to from outside inside around across into towards toward through via of")
	// placeWords after a name keep it a place: "Aleppo Province", "Damascus
	// Airport".
	placeWords = setOf("province governorate district region county municipality city town village airport port harbour harbor square street road bridge river valley plain countryside suburbs outskirts area border crossing")
	// month and weekday names are dates, never places.
	calendarWords = setOf("january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday")

	creditRE = lazyRegexp(`(?i)\b(photo|picture|image|video|credit|source)\s*:`)
)

// judge decides whether a mention names a place here, or why not.
func (x *extractor) judge(s sentence, m mention) (ok bool, why string) {
	lower := strings.ToLower(lookupForm(m.text))
	toks := words(s.text)
	before, after := around(toks, m)
	prev, next := last(before), first(after)
	// Words across punctuation do not qualify the name: in "a nurse from
	// Lafayette, said" the verb is not Lafayette's.
	if len(before) > 0 && strings.TrimSpace(s.text[before[len(before)-1].end:m.start]) != "" {
		prev = ""
	}
	if len(after) > 0 && strings.TrimSpace(s.text[m.end:after[0].start]) != "" {
		next = ""
	}
	switch {
	case calendarWords[lower]:
		return false, "a month or weekday"
	case agencies[lower] || agencies[strings.ReplaceAll(lower, " ", "")]:
		return false, "a news agency or photo credit"
	case groups[lower] || groups[strings.ToLower(prev)] && !locatives[strings.ToLower(prev)]:
		return false, "an armed group or alliance"
	case creditBefore(s.text[:m.start]):
		return false, "a photo credit"
	case strings.HasPrefix(strings.ToLower(strings.TrimLeft(s.text[m.end:], " ")), "news agency") || strings.EqualFold(next, "agency"):
		return false, "a news agency"
	case m.start == 0 && sentenceStarters[lower]:
		return false, "a common word starting the sentence"
	case x.persons[lower]:
		return false, "a person named earlier"
	case titles[strings.ToLower(strings.TrimSuffix(prev, "."))]:
		x.persons[lower] = true
		return false, "a person (after the title " + prev + ")"
	case m.start == 0 && strings.HasPrefix(s.text[m.end:], ":"):
		x.persons[lower] = true
		return false, "a speaker (a name before a colon)"
	case saysVerbs[strings.ToLower(next)]:
		x.persons[lower] = true
		return false, "a person or government (\"" + m.text + " " + next + "\")"
	case prev != "" && capitalised(prev) && !x.qualifies(prev) && !sentenceStarters[strings.ToLower(prev)] && !connector[strings.ToLower(prev)] && !titles[strings.ToLower(prev)]:
		// "Barack Obama", "Hurricane Ida": a capitalised word before the
		// name that is not a country makes it part of another name.
		if orgWords[strings.ToLower(prev)] || orgWords[strings.ToLower(next)] {
			return false, "part of an organisation's name"
		}
		x.persons[lower] = true
		return false, "part of a longer name (\"" + prev + " " + m.text + "\")"
	case next != "" && capitalised(next) && !x.qualifies(next) && !titles[strings.ToLower(next)] && !placeWords[strings.ToLower(next)] && !orgWords[strings.ToLower(next)] && !calendarWords[strings.ToLower(next)]:
		// "Sydney Johnson", "Hurricane Ida": a capitalised word after it.
		return false, "part of a longer name (\"" + m.text + " " + next + "\")"
	case orgPhrase(s.text, toks, m) != "":
		return false, "part of an organisation's name (\"" + orgPhrase(s.text, toks, m) + "\")"
	case sportsClubs[strings.ToLower(next)] && capitalised(next) || sportsClubs[strings.ToLower(prev)] && capitalised(prev):
		return false, "a sports club"
	case (x.sportyArticle || sporty(toks, s.text)) && !locatives[strings.ToLower(prev)]:
		x.sports[s.index] = true
		return false, "a team in a sports report"
	case inParensAfterName(s.text, m):
		return false, "a gloss in brackets after a name"
	}
	return true, ""
}

// qualifies reports a capitalised word that may stand next to a place
// name without making it part of another name: a country or demonym
// ("Hangzhou China", "Syrian Aleppo").
func (x *extractor) qualifies(w string) bool {
	w = lookupForm(w)
	return len([]rune(w)) > 3 && gazetteer.CountryCode(w) != "" || demonyms[strings.ToLower(w)] != ""
}

// sporty reports a text about a match: two sports words, or a score and
// one.
func sporty(toks []token, s string) bool {
	n := len(scoreRE().FindAllString(s, -1))
	for _, t := range toks {
		if sportsWords[strings.ToLower(t.text)] {
			n++
		}
	}
	return n >= 2
}

// phraseLinks join the words of a long proper name: "Syrian Observatory
// for Human Rights", "University of Aleppo".
var phraseLinks = setOf("for of and the de al el")

// orgPhrase returns the proper name around a mention when a word of it
// names an organisation, or "".
func orgPhrase(s string, toks []token, m mention) string {
	lo, hi := -1, -1
	for i, t := range toks {
		if t.start >= m.start && t.end <= m.end {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	if lo < 0 {
		return ""
	}
	// in reports whether word i continues the name from its neighbour
	// (from, the one already in): only spaces between them.
	in := func(i, from int) bool {
		if i < 0 || i >= len(toks) {
			return false
		}
		a, b := toks[min(i, from)], toks[max(i, from)]
		if strings.TrimSpace(s[a.end:b.start]) != "" {
			return false
		}
		w := toks[i].text
		return capitalised(w) || phraseLinks[strings.ToLower(w)] && i > 0 && i+1 < len(toks) && capitalised(toks[i-1].text) && capitalised(toks[i+1].text)
	}
	for in(lo-1, lo) {
		lo--
	}
	for in(hi+1, hi) {
		hi++
	}
	for _, t := range toks[lo : hi+1] {
		if orgWords[strings.ToLower(t.text)] && (t.start < m.start || t.end > m.end) {
			var b strings.Builder
			for i, u := range toks[lo : hi+1] {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(u.text)
			}
			return b.String()
		}
	}
	return ""
}

func around(toks []token, m mention) (before, after []token) {
	for i, t := range toks {
		if t.end <= m.start {
			before = toks[:i+1]
		}
		if t.start >= m.end {
			return before, toks[i:]
		}
	}
	return before, nil
}

func last(ts []token) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[len(ts)-1].text
}

func first(ts []token) string {
	if len(ts) == 0 {
		return ""
	}
	return ts[0].text
}

// creditBefore reports a mention right after "Photo:" or "Credit:".
func creditBefore(s string) bool {
	locs := creditRE().FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return false
	}
	rest := strings.TrimSpace(s[locs[len(locs)-1][1]:])
	return len(strings.Fields(rest)) <= 2
}

// inParensAfterName reports "(Islam Army)" after "Jaish al-Islam": a
// translation or gloss of a name, not a place.
func inParensAfterName(s string, m mention) bool {
	open := strings.LastIndex(s[:m.start], "(")
	return open > 0 && !strings.Contains(s[open:m.start], ")") && strings.Contains(s[m.end:], ")")
}
