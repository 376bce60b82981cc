package app

import (
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/animate"
	"github.com/meridian-app/meridian/geo/basemap"
	"github.com/meridian-app/meridian/geo/render"
	"github.com/meridian-app/meridian/geo/story"
)

// pictureSizes are the PNG sizes offered; 0×0 is the map's own size.
var pictureSizes = []struct {
	label string
	w, h  int
}{
	{"The map's size on screen", 0, 0},
	{"1920 × 1080 (a projector, HD)", 1920, 1080},
	{"3840 × 2160 (print, 4K)", 3840, 2160},
	{"1080 × 1080 (square)", 1080, 1080},
}

// exportRenderer is a renderer like the map's, for drawing off the UI
// goroutine without touching the map's own.
func (u *UI) exportRenderer() *render.Renderer {
	r := render.NewRenderer(basemap.Default(), u.data.Marks)
	r.Places, r.LocalNames = u.Map.renderer.Places, u.Map.renderer.LocalNames
	return r
}

// scaled is view v redrawn at w×h showing the same area across: the zoom
// grows with the width.
func scaled(v render.Viewport, w, h int) render.Viewport {
	if w == 0 || h == 0 {
		return v
	}
	z := v.Zoom + math.Log2(float64(w)/float64(max(v.Width, 1)))
	return render.Viewport{Center: v.Center, Zoom: z, Width: w, Height: h}
}

// Picture returns a function that draws what the map shows now, at w×h
// (0×0: the map's size), with legend and attribution. Call Picture on the
// UI goroutine; the function it returns may run anywhere.
func (u *UI) Picture(w, h int) func() (*image.RGBA, error) {
	f := render.Frame{View: scaled(u.Map.View(), w, h), Window: u.window, Selected: u.selected}
	r := u.exportRenderer()
	return func() (*image.RGBA, error) {
		img, err := r.Image(f)
		if err != nil {
			return nil, err
		}
		r.DrawLegend(img)
		return img, nil
	}
}

// exportPicture asks for a size and a file, then writes the PNG in the
// background.
func (f *files) exportPicture() {
	if f.u.data == nil || f.w == nil {
		return
	}
	labels := make([]string, len(pictureSizes))
	for i, s := range pictureSizes {
		labels[i] = s.label
	}
	choice := widget.NewRadioGroup(labels, nil)
	choice.SetSelected(labels[1])
	dialog.ShowCustomConfirm("Export a picture of the map", "Choose a file…", "Cancel", choice, func(ok bool) {
		if !ok {
			return
		}
		size := pictureSizes[max(0, slices.Index(labels, choice.Selected))]
		picture := f.u.Picture(size.w, size.h)
		f.saveFile(".png", "map", func(path string) error {
			img, err := picture()
			if err != nil {
				return err
			}
			return writePNGFile(path, img)
		})
	}, f.w)
}

// exportSlides writes every slide of the presentation into a folder.
func (f *files) exportSlides() {
	if f.u.data == nil || f.w == nil {
		return
	}
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			return
		}
		path := dir.Path()
		s := story.New(f.u.data.Result.Collection, f.u.data.Marks)
		p := &story.Painter{S: s, R: f.u.exportRenderer(), Theme: story.Light}
		f.background("Writing the slides…", func() (string, error) {
			for i := range s.Len() {
				img, err := p.Image(i, 1920, 1080)
				if err != nil {
					return "", err
				}
				if err := writePNGFile(filepath.Join(path, fmt.Sprintf("slide-%02d.png", i+1)), img); err != nil {
					return "", err
				}
			}
			return fmt.Sprintf("Wrote %d slides to %s", s.Len(), path), nil
		})
	}, f.w)
}

// exportGIF records playback over the data's whole time range, the map
// framed as on screen, skipping stretches with no event.
func (f *files) exportGIF() {
	if f.u.data == nil || f.w == nil {
		return
	}
	lo, hi, ok := f.u.data.Result.Collection.TimeRange()
	if !ok || hi <= lo {
		dialog.ShowInformation("Export playback", "The data has no time range to play.", f.w)
		return
	}
	r := f.u.exportRenderer()
	v := scaled(f.u.Map.View(), 960, int(math.Round(960*float64(f.u.Map.View().Height)/float64(max(1, f.u.Map.View().Width)))))
	f.saveFile(".gif", "playback", func(path string) error {
		out, err := os.Create(path)
		if err != nil {
			return err
		}
		_, err = animate.GIF(out, r, v, animate.Options{From: lo, To: hi, Seconds: 10, FPS: 10, SkipEmpty: true})
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// saveFile asks where to save, then runs write in the background.
func (f *files) saveFile(ext, stem string, write func(path string) error) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		wc.Close()
		f.background("Exporting "+filepath.Base(path)+"…", func() (string, error) {
			if err := write(path); err != nil {
				return "", err
			}
			return "Exported " + filepath.Base(path), nil
		})
	}, f.w)
	d.SetFileName(stem + ext)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// background runs work off the UI goroutine and reports how it ended.
func (f *files) background(start string, work func() (string, error)) {
	f.u.Status.SetText(start)
	go func() {
		msg, err := work()
		onUI(func() {
			if err != nil {
				f.u.Status.SetText("Export failed")
				if f.w != nil {
					dialog.ShowError(err, f.w)
				}
				return
			}
			f.u.Status.SetText(msg)
		})
	}()
}

func writePNGFile(path string, img image.Image) error {
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(out, img); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
