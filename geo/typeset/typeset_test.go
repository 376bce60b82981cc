package typeset

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"path/filepath"
	"testing"
	"unicode"

	"github.com/meridian-app/meridian/geo/gazetteer"
	"github.com/meridian-app/meridian/internal/golden"
)

func fonts(t testing.TB) *Fonts {
	t.Helper()
	f, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Every label the map may draw has real glyphs: no missing-glyph boxes,
// whatever fonts the machine has (these come from the binary alone).
func TestNoMissingGlyphs(t *testing.T) {
	f := fonts(t)
	for _, s := range []string{"Ţarţūs", "طرطوس", "حلب", "دمشق", "杭州", "大马士革", "Дамаск", "Αθήνα", "Tartus طرطوس", "杭州 Hangzhou", "Hà Nội", "İzmir"} {
		l := f.Shape(s, 16)
		for _, run := range l.runs {
			for _, g := range run.Glyphs {
				if g.GlyphID == 0 {
					t.Errorf("%q: a glyph is missing (run in %v)", s, run.Face.Describe().Family)
				}
			}
		}
		if l.Width <= 0 || l.Ascent <= 0 {
			t.Errorf("%q: width %v ascent %v", s, l.Width, l.Ascent)
		}
	}
}

// Arabic letters take their joined forms: ح inside حلب is not the ح that
// stands alone.
func TestArabicJoins(t *testing.T) {
	f := fonts(t)
	alone := f.Shape("ح", 16).runs[0].Glyphs[0].GlyphID
	word := f.Shape("حلب", 16).runs[0]
	if len(word.Glyphs) != 3 {
		t.Fatalf("%d glyphs for حلب", len(word.Glyphs))
	}
	// Right to left: the glyph drawn last (rightmost) is the first letter.
	if first := word.Glyphs[2].GlyphID; first == alone {
		t.Errorf("initial ح drawn with its isolated glyph %d", alone)
	}
}

func TestVisualOrder(t *testing.T) {
	f := fonts(t)
	family := func(l *Line, i int) string { return l.runs[i].Face.Describe().Family }
	// Left-to-right line: Latin then Arabic, as written.
	l := f.Shape("Tartus طرطوس", 16)
	if family(l, 0) != "Noto Sans" || family(l, len(l.runs)-1) != "Noto Sans Arabic" {
		t.Errorf("Tartus طرطوس: runs %s … %s", family(l, 0), family(l, len(l.runs)-1))
	}
	// Right-to-left line (it starts with Arabic): the Latin word goes left.
	l = f.Shape("حلب Aleppo", 16)
	if family(l, 0) != "Noto Sans" || family(l, len(l.runs)-1) != "Noto Sans Arabic" {
		t.Errorf("حلب Aleppo: runs %s … %s", family(l, 0), family(l, len(l.runs)-1))
	}
	// Chinese goes to the CJK font, Latin after it stays with Noto Sans.
	l = f.Shape("杭州 Hangzhou", 16)
	if family(l, 0) != "Noto Sans CJK SC" || family(l, len(l.runs)-1) != "Noto Sans" {
		t.Errorf("杭州 Hangzhou: runs %s … %s", family(l, 0), family(l, len(l.runs)-1))
	}
}

// The golden image shows labels in each script, mixed, with halos.
func TestGolden(t *testing.T) {
	f := fonts(t)
	img := image.NewRGBA(image.Rect(0, 0, 320, 250))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{170, 211, 223, 255}), image.Point{}, draw.Src)
	var d Drawer
	st := Style{Color: color.RGBA{30, 30, 30, 255}, Halo: color.RGBA{255, 255, 255, 255}, HaloWidth: 2}
	y := float32(30)
	for _, s := range []string{"Ţarţūs", "Tartus طرطوس", "حلب Aleppo", "杭州 Hangzhou", "دمشق ١٦ 2016", "Дамаск · Damascus"} {
		l := f.Shape(s, 20)
		d.Draw(img, l, 10, y, st)
		y += 38
	}
	// Clipped at the image's edge without a panic.
	d.Draw(img, f.Shape("Hangzhou", 20), 290, 10, st)
	golden.Compare(t, filepath.Join("testdata", "labels.png"), img)
}

