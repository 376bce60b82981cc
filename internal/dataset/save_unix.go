//go:build unix

package dataset

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// links is the number of names (hard links) a file has.
func links(st fs.FileInfo) int {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Nlink)
	}
	return 1
}

// keepOwner gives f the owner and group of the file it replaces. Only
// root may give a file away, and only to a group its user is in may a
// file be moved: where the system refuses, the file stays the saver's,
// as any editor leaves it.
func keepOwner(f *os.File, old fs.FileInfo) error {
	s, ok := old.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	err := f.Chown(int(s.Uid), int(s.Gid))
	if errors.Is(err, fs.ErrPermission) {
		_ = f.Chown(-1, int(s.Gid))
		return nil
	}
	return err
}
