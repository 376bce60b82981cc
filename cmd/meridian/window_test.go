package main

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/meridian-app/meridian/geo/render"
	"github.com/paulmach/orb"
)

// TestWindow starts the real binary in a display (make test runs it under
// Xvfb), screenshots the screen and checks what a user would see: a map
// with the sample's markers where Tartous and Hangzhou are.
//
// MERIDIAN_BINARY names a prebuilt binary to start instead (an installed
// package's), and MERIDIAN_OFFLINE starts it without a network.
//
// It runs only when MERIDIAN_WINDOW_TEST is set, because it needs a display
// and ImageMagick's import; make test sets both up and sets the variable,
// so there it fails rather than skips when anything is missing.
func TestWindow(t *testing.T) {
	if os.Getenv("MERIDIAN_WINDOW_TEST") == "" {
		t.Skip("set MERIDIAN_WINDOW_TEST=1 and run under Xvfb (make test does)")
	}
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run under xvfb-run")
	}
	dir := t.TempDir()
	bin := os.Getenv("MERIDIAN_BINARY") // an installed package's binary
	if bin == "" {
		bin = filepath.Join(dir, "meridian")
		if out, err := exec.Command("go", "build", "-tags", buildTags(), "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, out)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	if os.Getenv("MERIDIAN_OFFLINE") != "" {
		// A network namespace of its own has only a loopback device that
		// is down: any attempt to reach the network fails.
		cmd = exec.CommandContext(ctx, "unshare", "--net", "--", bin)
	}
	cmd.Env = append(os.Environ(), "MERIDIAN_TRACE=1", "FYNE_SCALE=1", "LANG=C.UTF-8")
	stderr, _ := cmd.StderrPipe()
	started := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	waitFor(t, stderr, started, "first frame with data", "place labels")
	time.Sleep(1500 * time.Millisecond) // let the frame reach the screen
	shot := filepath.Join(dir, "shot.png")
	if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out := os.Getenv("MERIDIAN_SCREENSHOT"); out != "" {
		data, _ := os.ReadFile(shot)
		_ = os.WriteFile(out, data, 0o644)
	}
	img := readPNG(t, shot)
	checkScreenshot(t, img)
	checkIcon(t)
}

// checkIcon checks that the window (titled "<file> — Meridian") has its
// icon, which it is given once the first frame is on the screen: the
// window manager reads it from the window's _NET_WM_ICON property.
func checkIcon(t *testing.T) {
	t.Helper()
	ids, err := exec.Command("xdotool", "search", "--name", "Meridian$").Output()
	fields := strings.Fields(string(ids))
	if err != nil || len(fields) == 0 {
		t.Fatalf("no Meridian window found: %v %q", err, ids)
	}
	out, err := exec.Command("xprop", "-id", fields[0], "-len", "8", "_NET_WM_ICON").CombinedOutput()
	if err != nil {
		t.Fatalf("xprop: %v\n%s", err, out)
	}
	// Its first two values, the icon's width and height, are 8 bytes.
	if !strings.Contains(string(out), "Icon (256 x 256)") {
		t.Errorf("the window has no 256×256 icon: %s", out)
	}
}

// buildTags are the tags the window tests build the program with: those of
// the packages, which make passes in MERIDIAN_TAGS (no colour emoji font,
// whose parsing costs start-up a tenth of a second; x/image/vector's
// coverage in Go, see the Makefile).
func buildTags() string {
	if tags := os.Getenv("MERIDIAN_TAGS"); tags != "" {
		return tags
	}
	return "no_emoji,noasm"
}

