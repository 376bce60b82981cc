package app

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format"
	"github.com/paulmach/orb"
)

// pixelServer counts the requests a test's text makes it serve.
func pixelServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(pixelPNG)
	}))
	t.Cleanup(srv.Close)
	return srv, &hits
}

// pixelPNG is a 1×1 PNG, what a tracking pixel serves.
var pixelPNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa75\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82")

// Fyne's own storage fetches http addresses (the test app registers the
// same repository as the real one); refuseNetwork stops that.
func TestRefuseNetwork(t *testing.T) {
	test.NewTempApp(t)
	srv, hits := pixelServer(t)
	u, err := storage.ParseURI(srv.URL + "/pixel.png")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := storage.CanRead(u); !ok || hits.Load() == 0 {
		t.Fatalf("Fyne's http repository did not reach the server (%d requests): the test checks nothing", hits.Load())
	}
	before := hits.Load()
	refuseNetwork()
	for _, scheme := range networkSchemes {
		u, _ := storage.ParseURI(scheme + "://127.0.0.1:1/x")
		if _, err := storage.Reader(u); !errors.Is(err, ErrOffline) {
			t.Errorf("%s: Reader gave %v, want ErrOffline", scheme, err)
		}
	}
	if _, err := storage.Reader(u); !errors.Is(err, ErrOffline) {
		t.Errorf("Reader after refuseNetwork: %v", err)
	}
	if n := hits.Load() - before; n != 0 {
		t.Errorf("%d requests after refuseNetwork", n)
	}
}

// A summary's Markdown images and links are shown as text naming their
// addresses, and nothing is fetched, even with Fyne's http repository in
// place (the test app has it): setMarkdown never lets an image segment be
// drawn. ParseMarkdown, for comparison, fetches the picture.
func TestMarkdownImagesAreText(t *testing.T) {
	test.NewTempApp(t)
	srv, hits := pixelServer(t)
	md := "Before ![a *tracking* pixel](" + srv.URL + "/p.png \"T\") and [the story](" + srv.URL + "/story).\n\n" +
		"- ![](" + srv.URL + "/q.png)\n- [list link](" + srv.URL + "/l)\n\n![local](photo.jpg)"
	rt := widget.NewRichText()
	w := test.NewTempWindow(t, rt)
	w.Resize(fyne.NewSize(600, 400))
	setMarkdown(rt, md)
	w.Canvas().Refresh(rt)
	text := richText(rt.Segments)
	for _, want := range []string{
		"[image: a tracking pixel] <" + srv.URL + "/p.png>",
		"the story <" + srv.URL + "/story>",
		"[image] <" + srv.URL + "/q.png>",
		"list link <" + srv.URL + "/l>",
		"[image: local] <",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("shown text lacks %q:\n%s", want, text)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("setMarkdown made %d requests", n)
	}
	shown := widget.NewRichText()
	w.SetContent(shown)
	shown.ParseMarkdown(md)
	if hits.Load() == 0 {
		t.Errorf("ParseMarkdown fetched nothing: this test no longer shows the danger it guards against")
	}
}

// The detail panel, for an event whose summary holds an image, fetches
// nothing and shows the address.
func TestDetailFetchesNothing(t *testing.T) {
	srv, hits := pixelServer(t)
	c := event.Collection{Events: []event.Event{{
		ID: "e", Title: "Pixel", Geometry: orb.Point{36, 34},
		When:    chrono.Span{Start: chrono.Time{Year: 2016, Month: 9, Day: 5, Prec: chrono.Day}},
		Summary: "Look ![x](" + srv.URL + "/pixel.png)",
	}}}
	u, _ := showUI(t, "pixel.geojson", &format.Result{Collection: &c, Format: "geojson"})
	onUIWait(func() { u.Select(0) })
	onUIWait(func() {})
	if !strings.Contains(detailText(u), "[image: x] <"+srv.URL+"/pixel.png>") {
		t.Errorf("detail panel: %s", detailText(u))
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("selecting the event made %d requests", n)
	}
}

func richText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ParagraphSegment:
			b.WriteString(richText(s.Texts) + "\n")
		case *widget.ListSegment:
			b.WriteString(richText(s.Items) + "\n")
		case *widget.TextSegment:
			b.WriteString(s.Text)
		default:
			b.WriteString(s.Textual())
		}
	}
	return b.String()
}

// The editor's live preview, as the event opens and as its summary is
// typed, fetches nothing either.
func TestEditorPreviewFetchesNothing(t *testing.T) {
	test.NewTempApp(t)
	srv, hits := pixelServer(t)
	f := newEventForm(event.Event{Title: "Pixel", Summary: "![open](" + srv.URL + "/open.png)"}, nil)
	w := test.NewTempWindow(t, f.content)
	w.Resize(fyne.NewSize(700, 600))
	test.Type(f.summary, " and ![typed]("+srv.URL+"/typed.png)")
	w.Canvas().Refresh(f.preview)
	text := richText(f.preview.Segments)
	for _, want := range []string{"[image: open] <" + srv.URL + "/open.png>", "[image: typed] <" + srv.URL + "/typed.png>"} {
		if !strings.Contains(text, want) {
			t.Errorf("preview lacks %q:\n%s", want, text)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the editor's preview made %d requests", n)
	}
}
