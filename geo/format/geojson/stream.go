package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/jsonpos"
)

// Decode reads a FeatureCollection, a bare Feature or a bare geometry.
//
// A FeatureCollection is streamed: its "features" array is read one
// element at a time from a buffer that forgets what it has decoded, so a
// file of any size is read in bounded memory, and each feature is decoded
// straight into an event by a small scanner (fast.go) rather than through
// generic maps, which made loading a million features about 10× faster.
// A feature the scanner does not accept (an unusual geometry, a nested
// property, anything doubtful) is decoded by the careful encoding/json
// path, so both give the same events and the same problems. One bad
// feature is reported with its line and column and the rest still load.
func Decode(r io.Reader, file string) (*format.Result, error) {
	return decodeStream(r, file, 1<<20)
}

// decodeStream is Decode reading chunk bytes at a time (tests make it
// small, so that values straddle reads).
func decodeStream(r io.Reader, file string, chunk int) (*format.Result, error) {
	s := &stream{r: r, hold: true, chunk: chunk}
	if sz, ok := r.(format.Sizer); ok {
		s.size = int(sz.Size())
	}
	d := &decoder{file: file, res: &format.Result{Collection: &event.Collection{}}}
	ok, err := s.collection(d)
	if ok {
		return d.res, err
	}
	// Not a streamable collection: read it whole, the careful way.
	rest, rerr := io.ReadAll(r)
	if rerr != nil {
		return nil, fmt.Errorf("geojson: reading %s: %w", file, rerr)
	}
	return decodeWhole(append(s.buf, rest...), file)
}

// decodeWhole reads a document held in memory with encoding/json.
func decodeWhole(data []byte, file string) (*format.Result, error) {
	data = bytes.TrimPrefix(data, bom)
	d := &decoder{file: file, data: data, res: &format.Result{Collection: &event.Collection{}},
		doc: &jsonpos.Doc{File: file, Data: data}}
	if err := d.top(); err != nil {
		return d.res, err
	}
	return d.res, nil
}

// stream is a window on the input: buf[pos:] is unread, buf[0] is at
// offset base in the file. While hold is set nothing is forgotten, so that
// a document that turns out not to be a collection can be read whole.
type stream struct {
	r    io.Reader
	buf  []byte
	pos  int
	base int
	eof  bool
	rerr error
	hold bool
	// chunk is how much is read at a time.
	chunk int
	size  int // of the whole input, when known (format.Sizer), else 0
	sc    scanner
	lines
}

// more reads more input, first forgetting what was consumed (unless
// holding). It reports false when the input is over.
func (s *stream) more() bool {
	if s.eof {
		return false
	}
	if !s.hold && s.pos > 0 {
		s.lines.advance(s.buf, s.base, s.base+s.pos)
		n := copy(s.buf, s.buf[s.pos:])
		s.buf = s.buf[:n]
		s.base += s.pos
		s.pos = 0
	}
	if cap(s.buf)-len(s.buf) < (s.chunk+1)/2 {
		grown := make([]byte, len(s.buf), max(2*cap(s.buf), s.chunk))
		copy(grown, s.buf)
		s.buf = grown
	}
	n, err := io.ReadFull(s.r, s.buf[len(s.buf):cap(s.buf)])
	s.buf = s.buf[:len(s.buf)+n]
	if err != nil {
		s.eof = true
		if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			s.rerr = err
		}
	}
	return n > 0
}

// peek skips white space and returns the next byte, or 0 at the end.
func (s *stream) peek() byte {
	for {
		for s.pos < len(s.buf) {
			switch c := s.buf[s.pos]; c {
			case ' ', '\t', '\r', '\n':
				s.pos++
			default:
				return c
			}
		}
		if !s.more() {
			return 0
		}
	}
}

// value finds the extent of the JSON value at pos and returns it (without
// consuming it). It only balances brackets and strings: the decoders
// check the text. ok is false when the input ends first.
func (s *stream) value() (raw []byte, ok bool) {
	if s.peek() == 0 {
		return nil, false
	}
	depth, k := 0, 0 // k: bytes of the value seen, from pos
	inString, escaped := false, false
	for {
		b := s.buf[s.pos:]
		for ; k < len(b); k++ {
			c := b[k]
			if inString {
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inString = false
					if depth == 0 {
						return b[:k+1], true
					}
				}
				continue
			}
			switch c {
			case '"':
				inString = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return b[:k+1], true
				}
				if depth < 0 { // a bare scalar ended by its container
					return b[:k], k > 0
				}
			case ',', ' ', '\t', '\r', '\n':
				if depth == 0 {
					return b[:k], k > 0
				}
			}
		}
		if !s.more() {
			if depth == 0 && !inString && k > 0 {
				return s.buf[s.pos:], true
			}
			return nil, false
		}
	}
}

