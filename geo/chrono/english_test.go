package chrono

import (
	"errors"
	"strings"
	"testing"
)

func TestParseEnglish(t *testing.T) {
	day := func(y int64, m, d int8) Time { return Time{Year: y, Month: m, Day: d, Prec: Day} }
	tests := []struct {
		in   string
		want Time
	}{
		{"5 September 2016", day(2016, 9, 5)},
		{"September 5, 2016", day(2016, 9, 5)},
		{"Monday, 5th of September 2016", day(2016, 9, 5)},
		{"Sept. 5, 2016", day(2016, 9, 5)},
		{"October 2, 1951", day(1951, 10, 2)},
		{"Sep 2016", Time{Year: 2016, Month: 9, Prec: Month}},
		{"September 1930", Time{Year: 1930, Month: 9, Prec: Month}},
		{"2016 September 5", day(2016, 9, 5)},
		{"15 Mar 44 BCE", day(-43, 3, 15)},
		{"44 BC", Time{Year: -43, Prec: Year}},
		{"1 BCE", Time{Year: 0, Prec: Year}},
		{"AD 1", Time{Year: 1, Prec: Year}},
		{"5 Sep AD 12", day(12, 9, 5)},
		{"1200 CE", Time{Year: 1200, Prec: Year}},
		{"13,800,000,001 BCE", Time{Year: -13800000000, Prec: Year}},
		{"5 Sep 12,016", day(12016, 9, 5)},
		{"5 Sep 2016 08:30", Time{Year: 2016, Month: 9, Day: 5, Hour: 8, Minute: 30, Prec: Minute}},
		{"5 Sep 2016 8:30 pm", Time{Year: 2016, Month: 9, Day: 5, Hour: 20, Minute: 30, Prec: Minute}},
		{"5 Sep 2016 08:30:15 UTC", Time{Year: 2016, Month: 9, Day: 5, Hour: 8, Minute: 30, Second: 15, Zoned: true, Prec: Second}},
		{"5 Sep 2016 08:30 +03:00", Time{Year: 2016, Month: 9, Day: 5, Hour: 5, Minute: 30, Offset: 180, Zoned: true, Prec: Minute}},
		{"5 Sep 2016 08:30:15.250 UTC", Time{Year: 2016, Month: 9, Day: 5, Hour: 8, Minute: 30, Second: 15, Milli: 250, Zoned: true, Prec: Millisecond}},
		{"c. 1200", Time{Year: 1200, Prec: Year, Approx: true}},
		{"circa 1200", Time{Year: 1200, Prec: Year, Approx: true}},
		{"1200?", Time{Year: 1200, Prec: Year, Approx: true}},
		{"2016/09", Time{Year: 2016, Month: 9, Prec: Month}},
		{"2016/9/5", day(2016, 9, 5)},
		{"2016/09/05 08:30", Time{Year: 2016, Month: 9, Day: 5, Hour: 8, Minute: 30, Prec: Minute}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseEnglishErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"31 September 2016", ErrRange},
		{"0 BCE", ErrRange},
		{"September", ErrSyntax},
		{"5 September", ErrSyntax},
		{"September September 2016", ErrSyntax},
		{"next Tuesday", ErrSyntax},
		{"2016 08:30", ErrSyntax},
		{"5 Sep 2016 13:00 pm", ErrRange},
		{"2016/13", ErrRange},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("Parse(%q) error = %v, want %v", tt.in, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), tt.in) {
			t.Errorf("Parse(%q) error %q does not quote the input", tt.in, err)
		}
	}
}

