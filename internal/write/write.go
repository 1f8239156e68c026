// Package write is the last stage and the only package that writes the
// site to disk. It writes every file into a fresh staging folder beside the
// destination and swaps it in only when all of them are written, so a
// reader or a host never sees a half-built site and a failed, cancelled or
// killed build leaves the previous output as it was.
//
// Every staging folder, and so every output, holds a marker file (Marker).
// The marker is what makes a folder one the build may replace or remove:
// a destination without it is refused unless it is empty, and a staging
// folder a killed build left behind is recognised by it and removed by the
// next build of the same destination. While a build runs it holds a lock
// on its staging folder's marker, so two builds never remove each other's
// work.
package write

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/parallel"
)

// Marker is the file every build writes at the top of its output. Its
// presence says "briefing wrote this folder and may replace it".
const Marker = ".briefing-build"

// markerText is the marker's content: fixed, so output stays deterministic.
const markerText = "This folder was written by briefing build, which replaces it on every build.\n"

// Site writes files to dest atomically: into a sibling staging folder that
// replaces dest when every file is written. On any error, dest is left as
// it was and the staging folder is removed.
func Site(dest string, files []content.Output) error {
	s, err := Begin(dest)
	if err != nil {
		return err
	}
	if err := eachParallel(len(files), func(i int) error { return s.Put(files[i].Path, files[i].Data) }); err != nil {
		s.Abort()
		return err
	}
	return s.Commit()
}

// Stage is a site being written: files go into a fresh folder beside the
// destination, which Commit swaps into place and Abort removes. Put may be
// called from many goroutines at once, so pages can be written as they are
// rendered instead of being held in memory. Commit and Abort are called
// once, from one goroutine.
type Stage struct {
	dest, dir string
	lock      *os.File      // the staging marker, locked while the build runs
	swept     chan struct{} // closed when stale folders are removed
	mu        sync.Mutex
	made      map[string]bool // folders that exist, by slash path
	scratch   []*Scratch      // closed (and removed) before the swap

	// fault, when set (by tests), is called at each step of Commit and
	// may kill the process there, to prove that no step loses output.
	fault func(step string)
	// noExchange, set by tests, makes Commit take the two-rename path it
	// takes where the system has no atomic exchange.
	noExchange bool
}

// Begin checks that dest may be replaced, makes the staging folder beside
// it and, in the background, removes the staging and old folders that
// killed builds of the same destination left behind. A dest that is a
// symbolic link is followed: the folder it points to is replaced and the
// link stays.
func Begin(dest string) (*Stage, error) {
	dest, err := Resolve(dest)
	if err != nil {
		return nil, err
	}
	if err := replaceable(dest); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, stagingPrefix(dest))
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	s := &Stage{dest: dest, dir: dir, made: map[string]bool{".": true}, swept: make(chan struct{})}
	if err := s.mark(); err != nil {
		s.release()
		os.RemoveAll(dir)
		return nil, fmt.Errorf("staging folder: %w", err)
	}
	go func() {
		defer close(s.swept)
		sweep(parent, stagingPrefix(dest), dir)
	}()
	return s, nil
}

// Resolve returns dest cleaned and, where it or one of its parents is a
// symbolic link, with the links followed, so that the build compares and
// replaces real folders. A dest that does not exist yet resolves through
// its nearest existing parent.
func Resolve(dest string) (string, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return "", err
	}
	rest := ""
	for p := abs; ; p = filepath.Dir(p) {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) || filepath.Dir(p) == p {
			return "", fmt.Errorf("destination %s: %w", dest, err)
		}
		rest = filepath.Join(filepath.Base(p), rest)
	}
}

// stagingPrefix is the start of the name of every staging folder of dest.
func stagingPrefix(dest string) string { return "." + filepath.Base(dest) + ".new-" }

// mark writes the marker into the staging folder and locks it.
func (s *Stage) mark() error {
	f, err := os.OpenFile(filepath.Join(s.dir, Marker), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	s.lock = f
	if err := os.Chmod(s.dir, 0o755); err != nil {
		return err
	}
	if _, err := f.WriteString(markerText); err != nil {
		return err
	}
	return hold(f)
}

// release unlocks and closes the marker.
func (s *Stage) release() {
	if s.lock != nil {
		s.lock.Close() // closing drops the lock
		s.lock = nil
	}
}

// Put writes one file. Its path must be clean and relative: the staging
// folder is new and ours alone, so nothing can lead a write outside it.
// Writing the same path twice, or the marker's path, is an error.
func (s *Stage) Put(p string, data []byte) error {
	if !fs.ValidPath(p) || p == "." {
		return fmt.Errorf("write %q: not a clean relative path", p)
	}
	if err := s.mkdirAll(path.Dir(p)); err != nil {
		return err
	}
	return writeFile(s.dir, p, data)
}

// Create makes one file to be written in pieces, for a file too large to
// hold in memory whole; the rules are Put's. The caller closes it.
func (s *Stage) Create(p string) (io.WriteCloser, error) {
	if !fs.ValidPath(p) || p == "." {
		return nil, fmt.Errorf("write %q: not a clean relative path", p)
	}
	if err := s.mkdirAll(path.Dir(p)); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(s.dir, filepath.FromSlash(p)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", p, err)
	}
	return f, nil
}

// mkdirAll makes dir and its parents in the staging folder, once each.
func (s *Stage) mkdirAll(dir string) error {
	s.mu.Lock()
	done := s.made[dir]
	s.mu.Unlock()
	if done {
		return nil
	}
	if parent := path.Dir(dir); parent != dir {
		if err := s.mkdirAll(parent); err != nil {
			return err
		}
	}
	err := os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(dir)), 0o755)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	s.mu.Lock()
	s.made[dir] = true
	s.mu.Unlock()
	return nil
}

