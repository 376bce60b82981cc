package chrono

import (
	"fmt"
	"strconv"
)

var monthNames = [...]string{"", "January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

// ISO formats t as ISO 8601 at its own precision, with astronomical years
// ("-0043-03-15") and the offset it was written in, so Parse(t.ISO())
// returns t.
func (t Time) ISO() string {
	if t.IsZero() {
		return ""
	}
	l := t.Local()
	s := isoYear(l.Year)
	if l.Prec >= Month {
		s += fmt.Sprintf("-%02d", l.Month)
	}
	if l.Prec >= Day {
		s += fmt.Sprintf("-%02d", l.Day)
	}
	if l.Prec >= Hour {
		s += fmt.Sprintf("T%02d", l.Hour)
	}
	if l.Prec >= Minute {
		s += fmt.Sprintf(":%02d", l.Minute)
	}
	if l.Prec >= Second {
		s += fmt.Sprintf(":%02d", l.Second)
	}
	if l.Prec >= Millisecond {
		s += fmt.Sprintf(".%03d", l.Milli)
	}
	if l.Prec >= Hour && l.Zoned {
		s += zone(l.Offset)
	}
	if t.Approx {
		s = "~" + s
	}
	return s
}

func isoYear(y int64) string {
	switch {
	case y < 0:
		return fmt.Sprintf("-%04d", -y)
	case y > 9999:
		return "+" + strconv.FormatInt(y, 10)
	}
	return fmt.Sprintf("%04d", y)
}

func zone(off int16) string {
	if off == 0 {
		return "Z"
	}
	sign := '+'
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%c%02d:%02d", sign, off/60, off%60)
}

// String formats t for people, at its precision and in its own zone:
// "2016", "September 2016", "5 Sep 2016", "5 Sep 2016 08:30 +03:00",
// "44 BCE", "c. 1200".
func (t Time) String() string {
	if t.IsZero() {
		return "undated"
	}
	l := t.Local()
	s := HumanYear(l.Year)
	switch {
	case l.Prec == Month:
		s = monthNames[l.Month] + " " + s
	case l.Prec >= Day:
		s = fmt.Sprintf("%d %s %s", l.Day, monthNames[l.Month][:3], s)
	}
	switch {
	case l.Prec >= Millisecond:
		s += fmt.Sprintf(" %02d:%02d:%02d.%03d", l.Hour, l.Minute, l.Second, l.Milli)
	case l.Prec >= Second:
		s += fmt.Sprintf(" %02d:%02d:%02d", l.Hour, l.Minute, l.Second)
	case l.Prec >= Minute:
		s += fmt.Sprintf(" %02d:%02d", l.Hour, l.Minute)
	case l.Prec == Hour:
		s += fmt.Sprintf(" %02dh", l.Hour)
	}
	if l.Prec >= Hour && l.Zoned {
		s += " " + zoneLabel(l.Offset)
	}
	if t.Approx {
		s = "c. " + s
	}
	return s
}

func zoneLabel(off int16) string {
	if off == 0 {
		return "UTC"
	}
	return zone(off)
}

// HumanYear writes an astronomical year the way people read it: year 0 is
// "1 BCE" and year -43 is "44 BCE"; years before 1 CE are never off by one.
// Years far in the past are grouped ("13,800,000,000 BCE").
func HumanYear(y int64) string {
	if y <= 0 {
		return group(1-y) + " BCE"
	}
	if y < 1000 {
		return "AD " + strconv.FormatInt(y, 10)
	}
	return group(y)
}

// group writes n with thousands separators when it has more than four digits.
func group(n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) <= 4 {
		return s
	}
	out := make([]byte, 0, len(s)+len(s)/3)
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

// UTC returns t shown in UTC: the same instant, with its offset dropped, so
// String and ISO write it in UTC. Times without a zone are unchanged.
func (t Time) UTC() Time {
	if t.Zoned {
		t.Offset = 0
	}
	return t
}
