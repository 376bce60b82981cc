package timeaxis

import (
	"fmt"
	"math"
	"strconv"

	"github.com/meridian-app/meridian/geo/chrono"
)

// Tick is a labelled mark on the axis.
type Tick struct {
	At    float64 // seconds since the Unix epoch
	X     float64 // pixels from the axis start
	Label string
}

// unit is a kind of calendar step.
type unit uint8

const (
	seconds unit = iota // fixed steps of seconds (up to 12 hours)
	days                // days of the month
	months
	years
)

// step is one candidate tick spacing.
type step struct {
	unit unit
	n    int64   // how many units
	est  float64 // approximate seconds, to pick a step
}

// steps lists tick spacings from finest to coarsest.
var steps = func() []step {
	var s []step
	for _, n := range []int64{1, 5, 15, 30, 60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600} {
		s = append(s, step{seconds, n, float64(n)})
	}
	for _, n := range []int64{1, 2, 5, 10, 15} {
		s = append(s, step{days, n, float64(n) * Day})
	}
	for _, n := range []int64{1, 3, 6} {
		s = append(s, step{months, n, float64(n) * Year / 12})
	}
	for n := int64(1); n <= chrono.MaxYear; n *= 10 {
		for _, k := range []int64{1, 2, 5} {
			s = append(s, step{years, n * k, float64(n*k) * Year})
		}
	}
	return s
}()

// Ticks returns calendar-aligned ticks at least minGap pixels apart across
// the axis. Each label says as much as its neighbours need: the year on
// the first tick of a month scale, the date on the first tick of an hour
// scale, and so on.
func Ticks(a Axis, minGap float64) []Tick {
	if a.Width <= 0 || !(a.Span() > 0) {
		return nil
	}
	st := steps[len(steps)-1]
	for _, s := range steps {
		if s.est/a.Span()*a.Width >= minGap {
			st = s
			break
		}
	}
	var out []Tick
	add := func(t float64, label string) {
		if t >= a.Min && t <= a.Max {
			out = append(out, Tick{At: t, X: a.X(t), Label: label})
		}
	}
	switch st.unit {
	case years:
		yearTicks(a, st.n, add)
	case months:
		monthTicks(a, st.n, add)
	case days:
		dayTicks(a, st.n, add)
	default:
		clockTicks(a, st.n, add)
	}
	return out
}

// yearStart returns the first second of astronomical year y.
func yearStart(y int64) float64 {
	return chrono.Time{Year: y, Prec: chrono.Year}.StartMilli().Float()
}

// yearOf returns the astronomical year at time t.
func yearOf(t float64) int64 {
	return chrono.FromInstant(chrono.Instant{Sec: int64(math.Floor(t))}, chrono.Year).Year
}

// yearTicks places ticks on round years as people count them: AD 100,
// AD 200 after Christ, and 100 BCE, 200 BCE before (astronomical -99,
// -199), so labels are round on both sides of year zero.
func yearTicks(a Axis, n int64, add func(float64, string)) {
	lo, hi := yearOf(a.Min), yearOf(a.Max)+1
	for k := floorDiv(lo, n); k*n <= hi; k++ {
		y := k * n
		if y <= 0 { // human year -y BCE... but counted from 1 BCE
			if y == 0 {
				continue
			}
			y = 1 + y // n BCE is astronomical 1-n
		}
		add(yearStart(y), YearLabel(y, n))
	}
}

// YearLabel names astronomical year y on an axis whose ticks are step
// years apart: "2016", "AD 500", "500 BCE", and for deep time "65 million
// BCE" or "13.8 billion BCE".
func YearLabel(y, step int64) string {
	h, era := y, ""
	if y <= 0 {
		h, era = 1-y, " BCE"
	}
	switch {
	case h >= 1e9 && step >= 1e7:
		return trimFloat(float64(h)/1e9) + " billion" + era
	case h >= 1e6 && step >= 1e4:
		return trimFloat(float64(h)/1e6) + " million" + era
	}
	return chrono.HumanYear(y)
}

func trimFloat(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}

func monthTicks(a Axis, n int64, add func(float64, string)) {
	first := true
	for y := yearOf(a.Min); y <= yearOf(a.Max); y++ {
		for m := int8(1); m <= 12; m += int8(n) {
			t := chrono.Time{Year: y, Month: m, Prec: chrono.Month}
			at := t.StartMilli().Float()
			if at < a.Min || at > a.Max {
				continue
			}
			label := shortMonth(m)
			if first || m == 1 {
				label = shortMonth(m) + " " + chrono.HumanYear(y)
				first = false
			}
			add(at, label)
		}
	}
}

func dayTicks(a Axis, n int64, add func(float64, string)) {
	first := true
	t := chrono.FromInstant(chrono.Instant{Sec: int64(math.Floor(a.Min))}, chrono.Month)
	for t.StartMilli().Float() <= a.Max {
		last := daysInMonth(t)
		for d := int64(1); d <= last; d += n {
			if n > 1 && last-d+1 < (n+1)/2 {
				break // too close to the 1st of the next month
			}
			day := t
			day.Day, day.Prec = int8(d), chrono.Day
			at := day.StartMilli().Float()
			if at < a.Min || at > a.Max {
				continue
			}
			label := fmt.Sprintf("%d %s", d, shortMonth(t.Month))
			if first || (d == 1 && t.Month == 1) {
				label += " " + chrono.HumanYear(t.Year)
				first = false
			}
			add(at, label)
		}
		t = nextMonth(t)
	}
}

func clockTicks(a Axis, n int64, add func(float64, string)) {
	first := true
	for s := floorDiv(int64(math.Floor(a.Min)), n) * n; float64(s) <= a.Max; s += n {
		at := float64(s)
		if at < a.Min {
			continue
		}
		t := chrono.FromInstant(chrono.Instant{Sec: s}, chrono.Second)
		label := fmt.Sprintf("%02d:%02d", t.Hour, t.Minute)
		if n < 60 {
			label += fmt.Sprintf(":%02d", t.Second)
		}
		if first || (t.Hour == 0 && t.Minute == 0 && t.Second == 0) {
			label = fmt.Sprintf("%d %s %s %s", t.Day, shortMonth(t.Month), chrono.HumanYear(t.Year), label)
			first = false
		}
		add(at, label)
	}
}

var shortMonths = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func shortMonth(m int8) string { return shortMonths[m] }

func nextMonth(t chrono.Time) chrono.Time {
	t.Month++
	if t.Month > 12 {
		t.Month, t.Year = 1, t.Year+1
	}
	return t
}

func daysInMonth(t chrono.Time) int64 {
	return int64((t.EndMilli().Sec - t.StartMilli().Sec) / 86400)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
