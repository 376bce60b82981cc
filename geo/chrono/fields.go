package chrono

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// FromEpochSeconds returns the UTC time sec seconds after the Unix epoch,
// at second precision (or millisecond when sec has a fraction).
func FromEpochSeconds(sec float64) (Time, error) {
	if math.IsNaN(sec) || math.IsInf(sec, 0) || math.Abs(sec) > 9e15 {
		return Time{}, fmt.Errorf("%w: epoch seconds %v", ErrRange, sec)
	}
	whole := math.Floor(sec)
	ms := int16(math.Round((sec - whole) * 1000))
	if ms == 1000 {
		whole, ms = whole+1, 0
	}
	p := Second
	if ms != 0 {
		p = Millisecond
	}
	t := fromInstant(Instant{Sec: int64(whole), Milli: ms}, p)
	t.Zoned = true
	return t, nil
}

// FromFields builds a time from separate year, month, day and time-of-day
// fields, as spreadsheets and the TimelineJS template store dates. An
// empty or zero month or day means "not known", so the precision stops at
// the last known field: ("2016", "0", "", "") is the year 2016. Months may be
// numbers or English names; the year may carry an era ("44 BC").
func FromFields(year, month, day, clock string) (Time, error) {
	year, month, day, clock = strings.TrimSpace(year), strings.TrimSpace(month), strings.TrimSpace(day), strings.TrimSpace(clock)
	if year == "" {
		if month != "" || day != "" || clock != "" {
			return Time{}, fmt.Errorf("%w: a date without a year", ErrSyntax)
		}
		return Time{}, ErrEmpty
	}
	t, err := Parse(year)
	if err != nil {
		return Time{}, err
	}
	if t.Prec != Year {
		return Time{}, fmt.Errorf("%w: year field %q", ErrSyntax, year)
	}
	m, err := fieldMonth(month)
	if err != nil || m == 0 {
		return t, err
	}
	t.Month, t.Prec = m, Month
	d, err := fieldNumber(day, 31)
	if err != nil {
		return Time{}, fmt.Errorf("%w: day %q", err, day)
	}
	if d == 0 {
		return t, nil
	}
	if d > int(daysIn(t.Year, t.Month)) {
		return Time{}, fmt.Errorf("%w: day %q", ErrRange, day)
	}
	t.Day, t.Prec = int8(d), Day
	if clock == "" {
		return t, nil
	}
	return withClock(t, clock)
}

// fieldMonth reads a month field: a number, a name, or empty/0 for unknown.
func fieldMonth(s string) (int8, error) {
	if m, ok := monthByName[strings.TrimSuffix(strings.ToLower(s), ".")]; ok {
		return m, nil
	}
	n, err := fieldNumber(s, 12)
	if err != nil {
		return 0, fmt.Errorf("%w: month %q", err, s)
	}
	return int8(n), nil
}

// fieldNumber reads a small whole number field; empty is 0. Spreadsheets
// often write whole numbers as "9.0".
func fieldNumber(s string, most int) (int, error) {
	if s == "" {
		return 0, nil
	}
	s = strings.TrimSuffix(s, ".0")
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		return 0, ErrSyntax
	case n < 0 || n > most:
		return 0, ErrRange
	}
	return n, nil
}

// withClock sets a time of day ("08:30", "8:30 PM", "08:30:15Z",
// "08:30+03:00") on a day-precision time.
func withClock(t Time, s string) (Time, error) {
	words := strings.Fields(strings.ToLower(s))
	zone := ""
	if n := len(words[0]); n > 1 && strings.HasSuffix(words[0], "z") {
		words[0], zone = words[0][:n-1], "Z"
	} else if i := strings.LastIndexAny(words[0], "+-"); i > 0 {
		words[0], zone = words[0][:i], words[0][i:]
	}
	c, err := parseClock(words[0])
	if err != nil {
		return Time{}, fmt.Errorf("%w: time %q", err, s)
	}
	for _, w := range words[1:] {
		switch w {
		case "am", "pm", "a.m.", "p.m.":
			err = c.meridiem(w[0] == 'p')
		case "utc", "gmt", "z":
			zone = "Z"
		default:
			err = ErrSyntax
		}
		if err != nil {
			return Time{}, fmt.Errorf("%w: time %q", err, s)
		}
	}
	t = c.apply(t)
	if zone == "" {
		return t, nil
	}
	return parseZone(t, strings.ToUpper(zone))
}
