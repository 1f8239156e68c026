package write

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
)

// Scratch is a file in which a build keeps data out of memory until it
// needs it again: the rendered bodies of a large site between parse and
// render. It lives in the staging folder with no name (it is unlinked as
// soon as it is made, where the system allows), so it is never published
// and a killed build leaves nothing of it behind. Put and Get may be
// called from many goroutines at once.
type Scratch struct {
	f    *os.File
	size atomic.Int64
	// name is set while the file still has a name (a system that cannot
	// remove an open file): Close removes it, and Commit closes every
	// scratch file of its stage first.
	name   string
	closed sync.Once
}

// Scratch makes a scratch file in the staging folder.
func (s *Stage) Scratch() (*Scratch, error) {
	f, err := os.CreateTemp(s.dir, ".scratch-")
	if err != nil {
		return nil, fmt.Errorf("create scratch file: %w", err)
	}
	sc := &Scratch{f: f}
	if os.Remove(f.Name()) != nil {
		sc.name = f.Name()
	}
	s.mu.Lock()
	s.scratch = append(s.scratch, sc)
	s.mu.Unlock()
	return sc, nil
}

// Unnamed makes a scratch file in dir that no one can see or open: on
// Linux it never has a name (O_TMPFILE); elsewhere it is removed as soon
// as it is made, and where an open file cannot be removed Unnamed fails
// rather than leave a file in dir for as long as it is open. It is for a
// command that must leave no file behind however it ends (check, which
// keeps bodies in dir, the site's own folder, rather than in memory).
// The caller closes it.
func Unnamed(dir string) (*Scratch, error) {
	if f, err := openUnnamed(dir); err == nil {
		return &Scratch{f: f}, nil
	}
	f, err := os.CreateTemp(dir, ".scratch-")
	if err != nil {
		return nil, fmt.Errorf("create scratch file: %w", err)
	}
	if err := os.Remove(f.Name()); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, fmt.Errorf("create scratch file: %w", err)
	}
	return &Scratch{f: f}, nil
}

// Put appends data and returns where it starts.
func (sc *Scratch) Put(data []byte) (int64, error) {
	off := sc.size.Add(int64(len(data))) - int64(len(data))
	if _, err := sc.f.WriteAt(data, off); err != nil {
		return 0, fmt.Errorf("write scratch file: %w", err)
	}
	return off, nil
}

// Get reads n bytes from off into buf, grown as needed, and returns them.
func (sc *Scratch) Get(buf []byte, off int64, n int) ([]byte, error) {
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := sc.f.ReadAt(buf, off); err != nil {
		return nil, fmt.Errorf("read scratch file: %w", err)
	}
	return buf, nil
}

// Close closes the file and removes it if it still has a name. Reads
// after Close fail.
func (sc *Scratch) Close() error {
	var err error
	sc.closed.Do(func() {
		err = sc.f.Close()
		if sc.name != "" {
			if rerr := os.Remove(sc.name); rerr != nil && !errors.Is(rerr, os.ErrNotExist) && err == nil {
				err = rerr
			}
		}
	})
	return err
}
