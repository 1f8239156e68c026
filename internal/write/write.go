// Package write is the last stage and the only package that writes the
// site to disk. It writes every file into a fresh staging folder beside the
// destination and swaps it in only when all of them are written, so a
// reader or a host never sees a half-built site and a failed build leaves
// the previous output as it was.
package write

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
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
func Site(dest string, files []File) (err error) {
	dest = filepath.Clean(dest)
	if err := replaceable(dest); err != nil {
		return err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", parent, err)
	}
	stage, err := os.MkdirTemp(parent, "."+filepath.Base(dest)+".new-")
	if err != nil {
		return fmt.Errorf("create staging folder: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, 0o755); err != nil {
		return fmt.Errorf("staging folder: %w", err)
	}
	root, err := os.OpenRoot(stage)
	if err != nil {
		return fmt.Errorf("open staging folder: %w", err)
	}
	defer root.Close()
	made := map[string]bool{".": true}
	for _, f := range files {
		if err := writeFile(root, made, f); err != nil {
			return err
		}
	}
	return swap(stage, dest)
}

// writeFile writes one file under root, creating its folders. os.Root
// refuses any path that would leave the staging folder.
func writeFile(root *os.Root, made map[string]bool, f File) error {
	if !fs.ValidPath(f.Path) || f.Path == "." {
		return fmt.Errorf("write %q: not a clean relative path", f.Path)
	}
	dir := path.Dir(f.Path)
	if !made[dir] {
		if err := mkdirAll(root, dir, made); err != nil {
			return err
		}
	}
	w, err := root.OpenFile(f.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
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

func mkdirAll(root *os.Root, dir string, made map[string]bool) error {
	if made[dir] {
		return nil
	}
	if parent := path.Dir(dir); parent != dir {
		if err := mkdirAll(root, parent, made); err != nil {
			return err
		}
	}
	if err := root.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	made[dir] = true
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
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove old output %s: %w", old, err)
		}
	}
	return nil
}

// IsStaging reports whether name is one of the staging folders Site makes
// beside a destination, so watchers and walkers can skip it.
func IsStaging(name string) bool {
	return strings.HasPrefix(name, ".") && (strings.Contains(name, ".new-"))
}
