package app

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/meridian-app/meridian/geo/event"
	"github.com/meridian-app/meridian/geo/format/geojson"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/timeaxis"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

// marksFrom decodes GeoJSON text into marks.
func marksFrom(t *testing.T, src string) (*render.Marks, *event.Collection) {
	t.Helper()
	res, err := geojson.Decode(strings.NewReader(src), "test.geojson")
	if err != nil || len(res.Problems) > 0 {
		t.Fatalf("decode: %v %v", err, res.Problems)
	}
	return render.NewMarks(res.Collection), res.Collection
}

// pointEvents writes a FeatureCollection of events at the given times.
func pointEvents(times ...string) string {
	var b strings.Builder
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	cats := []string{"a", "b", "c"}
	for i, tm := range times {
		if i > 0 {
			b.WriteString(",")
		}
		start, end, _ := strings.Cut(tm, "|")
		props := fmt.Sprintf(`"title":"e%d","category":%q,"start":%q`, i, cats[i%3], start)
		if end != "" {
			props += fmt.Sprintf(`,"end":%q`, end)
		}
		fmt.Fprintf(&b, `{"type":"Feature","geometry":{"type":"Point","coordinates":[%d,10]},"properties":{%s}}`, i, props)
	}
	b.WriteString("]}")
	return b.String()
}

// showTimeline puts a timeline with marks in an 800×80 test window.
func showTimeline(t *testing.T, m *render.Marks) (*Timeline, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	tl := NewTimeline()
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, timelineHigh))
	tl.SetData(m)
	return tl, w
}

// assertGolden compares img with testdata/name.png, allowing a small
// difference per channel for font anti-aliasing; -update rewrites it.
func assertGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("%v (run go test ./app -run %s -update)", err, t.Name())
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, img.Bounds(), want.Bounds())
	}
	bad := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r1, g1, b1, _ := img.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			if absDiff(r1, r2) > 24<<8 || absDiff(g1, g2) > 24<<8 || absDiff(b1, b2) > 24<<8 {
				bad++
			}
		}
	}
	if bad > b.Dx()*b.Dy()/500 {
		out := filepath.Join(t.TempDir(), name+".png")
		if f, err := os.Create(out); err == nil {
			png.Encode(f, img)
			f.Close()
		}
		t.Errorf("%s: %d pixels differ from the golden image; got %s", name, bad, out)
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

func TestTimelineGolden(t *testing.T) {
	sample := pointEvents("2016-09-03|2016-09-04", "2016-09-05", "2016-09-05T08:30Z", "2016-09-06|2016-09-11",
		"2016-09-09", "2016-09", "2016-09-12T21:00+03:00", "2016-09-19")
	centuries := pointEvents("1914|1918", "1939|1945", "1950s", "1969-07-20", "1989-11-09", "2001-09-11", "1917-11", "1991-12-26")
	bce := pointEvents("-0043-03-15", "-0490", "-0479|-0431", "-0332", "-0752", "0000", "0001", "0079-08-24", "-0215|-0200")
	cosmos := pointEvents("-13800000000", "-4540000000", "-3800000000", "-540000000|-485000000", "-252000000",
		"-66000000", "-300000", "-10000", "1969-07-20")
	tests := []struct {
		name string
		data string
		// zoom, if set, narrows the axis to [from, to) in ISO dates.
		from, to string
		window   [2]string
		selected int
	}{
		{"timeline-days", sample, "", "", [2]string{"2016-09-05", "2016-09-08"}, 3},
		{"timeline-hours", sample, "2016-09-05T00:00Z", "2016-09-06T00:00Z", [2]string{}, 2},
		{"timeline-century", centuries, "", "", [2]string{"1939", "1946"}, -1},
		{"timeline-bce", bce, "", "", [2]string{"-0499", "-0399"}, 0},
		{"timeline-cosmological", cosmos, "", "", [2]string{}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := marksFrom(t, tt.data)
			tl, w := showTimeline(t, m)
			if tt.from != "" {
				lo, _ := daySpan(tt.from)
				hi, _ := daySpan(tt.to)
				tl.SetAxis(lo, hi)
			}
			if tt.window[0] != "" {
				lo, _ := daySpan(tt.window[0])
				hi, _ := daySpan(tt.window[1])
				tl.SetWindow(lo, hi)
			}
			tl.SetSelected(tt.selected)
			assertGolden(t, tt.name, w.Canvas().Capture())
		})
	}
}

