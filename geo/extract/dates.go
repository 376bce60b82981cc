package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/meridian-app/meridian/geo/chrono"
)

// dating is a date found in a sentence.
type dating struct {
	text       string
	start, end int
	when       chrono.Span
	rule       string // how it was read, for the draft's reason
}

// Patterns of the date expressions read, most specific first; a later
// pattern never takes text an earlier one matched.
const (
	monthRE   = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	weekdayRE = `(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?`
	dayRE     = `(\d{1,2})(?:st|nd|rd|th)?`
	yearRE    = `(\d{4})`
	approxRE  = `(?:(around|about|circa|c\.|approximately|roughly|some time in|sometime in)\s+)?`
)

var (
	reDayMonth     = lazyRegexp(`(?i)\b` + approxRE + dayRE + `\s+(?:of\s+)?(` + monthRE + `)(?:,?\s+` + yearRE + `)?\b`)
	reMonthDay     = lazyRegexp(`(?i)\b` + approxRE + `(` + monthRE + `)\s+` + dayRE + `(?:,?\s+` + yearRE + `)?\b`)
	reDayRange     = lazyRegexp(`(?i)\b` + dayRE + `\s*(?:-|–|to|and)\s*` + dayRE + `\s+(` + monthRE + `)(?:,?\s+` + yearRE + `)?\b`)
	reWeekdaySpan  = lazyRegexp(`(?i)\bfrom\s+(` + weekdayRE + `)\s+(?:to|until|till|through)\s+(` + weekdayRE + `)\b`)
	reWeekday      = lazyRegexp(`(?i)\b(?:(last|next|this|on|early|late)\s+)?(` + weekdayRE + `)\b`)
	reMonthOnly    = lazyRegexp(`(?i)\b(in|during|since|by|until|from|last|next|this|early|late|mid-?|throughout)\s+(` + monthRE + `)(?:\s+` + yearRE + `)?\b`)
	reMonthYear    = lazyRegexp(`(?i)\b(` + monthRE + `)\s+` + yearRE + `\b`)
	reRelative     = lazyRegexp(`(?i)\b(yesterday|today|tonight|tomorrow|last night|(?:last|this|next|earlier this|later this) (?:week|month|year))\b`)
	reYearSpan     = lazyRegexp(`(?i)\b(?:from|between)\s+` + yearRE + `\s+(?:to|until|and|through)\s+` + yearRE + `\b|\b` + yearRE + `\s*[-–]\s*` + yearRE + `\b`)
	reSinceYear    = lazyRegexp(`(?i)\bsince\s+` + yearRE + `\b`)
	reYear         = lazyRegexp(`(?i)\b(in|during|by|of|from|until|early|late|mid-?)\s+` + yearRE + `\b`)
	reYearsLong    = lazyRegexp(`(?i)\b(?:more than|over|nearly|almost|about|some|at least)?\s*(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)\s+years\s+(?:of|long)\b`)
	futureCueRE    = lazyRegexp(`(?i)\b(will|shall|'ll|is expected|are expected|expected to|is due|are due|is set to|are set to|plans? to|planned|scheduled|upcoming|next|is to|are to|were to|was to|would)\b`)
	numberWords    = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20}
	monthByPrefix  = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
	weekdayPrefix  = map[string]time.Weekday{"mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday, "sun": time.Sunday}
	modalMayMarch  = lazyRegexp(`(?i)^(may|march)$`)
	weekdayAbbrevs = lazyRegexp(`(?i)^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)$`)
)

