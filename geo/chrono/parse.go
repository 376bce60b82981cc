package chrono

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Parse reads an ISO 8601 / RFC 3339 date or date-time, full or partial:
// "2016", "2016-09", "2016-09-05", "2016-09-05T08:30", "…:15.250Z",
// "2016-09-05 08:30+03:00", expanded years "-0043-03-15" and "+12016".
// A leading "~" or "c." marks the time approximate. The precision is that of
// the last field given.
func Parse(s string) (Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Time{}, ErrEmpty
	}
	s, approx := cutApprox(s)
	t, err := parseAny(s)
	if err != nil {
		return Time{}, fmt.Errorf("%w: %q", err, s)
	}
	t.Approx = approx
	return t, nil
}

// cutApprox removes the marks of an approximate date ("~1200", "c. 1200",
// "ca. 1200", "circa 1200", "1200?") and reports whether there was one.
func cutApprox(s string) (string, bool) {
	approx := false
	for _, p := range []string{"~", "c.", "ca.", "circa "} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			s, approx = strings.TrimSpace(rest), true
			break
		}
	}
	if rest, ok := strings.CutSuffix(s, "?"); ok {
		s, approx = strings.TrimSpace(rest), true
	}
	return s, approx
}

// parseAny tries ISO 8601, then year/month/day with slashes, then English.
// A range error from a form that otherwise matched wins over a syntax error
// from one that did not, so "2016-13" is reported as a bad month.
func parseAny(s string) (Time, error) {
	t, err := parseISO(s)
	if err == nil || errors.Is(err, ErrRange) {
		return t, err
	}
	if iso, ok := slashToISO(s); ok {
		return parseISO(iso)
	}
	t, eerr := parseEnglish(s)
	if eerr == nil || errors.Is(eerr, ErrRange) {
		return t, eerr
	}
	return Time{}, err
}

// slashToISO rewrites "2016/09", "2016/9/5" and "2016/09/05 08:30" (as
// spreadsheets and kepler.gl users write them) into ISO 8601.
func slashToISO(s string) (string, bool) {
	date, rest, _ := strings.Cut(s, " ")
	parts := strings.Split(date, "/")
	if len(parts) < 2 || len(parts) > 3 || len(parts[0]) < 4 || digits(parts[0]) != len(parts[0]) {
		return "", false
	}
	out := parts[0]
	for _, p := range parts[1:] {
		if n := digits(p); n == 0 || n > 2 || n != len(p) {
			return "", false
		}
		if len(p) == 1 {
			p = "0" + p
		}
		out += "-" + p
	}
	if rest != "" {
		out += "T" + rest
	}
	return out, true
}

// FromEpochMillis returns the UTC time ms milliseconds after the Unix epoch,
// the form USGS feeds and JavaScript use.
func FromEpochMillis(ms int64) Time {
	sec := floorDiv(ms, 1000)
	t := fromInstant(Instant{Sec: sec, Milli: int16(ms - sec*1000)}, Millisecond)
	t.Zoned = true // an epoch count is an absolute instant: UTC
	return t
}

// FromNumber interprets a JSON or spreadsheet number as a time:
//   - a whole number of fewer than six digits is a year (-500, 1914, 2016);
//   - a magnitude below 1e10 is Unix seconds (up to the year 2286);
//   - anything larger is Unix milliseconds, as USGS feeds and JavaScript
//     write them.
//
// The one ambiguity, millisecond stamps from September 1969 to April 1970,
// is read as seconds; importers that know their unit call FromEpochMillis
// or FromEpochSeconds instead.
func FromNumber(f float64) (Time, error) {
	switch a := math.Abs(f); {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return Time{}, fmt.Errorf("%w: %v", ErrSyntax, f)
	case f == math.Trunc(f) && a < 100000:
		return Time{Year: int64(f), Prec: Year}, nil
	case a < 1e10:
		return FromEpochSeconds(f)
	case a > 9e15:
		return Time{}, fmt.Errorf("%w: epoch milliseconds %v", ErrRange, f)
	}
	return FromEpochMillis(int64(math.Round(f))), nil
}

