// Package chrono holds Meridian's time model: instants that remember how
// precisely they were stated, over a range of years far wider than time.Time.
//
// A Time of month precision ("2016-09") stands for the whole month; it is not
// silently turned into 1 September 00:00. Years are astronomical (0 = 1 BCE,
// -43 = 44 BCE) and stored in an int64 so that geological and cosmological
// dates fit.
package chrono

import "errors"

// Precision says which fields of a Time were stated by the source.
type Precision uint8

// Precisions from coarsest to finest. Unknown marks the zero Time.
const (
	Unknown Precision = iota
	Year
	Month
	Day
	Hour
	Minute
	Second
	Millisecond
)

var precisionNames = [...]string{"unknown", "year", "month", "day", "hour", "minute", "second", "millisecond"}

// String returns the precision's lower-case English name.
func (p Precision) String() string {
	if int(p) < len(precisionNames) {
		return precisionNames[p]
	}
	return "invalid"
}

// Time is a calendar instant in the proleptic Gregorian calendar, stored in
// UTC, with the precision it was given at and the UTC offset it was written
// in (so it can be shown in its own zone).
//
// Fields finer than Prec are zero, except where a zone offset of part of an
// hour shifted them (see at). The zero Time is "no time".
type Time struct {
	Year   int64 // astronomical year: 0 is 1 BCE
	Month  int8  // 1–12
	Day    int8  // 1–31
	Hour   int8
	Minute int8
	Second int8
	Milli  int16
	// Offset is the UTC offset in minutes the source wrote, valid when Zoned.
	Offset int16
	Zoned  bool
	// Approx marks a date the source called approximate ("c. 1200").
	Approx bool
	Prec   Precision
}

// MaxYear bounds the years Meridian accepts either side of year 0: a
// hundred billion years, well past the age of the universe, while seconds
// since 1970 still fit in an int64.
const MaxYear = 100_000_000_000

// Sentinel errors for parsing, to be tested with errors.Is.
var (
	ErrEmpty  = errors.New("chrono: empty time")
	ErrSyntax = errors.New("chrono: unrecognised time")
	ErrRange  = errors.New("chrono: field out of range")
)

// IsZero reports whether t carries no time at all.
func (t Time) IsZero() bool { return t.Prec == Unknown }

// Compare orders two times by the instant they start at; it returns -1, 0
// or +1. Times of different precision that start together compare equal.
func (t Time) Compare(u Time) int {
	a, b := t.StartMilli(), u.StartMilli()
	switch {
	case a.Less(b):
		return -1
	case b.Less(a):
		return 1
	}
	return 0
}

// Instant is a position on the time line as whole seconds since
// 1970-01-01T00:00:00Z plus milliseconds. An int64 of seconds covers
// ±292 billion years, which a single int64 of milliseconds would not.
type Instant struct {
	Sec   int64
	Milli int16 // 0–999
}

// Less reports whether i is before j.
func (i Instant) Less(j Instant) bool {
	return i.Sec < j.Sec || (i.Sec == j.Sec && i.Milli < j.Milli)
}

// Float returns the instant as fractional seconds, precise enough for
// sliders and pixel positions (exact to the millisecond for ±140,000 years).
func (i Instant) Float() float64 { return float64(i.Sec) + float64(i.Milli)/1000 }

// StartMilli returns the first instant the time covers.
func (t Time) StartMilli() Instant {
	if t.IsZero() {
		return Instant{}
	}
	m, d := int64(max(t.Month, 1)), int64(max(t.Day, 1))
	days := daysFromCivil(t.Year, m, d)
	sec := days*86400 + int64(t.Hour)*3600 + int64(t.Minute)*60 + int64(t.Second)
	return Instant{Sec: sec, Milli: t.Milli}
}

// EndMilli returns the first instant after the period the time covers: a
// month-precision time ends where the next month begins.
func (t Time) EndMilli() Instant {
	if t.IsZero() {
		return Instant{}
	}
	return t.next().StartMilli()
}

// next returns the time one unit of t's precision later.
func (t Time) next() Time {
	n := t
	switch t.Prec {
	case Year:
		n.Year++
	case Month:
		n.Month++
		if n.Month > 12 {
			n.Month, n.Year = 1, n.Year+1
		}
	case Day:
		return at(Instant{Sec: t.StartMilli().Sec + 86400}, t.Prec)
	case Hour:
		return at(Instant{Sec: t.StartMilli().Sec + 3600}, t.Prec)
	case Minute:
		return at(Instant{Sec: t.StartMilli().Sec + 60}, t.Prec)
	case Second:
		return at(Instant{Sec: t.StartMilli().Sec + 1}, t.Prec)
	case Millisecond:
		i := t.StartMilli()
		i.Milli++
		if i.Milli == 1000 {
			i.Sec, i.Milli = i.Sec+1, 0
		}
		return at(i, t.Prec)
	}
	return n
}

// at returns the UTC time at instant i with precision p, keeping every
// field. Zoned times need this: "08h at +05:30" is 02:30 UTC, and the
// minutes must survive for the hour to be shown at 08h again.
func at(i Instant, p Precision) Time {
	t := fromInstant(i, Millisecond)
	t.Prec = p
	return t
}

// FromInstant returns the UTC Time at instant i, truncated to precision p.
func FromInstant(i Instant, p Precision) Time { return fromInstant(i, p) }

func fromInstant(i Instant, p Precision) Time {
	days := floorDiv(i.Sec, 86400)
	rem := i.Sec - days*86400
	y, m, d := civilFromDays(days)
	t := Time{Year: y, Month: int8(m), Day: int8(d), Hour: int8(rem / 3600),
		Minute: int8(rem / 60 % 60), Second: int8(rem % 60), Milli: i.Milli, Prec: p}
	return t.truncate()
}

// truncate zeroes the fields finer than the precision.
func (t Time) truncate() Time {
	if t.Prec < Millisecond {
		t.Milli = 0
	}
	if t.Prec < Second {
		t.Second = 0
	}
	if t.Prec < Minute {
		t.Minute = 0
	}
	if t.Prec < Hour {
		t.Hour = 0
	}
	if t.Prec < Day {
		t.Day = 0
	}
	if t.Prec < Month {
		t.Month = 0
	}
	return t
}

// Local returns the wall-clock fields of t in the zone it was written in
// (UTC when it had none). Only times of hour precision or finer move.
func (t Time) Local() Time {
	if !t.Zoned || t.Offset == 0 || t.Prec < Hour {
		return t
	}
	i := t.StartMilli()
	i.Sec += int64(t.Offset) * 60
	l := fromInstant(i, t.Prec)
	l.Zoned, l.Offset, l.Approx = t.Zoned, t.Offset, t.Approx
	return l
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// daysFromCivil counts days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar. It works in 400-year eras (146,097 days each), so it
// is exact for any int64 year whose day count fits.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400                     // [0, 399]
	mp := (m + 9) % 12                     // March = 0
	doy := (153*mp+2)/5 + d - 1            // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y, m, d int64) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int64, m int8) int8 {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}
