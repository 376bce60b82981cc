package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// player slides a timeline's window forward in real time. It is driven by
// a fyne.Animation, so every step runs on the UI goroutine in step with
// frames, with no ticker goroutine of its own.
type player struct {
	t       *Timeline
	anim    *fyne.Animation
	playing bool
	loop    bool
	speed   float64 // data seconds per real second, when wholeIn is 0
	wholeIn float64 // real seconds to play the whole data range; 0: use speed
	last    time.Time
	// onChange is told when playing starts or stops.
	onChange func(playing bool)
}

// maxFrameStep bounds one step, so a stalled frame does not make the
// window leap.
const maxFrameStep = 250 * time.Millisecond

func newPlayer(t *Timeline) player {
	return player{t: t, wholeIn: 30, speed: 86400}
}

func (p *player) toggle() {
	if p.playing {
		p.pause()
	} else {
		p.play()
	}
}

// play starts playback. A window over all the data is first narrowed to a
// twentieth of it at the start, and a window at the end starts again from
// the beginning, so that pressing play always shows something move.
func (p *player) play() {
	t := p.t
	if !t.hasData || p.playing {
		return
	}
	span := t.hi - t.lo
	switch {
	case t.Full():
		t.SetWindow(t.lo, t.lo+span/20)
	case t.to >= t.hi:
		t.SetWindow(t.lo, t.lo+(t.to-t.from))
	}
	t.keepWindowInView()
	p.playing, p.last = true, time.Now()
	if p.anim == nil {
		p.anim = fyne.NewAnimation(time.Second, func(float32) { p.frame() })
		p.anim.RepeatCount = fyne.AnimationRepeatForever
		p.anim.Curve = fyne.AnimationLinear
	}
	p.anim.Start()
	p.changed()
}

func (p *player) pause() {
	if !p.playing {
		return
	}
	p.playing = false
	if p.anim != nil {
		p.anim.Stop()
	}
	p.changed()
}

func (p *player) changed() {
	if p.onChange != nil {
		p.onChange(p.playing)
	}
}

// frame is the animation's tick: it advances by the real time since the
// last one.
func (p *player) frame() {
	if !p.playing {
		return
	}
	now := time.Now()
	dt := min(now.Sub(p.last), maxFrameStep)
	p.last = now
	p.advance(dt)
}

// rate returns data seconds per real second.
func (p *player) rate() float64 {
	if p.wholeIn > 0 {
		return (p.t.hi - p.t.lo) / p.wholeIn
	}
	return p.speed
}

// advance moves the window by dt of playing time. At the end of the data
// it starts again from the beginning when looping, and stops otherwise.
func (p *player) advance(dt time.Duration) {
	t := p.t
	d := p.rate() * dt.Seconds()
	from, to := t.from+d, t.to+d
	if to >= t.hi {
		if p.loop {
			from, to = t.lo, t.lo+(t.to-t.from)
		} else {
			from, to = t.hi-(t.to-t.from), t.hi
			defer p.pause()
		}
	}
	t.SetWindow(from, to)
	t.keepWindowInView()
}

// Play starts playback; Pause stops it.
func (t *Timeline) Play()  { t.player.play() }
func (t *Timeline) Pause() { t.player.pause() }

// Playing reports whether playback is running.
func (t *Timeline) Playing() bool { return t.player.playing }

// SetLoop makes playback start again from the beginning at the end.
func (t *Timeline) SetLoop(on bool) { t.player.loop = on }

// SetSpeed plays perSecond seconds of data time per second.
func (t *Timeline) SetSpeed(perSecond float64) { t.player.speed, t.player.wholeIn = perSecond, 0 }

// SetWholeRangeIn plays the whole data range in the given real seconds.
func (t *Timeline) SetWholeRangeIn(seconds float64) { t.player.wholeIn = seconds }

// Advance plays dt of time at once, as the animation does frame by frame.
func (t *Timeline) Advance(dt time.Duration) { t.player.advance(dt) }

// OnPlaying sets a function told whenever playback starts or stops.
func (t *Timeline) OnPlaying(f func(playing bool)) { t.player.onChange = f }
