// Package table reads events from spreadsheets saved as CSV or TSV: one row
// per event, columns found by their header under the names people use
// (lat/latitude/y, lon/lng/longitude/x, date/start/time, title/name/headline,
// …), or a WKT geometry column, or separate Year/Month/Day/Time columns as in
// the TimelineJS sheet template.
//
// The delimiter (comma, semicolon, tab or bar) and a UTF-8 byte-order mark
// are detected. Every problem is reported at its row and column, and a bad
// cell never drops its row: an unreadable date leaves the event undated, a
// bad coordinate leaves it unplaced, and the cell's text is kept.
package table

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
)

// Sentinel errors for problems, to be tested with errors.Is.
var (
	ErrSyntax     = errors.New("table: malformed row")
	ErrHeader     = errors.New("table: no usable header")
	ErrCoordinate = errors.New("table: bad coordinate")
	ErrTime       = errors.New("table: bad time")
	ErrGeometry   = errors.New("table: bad WKT geometry")
)

func init() {
	format.Register(format.Format{Name: "csv", Sniff: Sniff, Decode: Decode})
}

var bom = []byte("\xef\xbb\xbf")

// delimiters are the separators tried, in order of preference on a tie.
var delimiters = []rune{',', '\t', ';', '|'}

// Sniff reports whether head starts with a delimited header naming at least
// one column Meridian understands.
func Sniff(head []byte) bool {
	head = bytes.TrimPrefix(head, bom)
	line, _, _ := bytes.Cut(head, []byte("\n"))
	line = bytes.TrimRight(line, "\r")
	if len(bytes.TrimSpace(line)) == 0 || bytes.ContainsAny(line[:1], "{[<") {
		return false
	}
	d := sniffDelimiter(line)
	for _, name := range strings.Split(string(line), string(d)) {
		if _, ok := roleOf(name); ok {
			return true
		}
	}
	return false
}

// sniffDelimiter picks the candidate that occurs most often outside quotes
// in the header line.
func sniffDelimiter(line []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(line) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted:
			counts[r]++
		}
	}
	best := delimiters[0]
	for _, d := range delimiters {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// Decode reads a whole table. It fails only when there is no header with a
// column it can use; bad rows become problems.
func Decode(r io.Reader, file string) (*format.Result, error) {
	br := bufio.NewReader(r)
	if head, _ := br.Peek(3); bytes.Equal(head, bom) {
		_, _ = br.Discard(3)
	}
	first, _ := br.Peek(4096)
	line, _, _ := bytes.Cut(first, []byte("\n"))
	cr := csv.NewReader(br)
	cr.Comma = sniffDelimiter(bytes.TrimRight(line, "\r"))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true // the fields are fresh strings; only the slice is reused
	res := &format.Result{Collection: &event.Collection{}}
	header, err := cr.Read()
	if err != nil {
		return res, fmt.Errorf("%w: %s: %v", ErrHeader, file, err)
	}
	cols := newColumns(slices.Clone(header)) // the reader reuses the slice
	if !cols.usable() {
		return res, fmt.Errorf("%w: %s: none of the columns %q is a place, time or title", ErrHeader, file, header)
	}
	rd := &rowReader{cr: cr, file: file, cols: cols, res: res}
	rd.state.bad = func(i int, err error) { rd.problem(rd.pos(rd.row, i), err) }
	rd.state.lookup = func(i int) {
		rd.res.Lookups = append(rd.res.Lookups, format.Lookup{Event: len(rd.res.Collection.Events), Pos: rd.pos(rd.row, i)})
	}
	if sz, ok := r.(format.Sizer); ok {
		rd.size = sz.Size()
	}
	return res, rd.readAll()
}

// rowReader turns records into events, keeping problems with positions.
type rowReader struct {
	cr    *csv.Reader
	file  string
	cols  columns
	res   *format.Result
	size  int64 // of the whole input when known (format.Sizer), else 0
	row   int   // being read, from 0
	state rowState
}

// sizeAfter is how many rows are read before the rest are counted from
// the size of the input.
const sizeAfter = 2048

// reserve sizes the event list for the whole input from the bytes the rows
// so far took, so that it is not copied as it grows: at a million rows,
// growing it by appending was two thirds of the reading time.
func (rd *rowReader) reserve() {
	c := rd.res.Collection
	done := rd.cr.InputOffset()
	if len(c.Events) == 0 || done <= 0 || rd.size <= done {
		return
	}
	per := float64(done) / float64(len(c.Events))
	if want := int(float64(rd.size)/per*1.03) + 16; want > cap(c.Events) {
		c.Events = slices.Grow(c.Events, want-len(c.Events))
	}
}

// readAll reads every row. It fails only when the input cannot be read
// any further (too large, or an I/O error); rows before that are kept.
func (rd *rowReader) readAll() error {
	lastLine := -1
	for row := 0; ; row++ {
		rec, err := rd.cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			rd.problem(format.Position{File: rd.file, Line: pe.Line, Col: pe.Column, Feature: row}, fmt.Errorf("%w: %v (row skipped)", ErrSyntax, pe.Err))
			if pe.Line == lastLine { // no progress: give up rather than spin
				return nil
			}
			lastLine = pe.Line
			continue
		}
		if err != nil {
			return fmt.Errorf("%s: row %d: %w", rd.file, row+1, err)
		}
		rd.record(row, rec)
		if row == sizeAfter && rd.size > 0 {
			rd.reserve()
		}
	}
}

func (rd *rowReader) problem(pos format.Position, err error) {
	rd.res.Problems = append(rd.res.Problems, format.Problem{Pos: pos, Err: err})
}

// pos returns the position of field i of the record just read.
func (rd *rowReader) pos(row, i int) format.Position {
	line, col := rd.cr.FieldPos(max(0, i))
	return format.Position{File: rd.file, Line: line, Col: col, Feature: row}
}

// record makes one event from a row.
func (rd *rowReader) record(row int, rec []string) {
	if len(rec) != len(rd.cols.names) {
		rd.problem(rd.pos(row, 0), fmt.Errorf("%w: %d fields where the header has %d (row kept)", ErrSyntax, len(rec), len(rd.cols.names)))
	}
	e := event.Event{}
	rd.row = row
	rd.cols.fill(&e, rec, &rd.state)
	rd.res.Collection.Events = append(rd.res.Collection.Events, e)
}
