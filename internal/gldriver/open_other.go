//go:build !(linux && cgo)

package gldriver

import (
	"errors"
	"fmt"
)

// open loads nothing: only Linux loads its GL driver late enough, and
// only with cgo, for loading it early to help.
func open(path string) error {
	return fmt.Errorf("%w: %s: %w", ErrNoDriver, path, errors.ErrUnsupported)
}
