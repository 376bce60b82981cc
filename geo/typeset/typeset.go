// Package typeset shapes and draws short lines of text — map labels — in
// any mix of Latin, Greek, Cyrillic, Arabic and Chinese, with fonts embedded
// in the binary, so that حلب and 杭州 render on a machine with no fonts.
//
// Each run of text gets the font for its script (Noto Sans, Noto Sans
// Arabic, a place-name subset of Noto Sans CJK SC), is shaped by HarfBuzz
// (go-text/typesetting: Arabic letters join), and runs are put in visual
// order for right-to-left text by the Unicode bidi algorithm's reordering
// rule, so "Tartus طرطوس" reads correctly.
package typeset

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/meridian-app/meridian/assets"
)

// ErrFont wraps an embedded font that cannot be read.
var ErrFont = errors.New("typeset: bad font")

// Fonts is a font stack with a shaper. Its methods are safe for concurrent
// use; shaped lines are cached.
type Fonts struct {
	latin, arabic, cjk *font.Face

	mu     sync.Mutex
	seg    shaping.Segmenter
	shaper shaping.HarfbuzzShaper
	cache  map[cacheKey]*Line
}

type cacheKey struct {
	s    string
	size float32
}

// maxCache bounds the shaped-line cache; it is emptied when full.
const maxCache = 4096

var (
	defaultOnce  sync.Once
	defaultFonts *Fonts
	defaultErr   error
)

// Default returns the embedded font stack, parsed on first use.
func Default() (*Fonts, error) {
	defaultOnce.Do(func() {
		defaultFonts, defaultErr = New(assets.FontLatin, assets.FontArabic, assets.FontCJK)
	})
	return defaultFonts, defaultErr
}

// New makes a font stack from OpenType data for Latin (also Greek and
// Cyrillic), Arabic and Chinese.
func New(latin, arabic, cjk []byte) (*Fonts, error) {
	f := &Fonts{cache: map[cacheKey]*Line{}}
	for _, x := range []struct {
		dst  **font.Face
		data []byte
		name string
	}{{&f.latin, latin, "Latin"}, {&f.arabic, arabic, "Arabic"}, {&f.cjk, cjk, "CJK"}} {
		face, err := font.ParseTTF(bytes.NewReader(x.data))
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrFont, x.name, err)
		}
		*x.dst = face
	}
	return f, nil
}

// ResolveFace picks the font for a rune: by script first, then whichever
// font has the glyph. It implements shaping.Fontmap.
func (f *Fonts) ResolveFace(r rune) *font.Face {
	first := f.latin
	switch {
	case unicode.In(r, unicode.Arabic):
		first = f.arabic
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo) ||
		r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef:
		first = f.cjk
	}
	if _, ok := first.NominalGlyph(r); ok {
		return first
	}
	for _, face := range []*font.Face{f.latin, f.arabic, f.cjk} {
		if _, ok := face.NominalGlyph(r); ok {
			return face
		}
	}
	return first // draws the font's missing-glyph box
}

// Line is shaped text ready to draw: runs in visual order, left to right.
type Line struct {
	runs            []shaping.Output
	Width           float32 // advance in pixels
	Ascent, Descent float32 // above and below the baseline, in pixels (both positive)
}

// Shape shapes s at size pixels (the em height).
func (f *Fonts) Shape(s string, size float32) *Line {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := cacheKey{s, size}
	if l, ok := f.cache[k]; ok {
		return l
	}
	l := f.shape(s, size)
	if len(f.cache) >= maxCache {
		clear(f.cache)
	}
	f.cache[k] = l
	return l
}

func (f *Fonts) shape(s string, size float32) *Line {
	text := []rune(s)
	in := shaping.Input{
		Text:      text,
		RunEnd:    len(text),
		Direction: di.DirectionLTR,
		Face:      f.latin,
		Size:      fixed.Int26_6(size * 64),
	}
	rtl := paragraphRTL(text)
	if rtl {
		in.Direction = di.DirectionRTL
	}
	l := &Line{}
	for _, run := range f.seg.Split(in, f) {
		out := f.shaper.Shape(run)
		out.Glyphs = append([]shaping.Glyph(nil), out.Glyphs...) // the shaper reuses its buffer
		l.runs = append(l.runs, out)
		l.Width += float32(out.Advance) / 64
		l.Ascent = max(l.Ascent, float32(out.LineBounds.Ascent)/64)
		l.Descent = max(l.Descent, -float32(out.LineBounds.Descent)/64)
	}
	visualOrder(l.runs, rtl)
	return l
}

// paragraphRTL applies the bidi rule P2: the first strong letter decides.
func paragraphRTL(text []rune) bool {
	for _, r := range text {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko):
			return true
		case unicode.IsLetter(r):
			return false
		}
	}
	return false
}

// visualOrder reorders runs (in logical order) for display, by the bidi
// rule L2 with the two or three levels a label has: in a left-to-right
// line, each stretch of right-to-left runs is reversed; in a right-to-left
// line the whole line is reversed, then each stretch of left-to-right runs
// is put back.
func visualOrder(runs []shaping.Output, rtl bool) {
	isRTL := func(o shaping.Output) bool { return o.Direction.Progression() == di.TowardTopLeft }
	if rtl {
		reverse(runs)
	}
	for i := 0; i < len(runs); {
		j := i
		for j < len(runs) && isRTL(runs[j]) != rtl {
			j++
		}
		reverse(runs[i:j])
		i = j + 1
	}
}

func reverse(runs []shaping.Output) {
	for i, j := 0, len(runs)-1; i < j; i, j = i+1, j-1 {
		runs[i], runs[j] = runs[j], runs[i]
	}
}

// Wrap shapes text at size pixels into lines no wider than width, breaking
// between words (a word wider than width has a line of its own). Newlines
// in text start new lines.
func (f *Fonts) Wrap(text string, size, width float32) []*Line {
	var out []*Line
	for _, para := range strings.Split(text, "\n") {
		ws := strings.Fields(para)
		if len(ws) == 0 {
			out = append(out, f.Shape(" ", size))
			continue
		}
		line := ws[0]
		for _, w := range ws[1:] {
			if f.Shape(line+" "+w, size).Width > width {
				out = append(out, f.Shape(line, size))
				line = w
				continue
			}
			line += " " + w
		}
		out = append(out, f.Shape(line, size))
	}
	return out
}
