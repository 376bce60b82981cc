package chrono

import (
	"strconv"
	"strings"
	"unicode"
)

// monthByName maps lower-case English month names and their usual
// abbreviations to month numbers.
var monthByName = func() map[string]int8 {
	m := map[string]int8{"sept": 9}
	for i, name := range monthNames[1:] {
		l := strings.ToLower(name)
		m[l], m[l[:3]] = int8(i+1), int8(i+1)
	}
	return m
}()

// fillers are words that carry no date information in English dates:
// "Monday, the 5th of September 2016".
var fillers = map[string]bool{"the": true, "of": true, "on": true, "in": true, "at": true,
	"mon": true, "tue": true, "wed": true, "thu": true, "fri": true, "sat": true, "sun": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true}

// english is what the words of an English date said.
type english struct {
	nums      []int64 // day or year numbers, in order
	numDigits []int
	month     int8
	era       int // 0 none, -1 BCE, +1 CE
	clock     *clock
	zone      string
}

// parseEnglish reads the English forms people and newspapers write:
// "5 September 2016", "September 5, 2016", "Sep 2016", "15 Mar 44 BCE",
// "AD 1", "5 Sep 2016 08:30 +03:00", and the forms String produces.
func parseEnglish(s string) (Time, error) {
	var e english
	for _, w := range englishWords(s) {
		if err := e.word(w); err != nil {
			return Time{}, err
		}
	}
	return e.time()
}

