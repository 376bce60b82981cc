package app

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"github.com/meridian-app/meridian/geo/chrono"
	"github.com/meridian-app/meridian/geo/extract"
	"github.com/meridian-app/meridian/geo/gazetteer"
)

// articleView is File → New from Article: paste a story (or open a .txt),
// give its publication date, and review the draft events Meridian reads
// from it — keep or drop each, edit its title, date and place — before
// they become a data set.
type articleView struct {
	Content fyne.CanvasObject

	text, title, published *widget.Entry
	find, add              *widget.Button
	status                 *widget.Label
	rows                   *fyne.Container
	input, review          fyne.CanvasObject
	swap                   *fyne.Container

	result *extract.Result
	drafts []*draftRow
	source string // the .txt file's name, if one was opened

	parent    fyne.Window // for the file dialog; nil in tests
	gazetteer func() (*gazetteer.Gazetteer, error)
	// onAdd receives the kept, edited drafts.
	onAdd func(r *extract.Result, kept []extract.Draft, source string)
}

// draftRow is one draft under review and the widgets that edit it.
type draftRow struct {
	draft       extract.Draft
	keep        *widget.Check
	title, date *widget.Entry
	place       *widget.SelectEntry
	chosen      *gazetteer.Place
	matches     []gazetteer.Match
}

func newArticleView(parent fyne.Window, gaz func() (*gazetteer.Gazetteer, error), onAdd func(*extract.Result, []extract.Draft, string)) *articleView {
	v := &articleView{parent: parent, gazetteer: gaz, onAdd: onAdd}
	v.text = widget.NewMultiLineEntry()
	v.text.SetPlaceHolder("Paste a news story here, or open a .txt file.")
	v.text.Wrapping = fyne.TextWrapWord
	v.title = widget.NewEntry()
	v.title.SetPlaceHolder("Headline (default: the first line)")
	v.published = widget.NewEntry()
	v.published.SetPlaceHolder("Published, e.g. 2016-09-05")
	v.status = widget.NewLabel("")
	v.status.Wrapping = fyne.TextWrapWord
	v.find = widget.NewButton("Find events", v.run)
	v.find.Importance = widget.HighImportance
	v.add = widget.NewButton("Add kept events", v.keep)
	v.add.Importance = widget.HighImportance
	back := widget.NewButton("Back to the text", func() { v.show(v.input) })
	form := container.NewBorder(container.NewVBox(v.title, v.published), nil, nil, nil, v.text)
	open := widget.NewButton("Open a .txt file…", func() { v.openFile(v.parent) })
	v.input = container.NewBorder(nil, container.NewVBox(v.status, container.NewHBox(open, v.find)), nil, nil, form)
	v.rows = container.NewVBox()
	v.review = container.NewBorder(nil, container.NewVBox(v.status, container.NewHBox(back, v.add)), nil, nil, container.NewVScroll(v.rows))
	v.swap = container.NewStack(v.input)
	v.Content = v.swap
	return v
}

func (v *articleView) show(o fyne.CanvasObject) {
	v.swap.Objects = []fyne.CanvasObject{o}
	v.swap.Refresh()
}

// openFile reads a .txt file into the text box.
func (v *articleView) openFile(w fyne.Window) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		defer rc.Close()
		b, err := io.ReadAll(io.LimitReader(rc, 4<<20))
		if err != nil {
			dialog.ShowError(err, w)
			return
		}
		v.source = rc.URI().Name()
		v.text.SetText(string(b))
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".text", ".md"}))
	d.Show()
}

// run reads the article off the UI goroutine and shows the drafts.
func (v *articleView) run() {
	var pub time.Time
	if s := strings.TrimSpace(v.published.Text); s != "" {
		t, err := chrono.Parse(s)
		if err != nil || t.Prec < chrono.Day {
			v.status.SetText("The publication date should be a day, like 2016-09-05.")
			return
		}
		pub = time.Date(int(t.Year), time.Month(t.Month), int(t.Day), 0, 0, 0, 0, time.UTC)
	}
	text, title := v.text.Text, v.title.Text
	if strings.TrimSpace(text) == "" {
		v.status.SetText("Paste or open an article first.")
		return
	}
	v.status.SetText("Reading the article…")
	v.find.Disable()
	go func() {
		g, err := v.gazetteer()
		var r *extract.Result
		if err == nil {
			r = extract.Extract(text, g, extract.Options{Published: pub, Title: title})
		}
		onUI(func() {
			v.find.Enable()
			if err != nil {
				v.status.SetText("The gazetteer could not be read: " + err.Error())
				return
			}
			v.setResult(r, g, pub.IsZero())
		})
	}()
}