// TestStringReparses checks that every human form Meridian writes is read
// back to the same time, BCE and zones included.
func TestStringReparses(t *testing.T) {
	for _, in := range []string{"2016", "2016-09", "2016-09-05", "2016-09-05T08:30+03:00", "2016-09-05T08:30:15Z",
		"2016-09-05T08:30:15.250-05:30", "2016-09-05T08", "2016-09-05T08:30", "-0043-03-15", "0000", "0001", "0999-12",
		"-13800000000", "+12016-09-05", "~1200", "~2016-09-05T23:30-02:00", "1969-12-31T23:59:59.999Z"} {
		tm, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		back, err := Parse(tm.String())
		if err != nil || back != tm {
			t.Errorf("%s: String %q re-parses to %+v, %v; want %+v", in, tm.String(), back, err, tm)
		}
	}
}

func TestUTCDisplay(t *testing.T) {
	tm, _ := Parse("2016-09-05T01:30+03:00")
	if got, want := tm.String(), "5 Sep 2016 01:30 +03:00"; got != want {
		t.Errorf("own zone: %q, want %q", got, want)
	}
	if got, want := tm.UTC().String(), "4 Sep 2016 22:30 UTC"; got != want {
		t.Errorf("UTC: %q, want %q", got, want)
	}
	if tm.UTC().StartMilli() != tm.StartMilli() {
		t.Error("UTC moved the instant")
	}
	day, _ := Parse("2016-09-05")
	if day.UTC() != day {
		t.Error("UTC changed an unzoned day")
	}
}

func TestFromFields(t *testing.T) {
	tests := []struct {
		y, m, d, c string
		want       string
	}{
		{"2016", "9", "5", "", "2016-09-05"},
		{"2016", "09", "05", "08:30", "2016-09-05T08:30"},
		{"2016", "9", "5", "8:30 PM", "2016-09-05T20:30"},
		{"2016", "9", "5", "08:30:15Z", "2016-09-05T08:30:15Z"},
		{"2016", "9", "5", "08:30+03:00", "2016-09-05T08:30+03:00"},
		{"2016", "0", "5", "", "2016"},
		{"2016", "", "", "", "2016"},
		{"2016", "Sep", "", "", "2016-09"},
		{"2016", "9.0", "5.0", "", "2016-09-05"},
		{"-43", "3", "15", "", "-0043-03-15"},
		{"44 BC", "3", "15", "", "-0043-03-15"},
		{"-13800000000", "", "", "", "-13800000000"},
	}
	for _, tt := range tests {
		got, err := FromFields(tt.y, tt.m, tt.d, tt.c)
		if err != nil || got.ISO() != tt.want {
			t.Errorf("FromFields(%q,%q,%q,%q) = %q, %v; want %q", tt.y, tt.m, tt.d, tt.c, got.ISO(), err, tt.want)
		}
	}
	for _, bad := range [][4]string{{"", "9", "", ""}, {"2016", "13", "", ""}, {"2015", "2", "29", ""}, {"2016", "9", "5", "25:00"},
		{"2016-09", "", "", ""}, {"twenty", "", "", ""}, {"2016", "9", "x", ""}} {
		if _, err := FromFields(bad[0], bad[1], bad[2], bad[3]); err == nil {
			t.Errorf("FromFields(%q) succeeded", bad)
		}
	}
	if _, err := FromFields("", "", "", ""); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty fields: %v, want ErrEmpty", err)
	}
}

func TestFromNumberUnits(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{2016, "2016"},
		{-13800000000, "-13800000000"}, // beyond any epoch: read as ms would overflow years; see below
		{1473064200, "2016-09-05T08:30:00Z"},
		{1473064200.5, "2016-09-05T08:30:00.500Z"},
		{1473064200000, "2016-09-05T08:30:00.000Z"},
		{-2208988800000, "1900-01-01T00:00:00.000Z"},
	}
	for _, tt := range tests[2:] {
		got, err := FromNumber(tt.in)
		if err != nil || got.ISO() != tt.want {
			t.Errorf("FromNumber(%v) = %q, %v; want %q", tt.in, got.ISO(), err, tt.want)
		}
	}
	if got, _ := FromNumber(tests[0].in); got.ISO() != tests[0].want {
		t.Errorf("FromNumber(2016) = %q", got.ISO())
	}
}

