package build

import (
	"errors"
	"io/fs"
	"path"
	"strings"
)

// under reports whether p is one of roots or inside one of them.
func under(p string, roots []string) bool {
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

// subsetFS shows only some paths of a site to load.Site: briefing.yaml and
// the folders and files in keep (with the folders leading to them), so one
// edited file is re-read through the same path and symlink policy as a
// full load, without walking the rest of the site.
type subsetFS struct {
	fsys fs.FS
	keep []string
}

func (s subsetFS) visible(name string) bool {
	if name == "." || under(name, s.keep) {
		return true
	}
	for _, k := range s.keep {
		if strings.HasPrefix(k, name+"/") {
			return true
		}
	}
	return false
}

func (s subsetFS) Open(name string) (fs.File, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return s.fsys.Open(name)
}

func (s subsetFS) Stat(name string) (fs.FileInfo, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Stat(s.fsys, name)
}

func (s subsetFS) ReadFile(name string) ([]byte, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return fs.ReadFile(s.fsys, name)
}

func (s subsetFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	entries, err := fs.ReadDir(s.fsys, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	out := entries[:0]
	for _, e := range entries {
		if s.visible(path.Join(name, e.Name())) {
			out = append(out, e)
		}
	}
	return out, err
}
