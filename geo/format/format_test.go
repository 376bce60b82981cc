package format

import (
	"errors"
	"io"
	"strings"
	"testing"
	"unsafe"

	"github.com/paulmach/orb"
)

func TestLimitReader(t *testing.T) {
	defer func(n int64) { MaxSize = n }(MaxSize)
	MaxSize = 10
	for _, tt := range []struct {
		in      string
		tooMuch bool
	}{{"", false}, {"0123456789", false}, {"0123456789a", true}} {
		got, err := io.ReadAll(LimitReader(strings.NewReader(tt.in), "x"))
		if tt.tooMuch != errors.Is(err, ErrTooLarge) {
			t.Errorf("%d bytes: err %v", len(tt.in), err)
		}
		if !tt.tooMuch && string(got) != tt.in {
			t.Errorf("%d bytes: read %q", len(tt.in), got)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{512: "512 bytes", 2048: "2 KB", 512 << 20: "512 MB", 3 << 29: "1.5 GB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCheckGeometry(t *testing.T) {
	for _, tt := range []struct {
		in      orb.Geometry
		want    orb.Geometry
		wrapped bool
		err     error
	}{
		{orb.Point{10, 20}, orb.Point{10, 20}, false, nil},
		{orb.Point{190, 20}, orb.Point{-170, 20}, true, nil},
		{orb.Point{-540, 0}, orb.Point{180, 0}, true, nil},
		// A track crossing the antimeridian keeps its continuity: shifted whole.
		{orb.LineString{{179, 0}, {181, 1}}, orb.LineString{{179, 0}, {181, 1}}, false, nil},
		{orb.LineString{{359, 0}, {361, 1}}, orb.LineString{{-1, 0}, {1, 1}}, true, nil},
		{orb.Point{10, 91}, nil, false, ErrCoordinate},
		{orb.Point{600, 0}, nil, false, ErrCoordinate},
		{orb.LineString{}, nil, false, ErrEmpty},
		{orb.Collection{orb.Point{1, 2}, orb.Polygon{}}, nil, false, ErrEmpty},
	} {
		got, wrapped, err := CheckGeometry(tt.in)
		if !errors.Is(err, tt.err) || wrapped != tt.wrapped {
			t.Errorf("CheckGeometry(%v) = %v, %v, %v", tt.in, got, wrapped, err)
			continue
		}
		if err == nil && !orb.Equal(got, tt.want) {
			t.Errorf("CheckGeometry(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPosition(t *testing.T) {
	for _, tt := range []struct {
		p    Position
		want string
	}{
		{Position{File: "a.csv", Line: 3, Col: 7, Feature: -1}, "a.csv:3:7"},
		{Position{File: "a.json", Feature: 4}, "a.json: feature 4"},
		{Position{File: "a.json", Feature: -1}, "a.json"},
	} {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// Kept strings survive their buffer being overwritten, interned ones are
// shared, and long ones are copied whole.
func TestTextKeep(t *testing.T) {
	var tx Text
	buf := []byte("health")
	a := tx.Keep(buf, true)
	copy(buf, "xxxxxx")
	b := tx.KeepString("health", true)
	if a != "health" || unsafe.StringData(a) != unsafe.StringData(b) {
		t.Errorf("interned %q %q not shared", a, b)
	}
	line := "id,Title of the event,2016"
	title := tx.KeepString(line[3:21], false)
	next := tx.KeepString(line[22:], false)
	if title != "Title of the event" || next != "2016" || unsafe.StringData(title) == unsafe.StringData(line[3:]) {
		t.Errorf("kept %q %q, or still inside the line", title, next)
	}
	long := strings.Repeat("é", slabSize)
	if got := tx.KeepString(long, false); got != long {
		t.Error("long string changed")
	}
	if tx.Keep(nil, true) != "" || tx.KeepString("", false) != "" {
		t.Error("empty not empty")
	}
	// A view of a buffer that is then reused: every kind of kept string
	// must be a copy.
	buf = []byte("conflict|" + long)
	view := unsafe.String(&buf[0], len(buf))
	short, slabbed, whole := tx.KeepString(view[:8], true), tx.KeepString(view[:8], false), tx.KeepString(view[9:], false)
	for i := range buf {
		buf[i] = 'x'
	}
	if short != "conflict" || slabbed != "conflict" || whole != long {
		t.Errorf("kept strings changed with their buffer: %q %q", short, slabbed)
	}
}
