package meridian

import (
	"regexp"
	"testing"
)

func TestVersionFromFyneApp(t *testing.T) {
	if v := Version(); !regexp.MustCompile(`^\d+\.\d+\.\d+$`).MatchString(v) {
		t.Errorf("Version() = %q, want x.y.z from FyneApp.toml", v)
	}
	if id := ID(); id != "io.github.meridian_app.meridian" {
		t.Errorf("ID() = %q", id)
	}
	fyneApp = "[Details]\nName = \"X\"\n[Other]\nVersion = \"9\"\n"
	if v := Version(); v != "unknown" {
		t.Errorf("Version outside [Details] = %q", v)
	}
}
