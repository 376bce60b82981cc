// Package meridian knows what the program is: its name and version, read
// from FyneApp.toml, the one file the packaging tools read too, so the
// binary, the About dialog and every package agree.
package meridian

import (
	_ "embed"
	"strings"
)

//go:embed FyneApp.toml
var fyneApp string

// Version returns the version in FyneApp.toml's [Details] section, such as
// "0.1.0", or "unknown" if it has none.
func Version() string { return detail("Version") }

// ID returns the application id, such as "io.github.meridian_app.meridian".
func ID() string { return detail("ID") }

// detail reads a key of FyneApp.toml's [Details] table. The file is ours
// and flat, so a line scan is enough; a TOML library would add weight for
// nothing.
func detail(key string) string {
	section := ""
	for _, line := range strings.Split(fyneApp, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			section = strings.Trim(line, "[]")
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if ok && section == "Details" && strings.TrimSpace(k) == key {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return "unknown"
}
