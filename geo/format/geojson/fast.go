package geojson

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
	"unsafe"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
)

// scanner decodes the common shape of a feature — a Point or null
// geometry, properties of strings, numbers, booleans and nulls — straight
// into an event. It accepts only valid JSON and declines (ok false)
// anything it is unsure of, leaving it to the encoding/json path, so the
// two always agree.
type scanner struct {
	b     []byte
	i     int
	props props // reused between features
	// text keeps the strings events hold: interned short ones
	// (categories, places, keys), the rest in slabs.
	text format.Text
}

// feature decodes raw. The geometry and property problems it returns are
// the encoding/json path's, in its order.
func (sc *scanner) feature(raw []byte) (e event.Event, probs []propProblem, ok bool) {
	sc.b, sc.i = raw, 0
	if !sc.lit('{') {
		return e, nil, false
	}
	sc.props.reset()
	sc.props.text = &sc.text
	var typ string
	var geom []byte
	var seen uint8 // known members met, to decline duplicates
	var foreign map[string]json.RawMessage
	for first := true; ; first = false {
		if sc.lit('}') {
			break
		}
		if !first && !sc.lit(',') {
			return e, nil, false
		}
		key, okk := sc.str(true)
		if !okk || !sc.lit(':') {
			return e, nil, false
		}
		bit := memberBit(key)
		if seen&bit != 0 {
			return e, nil, false
		}
		seen |= bit
		switch key {
		case "type":
			if typ, okk = sc.str(true); !okk {
				return e, nil, false
			}
		case "id":
			v, okv := sc.scalar()
			if !okv {
				return e, nil, false
			}
			e.ID = v
		case "geometry":
			if geom, okk = sc.skip(); !okk {
				return e, nil, false
			}
		case "properties":
			switch sc.peek() {
			case 'n':
				if !sc.word("null") {
					return e, nil, false
				}
			case '{':
				if !sc.object(&sc.props) {
					return e, nil, false
				}
			default:
				return e, nil, false
			}
		default:
			v, okv := sc.skip()
			if !okv {
				return e, nil, false
			}
			if foreign == nil {
				foreign = map[string]json.RawMessage{}
			}
			foreign[key] = compact(v)
		}
	}
	sc.ws()
	if sc.i != len(sc.b) || typ != "Feature" {
		return e, nil, false
	}
	e.SetForeign(foreign)
	var g orb.Geometry
	var wrapped bool
	var err error
	lon, lat, isPoint := sc.point(geom)
	if isPoint {
		g, wrapped, err = format.CheckGeometry(orb.Point{lon, lat})
	} else {
		g, wrapped, err = geometry(geom)
	}
	if p, bad := geometryProblem(wrapped, err); bad {
		probs = append(probs, p)
	}
	e.Geometry = g
	probs = append(probs, applyProps(&e, &sc.props)...)
	if err := trackTimes(&e); err != nil {
		probs = append(probs, propProblem{ErrTime, err.Error()})
	}
	if !isPoint && e.Geometry != nil { // a 2D point has no Z: no need to decode it again
		if z, okz := pointZ(geom); okz {
			keepZ(&e, z)
		}
	}
	return e, probs, true
}

// key reads raw as a whole JSON string (an object key).
func (sc *scanner) key(raw []byte) (string, bool) {
	sc.b, sc.i = raw, 0
	k, ok := sc.str(true)
	return k, ok && sc.i == len(raw)
}

// memberBit numbers the members a feature may have only once.
func memberBit(key string) uint8 {
	switch key {
	case "type":
		return 1
	case "id":
		return 2
	case "geometry":
		return 4
	case "properties":
		return 8
	}
	return 0
}

