package markup

import "testing"

func TestText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"plain &amp; simple", "plain & simple"},
		{"no tags at all", "no tags at all"},
		{"<ul><li>one</li><li>two</li></ul>", "• one\n• two"},
		{`<img src="x.png" alt="a photo"> caption`, "[a photo] caption"},
		{`<a href="https://e.org">https://e.org</a>`, "https://e.org"},
		{"<style>p{}</style><script>x()</script>text", "text"},
		{"line<br>break<br/>again", "line\nbreak\nagain"},
		{"<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
		{"<b>unclosed", "unclosed"},
	} {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
