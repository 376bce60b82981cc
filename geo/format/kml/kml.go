// Package kml reads events from Google Earth's KML 2.2 files and KMZ
// archives: one event per Placemark, with its geometry (Point, LineString,
// Polygon, MultiGeometry, gx:Track, gx:MultiTrack), its TimeStamp or
// TimeSpan (or the one of an enclosing Folder or Document), its name,
// description (HTML reduced to text) and ExtendedData.
//
// The file is read as a stream of XML tokens, so a bad Placemark is reported
// at its line and column and the others still load. Time inside LookAt and
// Camera says when to look, not when something happened, and is ignored.
// Network links are reported and never followed.
package kml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/markup"
)

// Sentinel errors for problems, to be tested with errors.Is.
var (
	ErrSyntax   = errors.New("kml: malformed XML")
	ErrGeometry = errors.New("kml: bad geometry")
	ErrTime     = errors.New("kml: bad time")
	ErrArchive  = errors.New("kml: bad KMZ archive")
	ErrSkipped  = errors.New("kml: not loaded")
)

func init() {
	format.Register(format.Format{Name: "kml", Sniff: Sniff, Decode: Decode})
	format.Register(format.Format{Name: "kmz", Sniff: SniffKMZ, Decode: DecodeKMZ})
}

var bom = []byte("\xef\xbb\xbf")

// Sniff reports whether head is XML whose first bytes mention a <kml
// element (after any prolog, comments or stylesheet instructions).
func Sniff(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	return bytes.HasPrefix(head, []byte("<")) && (bytes.Contains(head, []byte("<kml")) || bytes.Contains(head, []byte(":kml")))
}

// SniffKMZ reports whether head starts a zip archive. Any zip is taken as a
// KMZ, so that a zip without KML is reported as such rather than unknown.
func SniffKMZ(head []byte) bool {
	return bytes.HasPrefix(head, []byte("PK\x03\x04"))
}

// Decode reads a KML document.
func Decode(r io.Reader, file string) (*format.Result, error) {
	res := &format.Result{Collection: &event.Collection{}}
	w := newWalker(r, file, res)
	return res, w.walk()
}

// maxMembers bounds the entries of a KMZ looked at; archives of photos
// have hundreds, a hostile one millions.
const maxMembers = 10000

// DecodeKMZ reads the KML document of a KMZ archive: doc.kml, or else the
// first .kml file at the top level, or else the first anywhere. The archive
// is read into memory (zip needs random access), within format.MaxSize, and
// the document is decompressed as a stream with the same limit, so a zip
// bomb ends in format.ErrTooLarge.
func DecodeKMZ(r io.Reader, file string) (*format.Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrArchive, file, err)
	}
	if len(zr.File) > maxMembers {
		return nil, fmt.Errorf("%w: %s has %d entries (at most %d are read)", format.ErrTooLarge, file, len(zr.File), maxMembers)
	}
	doc := kmlMember(zr.File)
	if doc == nil {
		return nil, fmt.Errorf("%w: %s holds no .kml document", ErrArchive, file)
	}
	rc, err := doc.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %s: %v", ErrArchive, file, doc.Name, err)
	}
	defer rc.Close()
	return Decode(format.LimitReader(rc, file+"!"+doc.Name), file+"!"+doc.Name)
}

func kmlMember(files []*zip.File) *zip.File {
	var top, any *zip.File
	for _, f := range files {
		if !strings.EqualFold(path.Ext(f.Name), ".kml") {
			continue
		}
		switch {
		case strings.EqualFold(f.Name, "doc.kml"):
			return f
		case top == nil && !strings.Contains(f.Name, "/"):
			top = f
		case any == nil:
			any = f
		}
	}
	if top != nil {
		return top
	}
	return any
}

// maxNesting bounds the depth of open elements, as encoding/json and
// encoding/xml's Unmarshal bound theirs.
const maxNesting = 10000

// container is an open Document or Folder: its name names a category, and
// its time is inherited by Placemarks without their own.
type container struct {
	name string
	when *timePrimitive
}

