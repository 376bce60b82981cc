package format

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// ErrTooLarge means a file, an archive member or a text was bigger than
// Meridian reads. Hostile input (a zip bomb, a gigabyte of JSON, a 100 MB
// title) ends in this error instead of exhausting memory.
var ErrTooLarge = errors.New("format: too large")

// MaxSize is the most bytes read from one file or one decompressed archive
// member: room for a few million point events, and small enough that an
// importer may hold the whole file in memory. Tests lower it.
var MaxSize int64 = 512 << 20

// MaxText is the longest text kept in one field; longer texts are cut and
// reported. No title or description needs more, and the list and detail
// panel would stall laying out one.
const MaxText = 1 << 20

// LimitReader returns a reader that reads r until MaxSize bytes and then
// fails with ErrTooLarge, naming what. Importers wrap archive members in it.
func LimitReader(r io.Reader, what string) io.Reader {
	return &limited{r: r, n: MaxSize, what: what, size: sizeOf(r)}
}

type limited struct {
	r    io.Reader
	n    int64
	what string
	size int64
}

// Sizer is a reader that knows how many bytes it holds in all (0 when
// unknown), so that an importer can size its event list once.
type Sizer interface{ Size() int64 }

// Size returns the size of the input, when it is known, or 0.
func (l *limited) Size() int64 { return l.size }

func sizeOf(r io.Reader) int64 {
	if s, ok := r.(Sizer); ok {
		return s.Size()
	}
	return 0
}

func (l *limited) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// At the limit: only the end of the input is acceptable.
		var one [1]byte
		if k, err := l.r.Read(one[:]); k == 0 {
			return 0, err
		}
		return 0, fmt.Errorf("%w: %s is over %s", ErrTooLarge, l.what, Size(MaxSize))
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

// Size formats a byte count for messages: "512 MB", "1.5 GB".
func Size(n int64) string {
	const mb = 1 << 20
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= mb:
		return fmt.Sprintf("%d MB", n/mb)
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// clipTexts cuts every text longer than MaxText in the events and reports
// each cut with the event's index.
func clipTexts(res *Result, file string) {
	for i := range res.Collection.Events {
		e := &res.Collection.Events[i]
		report := func(name string, n int) {
			res.Problems = append(res.Problems, Problem{
				Pos: Position{File: file, Feature: i},
				Err: fmt.Errorf("%w: %s is %s of text; cut to %s", ErrTooLarge, name, Size(int64(n)), Size(MaxText)),
			})
		}
		for _, f := range []struct {
			name string
			s    *string
		}{{"title", &e.Title}, {"summary", &e.Summary}, {"place", &e.Place}, {"category", &e.Category}} {
			if n := len(*f.s); n > MaxText {
				*f.s = clip(*f.s)
				report(f.name, n)
			}
		}
		for k, v := range e.Extra {
			if s, ok := v.(string); ok && len(s) > MaxText {
				e.Extra[k] = clip(s)
				report(k, len(s))
			}
		}
	}
}

// clip returns a copy of s's first MaxText bytes, ending on a whole
// character, so that the long original can be freed.
func clip(s string) string {
	cut := MaxText
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return string([]byte(s[:cut])) + "…"
}