// point reads {"type":"Point","coordinates":[x,y]} with its members in
// either order; anything else (a third coordinate too) is not this.
func (sc *scanner) point(raw []byte) (x, y float64, ok bool) {
	sc.b, sc.i = raw, 0
	if !sc.lit('{') {
		return 0, 0, false
	}
	var typ string
	have := 0
	for first := true; ; first = false {
		if sc.lit('}') {
			break
		}
		if !first && !sc.lit(',') {
			return 0, 0, false
		}
		key, okk := sc.str(true)
		if !okk || !sc.lit(':') {
			return 0, 0, false
		}
		switch key {
		case "type":
			if typ, okk = sc.str(true); !okk {
				return 0, 0, false
			}
		case "coordinates":
			if !sc.lit('[') {
				return 0, 0, false
			}
			var okx, oky bool
			x, okx = sc.float()
			if !okx || !sc.lit(',') {
				return 0, 0, false
			}
			y, oky = sc.float()
			if !oky || !sc.lit(']') {
				return 0, 0, false
			}
			have++
		default:
			return 0, 0, false
		}
	}
	sc.ws()
	return x, y, typ == "Point" && have == 1 && sc.i == len(sc.b)
}

func (sc *scanner) ws() {
	for sc.i < len(sc.b) {
		switch sc.b[sc.i] {
		case ' ', '\t', '\r', '\n':
			sc.i++
		default:
			return
		}
	}
}

func (sc *scanner) peek() byte {
	sc.ws()
	if sc.i < len(sc.b) {
		return sc.b[sc.i]
	}
	return 0
}

// lit consumes byte c (after white space) if it is next.
func (sc *scanner) lit(c byte) bool {
	if sc.peek() == c {
		sc.i++
		return true
	}
	return false
}

func (sc *scanner) word(w string) bool {
	sc.ws()
	if bytes.HasPrefix(sc.b[sc.i:], []byte(w)) {
		sc.i += len(w)
		return true
	}
	return false
}

// str reads a string. Escaped strings are decoded by encoding/json, so
// every escape means what it does there. Short strings are interned when
// intern is set; long ones are copied into the text slab.
func (sc *scanner) str(intern bool) (string, bool) {
	s, view, ok := sc.strView()
	if view {
		s = sc.text.KeepString(s, intern)
	}
	return s, ok
}

