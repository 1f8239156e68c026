// Package write is the last stage and the only package that writes the
// site to disk. It writes every file into a fresh staging folder beside the
// destination and swaps it in only when all of them are written, so a
// reader or a host never sees a half-built site and a failed build leaves
// the previous output as it was.
package write

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/briefing-dev/briefing/internal/parallel"
)

// File is one file to write, its path relative to the destination with
// forward slashes.
type File struct {
	Path string
	Data []byte
}

// Site writes files to dest atomically: into a sibling staging folder that
// replaces dest when every file is written. An existing dest is replaced
// only when it looks like a built site (it holds index.html or 404.html)
// or is empty, so a mistyped --destination cannot wipe unrelated files.
// On any error, dest is left as it was and the staging folder is removed.
func Site(dest string, files []File) error {
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
// rendered instead of being held in memory.
type Stage struct {
	dest, dir string
	mu        sync.Mutex
	made      map[string]bool // folders that exist, by slash path
}

// Begin checks that dest may be replaced and makes the staging folder.
func Begin(dest string) (*Stage, error) {
	dest = filepath.Clean(dest)
	if err := replaceable(dest); err != nil {
		return nil, err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("staging folder: %w", err)
	}
	return &Stage{dest: dest, dir: dir, made: map[string]bool{".": true}}, nil
}

// Put writes one file. Its path must be clean and relative: the staging
// folder is new and ours alone, so nothing can lead a write outside it.
// Writing the same path twice is an error.
func (s *Stage) Put(p string, data []byte) error {
	if !fs.ValidPath(p) || p == "." {
		return fmt.Errorf("write %q: not a clean relative path", p)
	}
	if err := s.mkdirAll(path.Dir(p)); err != nil {
		return err
	}
	return writeFile(s.dir, File{Path: p, Data: data})
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

// Commit swaps the staging folder into the destination's place.
func (s *Stage) Commit() error {
	if err := swap(s.dir, s.dest); err != nil {
		os.RemoveAll(s.dir)
		return err
	}
	return nil
}

// Abort removes the staging folder; the destination stays as it was.
func (s *Stage) Abort() { os.RemoveAll(s.dir) }

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
func writeFile(stage string, f File) error {
	full := filepath.Join(stage, filepath.FromSlash(f.Path))
	w, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", f.Path, err)
	}
	if _, err := w.Write(f.Data); err != nil {
		w.Close()
		return fmt.Errorf("write %s: %w", f.Path, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.Path, err)
	}
	return nil
}

// replaceable checks that dest is missing, empty, or a built site.
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
	for _, name := range []string{"index.html", "404.html"} {
		if _, err := os.Stat(filepath.Join(dest, name)); err == nil {
			return nil
		}
	}
	return fmt.Errorf("destination %s holds files but no built site (no index.html); refusing to replace it: empty it or choose another --destination", dest)
}

// swap moves stage into dest's place. The old dest, if any, is renamed
// aside first and removed after; should the second rename fail, the old
// output is put back.
func swap(stage, dest string) error {
	old := ""
	if _, err := os.Lstat(dest); err == nil {
		old = stage + ".old"
		if err := os.Rename(dest, old); err != nil {
			return fmt.Errorf("move old output aside: %w", err)
		}
	}
	if err := os.Rename(stage, dest); err != nil {
		if old != "" {
			if rerr := os.Rename(old, dest); rerr != nil {
				return fmt.Errorf("swap in new output: %w (and restoring the old output failed: %v; it is in %s)", err, rerr, old)
			}
		}
		return fmt.Errorf("swap in new output: %w", err)
	}
	if old != "" {
		if err := removeAll(old); err != nil {
			return fmt.Errorf("remove old output %s: %w", old, err)
		}
	}
	return nil
}

// removeAll removes dir, its top-level entries in parallel.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	if err := eachParallel(len(entries), func(i int) error {
		return os.RemoveAll(filepath.Join(dir, entries[i].Name()))
	}); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// IsStaging reports whether name is one of the staging folders Site makes
// beside a destination, so watchers and walkers can skip it.
func IsStaging(name string) bool {
	return strings.HasPrefix(name, ".") && (strings.Contains(name, ".new-"))
}
