// Package format chooses an importer for a file by sniffing its content, as
// the standard library's image package does, and defines the positioned
// problems every importer reports.
//
// Importers live in sub-packages and register themselves in init; import
// them for their side effect: _ ".../geo/format/geojson".
package format

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/meridian-app/meridian/geo/event"
)

// ErrUnknownFormat means no registered importer recognised the content.
var ErrUnknownFormat = errors.New("format: unknown file format")

// Position locates a problem in its file. Line and Col count from 1 and are
// 0 when unknown; Feature is the record's index, or -1.
type Position struct {
	File      string
	Line, Col int
	Feature   int
}

// String formats the position as "file:line:col", falling back to
// "file: feature N" for formats without lines.
func (p Position) String() string {
	switch {
	case p.Line > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Feature >= 0:
		return fmt.Sprintf("%s: feature %d", p.File, p.Feature)
	}
	return p.File
}

// Problem is one record that did not load cleanly. The record is kept when
// it can be (an unparseable date leaves the event undated); Err says what
// was wrong and wraps a sentinel of the importer's package.
type Problem struct {
	Pos Position
	Err error
}

func (p *Problem) Error() string { return p.Pos.String() + ": " + p.Err.Error() }
func (p *Problem) Unwrap() error { return p.Err }

// Result is what an importer read.
type Result struct {
	Format     string // the detected format's name, e.g. "geojson"
	Collection *event.Collection
	Problems   []Problem
	// Lookups are events that name a place but give no coordinates, for a
	// gazetteer to place (see package geocode). Until then they are unplaced.
	Lookups []Lookup
	// Notes say what was done to records that loaded, such as the place a
	// name was looked up as; unlike Problems they are not errors.
	Notes []Note
}

// Lookup is an event whose place name awaits a gazetteer: Pos is where the
// name is written.
type Lookup struct {
	Event int
	Pos   Position
}

// Note is a remark on one record.
type Note struct {
	Pos  Position
	Text string
}

func (n Note) String() string { return n.Pos.String() + ": " + n.Text }

// Format is an importer: Sniff looks at the first bytes of a file, Decode
// reads it all. Decode returns an error only when nothing could be read;
// bad records go into Result.Problems.
type Format struct {
	Name   string
	Sniff  func(head []byte) bool
	Decode func(r io.Reader, file string) (*Result, error)
}

var (
	mu      sync.RWMutex
	formats []Format
)

// Register makes a format available to Decode. It is meant for init functions.
func Register(f Format) {
	mu.Lock()
	defer mu.Unlock()
	formats = append(formats, f)
}

// sniffLen is how much of a file sniffers see; enough to skip a BOM,
// whitespace and an XML prolog.
const sniffLen = 1024

// Decode reads r with the first registered format that recognises its
// content. file is used in problem positions only.
func Decode(r io.Reader, file string) (*Result, error) {
	br := sized{bufio.NewReaderSize(r, sniffLen), sizeOf(r)}
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("format: reading %s: %w", file, err)
	}
	mu.RLock()
	defer mu.RUnlock()
	for _, f := range formats {
		if f.Sniff(head) {
			res, err := f.Decode(LimitReader(br, file), file)
			if res != nil {
				res.Format = f.Name
				if res.Collection == nil {
					res.Collection = &event.Collection{}
				}
				clipTexts(res, file)
			}
			return res, err
		}
	}
	return nil, fmt.Errorf("%w: %s is not GeoJSON, KML, KMZ, CSV, TimelineJS or StoryMapJS", ErrUnknownFormat, file)
}

// fileOf is a file with its size.
type fileOf struct {
	io.Reader
	size int64
}

func (f fileOf) Size() int64 { return f.size }

// sized is a buffered reader that keeps the size of what it reads.
type sized struct {
	*bufio.Reader
	size int64
}

func (s sized) Size() int64 { return s.size }

// Open reads the file at path with Decode.
func Open(path string) (*Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if size = st.Size(); size > MaxSize {
			return nil, fmt.Errorf("%w: %s is %s; Meridian reads files up to %s", ErrTooLarge, path, Size(size), Size(MaxSize))
		}
	}
	return Decode(fileOf{f, size}, path)
}
