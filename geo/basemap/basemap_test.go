package basemap

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"math"
	"os"
	"testing"

	"github.com/meridian-app/meridian/geo/mercator"
	"github.com/paulmach/orb"
)

func TestLevelsLoad(t *testing.T) {
	for i, name := range []string{"110m", "50m"} {
		l, err := Default().Level(i)
		if err != nil {
			t.Fatalf("level %s: %v", name, err)
		}
		if l.Name != name || len(l.Land) == 0 || len(l.Lakes) == 0 || len(l.Borders) == 0 || len(l.Coast) == 0 || len(l.Rivers) == 0 {
			t.Errorf("level %s: land %d lakes %d borders %d coast %d rivers %d", name,
				len(l.Land), len(l.Lakes), len(l.Borders), len(l.Coast), len(l.Rivers))
		}
		// No path may span more than the world's width: that would be an
		// antimeridian streak across the map.
		for _, layer := range [][]mercator.Path{l.Land, l.Borders, l.Coast} {
			for _, p := range layer {
				if w := p.Bound.Max[0] - p.Bound.Min[0]; w > 1.0001 {
					t.Fatalf("level %s: path %v wide", name, w)
				}
			}
		}
	}
}

// TestPreparedMatchesTopoJSON holds the embedded levels to the TopoJSON
// they are made from: each must be exactly what FromTopoJSON builds and
// MarshalBinary writes, so that a changed source, builder or format
// cannot ship without running cmd/mkbasemap again.
func TestPreparedMatchesTopoJSON(t *testing.T) {
	src := os.DirFS("../../assets/basemap")
	for i, name := range []string{"110m", "50m"} {
		t.Run(name, func(t *testing.T) {
			built, err := FromTopoJSON(name, gunzip(t, src, "countries-"+name+".json.gz"), gunzip(t, src, "physical-"+name+".json.gz"))
			if err != nil {
				t.Fatal(err)
			}
			want, err := built.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			got, err := fs.ReadFile(Default().fsys, "basemap/"+name+".bin")
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("assets/basemap/%s.bin is not what the TopoJSON gives: run go run ./cmd/mkbasemap", name)
			}
			// And what is read back is what was built, to the quantum.
			l, err := Default().Level(i)
			if err != nil {
				t.Fatal(err)
			}
			for k, layer := range l.layers() {
				b := built.layers()[k]
				if len(*layer) != len(*b) {
					t.Fatalf("layer %d: %d paths, built %d", k, len(*layer), len(*b))
				}
				for j, p := range *layer {
					q := (*b)[j]
					if len(p.Pts) != len(q.Pts) {
						t.Fatalf("layer %d path %d: %d points, built %d", k, j, len(p.Pts), len(q.Pts))
					}
					if !near(p.Bound.Min, q.Bound.Min) || !near(p.Bound.Max, q.Bound.Max) {
						t.Fatalf("layer %d path %d: bound %v, built %v", k, j, p.Bound, q.Bound)
					}
					for m := range p.Pts {
						if !near(p.Pts[m], q.Pts[m]) {
							t.Fatalf("layer %d path %d point %d: %v, built %v", k, j, m, p.Pts[m], q.Pts[m])
						}
					}
				}
			}
		})
	}
}

// near reports whether a prepared point is within rounding of the built one.
func near(a, b orb.Point) bool {
	return math.Abs(a[0]-b[0]) <= 0.5/quantum && math.Abs(a[1]-b[1]) <= 0.5/quantum
}

func gunzip(t *testing.T, fsys fs.FS, name string) []byte {
	t.Helper()
	f, err := fsys.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestBadPrepared checks that damaged prepared levels are refused with
// ErrFormat, not read as a wrong map or a panic.
func TestBadPrepared(t *testing.T) {
	good, err := fs.ReadFile(Default().fsys, "basemap/110m.bin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"other magic", append([]byte("MRDNMAP\x02"), good[8:]...)},
		{"cut short", good[:len(good)/2]},
		{"trailing bytes", append(append([]byte{}, good...), 0)},
		{"huge count", append(append([]byte{}, good[:13]...), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l Level
			if err := l.UnmarshalBinary(tt.data); !errors.Is(err, ErrFormat) {
				t.Errorf("err = %v, want ErrFormat", err)
			}
		})
	}
}

// FuzzPrepared checks that any input is either refused or read into a
// level that writes back to the same bytes.
func FuzzPrepared(f *testing.F) {
	small := &Level{Name: "t", Land: []mercator.Path{{Pts: []orb.Point{{0.1, 0.2}, {0.3, 0.4}, {0.1, 0.2}}}}, Coast: []mercator.Path{{}, {Pts: []orb.Point{{-0.5, 1.5}}}}}
	seed, err := small.MarshalBinary()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l Level
		if err := l.UnmarshalBinary(data); err != nil {
			return
		}
		again, err := l.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var l2 Level
		if err := l2.UnmarshalBinary(again); err != nil {
			t.Fatalf("rewritten level unreadable: %v", err)
		}
		for k, layer := range l.layers() {
			if len(*layer) != len(*l2.layers()[k]) {
				t.Fatalf("layer %d: %d paths, then %d", k, len(*layer), len(*l2.layers()[k]))
			}
		}
	})
}

func BenchmarkLoad50m(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(Default().fsys, "50m"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoad110m(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := load(Default().fsys, "110m"); err != nil {
			b.Fatal(err)
		}
	}
}
