package fold

import "testing"

func TestString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ţarţūs", "tartus"},
		{"TARTOUS", "tartous"},
		{"Dūmā", "duma"},
		{"Sant Julià de Lòria", "sant julia de loria"},
		{"Al-Shām", "al sham"},
		{"Ma'arrat  al-Nu‘man", "maarrat al numan"},
		{"St. Petersburg", "st petersburg"},
		{"İzmir", "izmir"},
		{"Łódź", "lodz"},
		{"Tromsø", "tromso"},
		{"طَرْطُوس", "طرطوس"},
		{"أريحا", "اريحا"},
		{"حلـب", "حلب"},
		{"مدينة", "مدينه"},
		{"杭州", "杭州"},
		{"  Hangzhou Shi ", "hangzhou shi"},
		{"", ""},
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Folding is idempotent and never grows a name without bound, whatever the
// input: a folded key must fold to itself, or search would miss it.
func FuzzString(f *testing.F) {
	for _, s := range []string{"Ţarţūs", "طَرْطُوس", "杭州 Hangzhou", "Ma'arrat  al-Nu‘man", "İzmir", "\xff\xfe", "ǅ", "ﬁ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := String(s)
		if twice := String(once); twice != once {
			t.Errorf("String(%q) = %q, but String(%q) = %q", s, once, once, twice)
		}
		if len(once) > 4*len(s)+4 {
			t.Errorf("String(%q) grew to %d bytes", s, len(once))
		}
	})
}

// Append folds exactly as String does, after whatever dst holds.
func FuzzAppend(f *testing.F) {
	for _, s := range []string{"Ţarţūs", "طَرْطُوس", "Hospital opens in Taubaté", "Ma'arrat  al-Nu‘man", " -İzmir- ", "\xff\xfe", "ǅ", "ﬁ", "Ǆ-ǈ", "a\u0301b",
		"Hà Nội — “Đà Nẵng”", "Ἀθῆναι, Москва́", "नई दिल्ली", "กรุงเทพฯ", "בְּרֵאשִׁית", "ཀྵ་ཀ྄", "각", "a\u0345\u0301"} {
		f.Add("x ", s)
	}
	f.Fuzz(func(t *testing.T, prefix, s string) {
		got := string(Append([]byte(prefix), s))
		if want := prefix + String(s); got != want {
			t.Errorf("Append(%q, %q) = %q, want %q", prefix, s, got, want)
		}
	})
}

func BenchmarkAppend(b *testing.B) {
	buf := make([]byte, 0, 256)
	for b.Loop() {
		buf = Append(buf[:0], "Accounts from Taubaté differ: one agency put the number at 567, another at half that.")
	}
}
