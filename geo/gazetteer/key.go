package gazetteer

import (
	"strings"

	"github.com/meridian-app/meridian/geo/fold"
)

// searchKey is the form names are indexed and searched by: folded (see
// package fold), with the ways Arabic place names are transliterated made
// alike, so that the spellings news agencies use find GeoNames' ones:
//
//   - the article, however written (al-, el-, ar-, ash-, ez-…), is dropped
//     at the start of a name and written "al" inside one: al-Raqqa = Ar
//     Raqqah = Raqqa, Deir el-Zor = Deir ez-Zor;
//   - a final -ah or -eh is -a or -e: Raqqah = Raqqa.
//
// Both sides change alike, so other names still find themselves.
func searchKey(s string) string {
	f := fold.String(s)
	if !strings.Contains(f, " ") { // one word: no article to handle
		return trimAh(f)
	}
	words := strings.Fields(f)
	out := words[:0]
	for i, w := range words {
		if article[w] && i < len(words)-1 {
			if len(out) == 0 {
				continue
			}
			w = "al"
		}
		out = append(out, trimAh(w))
	}
	return strings.Join(out, " ")
}

// trimAh spells a final -ah or -eh as -a or -e.
func trimAh(w string) string {
	if n := len(w); n > 3 && w[n-1] == 'h' && (w[n-2] == 'a' || w[n-2] == 'e') {
		return w[:n-1]
	}
	return w
}

// article holds the transliterations of the Arabic article, assimilated
// to the next letter or not.
var article = map[string]bool{}

func init() {
	for _, a := range strings.Fields("al el ar er as es ash esh at et ath ad ed adh az ez an en ad") {
		article[a] = true
	}
}
