// Package fold reduces text to the form it is searched by, so that a
// search for "tartus" finds Ţarţūs, TARTOUS's neighbour spellings and, in
// Arabic, طَرطوس written with or without its vowel marks.
package fold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// String reduces a name to the key it is searched by: lower case, no
// diacritics, no apostrophes, hyphens and dots as spaces, single spaces.
// Ţarţūs, Tartus and TARTUS fold alike; so do the Arabic spellings with and
// without vowel marks, hamza or tatweel (طَرطوس, طرطوس). Han is left as is.
func String(s string) string {
	if f, ok := foldASCII(s); ok {
		return f
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	// Invalid bytes become U+FFFD first: the normaliser stops decomposing
	// after one, and a key must fold to itself.
	for _, r := range norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD")) {
		if unicode.Is(unicode.Mn, r) || r == 'ـ' {
			continue // combining marks (diacritics, harakat, hamza above) and tatweel
		}
		if rep, ok := foldRune[r]; ok {
			if rep == "" {
				continue
			}
			if rep == " " {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteString(rep)
			continue
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) && !unicode.Is(unicode.Arabic, r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// foldRune maps letters NFD does not decompose to what people type for
// them; "" drops the rune, " " makes it a word break.
var foldRune = map[rune]string{
	'\'': "", '’': "", 'ʻ': "", 'ʼ': "", '`': "", '´': "", 'ʿ': "", 'ʾ': "", '‘': "",
	'-': " ", '‐': " ", '–': " ", '—': " ", '.': " ", '_': " ", '/': " ",
	'ı': "i", 'İ': "i", 'ł': "l", 'Ł': "l", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ß': "ss", 'æ': "ae", 'Æ': "ae",
	'œ': "oe", 'Œ': "oe", 'ħ': "h", 'Ħ': "h",
	// Arabic letter variants people write interchangeably.
	'ى': "ي", 'ی': "ي", 'ة': "ه", 'ک': "ك", 'ٱ': "ا",
}

// foldASCII folds the common case, a name of ASCII letters and spaces,
// without normalising; ok is false for anything else.
func foldASCII(s string) (string, bool) {
	lower := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			lower = false
		case c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ':
		default:
			return "", false
		}
	}
	if lower {
		return s, true
	}
	return strings.ToLower(s), true
}
