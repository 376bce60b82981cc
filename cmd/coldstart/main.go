// Command coldstart measures the cold start a user sees: the time from
// starting a program to its first frame on the screen, over several runs.
// The program must print a line containing "first frame with data" on
// stderr once that frame has been painted, as meridian does when
// MERIDIAN_TRACE is set; the time is taken here, when the line arrives, so
// it includes loading and initialising the executable.
//
//	xvfb-run -a -s "-screen 0 1600x1000x24" go run ./cmd/coldstart [-n 10] [-floor] BINARY
//
// With -floor it also measures a minimal Fyne window of the same size (a
// label over a raster), started as this program with -window, in turn with
// BINARY: the part of a cold start that Fyne, GLFW and the GL driver take
// before an application has drawn anything of its own.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"image"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// marker is the start of the line a measured program prints once its
// first frame is on the screen.
const marker = "first frame with data"

// errNoFrame reports a run that ended or hung without painting.
var errNoFrame = errors.New("coldstart: no first frame")

func main() {
	n := flag.Int("n", 10, "runs of each program")
	floor := flag.Bool("floor", false, "also measure a minimal Fyne window")
	window := flag.Bool("window", false, "be the minimal Fyne window (used by -floor)")
	flag.Parse()
	if *window {
		minimalWindow()
		return
	}
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: coldstart [-n N] [-floor] BINARY")
		os.Exit(2)
	}
	progs := [][]string{{flag.Arg(0)}}
	if *floor {
		self, err := os.Executable()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		progs = append(progs, []string{self, "-window"})
	}
	times := make([][]time.Duration, len(progs))
	// The programs take turns, so that a busy spell of a shared machine
	// falls on both.
	for range *n {
		for i, p := range progs {
			d, err := measure(exec.Command(p[0], p[1:]...))
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			times[i] = append(times[i], d)
		}
	}
	for i, p := range progs {
		fmt.Println(summary(strings.Join(p, " "), times[i]))
	}
}

// measure starts c and returns the time until it reports its first frame,
// then stops it.
func measure(c *exec.Cmd) (time.Duration, error) {
	c.Env = append(os.Environ(), "MERIDIAN_TRACE=1", "FYNE_SCALE=1", "LANG=C.UTF-8")
	// Started where an installed program is, away from the source tree:
	// there Fyne finds FyneApp.toml and loads the icon it names, which a
	// program built with go build and installed never does.
	c.Dir = os.TempDir()
	stderr, err := c.StderrPipe()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := c.Start(); err != nil {
		return 0, err
	}
	defer func() {
		_ = c.Process.Kill()
		_ = c.Wait()
		time.Sleep(200 * time.Millisecond) // let the display settle
	}()
	seen := make(chan time.Duration, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), marker) {
				seen <- time.Since(start)
				break
			}
		}
		_, _ = io.Copy(io.Discard, stderr)
	}()
	select {
	case d := <-seen:
		return d, nil
	case <-time.After(30 * time.Second):
		return 0, fmt.Errorf("%w from %s within 30 s", errNoFrame, c.Path)
	}
}

// summary formats the median and spread of ds, with every run in order.
func summary(name string, ds []time.Duration) string {
	ms := make([]int64, len(ds))
	for i, d := range ds {
		ms[i] = d.Milliseconds()
	}
	slices.Sort(ms)
	return fmt.Sprintf("%s: median %d ms, %d–%d ms over %d runs %v", name, ms[len(ms)/2], ms[0], ms[len(ms)-1], len(ms), ms)
}

// minimalWindow opens a window the size of Meridian's with a label over a
// raster, and prints the marker once the first frame with the raster has
// been painted: the raster is drawn inside a paint, and work queued from
// it runs after that paint has been swapped onto the screen.
func minimalWindow() {
	start := time.Now()
	a := app.NewWithID("io.github.meridian_app.coldstart")
	w := a.NewWindow("Floor")
	first := true
	r := canvas.NewRaster(func(w, h int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		if first {
			first = false
			go fyne.Do(func() {
				fmt.Fprintf(os.Stderr, "%s after %d ms\n", marker, time.Since(start).Milliseconds())
			})
		}
		return img
	})
	w.SetContent(container.NewBorder(widget.NewLabel("Floor"), nil, nil, nil, r))
	w.Resize(fyne.NewSize(1400, 860))
	w.ShowAndRun()
}
