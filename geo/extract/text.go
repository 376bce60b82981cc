package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is one sentence of the article, with where it stands.
type sentence struct {
	text      string
	paragraph int
	section   int // a new section starts after each heading
	index     int // in the whole article
	caption   bool
}

// split cuts the article into sentences. A short line without a final stop
// is a heading (it starts a section and is not itself searched), and a
// line carrying a photo credit is a caption.
func split(body []string) []sentence {
	var out []sentence
	section := 0
	for p, line := range body {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if isHeading(line) {
			section++
			continue
		}
		caption := creditRE().MatchString(line)
		for _, s := range sentences(line) {
			out = append(out, sentence{text: s, paragraph: p, section: section, index: len(out), caption: caption})
		}
	}
	return out
}

// isHeading reports a line that reads as a heading: a few words with no
// closing punctuation.
func isHeading(line string) bool {
	if strings.ContainsAny(line[len(line)-1:], ".!?:;\"”’)") || strings.Contains(line, ". ") || creditRE().MatchString(line) {
		return false
	}
	n := len(strings.Fields(line))
	return n >= 2 && n <= 12
}

// abbreviations end in a full stop that does not end a sentence.
var abbreviations = map[string]bool{}

func init() {
	for _, a := range strings.Fields("mr mrs ms dr st gen lt col sgt capt cpt rev sen rep gov pres prof jr sr mt ft no vs etc inc ltd corp co jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m approx est") {
		abbreviations[a] = true
	}
}

// sentences splits one paragraph at . ! ? followed by a space and a
// capital, digit or quote, except after abbreviations and initials.
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		i += size
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		j := i
		for j < len(p) && strings.ContainsRune("\"”’')]", rune(p[j])) {
			j++
		}
		if j >= len(p) || p[j] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(strings.TrimLeft(p[j:], " "))
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'", next)) {
			continue
		}
		if r == '.' && isAbbreviation(p[start:i-1]) {
			continue
		}
		out = append(out, strings.TrimSpace(p[start:j]))
		start = j
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func isAbbreviation(before string) bool {
	k := strings.LastIndexAny(before, " (\"“")
	w := strings.ToLower(before[k+1:])
	if utf8.RuneCountInString(w) == 1 { // an initial: "J. Smith"
		return true
	}
	return abbreviations[w]
}

// token is a word of a sentence, with its byte range.
type token struct {
	text       string
	start, end int
}

// words splits a sentence into words: letters, digits, apostrophes and
// hyphens inside a word, and the full stops of abbreviations like "U.S.".
func words(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(s) {
			r, size := utf8.DecodeRuneInString(s[j:])
			if isWordRune(r) {
				j += size
				continue
			}
			// An inner apostrophe, hyphen or abbreviation dot joins.
			if strings.ContainsRune("'’-.", r) && j+size < len(s) {
				nr, _ := utf8.DecodeRuneInString(s[j+size:])
				if isWordRune(nr) && (r != '.' || isAbbrevDot(s[i:j])) {
					j += size
					continue
				}
			}
			break
		}
		out = append(out, token{s[i:j], i, j})
		i = j
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isAbbrevDot reports a word like "U" or "U.S" that an inner dot continues.
func isAbbrevDot(w string) bool {
	for _, part := range strings.Split(w, ".") {
		if utf8.RuneCountInString(part) != 1 {
			return false
		}
	}
	return true
}

// capitalised reports a word that can start or continue a name: a
// capital first letter, an article joined to a capital ("al-Qaeda"), or a
// word in a script without case (Arabic, Chinese).
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(r) {
		return true
	}
	if !unicode.IsLower(r) {
		return unicode.IsLetter(r) // caseless scripts
	}
	if i := strings.IndexAny(w, "-'’"); i > 0 && i <= 3 && i+1 < len(w) {
		nr, _ := utf8.DecodeRuneInString(w[i+1:])
		return unicode.IsUpper(nr)
	}
	return false
}