// englishWords splits s into lower-case words, dropping commas and full
// stops that only punctuate, but keeping thousands groups ("13,800,000")
// whole and clock times ("08:30:15.250") intact.
func englishWords(s string) []string {
	s = strings.ToLower(s)
	var out []string
	for _, f := range strings.FieldsFunc(s, unicode.IsSpace) {
		if isGrouped(strings.TrimSuffix(f, ",")) {
			f = strings.ReplaceAll(strings.TrimSuffix(f, ","), ",", "")
		}
		for _, p := range strings.Split(f, ",") {
			if !strings.Contains(p, ":") {
				p = strings.TrimSuffix(p, ".")
			}
			if p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// isGrouped reports whether s is a number written with thousands commas.
func isGrouped(s string) bool {
	parts := strings.Split(s, ",")
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 || digits(parts[0]) != len(parts[0]) {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || digits(p) != 3 {
			return false
		}
	}
	return true
}

// word takes one word of an English date.
func (e *english) word(w string) error {
	switch {
	case fillers[w]:
		return nil
	case w == "bc" || w == "bce" || w == "b.c" || w == "b.c.e":
		return e.setEra(-1)
	case w == "ad" || w == "ce" || w == "a.d" || w == "c.e":
		return e.setEra(1)
	case w == "utc" || w == "gmt" || w == "z":
		return e.setZone("Z")
	case w == "am" || w == "pm" || w == "a.m" || w == "p.m":
		if e.clock == nil {
			return ErrSyntax
		}
		return e.clock.meridiem(w[0] == 'p')
	case strings.Contains(w, ":") && (w[0] == '+' || w[0] == '-'), len(w) == 5 && (w[0] == '+' || w[0] == '-') && digits(w[1:]) == 4:
		return e.setZone(w)
	case len(w) >= 2 && len(w) <= 3 && w[len(w)-1] == 'h' && digits(w) == len(w)-1:
		if e.clock != nil {
			return ErrSyntax
		}
		h, _ := strconv.Atoi(w[:len(w)-1])
		if h > 23 {
			return ErrRange
		}
		e.clock = &clock{hour: h, prec: Hour}
		return nil
	case strings.Contains(w, ":"):
		if e.clock != nil {
			return ErrSyntax
		}
		c, err := parseClock(w)
		e.clock = c
		return err
	}
	if m, ok := monthByName[w]; ok {
		if e.month != 0 {
			return ErrSyntax
		}
		e.month = m
		return nil
	}
	n := digits(w)
	if n == 0 || n > 18 || !isOrdinal(w[n:]) {
		return ErrSyntax
	}
	v, _ := strconv.ParseInt(w[:n], 10, 64)
	e.nums, e.numDigits = append(e.nums, v), append(e.numDigits, n)
	return nil
}

func isOrdinal(suffix string) bool {
	switch suffix {
	case "", "st", "nd", "rd", "th":
		return true
	}
	return false
}

func (e *english) setEra(era int) error {
	if e.era != 0 {
		return ErrSyntax
	}
	e.era = era
	return nil
}

func (e *english) setZone(z string) error {
	if e.zone != "" {
		return ErrSyntax
	}
	e.zone = strings.ToUpper(z)
	return nil
}

// time assembles the words into a Time: with a month name, a number of up
// to two digits beside it is the day and the other the year; without
// one, the single number is a year.
func (e *english) time() (Time, error) {
	var t Time
	var year int64
	switch {
	case len(e.nums) == 1:
		year, t.Prec = e.nums[0], Year
		if e.month != 0 && e.era == 0 && e.numDigits[0] <= 2 {
			return t, ErrSyntax // "5 September": a day without a year
		}
		if e.month != 0 {
			t.Month, t.Prec = e.month, Month
		}
	case len(e.nums) == 2 && e.month != 0:
		day, y := e.nums[0], e.nums[1]
		if e.numDigits[0] > 2 || day > 31 {
			day, y = y, day
		}
		if day < 1 || day > 31 {
			return t, ErrRange
		}
		year, t.Month, t.Day, t.Prec = y, e.month, int8(day), Day
	default:
		return t, ErrSyntax
	}
	if year > MaxYear+1 {
		return t, ErrRange
	}
	switch e.era {
	case -1:
		if year < 1 {
			return t, ErrRange
		}
		year = 1 - year
	case 1:
		if year < 1 {
			return t, ErrRange
		}
	}
	if year > MaxYear || year < -MaxYear {
		return t, ErrRange
	}
	t.Year = year
	if t.Prec == Day && t.Day > daysIn(t.Year, t.Month) {
		return t, ErrRange
	}
	if e.clock != nil {
		if t.Prec != Day {
			return t, ErrSyntax
		}
		t = e.clock.apply(t)
	}
	if e.zone == "" {
		return t, nil
	}
	return parseZone(t, e.zone)
}

// clock is a time of day as written: "08:30", "8:30:15.250", "8:30 pm".
type clock struct {
	hour, minute, second, milli int
	prec                        Precision
	meridiemSet                 bool
}

// parseClock reads h:mm, h:mm:ss or h:mm:ss.fff.
func parseClock(w string) (*clock, error) {
	parts := strings.Split(w, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return nil, ErrSyntax
	}
	c := &clock{prec: Minute}
	if n := digits(parts[0]); n == 0 || n > 2 || n != len(parts[0]) {
		return nil, ErrSyntax
	}
	c.hour, _ = strconv.Atoi(parts[0])
	if len(parts[1]) != 2 || digits(parts[1]) != 2 {
		return nil, ErrSyntax
	}
	c.minute, _ = strconv.Atoi(parts[1])
	if len(parts) == 3 {
		sec, frac, hasFrac := strings.Cut(parts[2], ".")
		if len(sec) != 2 || digits(sec) != 2 {
			return nil, ErrSyntax
		}
		c.second, _ = strconv.Atoi(sec)
		c.prec = Second
		if hasFrac {
			if n := digits(frac); n == 0 || n != len(frac) {
				return nil, ErrSyntax
			}
			c.milli, _ = strconv.Atoi((frac + "00")[:3])
			c.prec = Millisecond
		}
	}
	if c.hour > 23 || c.minute > 59 || c.second > 60 {
		return nil, ErrRange
	}
	return c, nil
}

// meridiem applies "am" or "pm" to a 12-hour clock.
func (c *clock) meridiem(pm bool) error {
	if c.meridiemSet || c.hour < 1 || c.hour > 12 {
		return ErrRange
	}
	c.meridiemSet = true
	c.hour %= 12
	if pm {
		c.hour += 12
	}
	return nil
}

// apply sets the clock on a day-precision time.
func (c *clock) apply(t Time) Time {
	t.Hour, t.Minute, t.Second, t.Milli, t.Prec = int8(c.hour), int8(c.minute), int8(min(c.second, 59)), int16(c.milli), c.prec
	return t
}