// TestTimelineShowsAxisAndEvents checks what a user sees without golden
// images: labels for the zoom, histogram bars, event ticks in their
// category colours, and the window shading.
func TestTimelineShowsAxisAndEvents(t *testing.T) {
	m, _ := marksFrom(t, pointEvents("-0043-03-15", "-0490", "-0332", "0079-08-24"))
	tl, w := showTimeline(t, m)
	img := w.Canvas().Capture()
	r := test.WidgetRenderer(tl).(*timelineRenderer)
	var got []string
	for _, tk := range r.ticks {
		got = append(got, tk.Label)
	}
	text := strings.Join(got, " ")
	if !strings.Contains(text, "500 BCE") || !strings.Contains(text, "AD 100") || strings.Contains(text, "-") {
		t.Errorf("axis labels %q", text)
	}
	// Caesar's death (44 BCE) is ticked in the first category colour.
	lo, _ := m.Bounds(0)
	px := int(math.Round(tl.Axis().X(lo)))
	c := img.At(px, laneTop+3)
	if r, g, b, _ := c.RGBA(); !(r>>8 < 60 && g>>8 > 60 && b>>8 > 120) {
		t.Errorf("44 BCE tick at x=%d is %v, want the first category's blue (under the window's tint)", px, c)
	}
}

func TestTimelineDragHandleAndWindow(t *testing.T) {
	m, _ := marksFrom(t, pointEvents("2016-01-01", "2016-12-31"))
	tl, _ := showTimeline(t, m)
	lo, hi := tl.Range()
	// Drag the end handle to the middle of the axis.
	tx := float32(tl.Axis().X(hi))
	drag(tl, tx, 20, 400-tx)
	if mid := tl.Axis().T(400); math.Abs(tl.to-mid) > timeaxis.Day {
		t.Errorf("end at %v, want about %v", tl.to, mid)
	}
	if tl.from != lo {
		t.Errorf("start moved to %v", tl.from)
	}
	// Drag the middle of the window: both ends move by the same time.
	length := tl.to - tl.from
	fx := float32(tl.Axis().X(tl.from))
	drag(tl, fx+40, 20, 100)
	if d := tl.to - tl.from; math.Abs(d-length) > 1 {
		t.Errorf("window length changed from %v to %v", length, d)
	}
	if moved := tl.from - lo; math.Abs(moved-100*tl.Axis().Span()/tl.Axis().Width) > timeaxis.Day {
		t.Errorf("window moved by %v s, want 100 px worth", moved)
	}
	// Drag outside the window pans the axis, not the window.
	before, from := tl.Axis(), tl.from
	drag(tl, 780, 20, -200)
	if tl.from != from || tl.Axis().Min <= before.Min {
		t.Errorf("drag outside the window: window %v→%v, axis %v→%v", from, tl.from, before.Min, tl.Axis().Min)
	}
}

// drag sends a drag from x,y by dx, in two steps, then ends it.
func drag(tl *Timeline, x, y, dx float32) {
	for _, step := range []float32{dx / 2, dx / 2} {
		x += step
		tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(x, y)}, Dragged: fyne.Delta{DX: step}})
	}
	tl.DragEnd()
}

func TestTimelineScrollZoomsAroundPointer(t *testing.T) {
	m, _ := marksFrom(t, pointEvents("1900", "2000"))
	tl, _ := showTimeline(t, m)
	before := tl.Axis()
	at := before.T(200)
	tl.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(200, 20)}, Scrolled: fyne.Delta{DY: 25}})
	after := tl.Axis()
	if after.Span() >= before.Span() || math.Abs(after.T(200)-at) > 1 {
		t.Errorf("scroll up: span %v→%v, time under pointer %v→%v", before.Span(), after.Span(), at, after.T(200))
	}
	tl.TypedRune('-')
	if tl.Axis().Span() <= after.Span() {
		t.Error("- did not zoom the axis out")
	}
}

