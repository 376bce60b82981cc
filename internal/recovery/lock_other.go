//go:build !unix

package recovery

import (
	"errors"
	"io/fs"
	"os"
)

// lockFile is an entry's lock where there is no flock: the lock file,
// kept open, which Windows then refuses to delete. The system closes it
// when the process ends, however it ends.
type lockFile struct{ f *os.File }

func lock(path string) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	return &lockFile{f}, nil
}

// tryLock takes over a lock file no live process holds open: deleting it
// succeeds only then.
func tryLock(path string) (*lockFile, error) {
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, ErrLocked
	}
	return lock(path)
}

func (l *lockFile) release(remove bool) {
	_ = l.f.Close()
	if remove {
		_ = os.Remove(l.f.Name())
	}
}
