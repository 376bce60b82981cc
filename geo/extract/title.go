package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// leadingSaid is an attribution before the news: "A senior official
	// said (that) ...".
	leadingSaid = lazyRegexp(`^(?:[^,;:"“]{0,80}?)\b(?:said|says|told reporters|announced|reported|confirmed)(?: on \w+day)?,?\s+(?:that\s+)?`)
	// trailingSaid is one after it: "..., its Amaq news agency said."
	trailingSaid = lazyRegexp(`,?\s*(?:[^,;"”]{0,60}?)\b(?:said|says|reported|added|told \w+)\s*\.?$`)
	// clauseBreak separates a sentence's clauses.
	clauseBreak = lazyRegexp(`(?:,\s|;\s|:\s| — | – | - | when | while | whereas | because | although | even as )`)
	// leadIn is a connective that starts a subordinate clause.
	leadIn = lazyRegexp(`(?i)^(?:including|and|but|as|so|then|which|who|where)\s+`)
)

// maxTitleWords keeps titles short enough for a list row and a map label.
const maxTitleWords = 14

// title is the clause of sentence s that holds the text at [at, at+n) —
// the place, or the date — with attribution and connectives removed; a
// long clause is cut to maxTitleWords words around it.
func title(s string, at, n int) string {
	t := strings.TrimSpace(s)
	off := len(s) - len(strings.TrimLeft(s, " "))
	if m := leadingSaid().FindStringIndex(t); m != nil && m[1] < len(t)-20 && m[1] <= at-off {
		t, off = t[m[1]:], off+m[1]
	}
	if m := trailingSaid().FindStringIndex(t); m != nil && m[0] > 20 && m[0] >= at-off+n {
		t = t[:m[0]]
	}
	// The clause that holds the mention.
	start, end := 0, len(t)
	for _, loc := range clauseBreak().FindAllStringIndex(t, -1) {
		switch {
		case loc[1] <= at-off:
			start = loc[1]
		case loc[0] >= at-off+n && end == len(t):
			end = loc[0]
		}
	}
	// A clause of a few words ("In Jackson") says too little: take the
	// sentence.
	if len(strings.Fields(t[start:end])) < 4 {
		start, end = 0, len(t)
	}
	rel := at - off - start
	t = t[start:end]
	if m := leadIn().FindStringIndex(t); m != nil && m[1] <= rel {
		t, rel = t[m[1]:], rel-m[1]
	}
	t = strings.TrimRight(strings.TrimSpace(strings.Trim(t, "\"“”")), ".,;:!?\"”")
	t = window(t, rel)
	r, size := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[size:]
}

// window keeps at most maxTitleWords words of t, with the one at byte rel
// among them, marking cuts with "…".
func window(t string, rel int) string {
	ws := strings.Fields(t)
	if len(ws) <= maxTitleWords {
		return t
	}
	idx := len(strings.Fields(t[:max(0, min(rel, len(t)))]))
	from := 0
	if idx >= maxTitleWords-1 {
		from = min(idx-maxTitleWords/2, len(ws)-maxTitleWords)
	}
	out := strings.Join(ws[from:from+maxTitleWords], " ")
	if from > 0 {
		out = "…" + out
	}
	if from+maxTitleWords < len(ws) {
		out += " …"
	}
	return out
}