// dates finds the dates of a sentence, resolving relative ones against
// pub (the publication day; zero if unknown, and then they are skipped).
func dates(s string, pub time.Time) []dating {
	var out []dating
	taken := make([]bool, len(s))
	future := futureCueRE().MatchString(s)
	add := func(loc []int, d dating, ok bool) {
		if !ok {
			return
		}
		for i := loc[0]; i < loc[1]; i++ {
			if taken[i] {
				return
			}
		}
		for i := loc[0]; i < loc[1]; i++ {
			taken[i] = true
		}
		d.text, d.start, d.end = s[loc[0]:loc[1]], loc[0], loc[1]
		out = append(out, d)
	}
	each := func(re *regexp.Regexp, read func(m []string) (dating, bool)) {
		for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
			m := make([]string, len(loc)/2)
			for i := range m {
				if loc[2*i] >= 0 {
					m[i] = s[loc[2*i]:loc[2*i+1]]
				}
			}
			d, ok := read(m)
			add(loc[:2], d, ok)
		}
	}
	each(reDayRange(), func(m []string) (dating, bool) {
		mo := month(m[3])
		y, ok := yearOr(m[4], pub, mo, future)
		a, b := atoi(m[1]), atoi(m[2])
		if !ok || !validDay(y, mo, a) || !validDay(y, mo, b) || b < a {
			return dating{}, false
		}
		return dating{when: chrono.Span{Start: day(y, mo, a), End: day(y, mo, b)}, rule: "a range of days"}, true
	})
	each(reDayMonth(), func(m []string) (dating, bool) { return dayMonth(m[1], m[2], m[3], m[4], pub, future) })
	each(reMonthDay(), func(m []string) (dating, bool) { return dayMonth(m[1], m[3], m[2], m[4], pub, future) })
	each(reMonthYear(), func(m []string) (dating, bool) {
		t := chrono.Time{Year: int64(atoi(m[2])), Month: int8(month(m[1])), Prec: chrono.Month}
		return dating{when: chrono.Span{Start: t}, rule: "a month and year"}, month(m[1]) > 0
	})
	each(reWeekdaySpan(), func(m []string) (dating, bool) {
		if pub.IsZero() {
			return dating{}, false
		}
		a := weekday(pub, weekdayPrefix[strings.ToLower(m[1][:3])], "", future)
		b := weekday(pub, weekdayPrefix[strings.ToLower(m[2][:3])], "", future)
		for b.Before(a) {
			b = b.AddDate(0, 0, 7)
		}
		return dating{when: chrono.Span{Start: fromTime(a), End: fromTime(b)}, rule: "weekdays around the publication date"}, true
	})
	each(reWeekday(), func(m []string) (dating, bool) {
		if pub.IsZero() || weekdayAbbrevs().MatchString(m[2]) && m[1] == "" {
			return dating{}, false // "Sat" alone is more likely a word than a day
		}
		d := weekday(pub, weekdayPrefix[strings.ToLower(m[2][:3])], strings.ToLower(m[1]), future)
		rule := "the " + m[2] + " before publication"
		switch {
		case d.Equal(pub):
			rule = "the publication day"
		case d.After(pub):
			rule = "the coming " + m[2] + " (future tense)"
		}
		return dating{when: chrono.Span{Start: fromTime(d)}, rule: rule}, true
	})
	each(reRelative(), func(m []string) (dating, bool) { return relative(strings.ToLower(m[1]), pub) })
	each(reMonthOnly(), func(m []string) (dating, bool) {
		if modalMayMarch().MatchString(strings.TrimSuffix(m[2], ".")) && m[3] == "" && !strings.EqualFold(m[1], "in") && !strings.EqualFold(m[1], "since") {
			return dating{}, false // "may", "march" as words
		}
		mo := month(m[2])
		y, ok := yearOr(m[3], pub, mo, future)
		prep := strings.ToLower(m[1])
		switch prep {
		case "last":
			y, ok = pub.Year(), !pub.IsZero()
			if mo >= int(pub.Month()) {
				y--
			}
		case "next":
			y, ok = pub.Year(), !pub.IsZero()
			if mo <= int(pub.Month()) {
				y++
			}
		}
		if !ok || mo == 0 {
			return dating{}, false
		}
		t := chrono.Time{Year: int64(y), Month: int8(mo), Prec: chrono.Month}
		if prep == "since" {
			return dating{when: chrono.Span{Start: t, Open: true}, rule: "since a month"}, true
		}
		return dating{when: chrono.Span{Start: t}, rule: "a month"}, true
	})
	each(reYearSpan(), func(m []string) (dating, bool) {
		a, b := atoi(first2(m[1], m[3])), atoi(first2(m[2], m[4]))
		if b < a || a < 1000 {
			return dating{}, false
		}
		return dating{when: chrono.Span{Start: year(a), End: year(b)}, rule: "a span of years"}, true
	})
	each(reSinceYear(), func(m []string) (dating, bool) {
		return dating{when: chrono.Span{Start: year(atoi(m[1])), Open: true}, rule: "since a year"}, atoi(m[1]) >= 1000
	})
	each(reYear(), func(m []string) (dating, bool) {
		return dating{when: chrono.Span{Start: year(atoi(m[2]))}, rule: "a year"}, atoi(m[2]) >= 1000
	})
	each(reYearsLong(), func(m []string) (dating, bool) {
		n, ok := numberWords[strings.ToLower(m[1])]
		if !ok {
			n = atoi(m[1])
		}
		if pub.IsZero() || n <= 0 || n > 200 {
			return dating{}, false
		}
		start := year(pub.Year() - n)
		start.Approx = true
		return dating{when: chrono.Span{Start: start, Open: true}, rule: "a duration back from publication"}, true
	})
	return out
}

