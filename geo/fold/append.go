package fold

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Append appends the folding of s to dst: what String returns, without
// allocating when dst has room. Searching a million events folds their
// text per query into one reused buffer instead of keeping folded copies
// of it all, which cost 170 MB.
//
// Runes below U+2070 (Latin, Greek, Cyrillic, Arabic, Hebrew, the Indic
// scripts, Vietnamese letters, punctuation) fold one by one through a
// table; a text with any other rune, or invalid UTF-8, takes String's
// general path.
func Append(dst []byte, s string) []byte {
	runes, ascii := table(), asciiTable()
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			// ASCII, most text: one byte in, at most one out.
			switch a := ascii[c]; a.kind {
			case emit:
				if space {
					dst = append(dst, ' ')
					space = false
				}
				dst = append(dst, a.b)
			case brk:
				space = len(dst) > start
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= tableRunes || r == utf8.RuneError {
			return append(dst[:start], String(s)...)
		}
		switch f := runes[r]; f.kind {
		case slow:
			return append(dst[:start], String(s)...)
		case brk:
			space = len(dst) > start
		case emit:
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, f.text...)
		}
		i += size
	}
	return dst
}

// asciiTable is table for the ASCII runes, each of which folds to at most one
// byte.
var asciiTable = sync.OnceValue(func() *[utf8.RuneSelf]asciiFold {
	t := new([utf8.RuneSelf]asciiFold)
	for c := range byte(utf8.RuneSelf) {
		f := table()[c]
		if f.kind == slow || len(f.text) > 1 {
			panic("fold: an ASCII rune does not fold to one byte")
		}
		t[c].kind = f.kind
		if f.kind == emit {
			t[c].b = f.text[0]
		}
	}
	return t
})

type asciiFold struct {
	kind action
	b    byte
}

// tableRunes covers the blocks up to General Punctuation (curly quotes,
// dashes), past Latin Extended Additional (Vietnamese).
const tableRunes = 0x2070

type action uint8

const (
	drop action = iota // the rune folds to nothing
	brk                // the rune is a word break
	emit               // the rune folds to text
	slow               // folding needs String
)

type folded struct {
	kind action
	text string
}

// table is what each rune folds to alone, found by String's own rules, so
// the two cannot disagree: a precomposed letter decomposes (NFD) to a base
// and combining marks, the marks are dropped, and nothing left can be
// reordered against its neighbours (runes that could take the slow path). It is
// built on first use (a millisecond or two), not at start-up.
var table = sync.OnceValue(func() *[tableRunes]folded {
	t := new([tableRunes]folded)
	for r := range rune(tableRunes) {
		t[r] = foldAlone(r)
	}
	return t
})

func foldAlone(r rune) folded {
	var f folded
	for _, d := range norm.NFD.String(string(r)) {
		k, text := classify(d)
		if k != drop && norm.NFD.PropertiesString(string(d)).CCC() != 0 {
			// A combining mark that is kept (a few viramas) may be
			// reordered against its neighbours: not foldable alone.
			return folded{kind: slow}
		}
		if k == emit && text == "" {
			text = string(unicode.ToLower(d))
		}
		switch {
		case k == drop:
		case f.kind == drop || f.kind == k && k == emit:
			f.kind = k
			f.text += text
		default:
			return folded{kind: slow} // a break beside text: not one action
		}
	}
	return f
}
