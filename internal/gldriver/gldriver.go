// Package gldriver loads the system's OpenGL driver ahead of the window
// that needs it, on another core.
//
// On Linux, GLFW initialises GLX inside the first window's creation, and
// Mesa then loads its DRI driver with LLVM: about 60 ms of one core here,
// 160 ms when the machine is busy, all of it on the UI goroutine and all
// of it before the first frame. Loaded earlier by another thread, while
// the UI goroutine builds the widgets, the library is already in the
// process when Mesa asks for it, and the dynamic linker hands it over at
// once.
//
// Loading holds the dynamic linker's lock for as long as it relocates the
// library, so Preload belongs after the windowing library has loaded its
// own (GLFW's initialisation, in Fyne's NewWindow): started before it,
// the UI goroutine waited on the lock and the gain fell from 31 ms to 4.
//
// Mesa installs its DRI drivers as one library under each driver's name
// (Debian 12's Mesa 22.3: 13 names, one file), and the dynamic linker
// knows a file it has loaded by its device and inode whatever the name,
// so loading the software rasteriser's name loads what Mesa's driver for
// a GPU would load. Systems with another vendor's driver pay for a library
// they do not use, on a core that is otherwise idle at start-up.
package gldriver

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// ErrNoDriver reports that no driver library was found or could be loaded.
var ErrNoDriver = errors.New("gldriver: no OpenGL driver loaded")

// driverFile is the name under which Mesa installs its software
// rasteriser, present wherever Mesa is.
const driverFile = "swrast_dri.so"

// Preload starts loading the OpenGL driver in the background and returns
// at once. Failure is silent: the window then loads the driver itself, as
// it would have anyway.
func Preload() {
	if !wanted(os.Getenv) {
		return
	}
	go func() { _, _ = Load(candidates(os.Getenv)) }()
}

// Load loads the first of paths that exists as a shared library and
// returns its path. The library is never unloaded.
func Load(paths []string) (string, error) {
	var errs []error
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			continue
		}
		if err := open(p); err != nil {
			errs = append(errs, err)
			continue
		}
		return p, nil
	}
	return "", errors.Join(append([]error{ErrNoDriver}, errs...)...)
}

// wanted reports whether the environment leaves the choice of driver to
// Mesa: libglvnd's __GLX_VENDOR_LIBRARY_NAME naming another vendor means
// Mesa's driver would not be used.
func wanted(getenv func(string) string) bool {
	v := getenv("__GLX_VENDOR_LIBRARY_NAME")
	return v == "" || v == "mesa"
}

// candidates lists where Mesa's driver may be: the directories of
// LIBGL_DRIVERS_PATH, which Mesa searches instead of its own, then the
// usual install places of Debian and Ubuntu (by multiarch triplet), Fedora
// and openSUSE, and Arch.
func candidates(getenv func(string) string) []string {
	var dirs []string
	for _, d := range strings.Split(getenv("LIBGL_DRIVERS_PATH"), ":") {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	if t, ok := triplets[runtime.GOARCH]; ok {
		dirs = append(dirs, "/usr/lib/"+t+"/dri")
	}
	if strings.HasSuffix(runtime.GOARCH, "64") {
		dirs = append(dirs, "/usr/lib64/dri")
	}
	dirs = append(dirs, "/usr/lib/dri")
	paths := make([]string, len(dirs))
	for i, d := range dirs {
		paths[i] = filepath.Join(d, driverFile)
	}
	return paths
}

// triplets maps Go's architectures to Debian's multiarch directories.
var triplets = map[string]string{
	"amd64":   "x86_64-linux-gnu",
	"arm64":   "aarch64-linux-gnu",
	"386":     "i386-linux-gnu",
	"arm":     "arm-linux-gnueabihf",
	"riscv64": "riscv64-linux-gnu",
	"ppc64le": "powerpc64le-linux-gnu",
	"s390x":   "s390x-linux-gnu",
}
