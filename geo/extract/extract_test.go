package extract

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/meridian-app/meridian/geo/gazetteer"
)

func gaz(t testing.TB) *gazetteer.Gazetteer {
	t.Helper()
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func day0(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// want is a draft an article must yield: at a GeoNames place, at a time
// (as chrono prints it), with a title containing some words.
type want struct {
	geonames int
	when     string
	title    string
}

func extractFile(t *testing.T, path, published string) *Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Extract(string(b), gaz(t), Options{Published: day0(published)})
}

func check(t *testing.T, r *Result, wants []want, never []string) {
	t.Helper()
	for _, w := range wants {
		ok := false
		for _, d := range r.Drafts {
			if d.Place.ID == w.geonames && d.When.String() == w.when && strings.Contains(d.Title, w.title) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("no draft at %d on %s titled …%s…; drafts:\n%s", w.geonames, w.when, w.title, dump(r))
		}
	}
	for _, d := range r.Drafts {
		for _, n := range never {
			if strings.EqualFold(d.PlaceText, n) {
				t.Errorf("a draft for %q: %+v", n, d)
			}
		}
		if d.Confidence <= 0 || d.Confidence > 1 || len(d.Reasons) == 0 || len(d.Evidence) == 0 {
			t.Errorf("draft without confidence, reasons or evidence: %+v", d)
		}
	}
}

func dump(r *Result) string {
	var b strings.Builder
	for _, d := range r.Drafts {
		b.WriteString("  " + d.Place.Label() + " | " + d.When.String() + " | " + d.Title + "\n")
	}
	return b.String()
}

// The seed article (an AAP story, kept outside the repository) must give
// the drafts and none for its people, groups and credits.
func TestSeedArticle(t *testing.T) {
	path := os.Getenv("MERIDIAN_SEED")
	if path == "" {
		path = "../../../shared/seed/article.txt"
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("seed article not here (%v); set MERIDIAN_SEED", err)
	}
	r := extractFile(t, path, "2016-09-05")
	check(t, r, []want{
		{1808926, "4 Sep 2016", "came up short Sunday"},
		{1808926, "3 Sep 2016", "stumble on Saturday"},
		{1808926, "5 Sep 2016", "continue Monday"},
		{163345, "5 Sep 2016", "explosions which killed 34"},
		{170063, "c. 11 Sep 2016", "ceasefire in Aleppo"},
		{170592, "September 2016", "Douma"},
	}, []string{"Obama", "Putin", "Assad", "Kerry", "Lavrov", "Erdogan", "Islamic State", "al-Qaeda", "Amaq", "AAP", "Getty", "Jaish al-Islam", "Islam"})
	if r.Title != "Obama-Putin Syria truce fails as IS blasts kills dozens" {
		t.Errorf("title %q", r.Title)
	}
}

// A wire story with a dateline, a monitor's long name, a governor and a
// reporters' line.
func TestWireStory(t *testing.T) {
	r := extractFile(t, "testdata/shelling.txt", "2019-04-10") // a Wednesday
	check(t, r, []want{
		{167611, "9 Apr 2019", "Maarrat al-Numan on Tuesday"},
		{169389, "9 Apr 2019", "near Idlib yesterday"},
		{323786, "12 Apr 2019", "meet in Ankara on Friday"}, // future tense: the coming Friday
		{170063, "15–21 Apr 2019", "airport would reopen next week"},
		{169577, "March 2019", "near Homs in March"},
	}, []string{"Beirut", "Human", "Hezbollah"})
	if r.Dateline != "Beirut" {
		t.Errorf("dateline %q", r.Dateline)
	}
	if len(r.Drafts) != 5 {
		t.Errorf("%d drafts:\n%s", len(r.Drafts), dump(r))
	}
}

// Clubs named after cities are not places in a match report; the city a
// team travels to is.
func TestSportsReport(t *testing.T) {
	r := extractFile(t, "testdata/match.txt", "2019-03-18") // a Monday
	check(t, r, []want{{3117735, "25–31 Mar 2019", "trip to Madrid next week"}}, []string{"Liverpool", "Chelsea", "Salah"})
}

// A person named like a city, a span of weekdays in the future, and the
// dateline city that is also where something happens.
func TestPersonNamedLikeACity(t *testing.T) {
	r := extractFile(t, "testdata/reunification.txt", "2020-04-29") // a Wednesday
	check(t, r, []want{
		{1566083, "28 Apr 2020", "gathered in Ho Chi Minh City on Tuesday"},
		{1581130, "30 Apr 2020 – 2 May 2020", "continue in Hanoi from Thursday to Saturday"},
	}, nil)
	for _, d := range r.Drafts {
		if strings.Contains(d.Evidence[0], "Ho Chi Minh led") {
			t.Errorf("a draft from the person's sentence: %+v", d)
		}
		if d.Place.ID == 1581130 && !strings.Contains(strings.Join(d.Reasons, " "), "dateline") {
			t.Errorf("Hanoi draft does not say it is also the dateline: %v", d.Reasons)
		}
	}
}

// Without a publication date, relative dates are not guessed; absolute
// ones still count.
func TestNoPublicationDate(t *testing.T) {
	r := Extract("Protesters marched in Aleppo on Monday.\nTroops entered Homs on 5 March 2012.", gaz(t), Options{})
	if len(r.Drafts) != 2 || r.Drafts[0].When.String() != "undated" || r.Drafts[1].When.String() != "5 Mar 2012" {
		t.Errorf("drafts:\n%s", dump(r))
	}
}

func TestDates(t *testing.T) {
	pub := day0("2016-09-05") // a Monday
	for _, tc := range []struct{ s, want string }{
		{"It happened on Saturday.", "3 Sep 2016"},
		{"They will meet on Saturday.", "10 Sep 2016"},
		{"They met last Monday.", "29 Aug 2016"},
		{"They meet next Monday.", "12 Sep 2016"},
		{"It rained yesterday.", "4 Sep 2016"},
		{"The vote is tomorrow.", "6 Sep 2016"},
		{"Talks were held last week.", "29 Aug 2016 – 4 Sep 2016"},
		{"Fighting broke out in August.", "August 2016"},
		{"Elections are due in January.", "January 2017"},
		{"Fighting began in December.", "December 2015"},
		{"On 5 Sep 2016 it began.", "5 Sep 2016"},
		{"It began September 11, 2001.", "11 Sep 2001"},
		{"The war began in 2011.", "2011"},
		{"The war has raged since 2011.", "2011 – ongoing"},
		{"It lasted from 1945 to 1969.", "1945 – 1969"},
		{"Talks will run from Tuesday to Friday.", "6–9 Sep 2016"},
		{"Talks ran from Tuesday to Friday.", "30 Aug 2016 – 2 Sep 2016"},
		{"Fighting broke out in October.", "October 2015"},
		{"The festival runs 5-11 September.", "5–11 Sep 2016"},
		{"After more than five years of war.", "c. 2011 – ongoing"},
		{"A holiday expected around September 11.", "c. 11 Sep 2016"},
		{"In March 2011 protests began.", "March 2011"},
		{"We may see rain.", ""},
		{"The march began at noon.", ""},
	} {
		ds := dates(tc.s, pub)
		got := ""
		if d, ok := mainDate(ds); ok {
			got = d.when.String()
		}
		if got != tc.want {
			t.Errorf("%q: %q, want %q", tc.s, got, tc.want)
		}
	}
}

func TestSentences(t *testing.T) {
	got := sentences(`Mr. Smith met U.S. officials in St. Louis. "It went well," he said. J. R. Jones agreed! Then 5 more came.`)
	want := []string{`Mr. Smith met U.S. officials in St. Louis.`, `"It went well," he said.`, `J. R. Jones agreed!`, `Then 5 more came.`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences:\n%q\nwant\n%q", got, want)
	}
}

func TestTitle(t *testing.T) {
	for _, tc := range []struct{ s, at, want string }{
		{"A senior State Department official said the talks hit a stumble on Saturday when Russia pulled back.", "Saturday", "The talks hit a stumble on Saturday"},
		{"Islamic State fighters attacked Palmyra, its Amaq news agency said.", "Palmyra", "Islamic State fighters attacked Palmyra"},
		{"Syria’s conflict has left 290,000 dead, including two explosions which killed 34 people at the entrance to Tartous on Monday.", "Tartous", "Two explosions which killed 34 people at the entrance to Tartous on Monday"},
	} {
		at := strings.Index(tc.s, tc.at)
		if got := title(tc.s, at, len(tc.at)); got != tc.want {
			t.Errorf("title(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// Whatever the text, extraction ends, and every draft has a place and
// evidence from the text.
func FuzzExtract(f *testing.F) {
	g := gaz(f)
	for _, s := range []string{"BEIRUT (Reuters) - Shelling hit Idlib on Tuesday.", "Photo: AAP\nTalks in Hangzhou.", "", "\xff. A. B.", "from Monday to Sunday in Aleppo 1-2 May"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Extract(s, g, Options{Published: day0("2016-09-05")})
		for _, d := range r.Drafts {
			if d.Place == nil || len(d.Evidence) == 0 || !strings.Contains(s, strings.TrimSpace(d.Evidence[0])) {
				t.Fatalf("draft %+v", d)
			}
		}
	})
}

// An AP story: a storm named like two towns, a person named like a city,
// a region the gazetteer lacks, a town after a comma before "said".
func TestStormStory(t *testing.T) {
	r := extractFile(t, "testdata/storm.txt", "2021-08-30") // a Monday
	check(t, r, []want{
		{4335045, "29 Aug 2021", "power to all of New Orleans"},
		{4315588, "29 Aug 2021", "residents of Baton Rouge"},
		{4330145, "August 2021", "A nurse from Lafayette"},
	}, []string{"Hurricane", "Ida", "Sydney", "Edwards", "White House"})
	for _, d := range r.Drafts {
		if strings.Contains(d.Evidence[0], "over Tennessee") {
			t.Errorf("the Tennessee sentence was given a town: %+v", d)
		}
	}
	if r.Dateline != "New Orleans" {
		t.Errorf("dateline %q", r.Dateline)
	}
}

// In a match report, teams named after countries or cities are not
// places; the city where the match was played is.
func TestMatchReportTeams(t *testing.T) {
	r := Extract("Brazil beat Germany 7-1 in Belo Horizonte on Tuesday.\nJordan scored twice for Chicago in the second half.\nThe fans cheered the win.",
		gaz(t), Options{Published: day0("2014-07-10")})
	check(t, r, []want{{3470127, "8 Jul 2014", "in Belo Horizonte on Tuesday"}}, []string{"Brazil", "Germany", "Jordan", "Chicago"})
	if len(r.Drafts) != 1 {
		t.Errorf("drafts:\n%s", dump(r))
	}
}

// BenchmarkExtract reads the four test articles: one op is a whole article
// of a few hundred words.
func BenchmarkExtract(b *testing.B) {
	g := gaz(b)
	var texts []string
	for _, f := range []string{"shelling", "match", "reunification", "storm"} {
		t, err := os.ReadFile("testdata/" + f + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(t))
	}
	i := 0
	for b.Loop() {
		Extract(texts[i%len(texts)], g, Options{Published: day0("2019-04-10")})
		i++
	}
}