// walker reads the token stream, decoding each Placemark whole.
type walker struct {
	dec    *xml.Decoder
	file   string
	res    *format.Result
	styles styles
	// open is the stack of open elements' local names; boxes the stack of
	// open Documents and Folders.
	open  []string
	boxes []container
	index int // Placemarks seen, for positions without lines
}

func newWalker(r io.Reader, file string, res *format.Result) *walker {
	dec := xml.NewDecoder(r)
	dec.Entity = xml.HTMLEntity // &nbsp; and friends appear in hand-written names
	dec.CharsetReader = charsetReader
	return &walker{dec: dec, file: file, res: res, styles: styles{}}
}

func (w *walker) walk() error {
	sawKML := false
	for {
		tok, err := w.dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return w.fatal(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "kml" {
				sawKML = true
			}
			if err := w.start(t); err != nil {
				return w.fatal(err)
			}
		case xml.EndElement:
			w.end()
		}
	}
	if !sawKML {
		return w.fatal(errors.New("no <kml> element"))
	}
	w.styles.apply(w.res.Collection.Events)
	return nil
}

// start handles an opening tag: elements Meridian reads are decoded whole
// (consuming their end tag); others are entered.
func (w *walker) start(t xml.StartElement) error {
	parent := ""
	if len(w.open) > 0 {
		parent = w.open[len(w.open)-1]
	}
	inBox := parent == "Document" || parent == "Folder"
	switch name := t.Name.Local; {
	case name == "Placemark":
		return w.placemark(t)
	case name == "Style" || name == "StyleMap":
		return w.styles.decode(w.dec, t)
	case inBox && name == "name":
		return w.boxName(t)
	case inBox && (name == "TimeStamp" || name == "TimeSpan"):
		return w.boxTime(t)
	case inBox && parent == "Document" && len(w.boxes) == 1 && name == "description":
		var s string
		err := w.dec.DecodeElement(&s, &t)
		w.res.Collection.Description = markup.Text(s)
		return err
	case name == "NetworkLink" || name == "GroundOverlay" || name == "ScreenOverlay" || name == "PhotoOverlay":
		return w.skip(t)
	case name == "Document" || name == "Folder":
		w.boxes = append(w.boxes, container{})
	}
	if len(w.open) >= maxNesting {
		return fmt.Errorf("%w: elements nested over %d deep", format.ErrTooLarge, maxNesting)
	}
	w.open = append(w.open, t.Name.Local)
	return nil
}

func (w *walker) end() {
	if n := len(w.open); n > 0 {
		if top := w.open[n-1]; top == "Document" || top == "Folder" {
			w.boxes = w.boxes[:len(w.boxes)-1]
		}
		w.open = w.open[:n-1]
	}
}

func (w *walker) boxName(t xml.StartElement) error {
	var s string
	if err := w.dec.DecodeElement(&s, &t); err != nil {
		return err
	}
	b := &w.boxes[len(w.boxes)-1]
	b.name = strings.TrimSpace(s)
	if len(w.boxes) == 1 && w.res.Collection.Title == "" {
		w.res.Collection.Title = b.name
	}
	return nil
}

func (w *walker) boxTime(t xml.StartElement) error {
	line, col := w.dec.InputPos()
	var tp timePrimitive
	if err := w.dec.DecodeElement(&tp, &t); err != nil {
		return err
	}
	tp.kind = t.Name.Local
	if _, err := tp.span(); err != nil {
		w.problem(line, col, -1, fmt.Errorf("%w: folder time: %v (ignored)", ErrTime, err))
		return nil
	}
	w.boxes[len(w.boxes)-1].when = &tp
	return nil
}

