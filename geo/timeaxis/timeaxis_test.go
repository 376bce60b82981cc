package timeaxis

import (
	"math"
	"strings"
	"testing"

	"github.com/meridian-app/meridian/geo/chrono"
)

func at(t *testing.T, s string) float64 {
	t.Helper()
	tm, err := chrono.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return tm.StartMilli().Float()
}

func labels(ticks []Tick) []string {
	out := make([]string, len(ticks))
	for i, tk := range ticks {
		out[i] = tk.Label
	}
	return out
}

func TestTicksAdaptToZoom(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		want     []string // labels that must appear, in order
		not      []string
	}{
		{"seconds", "2016-09-05T08:30:00Z", "2016-09-05T08:31:00Z", []string{"5 Sep 2016 08:30:00", "08:30:15", "08:30:30"}, nil},
		{"hours", "2016-09-05T00:00Z", "2016-09-06T12:00Z", []string{"5 Sep 2016 00:00", "06:00", "12:00", "6 Sep 2016 00:00"}, nil},
		{"days", "2016-09-01", "2016-09-30", []string{"1 Sep 2016", "11 Sep", "21 Sep"}, nil},
		{"months", "2016-01-01", "2017-12-31", []string{"Jan 2016", "Apr", "Jul", "Jan 2017"}, nil},
		{"decades", "1900", "2020", []string{"1900", "1920", "1940", "2000"}, nil},
		{"BCE", "-0600", "0300", []string{"600 BCE", "500 BCE", "100 BCE", "AD 100", "AD 200"}, []string{"0 BCE", "AD 0", "101 BCE", "1 BCE"}},
		{"cosmological", "-13800000000", "2100", []string{"13 billion BCE", "10 billion BCE", "1 billion BCE"}, []string{"-"}},
		{"geological", "-250000000", "-60000000", []string{"240 million BCE", "100 million BCE", "80 million BCE"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := Axis{Min: at(t, tt.from), Max: at(t, tt.to), Width: 1000}
			ticks := Ticks(a, 70)
			got := strings.Join(labels(ticks), " | ")
			rest := got
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("labels lack %q (in order):\n%s", w, got)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(" | "+got+" | ", " | "+n+" | ") || (n == "-" && strings.Contains(got, n)) {
					t.Errorf("labels contain %q:\n%s", n, got)
				}
			}
			if len(ticks) < 3 || len(ticks) > 16 {
				t.Errorf("%d ticks on 1000 px", len(ticks))
			}
			for i := 1; i < len(ticks); i++ {
				if gap := ticks[i].X - ticks[i-1].X; gap < 70*0.85 {
					t.Errorf("ticks %q and %q only %.0f px apart", ticks[i-1].Label, ticks[i].Label, gap)
				}
			}
			for _, tk := range ticks {
				if tk.X < 0 || tk.X > a.Width || math.Abs(a.X(tk.At)-tk.X) > 1e-6 {
					t.Errorf("tick %q at x=%v off the axis", tk.Label, tk.X)
				}
			}
		})
	}
}

func TestYearTicksLandOnYearStarts(t *testing.T) {
	a := Axis{Min: at(t, "-0600"), Max: at(t, "0300"), Width: 1000}
	for _, tk := range Ticks(a, 70) {
		if want := "100 BCE"; tk.Label == want && tk.At != at(t, "-0099") {
			t.Errorf("%s placed at %v, want the start of astronomical year -99", want, tk.At)
		}
	}
}

func TestZoomKeepsPointerTime(t *testing.T) {
	a := Axis{Min: 0, Max: 1000 * Day, Width: 500}
	x := 123.0
	before := a.T(x)
	z := a.Zoom(0.5, x)
	if math.Abs(z.T(x)-before) > 1e-3 || math.Abs(z.Span()-500*Day) > 1e-3 {
		t.Errorf("zoom moved the pointer time: %v -> %v, span %v", before, z.T(x), z.Span())
	}
	for range 200 {
		z = z.Zoom(0.1, x)
	}
	if z.Span() < MinSpan {
		t.Errorf("zoomed to %v s", z.Span())
	}
	for range 200 {
		z = z.Zoom(10, x)
	}
	if z.Span() > MaxSpan {
		t.Errorf("zoomed out to %v s", z.Span())
	}
	if p := a.Pan(250); p.Min != 500*Day {
		t.Errorf("pan by half the width: Min %v", p.Min)
	}
}

func TestZoomFloorFarFromEpoch(t *testing.T) {
	a := Fit(at(t, "-13800000000"), at(t, "-13799999999"), 800)
	for range 100 {
		a = a.Zoom(0.1, 400)
	}
	if a.Span() < 4096*ulp(math.Abs(a.Min)) {
		t.Errorf("span %v below what float64 resolves at %v", a.Span(), a.Min)
	}
	if len(Ticks(a, 70)) == 0 {
		t.Error("no ticks at the deepest zoom")
	}
}

func BenchmarkTicks(b *testing.B) {
	a := Axis{Min: -1e12, Max: 1.5e9, Width: 1600}
	for range b.N {
		Ticks(a, 80)
	}
}