// strView reads a string without keeping it: when view is set, s is the
// input's own bytes, valid only while this feature is decoded. A
// property's text is kept once applyProps knows it is needed; a date is
// parsed and dropped.
func (sc *scanner) strView() (s string, view, ok bool) {
	if sc.peek() != '"' {
		return "", false, false
	}
	start := sc.i
	sc.i++
	plain, ascii := true, true
	for ; sc.i < len(sc.b); sc.i++ {
		c := sc.b[sc.i]
		switch {
		case c == '"':
			body := sc.b[start+1 : sc.i]
			sc.i++
			if !plain || !ascii && !utf8.Valid(body) {
				var s string
				if json.Unmarshal(sc.b[start:sc.i], &s) != nil {
					return "", false, false
				}
				return s, false, true
			}
			if len(body) == 0 {
				return "", false, true
			}
			return unsafe.String(&body[0], len(body)), true, true
		case c == '\\':
			plain = false
			sc.i++
		case c < 0x20:
			return "", false, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return "", false, false
}

// keep turns a string's bytes into a string that outlives the buffer.
func (sc *scanner) keep(body []byte, intern bool) string { return sc.text.Keep(body, intern) }

// object reads a properties object into ps, as decodeProps does: numbers
// as json.Number, objects and arrays as map[string]any and []any.
func (sc *scanner) object(ps *props) bool {
	if !sc.lit('{') {
		return false
	}
	for first := true; ; first = false {
		if sc.lit('}') {
			return true
		}
		if !first && !sc.lit(',') {
			return false
		}
		key, ok := sc.str(true)
		if !ok || !sc.lit(':') {
			return false
		}
		if sc.peek() == '"' {
			text, view, ok := sc.strView()
			if !ok {
				return false
			}
			ps.set(prop{key: key, text: text, isText: true, view: view})
			continue
		}
		v, ok := sc.any(0, internable(key))
		if !ok {
			return false
		}
		ps.set(prop{key: key, v: v})
	}
}

// internable reports whether a property's text values repeat across a
// data set (categories, places), so are worth interning.
func internable(key string) bool {
	switch key {
	case "category", "type", "group", "place", "location", "country", "region", "url":
		return true
	}
	return false
}

// any reads a value as encoding/json decodes it into an any with
// UseNumber: objects as map[string]any, arrays as []any.
func (sc *scanner) any(depth int, intern bool) (any, bool) {
	if depth > 200 {
		return nil, false
	}
	switch sc.peek() {
	case '{':
		sc.i++
		m := map[string]any{}
		for first := true; ; first = false {
			if sc.lit('}') {
				return m, true
			}
			if !first && !sc.lit(',') {
				return nil, false
			}
			key, ok := sc.str(true)
			if !ok || !sc.lit(':') {
				return nil, false
			}
			if m[key], ok = sc.any(depth+1, internable(key)); !ok {
				return nil, false
			}
		}
	case '[':
		sc.i++
		a := []any{}
		for first := true; ; first = false {
			if sc.lit(']') {
				return a, true
			}
			if !first && !sc.lit(',') {
				return nil, false
			}
			v, ok := sc.any(depth+1, intern)
			if !ok {
				return nil, false
			}
			a = append(a, v)
		}
	case '"':
		s, ok := sc.str(intern)
		return s, ok
	}
	return sc.scalar()
}

// scalar reads a string, number, boolean or null as encoding/json decodes
// it into an any with UseNumber.
func (sc *scanner) scalar() (any, bool) {
	switch c := sc.peek(); {
	case c == '"':
		s, ok := sc.str(false)
		return s, ok
	case c == 't':
		return true, sc.word("true")
	case c == 'f':
		return false, sc.word("false")
	case c == 'n':
		return nil, sc.word("null")
	case c == '-' || c >= '0' && c <= '9':
		start := sc.i
		if !sc.number() {
			return nil, false
		}
		return json.Number(sc.keep(sc.b[start:sc.i], false)), true
	}
	return nil, false
}

// number consumes a JSON number, checking its grammar.
func (sc *scanner) number() bool {
	b, i := sc.b, sc.i
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	sc.i = i
	return true
}

// float reads a number as a float64.
func (sc *scanner) float() (float64, bool) {
	sc.ws()
	start := sc.i
	if !sc.number() {
		return 0, false
	}
	b := sc.b[start:sc.i]
	// ParseFloat does not keep its argument, so it may borrow the bytes.
	f, err := strconv.ParseFloat(unsafe.String(&b[0], len(b)), 64)
	return f, err == nil
}

// skip consumes any valid JSON value and returns its text.
func (sc *scanner) skip() ([]byte, bool) {
	sc.ws()
	start := sc.i
	if !sc.skipValue(0) {
		return nil, false
	}
	return sc.b[start:sc.i], true
}

func (sc *scanner) skipValue(depth int) bool {
	if depth > 200 {
		return false
	}
	switch c := sc.peek(); {
	case c == '{' || c == '[':
		end := byte('}')
		if c == '[' {
			end = ']'
		}
		sc.i++
		for first := true; ; first = false {
			if sc.lit(end) {
				return true
			}
			if !first && !sc.lit(',') {
				return false
			}
			if c == '{' {
				if sc.peek() != '"' {
					return false
				}
				if _, ok := sc.rawString(); !ok || !sc.lit(':') {
					return false
				}
			}
			if !sc.skipValue(depth + 1) {
				return false
			}
		}
	case c == '"':
		start := sc.i
		if _, ok := sc.rawString(); !ok {
			sc.i = start
			return false
		}
		return true
	case c == 't':
		return sc.word("true")
	case c == 'f':
		return sc.word("false")
	case c == 'n':
		return sc.word("null")
	default:
		// A number: checked, not kept (scalar would copy it into the
		// text slabs, 17 MB of coordinates at a million points).
		return (c == '-' || c >= '0' && c <= '9') && sc.number()
	}
}

// rawString consumes a string without decoding it, checking it is valid.
func (sc *scanner) rawString() ([]byte, bool) {
	start := sc.i
	sc.i++
	for ; sc.i < len(sc.b); sc.i++ {
		switch c := sc.b[sc.i]; {
		case c == '"':
			sc.i++
			raw := sc.b[start:sc.i]
			if bytes.IndexByte(raw, '\\') >= 0 && !json.Valid(raw) {
				return nil, false
			}
			return raw, true
		case c == '\\':
			sc.i++
		case c < 0x20:
			return nil, false
		}
	}
	return nil, false
}