// collection streams a FeatureCollection into d. ok is false when the
// input is not one (or is one written so that it must be read whole),
// having consumed nothing that cannot be replayed from s.buf.
func (s *stream) collection(d *decoder) (ok bool, err error) {
	if !s.more() {
		return false, nil
	}
	if bytes.HasPrefix(s.buf, bom) {
		s.pos = len(bom)
		s.lines.lineStart = len(bom) // columns count from after it, as when read whole
	}
	if s.peek() != '{' {
		return false, nil
	}
	d.start = s.lines.pos(s.buf, s.base, s.base+s.pos, -1, d.file)
	s.pos++
	members := map[string]json.RawMessage{}
	sawFeatures := false
	for first := true; ; first = false {
		c := s.peek()
		if c == '}' {
			s.pos++
			break
		}
		if !first {
			if c != ',' {
				return s.giveUp(d, sawFeatures, "invalid character after object member")
			}
			s.pos++
			s.peek()
		}
		raw, okv := s.value()
		key, isKey := s.sc.key(raw)
		if !okv || !isKey {
			return s.giveUp(d, sawFeatures, "bad object key")
		}
		s.pos += len(raw)
		if s.peek() != ':' {
			return s.giveUp(d, sawFeatures, "missing colon after object key")
		}
		s.pos++
		if key == "features" && s.peek() == '[' && streamable(members) {
			sawFeatures = true
			s.hold = false
			if err := s.features(d); err != nil {
				return true, err
			}
			continue
		}
		raw, okv = s.value()
		if !okv || !json.Valid(raw) {
			return s.giveUp(d, sawFeatures, "bad member value")
		}
		s.pos += len(raw)
		members[key] = bytes.Clone(raw)
	}
	if !sawFeatures {
		return false, nil // a Feature or a geometry: read whole
	}
	if s.rerr != nil {
		return true, fmt.Errorf("geojson: reading %s: %w", d.file, s.rerr)
	}
	return true, d.document(members, true)
}

// streamable reports whether the members before "features" allow the
// features to be streamed: any "type" so far says FeatureCollection.
func streamable(members map[string]json.RawMessage) bool {
	t, ok := members["type"]
	return !ok || string(t) == `"FeatureCollection"`
}

// giveUp handles a syntax error outside the features: before them, the
// document is read again whole (which reports the error as before); after
// them, the error is reported here.
func (s *stream) giveUp(d *decoder, sawFeatures bool, msg string) (bool, error) {
	if s.rerr != nil {
		return true, fmt.Errorf("geojson: reading %s: %w", d.file, s.rerr)
	}
	if !sawFeatures {
		return false, nil
	}
	return true, d.fatalAt(s.lines.pos(s.buf, s.base, s.base+s.pos, -1, d.file), ErrSyntax, msg)
}

// features reads the elements of the "features" array; pos is at its '['.
// A feature that is not JSON (a NUL byte, a bare NaN, a brace missing)
// costs that feature only: it is reported where it goes wrong, and the
// reading resumes at the next feature (resync).
func (s *stream) features(d *decoder) error {
	s.pos++
	start := s.base + s.pos
	resumed := false // at a feature found after a bad one: no comma before it
	for i := 0; ; i++ {
		if i == sizeAfter && s.size > 0 {
			s.reserve(d.res.Collection, start)
		}
		c := s.peek()
		if c == ']' {
			s.pos++
			return nil
		}
		if i > 0 && !resumed {
			if c == '{' { // a comma left out: the feature itself is fine
				d.res.Problems = append(d.res.Problems, format.Problem{Pos: s.lines.pos(s.buf, s.base, s.base+s.pos, -1, d.file),
					Err: fmt.Errorf("%w: feature %d: no comma before it; read as if there were one", ErrSyntax, i)})
				resumed = true
				continue
			}
			if c != ',' {
				at := s.base + s.pos
				msg := fmt.Sprintf("feature %d: invalid character %q after array element", i, c)
				if !s.resync(d, at, at, s.base+len(s.buf), msg) {
					return d.fatalAt(s.lines.pos(s.buf, s.base, at, -1, d.file), ErrSyntax, msg)
				}
				resumed = true
				continue
			}
			s.pos++
			s.peek()
		}
		resumed = false
		raw, ok := s.value()
		if !ok && s.rerr != nil {
			return fmt.Errorf("geojson: reading %s: %w", d.file, s.rerr)
		}
		at := s.base + s.pos
		if !ok {
			msg := fmt.Sprintf("feature %d: not closed (a brace, bracket or quote is missing)", i)
			if s.peek() == 0 {
				msg = fmt.Sprintf("feature %d: missing value or unexpected end of JSON input", i)
			}
			if !s.resync(d, at, at, s.base+len(s.buf), msg) {
				return d.fatalAt(s.lines.pos(s.buf, s.base, s.base+len(s.buf), -1, d.file), ErrSyntax, msg)
			}
			resumed = true
			continue
		}
		pos := func() format.Position { return s.lines.pos(s.buf, s.base, at, i, d.file) }
		if e, probs, ok := s.sc.feature(raw); ok {
			if len(probs) > 0 {
				p := pos()
				for _, pr := range probs {
					d.res.Problems = append(d.res.Problems, format.Problem{Pos: p, Err: fmt.Errorf("%w: %s", pr.sentinel, pr.msg)})
				}
			}
			d.res.Collection.Events = append(d.res.Collection.Events, e)
		} else if serr := syntaxError(raw); serr != nil {
			bad := at
			var se *json.SyntaxError
			if errors.As(serr, &se) {
				bad = at + int(se.Offset) - 1
			}
			msg := fmt.Sprintf("feature %d: %v", i, serr)
			if rest := s.buf[min(bad-s.base, len(s.buf)):]; bytes.HasPrefix(rest, []byte("NaN")) ||
				bytes.HasPrefix(rest, []byte("Infinity")) || bytes.HasPrefix(rest, []byte("-Infinity")) {
				msg += " (NaN and Infinity are not numbers JSON allows)"
			}
			if s.resync(d, at, bad, at+len(raw), msg) {
				resumed = true
				continue
			}
			// No feature follows in what the brackets took for this one:
			// it is skipped whole.
			d.skipped(s.lines.pos(s.buf, s.base, bad, -1, d.file), msg)
		} else {
			d.feature(i, pos(), raw)
		}
		s.pos += len(raw)
	}
}

