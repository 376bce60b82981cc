// Package timeaxis maps time to a horizontal axis that zooms from billions
// of years down to seconds, and chooses calendar-aligned ticks with labels
// that suit the zoom: millennia, centuries, decades, years, months, days,
// hours, minutes or seconds, with years before AD 1 labelled BCE.
//
// Times are float64 seconds since 1970-01-01T00:00:00Z (UTC), as returned
// by chrono.Span.Bounds; calendar arithmetic is done with chrono so that
// any year in chrono's range is placed exactly.
package timeaxis

import (
	"math"

	"github.com/meridian-app/meridian/geo/chrono"
)

// Seconds in calendar units, for estimates and fixed steps.
const (
	Minute = 60.0
	Hour   = 3600.0
	Day    = 86400.0
	Year   = 365.2425 * Day // mean Gregorian year
)

// Limits of zoom: the narrowest axis shows ten seconds; the widest shows
// twice chrono's year range.
var (
	MinSpan = 10.0
	MaxSpan = 2 * chrono.MaxYear * Year
)

// Axis is the stretch of time [Min, Max) shown across a width in pixels.
type Axis struct {
	Min, Max float64
	Width    float64
}

// Span returns Max − Min.
func (a Axis) Span() float64 { return a.Max - a.Min }

// X returns the pixel position of time t.
func (a Axis) X(t float64) float64 { return (t - a.Min) / a.Span() * a.Width }

// T returns the time at pixel position x.
func (a Axis) T(x float64) float64 { return a.Min + x/a.Width*a.Span() }

// Zoom scales the axis by factor (<1 zooms in) keeping the time under
// pixel x where it is, within MinSpan and MaxSpan. Far from 1970 the
// narrowest span also keeps to what float64 seconds can resolve there.
func (a Axis) Zoom(factor, x float64) Axis {
	t := a.T(x)
	floor := math.Max(MinSpan, 4096*ulp(math.Max(math.Abs(a.Min), math.Abs(a.Max))))
	span := math.Max(floor, math.Min(MaxSpan, a.Span()*factor))
	f := 0.5
	if a.Width > 0 {
		f = x / a.Width
	}
	a.Min = t - f*span
	a.Max = a.Min + span
	return a.clamp()
}

// Pan moves the axis by dx pixels; a positive dx moves it later in time.
func (a Axis) Pan(dx float64) Axis {
	d := dx / a.Width * a.Span()
	a.Min, a.Max = a.Min+d, a.Max+d
	return a.clamp()
}

// CenterOn moves the axis so that t is in the middle, keeping the zoom.
func (a Axis) CenterOn(t float64) Axis {
	s := a.Span()
	a.Min, a.Max = t-s/2, t+s/2
	return a.clamp()
}

// Fit returns an axis showing [lo, hi) with a margin of a twentieth on
// each side (an instant gets a day either side).
func Fit(lo, hi, width float64) Axis {
	if !(hi > lo) {
		lo, hi = lo-Day, lo+Day
	}
	m := (hi - lo) / 20
	return Axis{Min: lo - m, Max: hi + m, Width: width}.clamp()
}

// clamp keeps the axis inside chrono's year range.
func (a Axis) clamp() Axis {
	limit := chrono.MaxYear * Year
	if s := a.Span(); s > MaxSpan || !(s > 0) {
		a.Min, a.Max = -limit, limit
	}
	if a.Min < -limit {
		a.Max += -limit - a.Min
		a.Min = -limit
	}
	if a.Max > limit {
		a.Min -= a.Max - limit
		a.Max = limit
	}
	return a
}

func ulp(x float64) float64 { return math.Nextafter(x, math.Inf(1)) - x }
