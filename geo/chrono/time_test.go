package chrono

import (
	"errors"
	"math"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     Time
	}{
		{"year", "2016", Time{Year: 2016, Prec: Year}},
		{"month", "2016-09", Time{Year: 2016, Month: 9, Prec: Month}},
		{"day", "2016-09-05", Time{Year: 2016, Month: 9, Day: 5, Prec: Day}},
		{"minute UTC", "2016-09-05T08:30Z", Time{Year: 2016, Month: 9, Day: 5, Hour: 8, Minute: 30, Zoned: true, Prec: Minute}},
		{"offset kept, stored UTC", "2016-09-05T08:30:00+03:00",
			Time{Year: 2016, Month: 9, Day: 5, Hour: 5, Minute: 30, Zoned: true, Offset: 180, Prec: Second}},
		{"offset crosses midnight", "2016-09-05T01:00-0500",
			Time{Year: 2016, Month: 9, Day: 5, Hour: 6, Zoned: true, Offset: -300, Prec: Minute}},
		{"space for T", "2016-09-05 08:30", Time{Year: 2016, Month: 9, Day: 5, Hour: 8, Minute: 30, Prec: Minute}},
		{"millis", "2016-09-05T08:30:15.25Z", Time{Year: 2016, Month: 9, Day: 5, Hour: 8, Minute: 30, Second: 15, Milli: 250, Zoned: true, Prec: Millisecond}},
		{"BCE astronomical", "-0043-03-15", Time{Year: -43, Month: 3, Day: 15, Prec: Day}},
		{"year zero", "0000", Time{Year: 0, Prec: Year}},
		{"bare short year", "800", Time{Year: 800, Prec: Year}},
		{"cosmological", "-13800000000", Time{Year: -13800000000, Prec: Year}},
		{"expanded", "+12016", Time{Year: 12016, Prec: Year}},
		{"approximate", "c. 1200", Time{Year: 1200, Prec: Year, Approx: true}},
		{"leap day", "2016-02-29", Time{Year: 2016, Month: 2, Day: 29, Prec: Day}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrEmpty},
		{"soon", ErrSyntax},
		{"2016-13", ErrRange},
		{"2015-02-29", ErrRange},
		{"2016-09-05T25:00", ErrRange},
		{"16-09", ErrSyntax},
		{"2016-9", ErrSyntax},
		{"2016+03:00", ErrSyntax},
		{"2016-09-05T08:30+3", ErrSyntax},
	}
	for _, tt := range tests {
		if _, err := Parse(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("Parse(%q) error = %v, want %v", tt.in, err, tt.want)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2016", "2016"},
		{"2016-09", "September 2016"},
		{"2016-09-05", "5 Sep 2016"},
		{"2016-09-05T08:30+03:00", "5 Sep 2016 08:30 +03:00"},
		{"2016-09-05T08:30:00Z", "5 Sep 2016 08:30:00 UTC"},
		{"-0043-03-15", "15 Mar 44 BCE"},
		{"0000", "1 BCE"},
		{"0001", "AD 1"},
		{"-13800000000", "13,800,000,001 BCE"},
		{"~1200", "c. 1200"},
	}
	for _, tt := range tests {
		tm, err := Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := tm.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestISORoundTrip(t *testing.T) {
	for _, in := range []string{"2016", "2016-09", "2016-09-05", "2016-09-05T08:30+03:00",
		"2016-09-05T08:30:15.250Z", "-0043-03-15", "+12016", "~1200", "2016-09-05T08"} {
		tm, err := Parse(in)
		if err != nil {
			t.Fatal(err)
		}
		if got := tm.ISO(); got != in {
			t.Errorf("Parse(%q).ISO() = %q", in, got)
		}
	}
}

func TestInstantMatchesTimePackage(t *testing.T) {
	for _, in := range []string{"1970-01-01", "2016-09-05T08:30:15Z", "1600-02-29", "0001-01-01", "1969-12-31T23:59:59Z", "9999-12-31"} {
		tm, _ := Parse(in)
		layout := map[Precision]string{Day: "2006-01-02", Second: time.RFC3339}[tm.Prec]
		ref, err := time.Parse(layout, in)
		if err != nil {
			t.Fatal(err)
		}
		if got := tm.StartMilli().Sec; got != ref.Unix() {
			t.Errorf("%s: Unix = %d, want %d", in, got, ref.Unix())
		}
	}
}

func TestCivilRoundTrip(t *testing.T) {
	for _, days := range []int64{-5e12, -719468, -1, 0, 1, 17049, 2932896, 5e12} {
		y, m, d := civilFromDays(days)
		if got := daysFromCivil(y, m, d); got != days {
			t.Errorf("days %d -> %d-%d-%d -> %d", days, y, m, d, got)
		}
	}
}

func TestSpanBounds(t *testing.T) {
	month, _ := Parse("2016-09")
	lo, hi := Span{Start: month}.Bounds()
	if want := 30 * 86400.0; hi-lo != want {
		t.Errorf("September lasts %v s, want %v", hi-lo, want)
	}
	war, _ := Parse("2011-03-15")
	if _, hi := (Span{Start: war, Open: true}).Bounds(); !math.IsInf(hi, 1) {
		t.Errorf("open span ends at %v", hi)
	}
	day5, _ := Parse("2016-09-05")
	d5lo, d5hi := Span{Start: day5}.Bounds()
	if !(Span{Start: month}).Overlaps(d5lo, d5hi) {
		t.Error("September 2016 should overlap 5 September")
	}
	if (Span{Start: day5}).Overlaps(hi, hi+86400) {
		t.Error("5 September should not overlap October")
	}
}

func TestSpanString(t *testing.T) {
	a, _ := Parse("2016-09-05")
	b, _ := Parse("2016-09-11")
	c, _ := Parse("2011-03")
	tests := []struct {
		s    Span
		want string
	}{
		{Span{Start: a, End: b}, "5–11 Sep 2016"},
		{Span{Start: c, Open: true}, "March 2011 – ongoing"},
		{Span{Start: c, End: b}, "March 2011 – 11 Sep 2016"},
		{Span{}, "undated"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%+v = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestFromNumber(t *testing.T) {
	got, err := FromNumber(1473064200000) // 2016-09-05T08:30:00Z
	if err != nil || got.ISO() != "2016-09-05T08:30:00.000Z" {
		t.Errorf("FromNumber(ms) = %q, %v", got.ISO(), err)
	}
	got, err = FromNumber(-500)
	if err != nil || got.String() != "501 BCE" {
		t.Errorf("FromNumber(-500) = %q, %v", got, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"2016", "2016-09-05T08:30+03:00", "-0043-03-15", "c. 1200", "2016-09-05 08:30:15.5Z", "+", "September 5, 2016", "15 Mar 44 BCE", "2016/9/5", "5 Sep 2016 8:30 pm"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := Parse(s)
		if err != nil {
			return
		}
		back, err := Parse(tm.ISO())
		if err != nil {
			t.Fatalf("Parse(%q) = %+v; its ISO %q does not re-parse: %v", s, tm, tm.ISO(), err)
		}
		if back != tm {
			t.Fatalf("Parse(%q) = %+v; re-parsed %q = %+v", s, tm, tm.ISO(), back)
		}
		human, err := Parse(tm.String())
		if err != nil || human != tm {
			t.Fatalf("Parse(%q) = %+v; its String %q re-parses to %+v, %v", s, tm, tm.String(), human, err)
		}
	})
}

func TestExtent(t *testing.T) {
	a, _ := Parse("2016-09-07T10:00Z")
	b, _ := Parse("2016-09-07T08:00Z")
	c, _ := Parse("2016-09-07T09:00Z")
	if got := Extent([]Time{a, {}, b, c}).String(); got != "7 Sep 2016 08:00 UTC – 7 Sep 2016 10:00 UTC" {
		t.Errorf("Extent = %q", got)
	}
	if got := Extent([]Time{a}); got.End != (Time{}) || got.Start != a {
		t.Errorf("Extent of one = %v", got)
	}
	if !Extent(nil).IsZero() {
		t.Error("Extent(nil) is not zero")
	}
}