// Commit swaps the staging folder into the destination's place, then
// removes the old output. The destination is never missing: on Linux the
// two folders are exchanged in one step (renameat2 RENAME_EXCHANGE);
// elsewhere, or on a file system without it, the old output is renamed
// aside first and put back should the second rename fail.
func (s *Stage) Commit() error {
	defer s.finish()
	for _, sc := range s.scratch {
		if err := sc.Close(); err != nil {
			os.RemoveAll(s.dir)
			return err
		}
	}
	s.step("before-swap")
	old, err := swap(s.dir, s.dest, !s.noExchange, s.step)
	if err != nil {
		os.RemoveAll(s.dir)
		return err
	}
	s.release()
	s.step("swapped")
	if old != "" {
		if err := removeAll(old, s.step); err != nil {
			return fmt.Errorf("remove old output %s: %w", old, err)
		}
	}
	return nil
}

// Abort removes the staging folder; the destination stays as it was.
func (s *Stage) Abort() {
	defer s.finish()
	for _, sc := range s.scratch {
		sc.Close()
	}
	s.release()
	removeAll(s.dir, nil)
}

// finish waits for the sweep of stale folders Begin started, so no
// goroutine outlives the build.
func (s *Stage) finish() {
	s.release()
	<-s.swept
}

func (s *Stage) step(name string) {
	if s.fault != nil {
		s.fault(name)
	}
}

// sweep removes the folders in parent whose names start with prefix and
// that hold an unlocked marker: staging folders of builds that were killed,
// and old outputs a killed build had not yet removed. keep is the caller's
// own staging folder. Folders without a marker are never touched.
func sweep(parent, prefix, keep string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		dir := filepath.Join(parent, e.Name())
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) || dir == keep {
			continue
		}
		if stale(dir) {
			removeAll(dir, nil)
		}
	}
}

// stale reports whether dir holds a marker that no running build locks.
func stale(dir string) bool {
	f, err := os.OpenFile(filepath.Join(dir, Marker), os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	return unlocked(f)
}

// writers is how many files are written at once.
const writers = 8

// eachParallel calls fn for every index in [0, n) on a few goroutines and
// returns the error of the lowest index that failed, so the error reported
// does not depend on scheduling.
func eachParallel(n int, fn func(i int) error) error {
	errs := make([]error, n)
	parallel.Each(context.Background(), n, writers, func(i int) { errs[i] = fn(i) })
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes one file under stage, whose folder exists.
func writeFile(stage, p string, data []byte) error {
	full := filepath.Join(stage, filepath.FromSlash(p))
	w, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return fmt.Errorf("write %s: %w", p, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// replaceable checks that dest is missing, empty, or a folder a build
// wrote (it holds the marker).
func replaceable(dest string) error {
	info, err := os.Lstat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("destination %s: %w", dest, err)
	}
	if !info.IsDir() {
		return fmt.Errorf("destination %s exists and is not a folder; remove it or choose another --destination", dest)
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return fmt.Errorf("destination %s: %w", dest, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if m, err := os.Lstat(filepath.Join(dest, Marker)); err == nil && m.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("destination %s holds files that briefing build did not write (no %s file); refusing to replace it: empty it or choose another --destination", dest, Marker)
}

// swap moves stage into dest's place and returns the folder that now holds
// the old output ("" when there was none), for the caller to remove.
func swap(stage, dest string, atomic bool, step func(string)) (old string, err error) {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(stage, dest); err != nil {
			return "", fmt.Errorf("move the new output into place: %w", err)
		}
		return "", nil
	}
	if atomic {
		switch err := exchange(stage, dest); {
		case err == nil:
			return stage, nil // the old output is where the staging folder was
		case !errors.Is(err, errNoExchange):
			return "", fmt.Errorf("swap in new output: %w", err)
		}
	}
	// No atomic exchange here: rename the old output aside (it keeps its
	// marker, so a later build sweeps it should this one be killed), then
	// move the new one in, and put the old one back if that fails.
	old = stage + ".old"
	if err := os.Rename(dest, old); err != nil {
		return "", fmt.Errorf("move old output aside: %w", err)
	}
	step("aside")
	if err := os.Rename(stage, dest); err != nil {
		if rerr := os.Rename(old, dest); rerr != nil {
			return "", fmt.Errorf("swap in new output: %w (and restoring the old output failed: %v; it is in %s)", err, rerr, old)
		}
		return "", fmt.Errorf("swap in new output: %w", err)
	}
	return old, nil
}

// removeAll removes dir, its top-level entries in parallel. The marker
// goes last, so a removal cut short leaves a folder the next build
// recognises and sweeps.
func removeAll(dir string, step func(string)) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	err = eachParallel(len(entries), func(i int) error {
		if entries[i].Name() == Marker {
			return nil
		}
		if step != nil && i == len(entries)/2 {
			step("removing")
		}
		return os.RemoveAll(filepath.Join(dir, entries[i].Name()))
	})
	if err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// IsStaging reports whether name is one of the staging folders Begin makes
// beside a destination, so watchers and walkers can skip it.
func IsStaging(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".new-")
}

// errNoExchange says the system cannot exchange two folders atomically.
var errNoExchange = errors.New("atomic exchange not supported")
