package app

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/timeaxis"
)

// Controls is the row under the timeline: play/pause, loop, speed, trail,
// jump to a date, UTC display, and what the window shows.
type Controls struct {
	Bar   fyne.CanvasObject
	Play  *widget.Button
	Loop  *widget.Check
	Speed *widget.Select
	Trail *widget.Select
	Jump  *widget.Entry
	UTC   *widget.Check
	Shown *widget.Label

	u           *UI
	trailFactor float64
}

// speeds are the playback choices: data time per real second ("1 year/s"),
// or the whole data range in a number of seconds ("All in 30 s").
var speeds = []struct {
	label   string
	perSec  float64
	wholeIn float64
}{
	{"All in 10 s", 0, 10},
	{"All in 30 s", 0, 30},
	{"All in 60 s", 0, 60},
	{"1 hour/s", timeaxis.Hour, 0},
	{"1 day/s", timeaxis.Day, 0},
	{"1 week/s", 7 * timeaxis.Day, 0},
	{"1 month/s", timeaxis.Year / 12, 0},
	{"1 year/s", timeaxis.Year, 0},
	{"10 years/s", 10 * timeaxis.Year, 0},
	{"100 years/s", 100 * timeaxis.Year, 0},
	{"1,000 years/s", 1e3 * timeaxis.Year, 0},
	{"1 million years/s", 1e6 * timeaxis.Year, 0},
}

// trails are how long ended events stay on the map, in window lengths.
var trails = []struct {
	label  string
	factor float64
}{
	{"No trail", 0},
	{"Trail ½ window", 0.5},
	{"Trail 1 window", 1},
	{"Trail 3 windows", 3},
	{"Keep all past", math.Inf(1)},
}

func newControls(u *UI) *Controls {
	c := &Controls{u: u, trailFactor: math.Inf(1)}
	tl := u.Timeline
	c.Play = widget.NewButtonWithIcon("", theme.MediaPlayIcon(), func() { tl.player.toggle() })
	tl.OnPlaying(func(playing bool) {
		if playing {
			c.Play.SetIcon(theme.MediaPauseIcon())
		} else {
			c.Play.SetIcon(theme.MediaPlayIcon())
		}
	})
	c.Loop = widget.NewCheck("Loop", tl.SetLoop)
	c.Speed = widget.NewSelect(labels(len(speeds), func(i int) string { return speeds[i].label }), func(s string) {
		for _, sp := range speeds {
			if sp.label == s && sp.wholeIn > 0 {
				tl.SetWholeRangeIn(sp.wholeIn)
			} else if sp.label == s {
				tl.SetSpeed(sp.perSec)
			}
		}
	})
	c.Speed.SetSelected(speeds[1].label)
	c.Trail = widget.NewSelect(labels(len(trails), func(i int) string { return trails[i].label }), func(s string) {
		for _, tr := range trails {
			if tr.label == s {
				c.trailFactor = tr.factor
			}
		}
		from, to := tl.Window()
		if u.data != nil {
			u.setWindow(from, to)
		}
	})
	c.Trail.SetSelected(trails[len(trails)-1].label)
	c.Jump = widget.NewEntry()
	c.Jump.SetPlaceHolder("Jump to date…  (Ctrl+G)")
	c.Jump.OnSubmitted = c.jump
	c.UTC = widget.NewCheck("UTC", u.SetUTC)
	c.Shown = widget.NewLabel("")
	c.Shown.Truncation = fyne.TextTruncateEllipsis
	h := c.Jump.MinSize().Height
	sized := func(w float32, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, h), o)
	}
	left := container.NewHBox(c.Play, c.Loop, sized(170, c.Speed), sized(160, c.Trail), sized(230, c.Jump), c.UTC)
	c.Bar = container.NewBorder(nil, nil, left, nil, c.Shown)
	return c
}

func labels(n int, f func(int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

// trail returns the trail, in seconds, for a window of the given length.
func (c *Controls) trail(length float64) float64 {
	if math.IsInf(c.trailFactor, 1) {
		return c.trailFactor
	}
	return c.trailFactor * length
}

// jump moves the window to the date typed: any form chrono.ParseSpan reads,
// from "2016-09-05" to "44 BCE" or "1950s".
func (c *Controls) jump(text string) {
	sp, err := chrono.ParseSpan(text)
	if err != nil {
		c.u.Status.SetText(fmt.Sprintf("Cannot jump: %v", err))
		return
	}
	lo, hi := sp.Bounds()
	c.u.Timeline.JumpTo(lo, hi)
	c.u.Status.SetText(c.u.status())
}

// FocusJump puts the cursor in the jump-to-date box.
func (c *Controls) FocusJump() {
	if cv := fyne.CurrentApp().Driver().CanvasForObject(c.Jump); cv != nil {
		cv.Focus(c.Jump)
	}
}

// setWindowText says what the window shows: its dates at a precision
// suited to its length, and how many events it holds.
func (c *Controls) setWindowText() {
	u := c.u
	if u.data == nil {
		return
	}
	tl := u.Timeline
	from, to := tl.Window()
	n := u.data.Marks.Index().Count(from, to)
	if tl.Full() {
		c.Shown.SetText(fmt.Sprintf("All %d events", u.data.Marks.Len()))
		return
	}
	c.Shown.SetText(fmt.Sprintf("%s – %s · %d events", windowEnd(from, to-from), windowEnd(to, to-from), n))
}

// windowEnd formats one end of a window at a precision suited to the
// window's length: years for centuries, minutes for hours. The axis runs
// in UTC, so times of day say so.
func windowEnd(t, length float64) string {
	p := chrono.Second
	switch {
	case length > 40*timeaxis.Year:
		p = chrono.Year
	case length > 2*timeaxis.Year:
		p = chrono.Month
	case length > 2*timeaxis.Day:
		p = chrono.Day
	case length > 2*timeaxis.Hour:
		p = chrono.Minute
	}
	tm := chrono.FromInstant(chrono.Instant{Sec: int64(math.Floor(t))}, p)
	tm.Zoned = p >= chrono.Hour
	return tm.String()
}