// skip reports an element Meridian does not show: overlays are images, and
// a network link would have to be fetched.
func (w *walker) skip(t xml.StartElement) error {
	line, col := w.dec.InputPos()
	var v struct {
		Name string `xml:"name"`
		Href string `xml:"Link>href"`
		Old  string `xml:"Url>href"`
	}
	if err := w.dec.DecodeElement(&v, &t); err != nil {
		return err
	}
	what := t.Name.Local
	if v.Name != "" {
		what += fmt.Sprintf(" %q", strings.TrimSpace(v.Name))
	}
	msg := what + " is an image overlay, which Meridian does not show"
	if t.Name.Local == "NetworkLink" {
		msg = what + " links to " + strings.TrimSpace(v.Href+v.Old) + "; Meridian never fetches, open that file instead"
	}
	w.problem(line, col, -1, fmt.Errorf("%w: %s", ErrSkipped, msg))
	return nil
}

// placemark decodes one Placemark into an event. A Placemark that cannot be
// decoded as XML stops the walk (XML cannot resynchronise); one with bad
// values is reported and kept.
func (w *walker) placemark(t xml.StartElement) error {
	line, col := w.dec.InputPos()
	i := w.index
	w.index++
	var pm placemark
	if err := w.dec.DecodeElement(&pm, &t); err != nil {
		return err
	}
	e, probs := pm.event()
	w.inherit(&e, &pm)
	for _, err := range probs {
		w.problem(line, col, i, err)
	}
	if e.Geometry == nil && e.Place != "" {
		// An <address> with no geometry: the gazetteer may place it.
		w.res.Lookups = append(w.res.Lookups, format.Lookup{Event: len(w.res.Collection.Events),
			Pos: format.Position{File: w.file, Line: line, Col: col, Feature: i}})
	}
	w.res.Collection.Events = append(w.res.Collection.Events, e)
	w.styles.uses = append(w.styles.uses, pm.styleRef())
	return nil
}

// inherit gives e the time and category of its nearest enclosing Folder or
// Document when it has none of its own.
func (w *walker) inherit(e *event.Event, pm *placemark) {
	for i := len(w.boxes) - 1; i >= 0; i-- {
		b := w.boxes[i]
		if e.When.IsZero() && b.when != nil && pm.TimeStamp == nil && pm.TimeSpan == nil {
			e.When, _ = b.when.span()
		}
		if e.Category == "" && b.name != "" && i > 0 { // the outermost names the data set
			e.Category = b.name
		}
	}
}

func (w *walker) problem(line, col, feature int, err error) {
	w.res.Problems = append(w.res.Problems, format.Problem{
		Pos: format.Position{File: w.file, Line: line, Col: col, Feature: feature},
		Err: err,
	})
}

// fatal records an error that stops the walk. The Placemarks read so far
// are kept; the error is returned only when there are none, or when the
// input was too large (a partial load of a huge file would mislead).
func (w *walker) fatal(err error) error {
	if !errors.Is(err, format.ErrTooLarge) {
		err = fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	line, col := w.dec.InputPos()
	p := format.Problem{Pos: format.Position{File: w.file, Line: line, Col: col, Feature: -1}, Err: err}
	w.res.Problems = append(w.res.Problems, p)
	w.styles.apply(w.res.Collection.Events)
	if len(w.res.Collection.Events) > 0 && !errors.Is(err, format.ErrTooLarge) {
		return nil
	}
	return &p
}

// charsetReader accepts the single-byte encodings older KML exporters
// declare; XML's own default, UTF-8, needs no reader.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "us-ascii", "ascii":
		return latin1{in}, nil
	}
	return nil, fmt.Errorf("unsupported encoding %q (save the file as UTF-8)", label)
}

// latin1 decodes ISO 8859-1 to UTF-8 (windows-1252's extra punctuation
// comes through as the C1 controls it replaces, which is readable enough).
type latin1 struct{ r io.Reader }

func (l latin1) Read(p []byte) (int, error) {
	buf := make([]byte, len(p)/2)
	if len(buf) == 0 {
		buf = make([]byte, 1)
		if len(p) < 2 {
			return 0, io.ErrShortBuffer
		}
	}
	n, err := l.r.Read(buf)
	out := p[:0]
	for _, b := range buf[:n] {
		out = append(out, string(rune(b))...)
	}
	return len(out), err
}
