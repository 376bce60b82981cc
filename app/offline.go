package app

import (
	"bytes"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
	"fyne.io/fyne/v2/widget"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// ErrOffline is what reading a network address through Fyne's storage
// gives once refuseNetwork has run: Meridian shows addresses, and never
// fetches them.
var ErrOffline = errors.New("meridian opens no network connections")

// networkSchemes are the URI schemes Fyne (or a later Fyne) could fetch
// over a socket: app.New registers an HTTP repository for the first two,
// which a RichText image, canvas.NewImageFromURI or storage.Reader would
// use to download whatever a data file names.
var networkSchemes = []string{"http", "https", "ftp", "ws", "wss"}

// refuseNetwork replaces Fyne's network storage repositories by one that
// refuses every request, so that no code path through Fyne's storage can
// open a socket. It must run after the Fyne app is made (which registers
// them) and before any window shows data.
func refuseNetwork() {
	for _, s := range networkSchemes {
		repository.Register(s, refusing{})
	}
}

// refusing is a storage repository that reads, writes and lists nothing.
type refusing struct{}

func (refusing) Exists(fyne.URI) (bool, error)                { return false, ErrOffline }
func (refusing) Reader(fyne.URI) (fyne.URIReadCloser, error)  { return nil, ErrOffline }
func (refusing) CanRead(fyne.URI) (bool, error)               { return false, ErrOffline }
func (refusing) Destroy(string)                               {}
func (refusing) Writer(fyne.URI) (fyne.URIWriteCloser, error) { return nil, ErrOffline }

// newMarkdown is widget.NewRichTextFromMarkdown made safe for text from a
// data file: see setMarkdown.
func newMarkdown(md string) *widget.RichText {
	rt := widget.NewRichText()
	rt.Segments = plainSegments(md)
	return rt
}

// setMarkdown shows md in rt with every image and link turned into text
// that names its address. RichText.ParseMarkdown would not do: it
// refreshes the widget at once, and an image segment's visual starts
// loading its picture (over the network for an http address) before the
// caller could replace it. The segments are therefore parsed on a
// widget that has no renderer yet, rewritten, and only then shown.
func setMarkdown(rt *widget.RichText, md string) {
	rt.Segments = plainSegments(md)
	rt.Refresh()
}

// plainSegments parses md into rich-text segments in which images are
// their alternative text and address, and hyperlinks their text and
// address, never something that loads or opens the address.
func plainSegments(md string) []widget.RichTextSegment {
	segs := widget.NewRichTextFromMarkdown(md).Segments
	alts := imageAlts(md)
	return plainOf(segs, &alts)
}

func plainOf(segs []widget.RichTextSegment, alts *[]string) []widget.RichTextSegment {
	for i, seg := range segs {
		switch s := seg.(type) {
		case *widget.HyperlinkSegment:
			segs[i] = &widget.TextSegment{Text: linkText(s), Style: widget.RichTextStyleInline}
		case *widget.ImageSegment:
			alt := ""
			if len(*alts) > 0 {
				alt, *alts = (*alts)[0], (*alts)[1:]
			}
			segs[i] = &widget.TextSegment{Text: imageText(alt, s), Style: widget.RichTextStyleParagraph}
		case *widget.ParagraphSegment:
			s.Texts = plainOf(s.Texts, alts)
		case *widget.ListSegment:
			s.Items = plainOf(s.Items, alts)
		}
	}
	return segs
}

// linkText is a link's text followed by its address, unless the text is
// the address.
func linkText(h *widget.HyperlinkSegment) string {
	if h.URL == nil || h.URL.String() == h.Text {
		return h.Text
	}
	return h.Text + " <" + h.URL.String() + ">"
}

// imageText names an image by its alternative text (else its title) and
// its address.
func imageText(alt string, s *widget.ImageSegment) string {
	if alt == "" {
		alt = s.Title
	}
	addr := ""
	if s.Source != nil {
		addr = s.Source.String()
		if s.Source.Scheme() == "file" {
			addr = s.Source.Path()
		}
	}
	if alt == "" {
		return "[image] <" + addr + ">"
	}
	return "[image: " + alt + "] <" + addr + ">"
}

// imageAlts lists the alternative texts of md's images in document order,
// the order in which Fyne's Markdown reader makes their segments (which
// keep only the title). It walks Goldmark's tree, the parser Fyne uses.
func imageAlts(md string) []string {
	if !strings.Contains(md, "![") {
		return nil
	}
	src := []byte(md)
	doc := goldmark.DefaultParser().Parse(text.NewReader(src))
	var alts []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			alts = append(alts, altText(img, src))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return alts
}

// altText is the plain text of an image's description.
func altText(img *ast.Image, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(img, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}
