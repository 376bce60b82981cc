package format

import "unsafe"

// Text keeps the strings an importer stores in its events. Decoders cut
// strings from buffers they reuse or from whole lines (encoding/csv
// returns a row's fields as pieces of one string), and a kept piece keeps
// all of its line alive: at a million rows that is the dates and
// coordinates too, 60 MB more than the text itself. Text interns the short
// values that repeat across a data set (categories, places, keys) and
// copies the rest into large slabs, a few allocations for a million
// titles. The zero Text is ready to use; it is not safe for concurrent use.
type Text struct {
	slab   []byte
	intern map[string]string
}

const (
	// slabSize is the size of one text allocation; a string longer than
	// an eighth of it gets its own.
	slabSize = 256 << 10
	// maxInterned bounds the intern table, and maxInternLen the strings
	// worth interning: longer ones rarely repeat.
	maxInterned  = 1 << 16
	maxInternLen = 32
)

// KeepString is Keep for a string cut from a larger one, or one that is a
// view of a buffer about to be reused: the result is always a copy.
func (t *Text) KeepString(s string, intern bool) string {
	if s == "" {
		return ""
	}
	return t.Keep(unsafe.Slice(unsafe.StringData(s), len(s)), intern) // only read
}

// Keep returns b as a string that outlives b's buffer. When intern is set,
// a short string is shared with earlier equal ones.
func (t *Text) Keep(body []byte, intern bool) string {
	if len(body) == 0 {
		return ""
	}
	if intern && len(body) <= maxInternLen {
		if s, ok := t.intern[string(body)]; ok { // no allocation to look up
			return s
		}
		if t.intern == nil {
			t.intern = map[string]string{}
		}
		s := string(body)
		if len(t.intern) < maxInterned {
			t.intern[s] = s
		}
		return s
	}
	if len(body) > slabSize/8 {
		return string(body)
	}
	if cap(t.slab)-len(t.slab) < len(body) {
		t.slab = make([]byte, 0, slabSize)
	}
	n := len(t.slab)
	t.slab = append(t.slab, body...)
	// The slab is never written again below n+len(body), so the string is
	// immutable as Go requires.
	return unsafe.String(&t.slab[n], len(body))
}
