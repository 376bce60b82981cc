// Package geojson reads and writes Meridian GeoJSON: RFC 7946 feature
// collections whose properties carry event times, titles and sources (see
// DESIGN.md). It registers itself with package format.
package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/meridian-app/meridian/geo/format/jsonpos"
	orbjson "github.com/paulmach/orb/geojson"
)

// Sentinel errors, wrapped by every Problem this package reports.
var (
	ErrSyntax   = errors.New("geojson: invalid JSON")
	ErrNotGeo   = errors.New("geojson: not a GeoJSON object")
	ErrGeometry = errors.New("geojson: bad geometry")
	ErrTime     = errors.New("geojson: bad time")
	ErrProperty = errors.New("geojson: bad property")
)

func init() {
	format.Register(format.Format{Name: "geojson", Sniff: Sniff, Decode: Decode})
}

var bom = []byte("\xef\xbb\xbf")

// Sniff reports whether head looks like a GeoJSON object: a JSON object
// whose first bytes mention a GeoJSON "type".
func Sniff(head []byte) bool {
	head = bytes.TrimLeft(bytes.TrimPrefix(head, bom), " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return false
	}
	for _, t := range []string{"FeatureCollection", "Feature", "Point", "LineString", "Polygon", "GeometryCollection", "MultiPoint"} {
		if bytes.Contains(head, []byte(`"`+t+`"`)) {
			return true
		}
	}
	return bytes.Contains(head, []byte(`"features"`))
}

type decoder struct {
	file string
	data []byte
	res  *format.Result
	doc  *jsonpos.Doc // for line and column of offsets, when read whole
	// start is where the document's object opens, when streamed.
	start format.Position
}

// head is the position of the document's opening brace.
func (d *decoder) head() format.Position {
	if d.doc != nil {
		return d.doc.Pos(0, -1)
	}
	return d.start
}

// top walks the top-level object, streaming "features" and keeping the
// other members to decide what the document is.
func (d *decoder) top() error {
	dec := json.NewDecoder(bytes.NewReader(d.data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return d.fatal(0, ErrNotGeo, "expected a JSON object")
	}
	members := map[string]json.RawMessage{}
	sawFeatures := false
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return d.fatal(dec.InputOffset(), ErrSyntax, err.Error())
		}
		key, _ := keyTok.(string)
		if key == "features" {
			sawFeatures = true
			if err := d.features(dec); err != nil {
				return err
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return d.fatal(dec.InputOffset(), ErrSyntax, err.Error())
		}
		members[key] = raw
	}
	if _, err := dec.Token(); err != nil {
		return d.fatal(dec.InputOffset(), ErrSyntax, err.Error())
	}
	return d.document(members, sawFeatures)
}

// document handles what the top-level members say the file is.
func (d *decoder) document(members map[string]json.RawMessage, sawFeatures bool) error {
	var typ string
	_ = json.Unmarshal(members["type"], &typ)
	c := d.res.Collection
	_ = json.Unmarshal(members["title"], &c.Title)
	_ = json.Unmarshal(members["description"], &c.Description)
	for k, v := range members {
		switch k {
		case "type", "title", "description":
		default:
			if typ == "FeatureCollection" || typ == "" && sawFeatures {
				if c.Foreign == nil {
					c.Foreign = map[string]json.RawMessage{}
				}
				c.Foreign[k] = compact(v)
			}
		}
	}
	if typ == "FeatureCollection" || (typ == "" && sawFeatures) {
		return nil
	}
	// A Feature or a geometry that also has a "features" array: its
	// features are loaded as they were read, and the rest of the object is
	// read without them, because a streamed array is gone by the time a
	// later "type" member says what the document is.
	body := d.data
	if sawFeatures {
		body, _ = json.Marshal(members)
	}
	head := d.head()
	switch typ {
	case "Feature":
		head.Feature = 0
		d.feature(0, head, body)
		return nil
	case "":
		return d.fatalAt(head, ErrNotGeo, `no "type" member`)
	}
	g, err := orbjson.UnmarshalGeometry(body)
	if err != nil {
		return d.fatalAt(head, ErrNotGeo, fmt.Sprintf("type %q: %v", typ, err))
	}
	c.Events = append(c.Events, event.Event{Geometry: g.Geometry()})
	return nil
}