func TestBounds(t *testing.T) {
	l := fonts(t).Shape("Tartus", 20)
	b := l.Bounds(10, 30, 2)
	if b.Min.X != 8 || b.Dx() < 60 || b.Min.Y > 30-14 || b.Max.Y < 32 {
		t.Errorf("bounds %v for width %v ascent %v", b, l.Width, l.Ascent)
	}
}

func BenchmarkShape(b *testing.B) {
	f := fonts(b)
	for b.Loop() {
		f.mu.Lock()
		f.shape("Tartus طرطوس", 13)
		f.mu.Unlock()
	}
}

func BenchmarkDraw(b *testing.B) {
	f := fonts(b)
	l := f.Shape("Tartus طرطوس", 13)
	img := image.NewRGBA(image.Rect(0, 0, 200, 40))
	var d Drawer
	st := Style{Color: color.RGBA{30, 30, 30, 255}, Halo: color.RGBA{255, 255, 255, 255}, HaloWidth: 2}
	for b.Loop() {
		d.Draw(img, l, 5, 25, st)
	}
}

// Every letter of every name in the gazetteer has a glyph in the embedded
// fonts: this fails when the gazetteer is regenerated without cutting the
// CJK subset again (make gazetteer does both).
func TestGazetteerCoverage(t *testing.T) {
	f := fonts(t)
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	missing := map[rune]string{}
	for _, p := range g.Places() {
		for _, name := range append([]string{p.Name, p.Local}, p.Alt...) {
			for _, r := range name {
				if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
					continue
				}
				if _, ok := f.ResolveFace(r).NominalGlyph(r); !ok {
					missing[r] = name
				}
			}
		}
	}
	for r, name := range missing {
		t.Errorf("no glyph for %q (U+%04X) in %q", r, r, name)
	}
}

// A line drawn from its mask looks as drawn directly, clipped alike.
func TestMaskMatchesDraw(t *testing.T) {
	f := fonts(t)
	st := Style{Color: color.RGBA{30, 30, 30, 255}, Halo: color.RGBA{255, 255, 255, 255}, HaloWidth: 2}
	var d Drawer
	for _, at := range []image.Point{{20, 30}, {-15, 8}, {150, 45}} {
		a := image.NewRGBA(image.Rect(0, 0, 200, 50))
		b := image.NewRGBA(a.Rect)
		l := f.Shape("Tartus طرطوس", 16)
		d.Draw(a, l, float32(at.X), float32(at.Y), st)
		m := d.Mask(l, 2)
		m.Draw(b, at.X, at.Y, st)
		if !bytes.Equal(a.Pix, b.Pix) {
			t.Errorf("at %v: the mask draws differently", at)
		}
		if m.Bounds(at.X, at.Y) != l.Bounds(float32(at.X), float32(at.Y), 2) {
			t.Errorf("at %v: bounds %v vs %v", at, m.Bounds(at.X, at.Y), l.Bounds(float32(at.X), float32(at.Y), 2))
		}
	}
}

func TestWrap(t *testing.T) {
	f := fonts(t)
	lines := f.Wrap("Two explosions killed 34 people at the entrance to Tartous on Monday\nSecond paragraph", 20, 200)
	if len(lines) < 4 {
		t.Fatalf("%d lines", len(lines))
	}
	for i, l := range lines {
		if l.Width > 200 {
			t.Errorf("line %d is %v wide", i, l.Width)
		}
	}
	if got := f.Wrap("Supercalifragilistic", 20, 10); len(got) != 1 {
		t.Errorf("a long word: %d lines", len(got))
	}
}