// featureStart is how the next feature begins, as writers lay features
// out: a comma, then an object whose first member says it is a Feature.
var featureStart = regexp.MustCompile(`,\s*\{\s*"type"\s*:\s*"Feature"\s*[,}]`)

// resync reports the bad feature that starts at offset at (going wrong
// at offset bad) and moves to the next feature that starts after at and
// before offset limit, if there is one; it reports false, moving
// nothing, if not. A bad feature can swallow the rest of the input (an
// unclosed string or brace), which is then in the buffer: the search is
// bounded by what was read.
func (s *stream) resync(d *decoder, at, bad, limit int, msg string) bool {
	from, to := at+1-s.base, min(limit-s.base, len(s.buf))
	if from >= to {
		return false
	}
	loc := featureStart.FindIndex(s.buf[from:to])
	if loc == nil {
		return false
	}
	next := from + loc[0] + 1 // just after the comma
	p := s.lines.pos(s.buf, s.base, bad, -1, d.file)
	resume := s.lines.pos(s.buf, s.base, s.base+next, -1, d.file)
	d.res.Problems = append(d.res.Problems, format.Problem{Pos: p,
		Err: fmt.Errorf("%w: %s; what follows up to line %d, column %d is skipped, and the features from there are read",
			ErrSyntax, msg, resume.Line, resume.Col)})
	s.pos = next
	return true
}

// sizeAfter is how many features are read before the rest are counted
// from the size of the input.
const sizeAfter = 2048

// reserve sizes c's event list for the whole input, from the bytes the
// features so far took, so that it is not copied as it grows: a million
// events are 200 MB.
func (s *stream) reserve(c *event.Collection, start int) {
	per := float64(s.base+s.pos-start) / float64(len(c.Events))
	if per <= 0 {
		return
	}
	want := int(float64(s.size-start)/per*1.03) + 16
	if want > cap(c.Events) {
		c.Events = slices.Grow(c.Events, want-len(c.Events))
	}
}

// syntaxError returns why raw is not valid JSON, or nil.
func syntaxError(raw []byte) error {
	if json.Valid(raw) {
		return nil
	}
	var v any
	err := json.Unmarshal(raw, &v)
	if err == nil {
		err = errors.New("invalid JSON")
	}
	return err
}

// lines turns file offsets into lines and columns as the input streams
// past: a cursor that moves forward only, so counting costs one pass over
// the file however many problems there are.
type lines struct {
	at        int // offset the cursor has counted to
	line      int // lines before at (0-based)
	lineStart int // offset of the line holding at
}

// advance counts the lines in buf (which starts at offset base) up to
// offset to.
func (l *lines) advance(buf []byte, base, to int) {
	if to <= l.at {
		return
	}
	seg := buf[l.at-base : to-base]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		l.line += n
		l.lineStart = l.at + bytes.LastIndexByte(seg, '\n') + 1
	}
	l.at = to
}

// pos returns the position of offset off, after the white space and comma
// before a value, as jsonpos does.
func (l *lines) pos(buf []byte, base, off, feature int, file string) format.Position {
	off = min(max(off, base), base+len(buf))
	for off-base < len(buf) && bytes.IndexByte([]byte(" \t\r\n,"), buf[off-base]) >= 0 {
		off++
	}
	if off >= l.at {
		l.advance(buf, base, off)
		return format.Position{File: file, Line: l.line + 1, Col: off - l.lineStart + 1, Feature: feature}
	}
	// Behind the cursor, which only a syntax error inside an
	// already-counted value asks for: the cursor's line is near enough.
	return format.Position{File: file, Line: l.line + 1, Col: max(1, off-l.lineStart+1), Feature: feature}
}