// setResult lists the drafts for review, all kept to begin with.
func (v *articleView) setResult(r *extract.Result, g *gazetteer.Gazetteer, undatedPub bool) {
	v.result = r
	v.drafts = nil
	v.rows.RemoveAll()
	for _, d := range r.Drafts {
		row := newDraftRow(d, g)
		v.drafts = append(v.drafts, row)
		v.rows.Add(row.view())
	}
	msg := fmt.Sprintf("%d draft events from “%s”.", len(r.Drafts), r.Title)
	if n := len(r.Rejected); n > 0 {
		msg += fmt.Sprintf(" %d place-like names were set aside (people, groups, agencies, clubs).", n)
	}
	if undatedPub {
		msg += " Without a publication date, days like “on Monday” are not dated."
	}
	if len(r.Drafts) == 0 {
		msg = "No places with events were found in this text."
	}
	v.status.SetText(msg)
	v.show(v.review)
}

func newDraftRow(d extract.Draft, g *gazetteer.Gazetteer) *draftRow {
	row := &draftRow{draft: d, chosen: d.Place}
	row.keep = widget.NewCheck("Keep", nil)
	row.keep.SetChecked(true)
	row.title = widget.NewEntry()
	row.title.SetText(d.Title)
	row.date = widget.NewEntry()
	row.date.SetText(d.When.String())
	row.place = widget.NewSelectEntry(nil)
	row.place.SetText(d.Place.Label())
	row.place.OnChanged = func(s string) { row.search(g, s) }
	return row
}

// search offers the gazetteer's places for what is typed in the place box,
// and takes one when the text is its label.
func (r *draftRow) search(g *gazetteer.Gazetteer, s string) {
	for _, m := range r.matches {
		if m.Place.Label() == s {
			r.chosen = m.Place
			return
		}
	}
	if s == r.chosen.Label() {
		return
	}
	r.matches = g.Search(s, gazetteer.Options{Limit: 8})
	opts := make([]string, len(r.matches))
	for i, m := range r.matches {
		opts[i] = m.Place.Label()
	}
	r.place.SetOptions(opts)
}

func (r *draftRow) view() fyne.CanvasObject {
	d := r.draft
	evidence := newMarkdown(highlight(strings.Join(d.Evidence, " … "), d.PlaceText, d.DateText))
	evidence.Wrapping = fyne.TextWrapWord
	why := widget.NewLabel(fmt.Sprintf("Confidence %.0f%% · %s", d.Confidence*100, strings.Join(d.Reasons, "; ")))
	why.Wrapping = fyne.TextWrapWord
	why.Importance = widget.LowImportance
	fields := container.NewGridWithColumns(2, r.date, r.place)
	return widget.NewCard("", "", container.NewBorder(nil, nil, r.keep, nil,
		container.NewVBox(r.title, fields, evidence, why)))
}

// highlight quotes a sentence in Markdown with the place and date bold.
// (A Markdown block quote would put each bold word on a line of its own in
// Fyne's rich text, so the quote is marked with quotation marks.)
func highlight(sentence string, marks ...string) string {
	s := escape(sentence)
	for _, m := range marks {
		if m = escape(m); m != "" {
			s = strings.Replace(s, m, "**"+m+"**", 1)
		}
	}
	return "“" + s + "”"
}

// errNoPlace is a kept draft whose place box names no gazetteer place.
var errNoPlace = errors.New("choose a place from the list")

// edited returns the kept drafts as the reviewer left them.
func (v *articleView) edited() ([]extract.Draft, error) {
	var out []extract.Draft
	for i, r := range v.drafts {
		if !r.keep.Checked {
			continue
		}
		d := r.draft
		d.Title = strings.TrimSpace(r.title.Text)
		when, err := chrono.ParseSpan(r.date.Text)
		switch {
		case errors.Is(err, chrono.ErrEmpty):
			when = chrono.Span{}
		case err != nil:
			return nil, fmt.Errorf("draft %d: date %q: %w", i+1, r.date.Text, err)
		}
		d.When = when
		if r.place.Text != r.chosen.Label() {
			return nil, fmt.Errorf("draft %d: %q: %w", i+1, r.place.Text, errNoPlace)
		}
		if r.chosen != d.Place {
			d.Place, d.PlaceText = r.chosen, r.chosen.Name
		}
		out = append(out, d)
	}
	return out, nil
}

// keep hands the kept drafts over.
func (v *articleView) keep() {
	kept, err := v.edited()
	if err != nil {
		v.status.SetText(err.Error())
		return
	}
	if len(kept) == 0 {
		v.status.SetText("Keep at least one draft.")
		return
	}
	v.onAdd(v.result, kept, v.source)
}