// waitFor reads the program's stderr until it has seen a line containing
// each of want, in any order, and logs each with the time since the
// program was started: the cold start a user sees, which the program's own
// count (from its main package's start) leaves the loading and
// initialisation of the executable out of.
func waitFor(t *testing.T, r interface{ Read([]byte) (int, error) }, started time.Time, want ...string) {
	t.Helper()
	found := make(chan string, len(want))
	go func() {
		sc := bufio.NewScanner(r)
		left := append([]string(nil), want...)
		for len(left) > 0 && sc.Scan() {
			for i, w := range left {
				if strings.Contains(sc.Text(), w) {
					found <- fmt.Sprintf("%s (%d ms after the process started)", sc.Text(), time.Since(started).Milliseconds())
					left = append(left[:i], left[i+1:]...)
					break
				}
			}
		}
		for sc.Scan() { // keep draining so the program never blocks
		}
	}()
	for range want {
		select {
		case line := <-found:
			t.Log(line)
		case <-time.After(90 * time.Second):
			t.Fatalf("not all of %q from the program within 90 s", want)
		}
	}
}

func readPNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func rgb(img image.Image, x, y int) [3]int {
	r, g, b, _ := img.At(x, y).RGBA()
	return [3]int{int(r >> 8), int(g >> 8), int(b >> 8)}
}

func close(c [3]int, want [3]int, tol int) bool {
	for i := range c {
		if d := c[i] - want[i]; d < -tol || d > tol {
			return false
		}
	}
	return true
}

// checkScreenshot finds the map (the area painted in the basemap's land and
// ocean colours), works out where the sample's fitted view puts Tartous and
// Hangzhou, and looks for their markers' colours there.
func checkScreenshot(t *testing.T, img image.Image) {
	st := render.DefaultStyle
	land := [3]int{int(st.Land.R), int(st.Land.G), int(st.Land.B)}
	ocean := [3]int{int(st.Ocean.R), int(st.Ocean.G), int(st.Ocean.B)}
	b := img.Bounds()
	box := image.Rectangle{Min: b.Max, Max: b.Min}
	distinct := map[[3]int]bool{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := rgb(img, x, y)
			if len(distinct) < 1000 {
				distinct[c] = true
			}
			if c == land || c == ocean {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if len(distinct) < 50 {
		t.Fatalf("screen is nearly blank: %d colours", len(distinct))
	}
	if box.Dx() < 400 || box.Dy() < 300 {
		t.Fatalf("no map on screen: basemap colours cover only %v", box)
	}
	t.Logf("map at %v", box)
	checkTimeline(t, img, box)
	checkLabels(t, img, box)
	bound := orb.Bound{Min: orb.Point{35.88659, 30.29365}, Max: orb.Point{120.16142, 36.20124}}
	v := render.Fit(bound, box.Dx(), box.Dy(), 40, 10)
	for _, m := range []struct {
		name  string
		at    orb.Point
		color [3]int
	}{
		{"Tartous", orb.Point{35.88659, 34.88902}, [3]int{0, 114, 178}},
		{"Hangzhou", orb.Point{120.16142, 30.29365}, [3]int{0, 158, 115}},
	} {
		p := v.Project(m.at)
		x, y := box.Min.X+int(p[0]), box.Min.Y+int(p[1])
		if !findNear(img, x, y, 4, m.color) {
			t.Errorf("%s: no marker colour %v near (%d, %d); saw %v", m.name, m.color, x, y, rgb(img, x, y))
		}
	}
}

func findNear(img image.Image, x, y, r int, want [3]int) bool {
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if close(rgb(img, x+dx, y+dy), want, 10) {
				return true
			}
		}
	}
	return false
}

// checkTimeline looks under the map for the timeline strip: rows in its
// background colour (plain, or tinted by the time window) across most of
// the map's width, and the window's blue handles.
func checkTimeline(t *testing.T, img image.Image, mapBox image.Rectangle) {
	plain, tinted := [3]int{246, 246, 243}, [3]int{213, 228, 234}
	handle := [3]int{0, 114, 178}
	strip, handles := 0, 0
	for y := mapBox.Max.Y; y < min(mapBox.Max.Y+90, img.Bounds().Max.Y); y++ {
		n := 0
		for x := mapBox.Min.X; x < mapBox.Max.X; x++ {
			c := rgb(img, x, y)
			switch {
			case close(c, plain, 3) || close(c, tinted, 6):
				n++
			case close(c, handle, 6):
				handles++
			}
		}
		if n > mapBox.Dx()/2 {
			strip++
		}
	}
	t.Logf("timeline: %d rows in its colours, %d handle pixels", strip, handles)
	if strip < 20 {
		t.Errorf("no timeline under the map: %d rows in its colours", strip)
	}
	if handles < 20 {
		t.Errorf("no time-window handles on the timeline: %d pixels", handles)
	}
}

