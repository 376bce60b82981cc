//go:build unix

package recovery

import (
	"os"
	"syscall"
)

// lockFile is an entry's lock: the file, held with flock, which the
// system lets go of when the process ends, however it ends.
type lockFile struct{ f *os.File }

// lock creates the lock file and locks it.
func lock(path string) (*lockFile, error) { return tryLock(path) }

// tryLock locks the lock file at path, creating it if need be; it fails
// with ErrLocked if a live process holds it.
func tryLock(path string) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, ErrLocked
	}
	return &lockFile{f}, nil
}

// release unlocks, removing the lock file first when remove is set (the
// entry is gone).
func (l *lockFile) release(remove bool) {
	if remove {
		_ = os.Remove(l.f.Name())
	}
	_ = l.f.Close()
}