// features streams the elements of the "features" array.
func (d *decoder) features(dec *json.Decoder) error {
	if tok, err := dec.Token(); err != nil || tok != json.Delim('[') {
		if tok == nil && err == nil { // "features": null
			return nil
		}
		return d.fatal(dec.InputOffset(), ErrNotGeo, `"features" is not an array`)
	}
	for i := 0; dec.More(); i++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return d.fatal(dec.InputOffset(), ErrSyntax, fmt.Sprintf("feature %d: %v", i, err))
		}
		// InputOffset is now just past the element; its start is len(raw) back.
		start := int(dec.InputOffset()) - len(raw)
		d.feature(i, d.doc.Pos(start, i), raw)
	}
	_, err := dec.Token()
	if err != nil {
		return d.fatal(dec.InputOffset(), ErrSyntax, err.Error())
	}
	return nil
}

// rawFeature is a Feature with its parts left undecoded, so that each part's
// failure is reported on its own, and its foreign members kept as written.
type rawFeature struct {
	Type       string
	ID         any
	Geometry   json.RawMessage
	Properties json.RawMessage
	Foreign    map[string]json.RawMessage
}

// compact removes a member's layout (values and number spellings stay).
func compact(v json.RawMessage) json.RawMessage {
	var buf bytes.Buffer
	if json.Compact(&buf, v) != nil {
		return v
	}
	return buf.Bytes()
}

func (f *rawFeature) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for k, v := range m {
		var err error
		switch k {
		case "type":
			err = json.Unmarshal(v, &f.Type)
		case "id":
			dec := json.NewDecoder(bytes.NewReader(v))
			dec.UseNumber()
			err = dec.Decode(&f.ID)
		case "geometry":
			f.Geometry = v
		case "properties":
			f.Properties = v
		default:
			if f.Foreign == nil {
				f.Foreign = map[string]json.RawMessage{}
			}
			f.Foreign[k] = compact(v)
		}
		if err != nil {
			return fmt.Errorf("%q: %w", k, err)
		}
	}
	return nil
}

// feature decodes one feature and appends its event, recording problems at
// pos. A feature that is not an object at all is reported and skipped.
func (d *decoder) feature(i int, pos format.Position, raw []byte) {
	report := func(sentinel error, msg string) {
		d.res.Problems = append(d.res.Problems, format.Problem{Pos: pos, Err: fmt.Errorf("%w: %s", sentinel, msg)})
	}
	var f rawFeature
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&f); err != nil {
		report(ErrNotGeo, "feature is not an object: "+err.Error())
		return
	}
	if f.Type != "Feature" {
		report(ErrNotGeo, fmt.Sprintf("type %q, want \"Feature\" (kept)", f.Type))
	}
	e := event.Event{ID: f.ID}
	e.SetForeign(f.Foreign)
	g, wrapped, err := geometry(f.Geometry)
	if p, bad := geometryProblem(wrapped, err); bad {
		report(p.sentinel, p.msg)
	}
	e.Geometry = g
	props, err := decodeProps(f.Properties)
	if err != nil {
		report(ErrProperty, "properties: "+err.Error())
	}
	for _, p := range applyProps(&e, propsOf(props)) {
		report(p.sentinel, p.msg)
	}
	if err := trackTimes(&e); err != nil {
		report(ErrTime, err.Error())
	}
	if z, ok := pointZ(f.Geometry); ok && e.Geometry != nil {
		keepZ(&e, z)
	}
	d.res.Collection.Events = append(d.res.Collection.Events, e)
}

// keepZ keeps a point's third coordinate as a property, unless the
// feature already has one of that name: "depth" when the feature looks like
// an earthquake (it has a magnitude), else "elevation".
func keepZ(e *event.Event, z float64) {
	name := "elevation"
	if _, quake := e.Extra["mag"]; quake {
		name = "depth"
	}
	if e.Extra == nil {
		e.Extra = map[string]any{}
	}
	if _, taken := e.Extra[name]; !taken {
		e.Extra[name] = json.Number(strconv.FormatFloat(z, 'g', -1, 64))
	}
}

func decodeProps(raw json.RawMessage) (map[string]any, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var props map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&props); err != nil {
		return nil, err
	}
	return props, nil
}

// fatal records a problem that stops reading and returns it as the error.
func (d *decoder) fatal(offset int64, sentinel error, msg string) error {
	return d.fatalAt(d.doc.Pos(int(offset), -1), sentinel, msg)
}

// fatalAt is fatal at a position.
// skipped reports a feature that is not JSON and was skipped: the
// features after it are still read.
func (d *decoder) skipped(pos format.Position, msg string) {
	d.res.Problems = append(d.res.Problems, format.Problem{Pos: pos,
		Err: fmt.Errorf("%w: %s; the feature is skipped, the rest are read", ErrSyntax, msg)})
}

func (d *decoder) fatalAt(pos format.Position, sentinel error, msg string) error {
	p := format.Problem{Pos: pos, Err: fmt.Errorf("%w: %s", sentinel, msg)}
	d.res.Problems = append(d.res.Problems, p)
	return &p
}