func parseISO(s string) (Time, error) {
	var t Time
	sign := int64(1)
	for _, m := range []string{"-", "−"} { // ASCII hyphen or Unicode minus
		if rest, ok := strings.CutPrefix(s, m); ok {
			sign, s = -1, rest
		}
	}
	if sign > 0 {
		s = strings.TrimPrefix(s, "+")
	}
	// A bare year may have any number of digits ("800", "-43"); a year
	// followed by other fields needs the four ISO 8601 asks for.
	n := digits(s)
	if n == 0 || (n < 4 && n != len(s)) {
		return t, ErrSyntax
	}
	y, err := strconv.ParseInt(s[:n], 10, 64)
	if err != nil || y > MaxYear {
		return t, ErrRange
	}
	t.Year, t.Prec, s = sign*y, Year, s[n:]
	if s == "" {
		return t, nil
	}
	fields := []struct {
		sep  string
		dst  *int8
		prec Precision
		max  int
	}{
		{"-", &t.Month, Month, 12}, {"-", &t.Day, Day, 31},
		{"T", &t.Hour, Hour, 23}, {":", &t.Minute, Minute, 59}, {":", &t.Second, Second, 60},
	}
	for _, f := range fields {
		if s == "" || isZoneStart(s, t.Prec) {
			break
		}
		sep := s[:1]
		if f.sep == "T" && (sep == " " || sep == "t") {
			sep = "T"
		}
		if sep != f.sep || digits(s[1:]) != 2 {
			return t, ErrSyntax
		}
		v, _ := strconv.Atoi(s[1:3])
		if v > f.max || (f.prec <= Day && v < 1) {
			return t, ErrRange
		}
		*f.dst, t.Prec, s = int8(v), f.prec, s[3:]
	}
	if t.Prec == Day && t.Day > daysIn(t.Year, t.Month) {
		return t, ErrRange
	}
	if t.Second == 60 { // a leap second: keep it in the minute it ends
		t.Second = 59
	}
	if t.Prec == Second && len(s) > 1 && (s[0] == '.' || s[0] == ',') {
		n := digits(s[1:])
		if n == 0 {
			return t, ErrSyntax
		}
		frac := (s[1:1+n] + "00")[:3]
		ms, _ := strconv.Atoi(frac)
		t.Milli, t.Prec, s = int16(ms), Millisecond, s[1+n:]
	}
	return parseZone(t, s)
}

// isZoneStart reports whether s begins a UTC offset rather than another
// date field; a "-" after a year or month is a field separator.
func isZoneStart(s string, p Precision) bool {
	return s[0] == 'Z' || s[0] == 'z' || (p >= Hour && (s[0] == '+' || s[0] == '-'))
}

func parseZone(t Time, s string) (Time, error) {
	switch {
	case s == "":
		return t, nil
	case t.Prec < Hour:
		return t, ErrSyntax
	case s == "Z" || s == "z":
		t.Zoned = true
		return t, nil
	}
	sign := int16(1)
	if s[0] == '-' {
		sign = -1
	} else if s[0] != '+' {
		return t, ErrSyntax
	}
	z := strings.Replace(s[1:], ":", "", 1)
	if digits(z) != len(z) || (len(z) != 2 && len(z) != 4) {
		return t, ErrSyntax
	}
	h, _ := strconv.Atoi(z[:2])
	m := 0
	if len(z) == 4 {
		m, _ = strconv.Atoi(z[2:])
	}
	if h > 18 || m > 59 {
		return t, ErrRange
	}
	off := sign * int16(h*60+m)
	// Store UTC: shift the wall clock back by the offset.
	i := t.StartMilli()
	i.Sec -= int64(off) * 60
	u := at(i, t.Prec)
	u.Zoned, u.Offset = true, off
	return u, nil
}

// digits counts the leading ASCII digits of s.
func digits(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}
