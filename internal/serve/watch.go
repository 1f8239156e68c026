package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The parts of a site folder the watcher follows.
var watched = []string{"briefing.yaml", "content", "templates", "static"}

// Watch follows the site folder root (briefing.yaml, content/, templates/
// and static/, folders created later included) and calls fn with the
// paths that changed, relative to root with forward slashes, sorted. Events
// are gathered until none came for quiet (a burst, such as a checkout,
// becomes one call), or for at most ten times quiet. fn runs on Watch's
// goroutine, so events arriving during fn make the next call. Watch
// returns when ctx is done; errors from the watcher go to log.
func Watch(ctx context.Context, root string, quiet time.Duration, log io.Writer, fn func(paths []string)) error {
	w, err := newWatcher(root, log)
	if err != nil {
		return err
	}
	return w.run(ctx, quiet, fn)
}

// watcher is a started fsnotify watch over a site folder.
type watcher struct {
	w    *fsnotify.Watcher
	root string
	log  io.Writer
}

// newWatcher starts watching root; changes made after it returns are seen.
func newWatcher(root string, log io.Writer) (*watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if err := w.Add(root); err != nil {
		w.Close()
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	for _, dir := range watched[1:] {
		addTree(w, root, filepath.Join(root, dir), log)
	}
	return &watcher{w: w, root: root, log: log}, nil
}

// run delivers batches of changes to fn until ctx is done, then closes
// the watch.
func (wt *watcher) run(ctx context.Context, quiet time.Duration, fn func(paths []string)) error {
	w, root, log := wt.w, wt.root, wt.log
	defer w.Close()
	pending := map[string]bool{}
	var timer *time.Timer
	var fire <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(log, "watch: %v\n", err)
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			rel, ok := relevant(root, ev.Name)
			if !ok {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
					addTree(w, root, ev.Name, log)
				}
			}
			pending[rel] = true
			now := time.Now()
			if timer == nil {
				first = now
				timer = time.NewTimer(quiet)
				fire = timer.C
			} else if now.Sub(first) < 10*quiet {
				timer.Reset(quiet)
			}
		case <-fire:
			timer, fire = nil, nil
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			sort.Strings(paths)
			clear(pending)
			fn(paths)
		}
	}
}

// addTree watches dir and every folder below it, skipping hidden ones.
func addTree(w *fsnotify.Watcher, root, dir string, log io.Writer) {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && skipName(d.Name()) {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
	if err != nil {
		fmt.Fprintf(log, "watch: %v\n", err)
	}
}

// relevant turns an event's path into a site path and reports whether
// the build reads it: briefing.yaml, or something under content/,
// templates/ or static/ that is not a hidden file or an editor's backup.
func relevant(root, name string) (string, bool) {
	rel, err := filepath.Rel(root, name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, _ := strings.Cut(rel, "/")
	known := false
	for _, w := range watched {
		known = known || top == w
	}
	if !known {
		return "", false
	}
	for _, seg := range strings.Split(rel, "/") {
		if skipName(seg) {
			return "", false
		}
	}
	return rel, true
}

// skipName mirrors the names the build ignores: hidden files and editors'
// backup and swap files.
func skipName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~")
}
