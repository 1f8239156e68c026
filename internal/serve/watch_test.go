package serve

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// watchBatches runs Watch on dir and returns the channel its batches
// arrive on.
func watchBatches(t *testing.T, dir string, quiet time.Duration) <-chan []string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	batches := make(chan []string, 100)
	done := make(chan error, 1)
	ready := make(chan struct{})
	go func() {
		close(ready)
		done <- Watch(ctx, dir, quiet, io.Discard, func(p []string) { batches <- p })
	}()
	<-ready
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Watch: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Watch did not return within 10s of cancel")
		}
	})
	return batches
}

// waitFor collects batches until one holds want, failing after a generous
// timeout; it returns every path seen.
func waitFor(t *testing.T, batches <-chan []string, want string) []string {
	t.Helper()
	var seen []string
	deadline := time.After(10 * time.Second)
	for {
		select {
		case b := <-batches:
			seen = append(seen, b...)
			if slices.Contains(b, want) {
				return seen
			}
		case <-deadline:
			t.Fatalf("no change reported for %s within 10s; saw %v", want, seen)
		}
	}
}

func write(t *testing.T, dir, rel, s string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// settle writes a marker file until the watcher reports it, so that the
// test knows the watcher is running before it makes the changes under test.
func settle(t *testing.T, dir string, batches <-chan []string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		write(t, dir, "content/marker.md", "x")
		retry := time.After(time.Second)
		for retry != nil {
			select {
			case b := <-batches:
				if slices.Contains(b, "content/marker.md") {
					return
				}
			case <-retry:
				retry = nil
			case <-deadline:
				t.Fatal("the watcher reported nothing within 10s")
			}
		}
	}
}

func TestWatchFilesAndNewFolders(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "briefing.yaml", "title: x\n")
	write(t, dir, "content/_index.md", "---\ntitle: x\n---\n")
	batches := watchBatches(t, dir, 10*time.Millisecond)
	settle(t, dir, batches)

	write(t, dir, "content/_index.md", "---\ntitle: y\n---\n")
	waitFor(t, batches, "content/_index.md")

	write(t, dir, "briefing.yaml", "title: y\n")
	waitFor(t, batches, "briefing.yaml")

	// A new folder is watched too, as are the files made in it later.
	if err := os.Mkdir(filepath.Join(dir, "content", "new"), 0o755); err != nil {
		t.Fatal(err)
	}
	waitFor(t, batches, "content/new")
	write(t, dir, "content/new/page.md", "---\ntitle: z\n---\n")
	waitFor(t, batches, "content/new/page.md")

	// templates/ and static/ created after the watch started.
	write(t, dir, "static/css/extra.css", "a{}")
	waitFor(t, batches, "static")
	write(t, dir, "static/css/extra.css", "b{}")
	waitFor(t, batches, "static/css/extra.css")

	// Hidden files, editors' backups and folders outside the site's are
	// not reported.
	write(t, dir, "content/.page.md.swp", "x")
	write(t, dir, "content/page.md~", "x")
	write(t, dir, "public/index.html", "x")
	write(t, dir, "content/after.md", "x")
	for _, p := range waitFor(t, batches, "content/after.md") {
		switch p {
		case "content/.page.md.swp", "content/page.md~", "public", "public/index.html":
			t.Errorf("the watcher reported %s", p)
		}
	}
}

func TestWatchDebounces(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "content/_index.md", "x")
	// A long quiet period: the burst below takes far less.
	batches := watchBatches(t, dir, 300*time.Millisecond)
	settle(t, dir, batches)
	const n = 20
	for i := range n {
		write(t, dir, "content/burst.md", string(rune('a'+i)))
	}
	var calls int
	deadline := time.After(10 * time.Second)
	for calls == 0 {
		select {
		case b := <-batches:
			if slices.Contains(b, "content/burst.md") {
				calls++
			}
		case <-deadline:
			t.Fatal("no batch within 10s")
		}
	}
	// Anything else already queued belongs to the same burst.
	for len(batches) > 0 {
		if slices.Contains(<-batches, "content/burst.md") {
			calls++
		}
	}
	if calls >= n {
		t.Errorf("%d writes gave %d rebuilds; want them gathered", n, calls)
	}
}
