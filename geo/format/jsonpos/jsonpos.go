// Package jsonpos finds where values sit in a JSON document, so that JSON
// importers can report a bad record at its line and column: it splits an
// object into its members' byte ranges and an array into its elements',
// and turns byte offsets into format.Positions.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/meridian-app/meridian/geo/format"
)

// ErrShape means a value was not the object or array expected.
var ErrShape = errors.New("jsonpos: unexpected JSON value")

// Range is a value's byte range [Start, End) in the document.
type Range struct{ Start, End int }

// Doc is a JSON document with its line starts.
type Doc struct {
	File  string
	Data  []byte
	lines []int
}

// Whole returns the range of the whole document.
func (d *Doc) Whole() Range { return Range{0, len(d.Data)} }

// Bytes returns the text of r.
func (d *Doc) Bytes(r Range) []byte { return d.Data[r.Start:r.End] }

// Members returns the ranges of the member values of the object at r, in
// document order; a key given twice keeps its last value, as
// encoding/json does. When a value is cut short or malformed, its range
// runs to the end of r and is returned with the error, so that a caller
// can still read the elements before the fault.
func (d *Doc) Members(r Range) (keys []string, vals map[string]Range, err error) {
	dec := d.decoder(r)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, nil, d.shape(r, dec, "an object", err)
	}
	vals = map[string]Range{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil, d.syntax(r, dec, err)
		}
		key, _ := tok.(string)
		keyEnd := r.Start + int(dec.InputOffset())
		v, err := d.value(r, dec)
		if err != nil {
			if _, seen := vals[key]; !seen {
				keys = append(keys, key)
			}
			// The decoder has not yet consumed the colon.
			for keyEnd < r.End && bytes.IndexByte([]byte(" \t\r\n:"), d.Data[keyEnd]) >= 0 {
				keyEnd++
			}
			vals[key] = Range{keyEnd, r.End}
			return keys, vals, err
		}
		if _, seen := vals[key]; !seen {
			keys = append(keys, key)
		}
		vals[key] = v
	}
	if _, err := dec.Token(); err != nil {
		return nil, nil, d.syntax(r, dec, err)
	}
	return keys, vals, nil
}

// Elements returns the ranges of the elements of the array at r.
func (d *Doc) Elements(r Range) ([]Range, error) {
	dec := d.decoder(r)
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		return nil, d.shape(r, dec, "an array", err)
	}
	var out []Range
	for dec.More() {
		v, err := d.value(r, dec)
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	if _, err := dec.Token(); err != nil {
		return out, d.syntax(r, dec, err)
	}
	return out, nil
}

// IsNull reports whether the value at r is the literal null.
func (d *Doc) IsNull(r Range) bool { return string(bytes.TrimSpace(d.Bytes(r))) == "null" }

// Decode unmarshals the value at r into v, numbers as json.Number.
func (d *Doc) Decode(r Range, v any) error {
	dec := json.NewDecoder(bytes.NewReader(d.Bytes(r)))
	dec.UseNumber()
	return dec.Decode(v)
}

func (d *Doc) decoder(r Range) *json.Decoder {
	dec := json.NewDecoder(bytes.NewReader(d.Bytes(r)))
	dec.UseNumber()
	return dec
}

// value skips the next value, returning its absolute range.
func (d *Doc) value(r Range, dec *json.Decoder) (Range, error) {
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return Range{}, d.syntax(r, dec, err)
	}
	end := r.Start + int(dec.InputOffset())
	return Range{end - len(raw), end}, nil
}

// Error is a syntax or shape error at a position.
type Error struct {
	Pos format.Position
	Err error
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

func (d *Doc) syntax(r Range, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	off := r.Start + int(dec.InputOffset())
	if errors.As(err, &se) {
		off = r.Start + int(se.Offset)
	}
	return &Error{Pos: d.Pos(off, -1), Err: err}
}

// shape reports that the value at r is not what was wanted, or the syntax
// error that stopped reading it.
func (d *Doc) shape(r Range, dec *json.Decoder, want string, err error) error {
	if err != nil {
		return d.syntax(r, dec, err)
	}
	return &Error{Pos: d.Pos(r.Start, -1), Err: fmt.Errorf("%w: want %s", ErrShape, want)}
}

// Pos turns a byte offset into a position (line and column from 1, the
// column counting bytes), skipping the white space and comma before a
// value so that the position is the value's first character.
func (d *Doc) Pos(offset, feature int) format.Position {
	if d.lines == nil {
		d.lines = []int{0}
		for i, b := range d.Data {
			if b == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	}
	for offset < len(d.Data) && bytes.IndexByte([]byte(" \t\r\n,"), d.Data[offset]) >= 0 {
		offset++
	}
	line := sort.Search(len(d.lines), func(i int) bool { return d.lines[i] > offset })
	return format.Position{File: d.File, Line: line, Col: offset - d.lines[line-1] + 1, Feature: feature}
}