func TestTimelinePlayback(t *testing.T) {
	m, _ := marksFrom(t, pointEvents("2000-01-01", "2010-01-01"))
	tl, _ := showTimeline(t, m)
	lo, hi := tl.Range()
	tl.SetWholeRangeIn(10)
	tl.Play()
	if !tl.Playing() {
		t.Fatal("not playing")
	}
	tl.Pause() // step by hand from here; the animation would move on its own
	from, to := tl.Window()
	if math.Abs(from-lo) > (hi-lo)/100 || math.Abs(to-from-(hi-lo)/20) > 1 {
		t.Fatalf("play from a full window: window %v–%v, want the first twentieth of %v–%v", from, to, lo, hi)
	}
	tl.Advance(time.Second)
	f2, t2 := tl.Window()
	if step := (hi - lo) / 10; math.Abs(f2-from-step) > 1 || math.Abs(t2-to-step) > 1 {
		t.Errorf("one second moved the window by %v, want %v", f2-from, step)
	}
	tl.Play()
	tl.Advance(20 * time.Second)
	if f3, t3 := tl.Window(); t3 != hi || tl.Playing() {
		t.Errorf("past the end: window %v–%v playing %v; want it stopped at the end", f3, t3, tl.Playing())
	}
	tl.SetLoop(true)
	tl.Advance(time.Second)
	if f4, _ := tl.Window(); f4 != lo {
		t.Errorf("looping: window starts at %v, want the data start %v", f4, lo)
	}
	tl.SetSpeed(timeaxis.Year)
	f5, _ := tl.Window()
	tl.Advance(time.Second)
	if f6, _ := tl.Window(); math.Abs(f6-f5-timeaxis.Year) > 1 {
		t.Errorf("1 year per second moved %v s", f6-f5)
	}
}

func TestTimelineKeys(t *testing.T) {
	m, _ := marksFrom(t, pointEvents("2000", "2010"))
	tl, _ := showTimeline(t, m)
	lo, hi := tl.Range()
	tl.SetWindow(lo, lo+timeaxis.Year)
	tl.ShortcutRune(']')
	if from, _ := tl.Window(); math.Abs(from-(lo+timeaxis.Year)) > 1 {
		t.Errorf("] moved the window to %v", from)
	}
	tl.ShortcutRune('[')
	if from, _ := tl.Window(); math.Abs(from-lo) > 1 {
		t.Errorf("[ moved the window to %v", from)
	}
	tl.ShortcutKey(fyne.KeyEnd)
	if _, to := tl.Window(); to != hi {
		t.Errorf("End: window ends %v, want %v", to, hi)
	}
	tl.ShortcutKey(fyne.KeyHome)
	if from, _ := tl.Window(); from != lo {
		t.Errorf("Home: window starts %v, want %v", from, lo)
	}
	tl.ShortcutKey(fyne.KeySpace)
	if !tl.Playing() {
		t.Error("space did not start playback")
	}
	tl.ShortcutKey(fyne.KeySpace)
	if tl.Playing() {
		t.Error("space did not pause")
	}
}

func TestTimelineTickTapSelectsEverywhere(t *testing.T) {
	u, w := newTestUI(t)
	_ = w.Canvas().Capture()
	tartous := indexOf(u, "tartous-bombings")
	lo, hi := u.data.Marks.Bounds(tartous)
	// Zoom the axis onto the first days of September, where ticks show.
	u.Timeline.SetAxis(lo-4*timeaxis.Day, hi+4*timeaxis.Day)
	x := u.Timeline.Axis().X((lo + hi) / 2)
	// Two events share 5 Sep: taps take turns between them.
	test.TapAt(u.Timeline, fyne.NewPos(float32(x), laneTop+2))
	first := u.Selected()
	test.TapAt(u.Timeline, fyne.NewPos(float32(x), laneTop+2))
	second := u.Selected()
	talks := indexOf(u, "talks-continue")
	if !(first == tartous && second == talks) && !(first == talks && second == tartous) {
		t.Fatalf("taps on the 5 Sep ticks selected %d then %d, want %d and %d", first, second, talks, tartous)
	}
	if u.Selected() != tartous {
		test.TapAt(u.Timeline, fyne.NewPos(float32(x), laneTop+2))
	}
	if u.Map.frame.Selected != tartous || !strings.Contains(detailText(u), "Twin suicide bombings") {
		t.Error("map and detail do not follow a timeline tap")
	}
}

