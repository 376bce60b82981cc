// Package markup reduces the HTML people put in descriptions (KML balloons,
// TimelineJS and StoryMapJS texts) to readable plain text.
package markup

import (
	"strings"

	"golang.org/x/net/html"
)

// Text reduces a description (often HTML, in CDATA or escaped) to
// plain text: block elements and <br> become line breaks, a link keeps its
// address in brackets so the reader can see it (Meridian never opens it),
// images become their alt text, and scripts and styles are dropped. Text
// without tags passes through with its entities decoded.
func Text(s string) string {
	s = strings.TrimSpace(s)
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside <script> or <style>
	var href []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			return tidy(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style":
				if tok.Type == html.StartTagToken {
					skip++
				}
			case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table":
				b.WriteString("\n")
				if tok.Data == "li" {
					b.WriteString("• ")
				}
			case "td", "th":
				b.WriteString(" ")
			case "img":
				if alt := attr(tok, "alt"); alt != "" {
					b.WriteString("[" + alt + "]")
				}
			case "a":
				if tok.Type == html.StartTagToken {
					href = append(href, attr(tok, "href"))
				}
			}
		case html.EndTagToken:
			tok := z.Token()
			switch tok.Data {
			case "script", "style":
				skip = max(0, skip-1)
			case "p", "div", "tr", "h1", "h2", "h3", "h4", "table":
				b.WriteString("\n")
			case "a":
				if n := len(href); n > 0 {
					if u := href[n-1]; u != "" && !strings.HasPrefix(u, "#") && !strings.Contains(lastLine(b.String()), u) {
						b.WriteString(" <" + u + ">")
					}
					href = href[:n-1]
				}
			}
		}
	}
}

func attr(t html.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return strings.TrimSpace(a.Val)
		}
	}
	return ""
}

func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// tidy collapses runs of spaces within lines and of blank lines, and
// replaces non-breaking spaces.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	var out []string
	blank := false
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, line)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
