// Package golden compares drawn images with PNG files kept in testdata, for
// tests of anything that draws. Run a package's tests with -update to
// rewrite its golden files after an intended change, and look at them.
package golden

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// Update rewrites golden files instead of comparing with them.
var Update = flag.Bool("update", false, "rewrite the golden images in testdata")

// Compare checks img against the PNG at path. Anti-aliasing may round
// differently from one machine to another, so a channel may be off by 8
// and one pixel in a thousand may differ more; past that the test fails and
// the image it got is written to a temporary file to look at.
func Compare(t testing.TB, path string, img *image.RGBA) {
	t.Helper()
	if *Update {
		if err := os.WriteFile(path, encode(t, img), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("size %v, golden %v", img.Bounds(), want.Bounds())
	}
	bad := 0
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		for x := img.Rect.Min.X; x < img.Rect.Max.X; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if diff(r1, r2) > 8<<8 || diff(g1, g2) > 8<<8 || diff(b1, b2) > 8<<8 {
				bad++
			}
		}
	}
	if limit := img.Rect.Dx() * img.Rect.Dy() / 1000; bad > limit {
		out := filepath.Join(t.TempDir(), filepath.Base(path))
		_ = os.WriteFile(out, encode(t, img), 0o644)
		t.Errorf("%d pixels differ from %s (limit %d); got %s", bad, path, limit, out)
	}
}

func encode(t testing.TB, img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func diff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}
