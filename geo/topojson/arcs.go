package topojson

import (
	"math"
	"strconv"

	"github.com/paulmach/orb"
)

// readArcs decodes the "arcs" member, an array of arrays of positions,
// straight into line strings with the transform applied. The basemap's
// 1:50m topology is 90% arcs, and decoding them through encoding/json into
// nested slices took two thirds of the app's start-up time for it. ok is
// false for anything but plain numbers in that shape (nulls, strings,
// deeper nesting); the caller then decodes it the general way, so the
// result, errors included, does not depend on which reader ran.
func (t *Topology) readArcs(data []byte) (arcs []orb.LineString, ok bool) {
	s := arcScanner{data: data}
	if !s.open() {
		return nil, false
	}
	if s.close() {
		return []orb.LineString{}, s.end()
	}
	var buf orb.LineString // one arc's points, reused
	for {
		ls, ok := t.readArc(&s, &buf)
		if !ok {
			return nil, false
		}
		arcs = append(arcs, ls)
		if s.close() {
			return arcs, s.end()
		}
		if !s.comma() {
			return nil, false
		}
	}
}

// readArc reads one arc into buf and returns a copy of exactly its size.
func (t *Topology) readArc(s *arcScanner, buf *orb.LineString) (orb.LineString, bool) {
	if !s.open() {
		return nil, false
	}
	ls := (*buf)[:0]
	defer func() { *buf = ls[:0] }()
	if s.close() {
		return orb.LineString{}, true
	}
	var x, y float64
	for {
		if !s.open() {
			return nil, false
		}
		var p [2]float64
		n := 0
		if !s.close() {
			for {
				v, ok := s.number()
				if !ok {
					return nil, false
				}
				if n < 2 {
					p[n] = v
				}
				n++
				if s.close() {
					break
				}
				if !s.comma() {
					return nil, false
				}
			}
		}
		if n >= 2 { // shorter positions are skipped, as decodeArc does
			if t.tf != nil {
				x, y = x+p[0], y+p[1]
			} else {
				x, y = p[0], p[1]
			}
			ls = append(ls, t.tf.point(x, y))
		}
		if s.close() {
			return append(make(orb.LineString, 0, len(ls)), ls...), true
		}
		if !s.comma() {
			return nil, false
		}
	}
}

// arcScanner reads the few JSON tokens arcs are made of.
type arcScanner struct {
	data []byte
	i    int
}

func (s *arcScanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *arcScanner) byte(c byte) bool {
	s.space()
	if s.i < len(s.data) && s.data[s.i] == c {
		s.i++
		return true
	}
	return false
}

func (s *arcScanner) open() bool  { return s.byte('[') }
func (s *arcScanner) close() bool { return s.byte(']') }
func (s *arcScanner) comma() bool { return s.byte(',') }

// end reports whether nothing but space follows.
func (s *arcScanner) end() bool {
	s.space()
	return s.i == len(s.data)
}

// number reads a JSON number. It checks JSON's grammar, which is stricter
// than strconv's (no "+1", ".5", "1.", "0x1p3", "Inf" or underscores).
func (s *arcScanner) number() (float64, bool) {
	s.space()
	start := s.i
	d := s.data
	if s.i < len(d) && d[s.i] == '-' {
		s.i++
	}
	switch {
	case s.i < len(d) && d[s.i] == '0':
		s.i++
	case s.i < len(d) && d[s.i] >= '1' && d[s.i] <= '9':
		s.digits()
	default:
		return 0, false
	}
	if s.i < len(d) && d[s.i] == '.' {
		s.i++
		if !s.digits() {
			return 0, false
		}
	}
	if s.i < len(d) && (d[s.i] == 'e' || d[s.i] == 'E') {
		s.i++
		if s.i < len(d) && (d[s.i] == '+' || d[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			return 0, false
		}
	}
	if v, ok := integer(d[start:s.i]); ok {
		return v, true // quantized arcs are all integers
	}
	v, err := strconv.ParseFloat(string(d[start:s.i]), 64)
	return v, err == nil
}

// integer reads a short integer exactly; ok is false for anything else.
func integer(b []byte) (float64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	if neg {
		b = b[1:]
	}
	if len(b) == 0 || len(b) > 15 {
		return 0, false
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		if n == 0 {
			return math.Copysign(0, -1), true // "-0" is negative zero, as ParseFloat has it
		}
		n = -n
	}
	return float64(n), true
}

func (s *arcScanner) digits() bool {
	start := s.i
	for s.i < len(s.data) && s.data[s.i] >= '0' && s.data[s.i] <= '9' {
		s.i++
	}
	return s.i > start
}
