package kml

import (
	"encoding/xml"
	"strings"

	"github.com/meridian-app/meridian/geo/event"
)

// style is the part of a KML Style Meridian uses: the icon's colour, or a
// line's or area's when there is no icon.
type style struct {
	ID    string `xml:"id,attr"`
	Icon  string `xml:"IconStyle>color"`
	Line  string `xml:"LineStyle>color"`
	Poly  string `xml:"PolyStyle>color"`
	Pairs []struct {
		Key      string `xml:"key"`
		StyleURL string `xml:"styleUrl"`
	} `xml:"Pair"`
}

// color returns the style's colour as "#rrggbb", or "".
func (s *style) color() string {
	for _, c := range []string{s.Icon, s.Line, s.Poly} {
		if hex, ok := kmlColor(c); ok {
			return hex
		}
	}
	return ""
}

// kmlColor converts KML's aabbggrr hex to "#rrggbb".
func kmlColor(c string) (string, bool) {
	c = strings.TrimPrefix(strings.TrimSpace(c), "#")
	if len(c) != 8 {
		return "", false
	}
	for _, r := range c {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return "", false
		}
	}
	return strings.ToLower("#" + c[6:8] + c[4:6] + c[2:4]), true
}

// styles collects shared styles and, per event, the style it refers to;
// styles may be defined after their use, so colours are applied at the end.
type styles struct {
	colors map[string]string // style id → colour
	maps   map[string]string // StyleMap id → its "normal" style URL
	uses   []*style          // per event: an inline style, or a reference
}

func (st *styles) decode(dec *xml.Decoder, t xml.StartElement) error {
	var s style
	if err := dec.DecodeElement(&s, &t); err != nil {
		return err
	}
	if s.ID == "" {
		return nil
	}
	if t.Name.Local == "StyleMap" {
		if st.maps == nil {
			st.maps = map[string]string{}
		}
		for _, p := range s.Pairs {
			if strings.TrimSpace(p.Key) == "normal" {
				st.maps[s.ID] = strings.TrimSpace(p.StyleURL)
			}
		}
		return nil
	}
	if c := s.color(); c != "" {
		if st.colors == nil {
			st.colors = map[string]string{}
		}
		st.colors[s.ID] = c
	}
	return nil
}

// styleRef returns the Placemark's inline style, or a style standing for
// its styleUrl, or nil.
func (pm *placemark) styleRef() *style {
	if pm.Style != nil && pm.Style.color() != "" {
		return pm.Style
	}
	if u := strings.TrimSpace(pm.StyleURL); u != "" {
		return &style{ID: u}
	}
	return nil
}

// apply sets "marker-color" (the simplestyle name the renderer reads) on
// each event whose style gives a colour. Only local references ("#id")
// resolve: styles in other files are not fetched.
func (st *styles) apply(events []event.Event) {
	for i, s := range st.uses {
		if s == nil || i >= len(events) {
			continue
		}
		c := s.color()
		if c == "" {
			c = st.resolve(s.ID, 0)
		}
		if c == "" {
			continue
		}
		e := &events[i]
		if e.Extra == nil {
			e.Extra = map[string]any{}
		}
		if _, set := e.Extra["marker-color"]; !set {
			e.Extra["marker-color"] = c
		}
	}
	st.uses = st.uses[:0]
}

func (st *styles) resolve(url string, depth int) string {
	id, ok := strings.CutPrefix(url, "#")
	if !ok || depth > 4 {
		return ""
	}
	if c, ok := st.colors[id]; ok {
		return c
	}
	if next, ok := st.maps[id]; ok {
		return st.resolve(next, depth+1)
	}
	return ""
}
