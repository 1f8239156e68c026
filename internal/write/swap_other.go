//go:build !linux

package write

import (
	"errors"
	"os"
	"time"
)

// exchange is not available on this system: Commit falls back to two
// renames (the old output aside, the new one in), during which the
// destination is missing for an instant; a build killed in that instant
// leaves the old output in a marked folder beside it.
func exchange(a, b string) error { return errNoExchange }

// hold does nothing here: there is no lock to take.
func hold(f *os.File) error { return nil }

// unlocked takes a marker older than a day for a killed build's, so a
// running build's folder is never swept.
func unlocked(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && time.Since(info.ModTime()) > 24*time.Hour
}

// openUnnamed cannot make a file without a name here: Unnamed makes one
// and removes it.
func openUnnamed(dir string) (*os.File, error) { return nil, errors.ErrUnsupported }
