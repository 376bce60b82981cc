package chrono

import (
	"math"
	"strconv"
)

// Span is the time an event covers. End may be zero: then the event lasts
// the period of Start's precision. Open marks a span that has started and
// not ended ("since 2011").
type Span struct {
	Start, End Time
	Open       bool
}

// IsZero reports whether the span has no time at all.
func (s Span) IsZero() bool { return s.Start.IsZero() && s.End.IsZero() }

// Bounds returns the half-open range [lo, hi) of seconds the span covers,
// as float64 seconds since the Unix epoch. An open end is +Inf; a missing
// start is -Inf.
func (s Span) Bounds() (lo, hi float64) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if !s.Start.IsZero() {
		lo = s.Start.StartMilli().Float()
	}
	switch {
	case s.Open:
	case !s.End.IsZero():
		hi = s.End.EndMilli().Float()
	case !s.Start.IsZero():
		hi = s.Start.EndMilli().Float()
	}
	return lo, hi
}

// Overlaps reports whether the span shares any instant with [from, to).
func (s Span) Overlaps(from, to float64) bool {
	if s.IsZero() {
		return false
	}
	lo, hi := s.Bounds()
	return lo < to && hi > from
}

// String formats the span for people: "5 Sep 2016", "3–5 Sep 2016",
// "March 2011 – ongoing", "1950s", "1914 – 1918". ParseSpan reads it back.
func (s Span) String() string {
	switch {
	case s.IsZero():
		return "undated"
	case s.Start.IsZero():
		return "until " + s.End.String()
	case s.Open:
		return s.Start.String() + " – ongoing"
	case s.End.IsZero() || s.End == s.Start:
		return s.Start.String()
	}
	if d, ok := s.decade(); ok {
		return d
	}
	a, b := s.Start.Local(), s.End.Local()
	if a.Prec == Day && b.Prec == Day && a.Year == b.Year && a.Month == b.Month && !a.Approx && !b.Approx {
		return strconv.Itoa(int(a.Day)) + "–" + b.String()
	}
	return s.Start.String() + " – " + s.End.String()
}

// decade names a span of whole years that is exactly a decade or a century
// of the common era: "1950s", "1800s".
func (s Span) decade() (string, bool) {
	a, b := s.Start, s.End
	if a.Prec != Year || b.Prec != Year || a.Approx != b.Approx || a.Year <= 0 || a.Year%10 != 0 {
		return "", false
	}
	// "1900s" reads as a century, so 1900–1909 is not called that.
	century := a.Year%100 == 0
	if (century && b.Year-a.Year != 99) || (!century && b.Year-a.Year != 9) {
		return "", false
	}
	d := strconv.FormatInt(a.Year, 10) + "s"
	if a.Approx {
		d = "c. " + d
	}
	return d, true
}

// UTC returns the span with both ends shown in UTC.
func (s Span) UTC() Span {
	s.Start, s.End = s.Start.UTC(), s.End.UTC()
	return s
}

// Extent returns the span from the earliest to the latest of ts (zero
// times skipped), as a moving track's vertex times give its whole time.
func Extent(ts []Time) Span {
	var first, last Time
	for _, t := range ts {
		if t.IsZero() {
			continue
		}
		if first.IsZero() || t.StartMilli().Less(first.StartMilli()) {
			first = t
		}
		if last.IsZero() || last.StartMilli().Less(t.StartMilli()) {
			last = t
		}
	}
	sp := Span{Start: first}
	if last != first {
		sp.End = last
	}
	return sp
}
