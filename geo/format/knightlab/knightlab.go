// Package knightlab reads the JSON files of Knight Lab's storytelling
// tools: TimelineJS (the current format with "events", "eras" and a
// "title" slide, and the legacy v2 format under "timeline") and StoryMapJS
// (slides under "storymap", each with a location).
//
// TimelineJS events have no coordinates: they load as unplaced events, on
// the timeline and in the list. StoryMapJS slides keep their order as the
// presentation order. HTML in texts is reduced to plain text; media links
// and credits are kept under the names the TimelineJS sheet template uses
// ("Media", "Media Credit", …), so a timeline reads the same from its JSON
// and from its sheet.
package knightlab

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/jsonpos"
)

// Sentinel errors for problems, to be tested with errors.Is.
var (
	ErrSyntax   = errors.New("knightlab: invalid JSON")
	ErrShape    = errors.New("knightlab: not a TimelineJS or StoryMapJS document")
	ErrRecord   = errors.New("knightlab: bad event")
	ErrTime     = errors.New("knightlab: bad date")
	ErrLocation = errors.New("knightlab: bad location")
)

func init() {
	format.Register(format.Format{Name: "timelinejs", Sniff: SniffTimeline, Decode: Decode})
	format.Register(format.Format{Name: "storymapjs", Sniff: SniffStoryMap, Decode: Decode})
}

var bom = []byte("\xef\xbb\xbf")

func jsonHead(head []byte) []byte {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return nil
	}
	return head
}

// SniffTimeline reports a JSON object with TimelineJS's "events" list or
// the v2 "timeline" object.
func SniffTimeline(head []byte) bool {
	head = jsonHead(head)
	return head != nil && !bytes.Contains(head, []byte(`"storymap"`)) &&
		(bytes.Contains(head, []byte(`"events"`)) || bytes.Contains(head, []byte(`"timeline"`)))
}

// SniffStoryMap reports a JSON object with a "storymap" member.
func SniffStoryMap(head []byte) bool {
	head = jsonHead(head)
	return head != nil && bytes.Contains(head, []byte(`"storymap"`))
}

// Decode reads either tool's JSON, telling them apart by their members.
func Decode(r io.Reader, file string) (*format.Result, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("knightlab: reading %s: %w", file, err)
	}
	d := &decoder{
		doc: &jsonpos.Doc{File: file, Data: bytes.TrimPrefix(data, bom)},
		res: &format.Result{Collection: &event.Collection{}},
	}
	return d.res, d.top()
}

type decoder struct {
	doc     *jsonpos.Doc
	res     *format.Result
	index   int  // records read, for positions
	stopped bool // a fatal error has been recorded
}

// top reads the document. A document cut short is read up to the cut.
func (d *decoder) top() error {
	_, top, cut := d.doc.Members(d.doc.Whole())
	if len(top) == 0 {
		return d.fatal(cut)
	}
	err := d.dispatch(top)
	if cut != nil && !d.stopped {
		return d.fatal(cut)
	}
	return err
}

func (d *decoder) dispatch(top map[string]jsonpos.Range) error {
	switch {
	case has(top, "storymap"):
		return d.storymap(top["storymap"])
	case has(top, "timeline"):
		return d.legacy(top["timeline"])
	case has(top, "events"):
		return d.timeline(top)
	}
	return d.fatal(&jsonpos.Error{Pos: d.doc.Pos(0, -1), Err: fmt.Errorf(`%w: no "events", "timeline" or "storymap" member`, ErrShape)})
}

func has(m map[string]jsonpos.Range, k string) bool {
	_, ok := m[k]
	return ok
}

// records decodes each element of the array at r with one, reporting the
// elements that fail at their position and going on with the rest.
func (d *decoder) records(r jsonpos.Range, one func(raw jsonpos.Range) []error) error {
	if d.doc.IsNull(r) {
		return nil
	}
	elems, err := d.doc.Elements(r)
	for _, el := range elems {
		pos := d.doc.Pos(el.Start, d.index)
		d.index++
		n := len(d.res.Collection.Events)
		for _, e := range one(el) {
			d.res.Problems = append(d.res.Problems, format.Problem{Pos: pos, Err: e})
		}
		// A record that names a place without coordinates waits for the
		// gazetteer (StoryMapJS slides with only a location name).
		for i := n; i < len(d.res.Collection.Events); i++ {
			if e := &d.res.Collection.Events[i]; e.Geometry == nil && e.Place != "" {
				d.res.Lookups = append(d.res.Lookups, format.Lookup{Event: i, Pos: pos})
			}
		}
	}
	if err != nil {
		return d.fatal(err)
	}
	return nil
}

// add appends an event with its extra properties; kind ("era") is kept as
// the "Type" property, the sheet template's name for it.
func (d *decoder) add(e event.Event, extra map[string]any, kind string) {
	if kind != "" {
		extra["Type"] = kind
	}
	if len(extra) > 0 {
		e.Extra = extra
	}
	d.res.Collection.Events = append(d.res.Collection.Events, e)
}

// decode reads one record, which must be an object; a record that is not
// is skipped with a problem that says what it was.
func (d *decoder) decode(r jsonpos.Range, v any) error {
	raw := bytes.TrimSpace(d.doc.Bytes(r))
	if len(raw) == 0 || raw[0] != '{' {
		kind := ""
		if len(raw) > 0 {
			kind = map[byte]string{'"': "text", '[': "a list", 'n': "null", 't': "true", 'f': "false"}[raw[0]]
		}
		if kind == "" {
			kind = "a number"
		}
		return fmt.Errorf("%w: %s where an object belongs (skipped)", ErrRecord, kind)
	}
	if err := d.doc.Decode(r, v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			err = fmt.Errorf("%q is a JSON %s, which does not fit", te.Field, te.Value)
		}
		return fmt.Errorf("%w: %v (skipped)", ErrRecord, err)
	}
	return nil
}

// fatal records an error that stopped reading. Records read before it are
// kept; the error is returned only when there are none.
func (d *decoder) fatal(err error) error {
	var pe *jsonpos.Error
	pos := format.Position{File: d.doc.File, Feature: -1}
	if errors.As(err, &pe) {
		pos, err = pe.Pos, pe.Err
	}
	switch {
	case errors.Is(err, jsonpos.ErrShape):
		err = fmt.Errorf("%w: %v", ErrShape, err)
	case !errors.Is(err, ErrShape):
		err = fmt.Errorf("%w: %v", ErrSyntax, err)
	}
	p := format.Problem{Pos: pos, Err: err}
	d.res.Problems = append(d.res.Problems, p)
	d.stopped = true
	if len(d.res.Collection.Events) > 0 {
		return nil
	}
	return &p
}

// text is a JSON value read as text: strings as they are, numbers in their
// written form, null and absent as "". Knight Lab files write years and
// coordinates both ways.
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0:
		return errors.New("empty value")
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = text(s)
	case b[0] == '-' || (b[0] >= '0' && b[0] <= '9'):
		*t = text(b) // a number, in the form it was written
	case string(b) == "null":
		*t = ""
	case string(b) == "true" || string(b) == "false":
		*t = text(b)
	default:
		return fmt.Errorf("want text or a number, got %.20s", b)
	}
	return nil
}
