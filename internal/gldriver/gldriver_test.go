package gldriver

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// Mesa searches LIBGL_DRIVERS_PATH's directories instead of its own, so
// they come first, in their order.
func TestCandidatesFollowLIBGLDriversPath(t *testing.T) {
	got := candidates(env(map[string]string{"LIBGL_DRIVERS_PATH": "/opt/a/dri::/opt/b"}))
	if len(got) < 3 || got[0] != "/opt/a/dri/swrast_dri.so" || got[1] != "/opt/b/swrast_dri.so" {
		t.Fatalf("candidates = %v, want /opt/a/dri then /opt/b first", got)
	}
	if !slices.Contains(got, "/usr/lib/dri/swrast_dri.so") {
		t.Errorf("candidates = %v, want the usual places after them", got)
	}
	if runtime.GOARCH == "amd64" && !slices.Contains(got, "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so") {
		t.Errorf("candidates = %v, want Debian's multiarch directory", got)
	}
}

func TestWantedOnlyForMesa(t *testing.T) {
	for v, want := range map[string]bool{"": true, "mesa": true, "nvidia": false} {
		if got := wanted(env(map[string]string{"__GLX_VENDOR_LIBRARY_NAME": v})); got != want {
			t.Errorf("vendor %q: wanted = %v, want %v", v, got, want)
		}
	}
}

// A missing file is skipped, a file that is no library is reported, and
// nothing loaded is ErrNoDriver.
func TestLoadReportsWhatFailed(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "swrast_dri.so")
	if err := os.WriteFile(junk, []byte("not an ELF file"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load([]string{filepath.Join(dir, "missing", "swrast_dri.so"), junk})
	if !errors.Is(err, ErrNoDriver) {
		t.Fatalf("Load = %v, want ErrNoDriver", err)
	}
	if !strings.Contains(err.Error(), junk) {
		t.Errorf("Load = %v, want the complaint about %s", err, junk)
	}
	if strings.Contains(err.Error(), "missing") {
		t.Errorf("Load = %v, want the missing file skipped", err)
	}
}

// Where Mesa is installed (as on every machine that runs the window
// tests), its driver loads.
func TestLoadMesa(t *testing.T) {
	var present []string
	for _, p := range candidates(os.Getenv) {
		if _, err := os.Stat(p); err == nil {
			present = append(present, p)
		}
	}
	if len(present) == 0 {
		t.Skip("no Mesa driver installed")
	}
	got, err := Load(candidates(os.Getenv))
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skip("built without cgo")
	}
	if err != nil || got != present[0] {
		t.Fatalf("Load = %q, %v, want %q", got, err, present[0])
	}
}
