package table

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/meridian-app/meridian/geo/chrono"
)

// slashDate matches the month/day/year dates US spreadsheets write, with an
// optional time: "9/5/2016", "09/05/2016 8:30 PM", "9/5/2016 24:00".
var slashDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(.+))?$`)

// parseDate reads a date cell: a number of six digits or more (Unix
// seconds or milliseconds, see chrono.FromNumber), anything
// chrono.ParseSpan reads, or a slash date. A slash date is month first, as US tools write it, unless its
// first number cannot be a month ("25/12/2016"). "24:00" is the end of the
// day, that is 00:00 on the next.
func parseDate(s string) (chrono.Span, error) {
	// A failed ParseFloat allocates its error, two million times for a
	// million rows of dates, so only numbers are tried.
	if decimal(s) {
		if f, err := strconv.ParseFloat(s, 64); err == nil && (len(s) > 5 || strings.Contains(s, ".")) {
			t, err := chrono.FromNumber(f) // epoch seconds or milliseconds
			return chrono.Span{Start: t}, err
		}
	}
	sp, err := chrono.ParseSpan(s)
	if err == nil {
		return sp, nil
	}
	m := slashDate.FindStringSubmatch(s)
	if m == nil {
		return chrono.Span{}, err
	}
	month, day := m[1], m[2]
	if a, _ := strconv.Atoi(month); a > 12 {
		month, day = day, month
	}
	clock := strings.TrimSpace(m[4])
	midnight := strings.HasPrefix(clock, "24:00")
	if midnight {
		clock = "00:00" + strings.TrimPrefix(clock, "24:00")
	}
	t, ferr := chrono.FromFields(m[3], month, day, clock)
	if ferr != nil {
		return chrono.Span{}, fmt.Errorf("%w: %q", ferr, s)
	}
	if midnight {
		next := t.StartMilli()
		next.Sec += 86400
		z, off := t.Zoned, t.Offset
		t = chrono.FromInstant(next, t.Prec)
		t.Zoned, t.Offset = z, off
	}
	return chrono.Span{Start: t}, nil
}

// decimal reports whether s is written as a decimal number ("1473064200",
// "-1.5e3"), as an epoch time would be; a date such as "2016-09-05" is not.
func decimal(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == '.':
		case (c == '-' || c == '+') && (i == 0 || s[i-1] == 'e' || s[i-1] == 'E'):
		case (c == 'e' || c == 'E') && i > 0:
		default:
			return false
		}
	}
	return s != ""
}
