//go:build !unix

package dataset

import (
	"io/fs"
	"os"
)

// links is 1 where the system does not say how many names a file has
// (on Windows it takes opening the file; a save there replaces the one
// name, as on Unix).
func links(fs.FileInfo) int { return 1 }

// keepOwner does nothing where files have no Unix owner.
func keepOwner(*os.File, fs.FileInfo) error { return nil }