// checkLabels looks for place labels on the map: their dark ink (nothing
// else on the map is that dark) in a few hundred pixels at least.
func checkLabels(t *testing.T, img image.Image, box image.Rectangle) {
	ink := 0
	for y := box.Min.Y; y < box.Max.Y; y++ {
		for x := box.Min.X; x < box.Max.X; x++ {
			if c := rgb(img, x, y); c[0] < 90 && c[1] < 90 && c[2] < 95 {
				ink++
			}
		}
	}
	t.Logf("%d pixels of label ink on the map", ink)
	if ink < 1000 {
		t.Errorf("no place labels on the map: %d dark pixels", ink)
	}
}

// eof marks the end of the program's output.
const eof = "\x00end"

// TestPresentWindow starts "meridian present", steps twice with the arrow
// key as a clicker would, and checks the fullscreen slide: the map over the
// whole screen and the card on the left.
func TestPresentWindow(t *testing.T) {
	if os.Getenv("MERIDIAN_WINDOW_TEST") == "" {
		t.Skip("set MERIDIAN_WINDOW_TEST=1 and run under Xvfb (make test does)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "meridian")
	if out, err := exec.Command("go", "build", "-tags", buildTags(), "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "present")
	cmd.Env = append(os.Environ(), "MERIDIAN_TRACE=1", "FYNE_SCALE=1", "LANG=C.UTF-8")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		lines <- eof // (this file's close compares colours)
	}()
	expect := func(want string) {
		t.Helper()
		deadline := time.After(90 * time.Second)
		for {
			select {
			case l := <-lines:
				if l == eof {
					t.Fatalf("the program ended before %q", want)
				}
				if strings.Contains(l, want) {
					t.Log(l)
					return
				}
			case <-deadline:
				t.Fatalf("no %q within 90 s", want)
			}
		}
	}
	expect("slide 1/9")
	time.Sleep(1500 * time.Millisecond)
	for _, want := range []string{"slide 2/9", "slide 3/9"} {
		if out, err := exec.Command("xdotool", "search", "--name", "Meridian", "windowfocus", "--sync", "key", "Right").CombinedOutput(); err != nil {
			t.Fatalf("xdotool: %v\n%s", err, out)
		}
		expect(want)
	}
	time.Sleep(2500 * time.Millisecond) // the flight takes about a second
	shot := filepath.Join(dir, "present.png")
	if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out := os.Getenv("MERIDIAN_PRESENT_SCREENSHOT"); out != "" {
		data, _ := os.ReadFile(shot)
		_ = os.WriteFile(out, data, 0o644)
	}
	img := readPNG(t, shot)
	b := img.Bounds()
	// Fullscreen: the map's land or sea reaches both sides of the screen.
	st := render.DefaultStyle
	land := [3]int{int(st.Land.R), int(st.Land.G), int(st.Land.B)}
	ocean := [3]int{int(st.Ocean.R), int(st.Ocean.G), int(st.Ocean.B)}
	seen := image.Rectangle{Min: b.Max, Max: b.Min}
	white := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			c := rgb(img, x, y)
			if c == land || c == ocean {
				seen = seen.Union(image.Rect(x, y, x+1, y+1))
			}
			if x < b.Dx()/3 && c == [3]int{255, 255, 255} {
				white++
			}
		}
	}
	if seen.Min.X > b.Dx()/3 || seen.Max.X < b.Dx()-20 || seen.Min.Y > 40 || seen.Max.Y < b.Dy()-40 {
		t.Errorf("the map does not fill the screen: basemap colours within %v of %v", seen, b)
	}
	// The card: a white panel in the left third (sampled every other pixel).
	if white < b.Dx()*b.Dy()/100 {
		t.Errorf("no card on the left: %d white samples", white)
	}
}
