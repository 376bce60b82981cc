//go:build linux && cgo

package gldriver

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

// load opens the library as Mesa's loader does (RTLD_NOW | RTLD_GLOBAL),
// so that Mesa's own dlopen finds nothing left to do. On failure it copies
// the dynamic linker's message into msg, on this thread, before another
// dlopen on the same thread could replace it.
static int load(const char *path, char *msg, size_t n) {
	if (dlopen(path, RTLD_NOW | RTLD_GLOBAL) != NULL) {
		return 1;
	}
	const char *err = dlerror();
	snprintf(msg, n, "%s", err != NULL ? err : "dlopen failed");
	return 0;
}
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// open loads the shared library at path into the process for good.
func open(path string) error {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var msg [512]C.char
	if C.load(cpath, &msg[0], C.size_t(len(msg))) == 0 {
		return fmt.Errorf("%w: %s", ErrNoDriver, C.GoString(&msg[0]))
	}
	return nil
}
