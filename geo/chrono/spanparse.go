package chrono

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ParseSpan reads a time that may be a span: anything Parse reads (a
// single time stands for the period of its precision), plus decades and
// centuries ("1950s", "1800s", "19th century", "5th century BCE"), ranges
// ("1914–1918", "5–11 Sep 2016", "March 2011 – 11 Sep 2016", "500–400 BCE",
// "from 1950 to 1960", ISO 8601 intervals "2016-09-05/2016-09-11") and open
// ones ("2011-03/..", "March 2011 – ongoing", "since 2011", "until 1945").
// It reads back everything Span.String writes.
func ParseSpan(s string) (Span, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "undated") {
		return Span{}, ErrEmpty
	}
	t, err := Parse(s)
	if err == nil {
		return Span{Start: t}, nil
	}
	if sp, ok, perr := parseNamedSpan(s); ok {
		return sp, perr
	}
	if sp, ok, rerr := parseRange(s); ok {
		return sp, rerr
	}
	return Span{}, err
}

// parseNamedSpan reads decades and centuries, optionally approximate.
func parseNamedSpan(s string) (Span, bool, error) {
	s, approx := cutApprox(s)
	l := strings.TrimPrefix(strings.ToLower(s), "the ")
	era := int64(1)
	for _, suf := range []string{" bce", " bc", " b.c.", " b.c.e."} {
		if rest, ok := strings.CutSuffix(l, suf); ok {
			l, era = rest, -1
			break
		}
	}
	var lo, hi int64
	switch n := digits(l); {
	case n >= 2 && n <= 12 && (l[n:] == "s" || l[n:] == "'s"):
		y, _ := strconv.ParseInt(l[:n], 10, 64)
		if y%10 != 0 {
			return Span{}, false, nil
		}
		lo, hi = y, y+9
		if y%100 == 0 {
			lo, hi = y, y+99
		}
	case n >= 1 && n <= 9 && isOrdinal(strings.TrimSuffix(l[n:], " century")) && strings.HasSuffix(l, " century"):
		c, _ := strconv.ParseInt(l[:n], 10, 64)
		if c < 1 {
			return Span{}, true, fmt.Errorf("%w: %q", ErrRange, s)
		}
		lo, hi = (c-1)*100+1, c*100 // the 19th century is 1801–1900
	default:
		return Span{}, false, nil
	}
	if era < 0 { // the 5th century BCE runs from 500 BCE down to 401 BCE
		lo, hi = 1-hi, 1-lo
	}
	return Span{Start: Time{Year: lo, Prec: Year, Approx: approx}, End: Time{Year: hi, Prec: Year, Approx: approx}}, true, nil
}

// rangeSeps split a range into its ends, most specific first.
var rangeSeps = []string{"/", " – ", " — ", " - ", " to ", " and ", " until ", "–", "—"}

// parseRange reads "A – B" and its variants. It reports ok when s had the
// shape of a range, even if an end did not parse.
func parseRange(s string) (Span, bool, error) {
	for _, p := range []string{"since ", "from ", "between ", "until ", "till "} {
		if len(s) < len(p) || !strings.EqualFold(s[:len(p)], p) {
			continue
		}
		rest := s[len(p):]
		switch p {
		case "since ":
			return openSpan(rest, "", true)
		case "until ", "till ":
			return openSpan("", rest, false)
		}
		s = rest
		break
	}
	for _, sep := range rangeSeps {
		i := indexFold(s, sep)
		if i < 0 {
			continue
		}
		a, b := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+len(sep):])
		if sep == "/" && !(a == ".." || b == ".." || digits(a) >= 4 || strings.HasPrefix(a, "-")) {
			continue
		}
		return openSpan(a, b, false)
	}
	// "1914-1918": a plain hyphen only between two bare years.
	if a, b, ok := strings.Cut(s, "-"); ok && len(a) >= 3 && digits(a) == len(a) && len(b) >= 3 && digits(b) == len(b) {
		return openSpan(a, b, false)
	}
	return Span{}, false, nil
}

// openSpan parses the two ends of a range; an empty or ".." start means
// none, and an empty, "..", "ongoing" or "present" end means still going.
func openSpan(a, b string, open bool) (Span, bool, error) {
	var sp Span
	switch strings.ToLower(b) {
	case "", "..", "ongoing", "present", "now", "today":
		sp.Open = b != "" || open
		b = ""
	}
	if a == ".." {
		a = ""
	}
	if a == "" && b == "" {
		return sp, true, ErrEmpty
	}
	var err error
	if b != "" {
		if sp.End, err = parseEnd(b); err != nil {
			return Span{}, true, err
		}
	}
	if a != "" {
		if sp.Start, err = parseStart(a, sp.End, b); err != nil {
			return Span{}, true, err
		}
	}
	if !sp.Start.IsZero() && !sp.End.IsZero() {
		switch {
		case sp.End.EndMilli().Less(sp.Start.StartMilli()) || sp.End.EndMilli() == sp.Start.StartMilli():
			return Span{}, true, fmt.Errorf("%w: range ends before it starts: %q – %q", ErrRange, a, b)
		case sp.End == sp.Start:
			sp.End = Time{}
		}
	}
	return sp, true, nil
}

// parseEnd reads the end of a range, which may itself be a decade
// ("1950s – 1970s" ends with 1979).
func parseEnd(b string) (Time, error) {
	sp, err := ParseSpan(b)
	if err != nil {
		return Time{}, err
	}
	if !sp.End.IsZero() {
		return sp.End, nil
	}
	return sp.Start, nil
}

// parseStart reads the start of a range, borrowing what it leaves out from
// the end: "5–11 Sep 2016" starts on 5 Sep 2016, "September – October
// 2016" in September 2016, and "500–400 BCE" in 500 BCE.
func parseStart(a string, end Time, b string) (Time, error) {
	e := end.Local()
	dayOnly := digits(a) == len(a) && len(a) <= 2 && e.Prec >= Day
	sp, err := ParseSpan(withEra(a, b))
	if err == nil && !dayOnly {
		return sp.Start, nil
	}
	if end.IsZero() || (err != nil && !errors.Is(err, ErrSyntax)) {
		return Time{}, err
	}
	if dayOnly {
		a += " " + monthNames[e.Month]
	}
	t, berr := Parse(a + " " + HumanYear(e.Year))
	if berr != nil {
		if err == nil {
			err = berr
		}
		return Time{}, err
	}
	return t, nil
}

// withEra gives a bare-number start the era written on the end only.
func withEra(a, b string) string {
	lb := strings.ToLower(b)
	if digits(a) == len(a) && (strings.HasSuffix(lb, " bce") || strings.HasSuffix(lb, " bc")) {
		return a + " BCE"
	}
	return a
}

// indexFold is strings.Index ignoring ASCII case, with byte offsets into s
// itself (lower-casing s first could change its length).
func indexFold(s, sep string) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}