func TestSelectBringsTickIntoView(t *testing.T) {
	u, _ := newTestUI(t)
	u.Timeline.SetAxis(0, timeaxis.Year) // 1970: nowhere near the data
	tartous := indexOf(u, "tartous-bombings")
	u.List.Select(u.rowOf[tartous])
	lo, _ := u.data.Marks.Bounds(tartous)
	if a := u.Timeline.Axis(); lo < a.Min || lo > a.Max {
		t.Errorf("selected event at %v outside the axis %v–%v", lo, a.Min, a.Max)
	}
	if u.Timeline.selected != tartous {
		t.Errorf("timeline highlights %d", u.Timeline.selected)
	}
}

func TestJumpToDate(t *testing.T) {
	u, _ := newTestUI(t)
	u.Controls.jump("2016-09-03") // from the full window: the day itself
	if from, to := u.Timeline.Window(); from != must(daySpan("2016-09-03")) || to-from != timeaxis.Day {
		t.Errorf("jump from the full window: %v–%v", from, to)
	}
	u.Controls.jump("September 5, 2016")
	from, to := u.Timeline.Window()
	lo, hi := daySpan("2016-09-05")
	if from != lo || to != hi {
		t.Errorf("jump to 5 Sep: window %v–%v, want %v–%v", from, to, lo, hi)
	}
	u.Controls.jump("44 BCE")
	y44lo, y44hi := daySpan("-0043")
	if from, to := u.Timeline.Window(); from != y44lo || to != y44hi {
		t.Errorf("jump to 44 BCE: window %v–%v, want the year %v–%v", from, to, y44lo, y44hi)
	}
	before, _ := u.Timeline.Window()
	u.Controls.jump("next Tuesday")
	if after, _ := u.Timeline.Window(); after != before {
		t.Error("an unreadable date moved the window")
	}
	if !strings.Contains(u.Status.Text, "next Tuesday") {
		t.Errorf("status %q does not name the unreadable date", u.Status.Text)
	}
}

func TestUTCDisplayToggle(t *testing.T) {
	test.NewTempApp(t)
	res, err := geojson.Decode(strings.NewReader(pointEvents("2016-09-05T01:30+03:00")), "zoned.geojson")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := showUI(t, "zoned.geojson", res)
	u.Select(0)
	if !strings.Contains(detailText(u), "5 Sep 2016 01:30 +03:00") {
		t.Errorf("own zone not shown:\n%s", detailText(u))
	}
	u.Controls.UTC.SetChecked(true)
	if !strings.Contains(detailText(u), "4 Sep 2016 22:30 UTC") {
		t.Errorf("UTC not shown:\n%s", detailText(u))
	}
}

func TestMapKeysReachTimeline(t *testing.T) {
	u, w := newTestUI(t)
	bindKeys(w, u)
	lo, _ := u.Timeline.Range()
	u.Timeline.SetWindow(lo, lo+timeaxis.Day)
	u.Map.TypedRune(']') // the map has focus: ] still steps the window
	if from, _ := u.Timeline.Window(); from != lo+timeaxis.Day {
		t.Errorf("] with the map focused: window starts %v, want %v", from, lo+timeaxis.Day)
	}
	u.Map.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if !u.Timeline.Playing() {
		t.Error("space with the map focused did not play")
	}
	u.Timeline.Pause()
}

func must(lo, _ float64) float64 { return lo }