func TestParseSpan(t *testing.T) {
	tests := []struct {
		in         string
		start, end string
		open       bool
	}{
		{"2016-09", "2016-09", "", false},
		{"1950s", "1950", "1959", false},
		{"the 1950's", "1950", "1959", false},
		{"1800s", "1800", "1899", false},
		{"c. 1950s", "~1950", "~1959", false},
		{"19th century", "1801", "1900", false},
		{"5th century BCE", "-0499", "-0400", false},
		{"1st century", "0001", "0100", false},
		{"1914–1918", "1914", "1918", false},
		{"1914-1918", "1914", "1918", false},
		{"1914 - 1918", "1914", "1918", false},
		{"from 1950 to 1960", "1950", "1960", false},
		{"between 1950 and 1960", "1950", "1960", false},
		{"5–11 Sep 2016", "2016-09-05", "2016-09-11", false},
		{"5 Sep – 11 Oct 2016", "2016-09-05", "2016-10-11", false},
		{"September – October 2016", "2016-09", "2016-10", false},
		{"March 2011 – 11 Sep 2016", "2011-03", "2016-09-11", false},
		{"500–400 BCE", "-0499", "-0399", false},
		{"2016-09-05/2016-09-11", "2016-09-05", "2016-09-11", false},
		{"2011-03/..", "2011-03", "", true},
		{"../1945", "", "1945", false},
		{"March 2011 – ongoing", "2011-03", "", true},
		{"2011 – present", "2011", "", true},
		{"since 2011", "2011", "", true},
		{"until 1945", "", "1945", false},
		{"1950s – 1970s", "1950", "1979", false},
		{"2016-09-05 – 2016-09-05", "2016-09-05", "", false},
	}
	for _, tt := range tests {
		sp, err := ParseSpan(tt.in)
		if err != nil {
			t.Errorf("ParseSpan(%q): %v", tt.in, err)
			continue
		}
		if sp.Start.ISO() != tt.start || sp.End.ISO() != tt.end || sp.Open != tt.open {
			t.Errorf("ParseSpan(%q) = %q – %q open %v; want %q – %q open %v", tt.in, sp.Start.ISO(), sp.End.ISO(), sp.Open, tt.start, tt.end, tt.open)
		}
	}
}

func TestParseSpanErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{"undated", ErrEmpty},
		{"1918–1914", ErrRange},
		{"soon – later", ErrSyntax},
		{"1955s", ErrSyntax},
		{"0th century", ErrRange},
		{"2016-13", ErrRange},
	}
	for _, tt := range tests {
		if _, err := ParseSpan(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("ParseSpan(%q) error = %v, want %v", tt.in, err, tt.want)
		}
	}
}

func TestSpanStringReparses(t *testing.T) {
	for _, in := range []string{"1950s", "1800s", "5–11 Sep 2016", "March 2011 – ongoing", "until 1945",
		"c. 1200 – 1250", "500–400 BCE", "2016-09-05T08:00Z/2016-09-05T09:30Z", "19th century", "5th century BCE"} {
		sp, err := ParseSpan(in)
		if err != nil {
			t.Fatalf("ParseSpan(%q): %v", in, err)
		}
		back, err := ParseSpan(sp.String())
		if err != nil || back != sp {
			t.Errorf("%q: String %q re-parses to %+v, %v; want %+v", in, sp.String(), back, err, sp)
		}
	}
}

func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"1950s", "5–11 Sep 2016", "2011-03/..", "500–400 BCE", "since 2011", "5th century BCE", "1914-1918"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := ParseSpan(s)
		if err != nil {
			return
		}
		back, err := ParseSpan(sp.String())
		if err != nil || back != sp {
			t.Fatalf("ParseSpan(%q) = %+v; its String %q re-parses to %+v, %v", s, sp, sp.String(), back, err)
		}
	})
}