func first2(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

func month(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	return monthByPrefix[s[:3]]
}

func day(y, m, d int) chrono.Time {
	return chrono.Time{Year: int64(y), Month: int8(m), Day: int8(d), Prec: chrono.Day}
}

func year(y int) chrono.Time { return chrono.Time{Year: int64(y), Prec: chrono.Year} }

func fromTime(t time.Time) chrono.Time { return day(t.Year(), int(t.Month()), t.Day()) }

func validDay(y, m, d int) bool {
	return m >= 1 && m <= 12 && d >= 1 && d <= time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// yearOr is the year written, or the publication's: told in the past
// tense, a month after the publication's is last year's ("fighting began in
// December", in September); in the future, a month well before it is next
// year's ("elections are due in January").
func yearOr(written string, pub time.Time, mo int, future bool) (int, bool) {
	if written != "" {
		return atoi(written), true
	}
	if pub.IsZero() || mo == 0 {
		return 0, false
	}
	y := pub.Year()
	diff := mo - int(pub.Month())
	switch {
	case !future && diff > 0:
		y--
	case future && diff < -3:
		y++
	}
	return y, true
}

func dayMonth(approx, d, mo, y string, pub time.Time, future bool) (dating, bool) {
	m := month(mo)
	yr, ok := yearOr(y, pub, m, future)
	if !ok || !validDay(yr, m, atoi(d)) {
		return dating{}, false
	}
	t := day(yr, m, atoi(d))
	t.Approx = approx != ""
	rule := "a date"
	if y == "" {
		rule = "a date in the publication's year"
	}
	if t.Approx {
		rule += ", approximate (\"" + approx + "\")"
	}
	return dating{when: chrono.Span{Start: t}, rule: rule}, true
}

// weekday resolves a weekday against the publication day: the day itself
// if it is that weekday, else the one before, or the one after when the
// sentence speaks of the future or says "next".
func weekday(pub time.Time, wd time.Weekday, mod string, future bool) time.Time {
	diff := int(wd - pub.Weekday())
	switch {
	case mod == "last":
		if diff >= 0 {
			diff -= 7
		}
	case mod == "next":
		if diff <= 0 {
			diff += 7
		}
	case diff == 0:
	case future:
		if diff < 0 {
			diff += 7
		}
	default:
		if diff > 0 {
			diff -= 7
		}
	}
	return pub.AddDate(0, 0, diff)
}

func relative(w string, pub time.Time) (dating, bool) {
	if pub.IsZero() {
		return dating{}, false
	}
	span := func(a, b time.Time, rule string) (dating, bool) {
		return dating{when: chrono.Span{Start: fromTime(a), End: fromTime(b)}, rule: rule}, true
	}
	switch w {
	case "yesterday", "last night":
		return dating{when: chrono.Span{Start: fromTime(pub.AddDate(0, 0, -1))}, rule: "the day before publication"}, true
	case "today", "tonight":
		return dating{when: chrono.Span{Start: fromTime(pub)}, rule: "the publication day"}, true
	case "tomorrow":
		return dating{when: chrono.Span{Start: fromTime(pub.AddDate(0, 0, 1))}, rule: "the day after publication"}, true
	case "last week":
		monday := pub.AddDate(0, 0, -((int(pub.Weekday())+6)%7)-7)
		return span(monday, monday.AddDate(0, 0, 6), "the week before publication")
	case "this week", "earlier this week", "later this week":
		monday := pub.AddDate(0, 0, -((int(pub.Weekday()) + 6) % 7))
		return span(monday, monday.AddDate(0, 0, 6), "the week of publication")
	case "next week":
		monday := pub.AddDate(0, 0, 7-((int(pub.Weekday())+6)%7))
		return span(monday, monday.AddDate(0, 0, 6), "the week after publication")
	case "last month":
		m := pub.AddDate(0, -1, 1-pub.Day())
		return dating{when: chrono.Span{Start: chrono.Time{Year: int64(m.Year()), Month: int8(m.Month()), Prec: chrono.Month}}, rule: "the month before publication"}, true
	case "this month", "earlier this month", "later this month":
		return dating{when: chrono.Span{Start: chrono.Time{Year: int64(pub.Year()), Month: int8(pub.Month()), Prec: chrono.Month}}, rule: "the month of publication"}, true
	case "next month":
		m := pub.AddDate(0, 1, 1-pub.Day())
		return dating{when: chrono.Span{Start: chrono.Time{Year: int64(m.Year()), Month: int8(m.Month()), Prec: chrono.Month}}, rule: "the month after publication"}, true
	case "last year":
		return dating{when: chrono.Span{Start: year(pub.Year() - 1)}, rule: "the year before publication"}, true
	case "this year", "earlier this year", "later this year":
		return dating{when: chrono.Span{Start: year(pub.Year())}, rule: "the year of publication"}, true
	case "next year":
		return dating{when: chrono.Span{Start: year(pub.Year() + 1)}, rule: "the year after publication"}, true
	}
	return dating{}, false
}
