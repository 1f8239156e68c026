package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	briefing "github.com/briefing-dev/briefing"
	"github.com/briefing-dev/briefing/internal/build"
)

// buildSite builds dir into a temporary folder and fails on any error.
func buildSite(t *testing.T, dir string) build.Result {
	t.Helper()
	res, l, err := build.Run(context.Background(), build.Options{Source: dir, Destination: filepath.Join(t.TempDir(), "out"), Theme: briefing.Theme})
	if err != nil || l.HasErrors() {
		t.Fatalf("build %s: %v\n%v", dir, err, l)
	}
	return res
}

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new-briefing")
	code, out, errOut := run(t, nil, "init", dir)
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "created a briefing in "+dir) {
		t.Errorf("init printed %q", out)
	}
	if !strings.Contains(out, "(5 files)") {
		t.Errorf("init printed %q; want 5 files", out)
	}
	for _, f := range []string{"briefing.yaml", "content/_index.md", "content/overview.md", "content/participants/jane-doe.md", "templates/README.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init did not write %s: %v", f, err)
		}
	}
	// No copy of the theme: the site follows the binary's.
	for _, f := range []string{"templates/layout.html", "templates/partials/header.html", "static/css/site.css", "static"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("init wrote %s; the theme stays in the binary", f)
		}
	}
	res := buildSite(t, dir)
	// A new briefing passes check, warnings included: an editor's first
	// check must not blame the skeleton.
	if code, out, errOut := run(t, nil, "check", "-s", dir, "--strict"); code != 0 || out != "no problems found\n" {
		t.Errorf("check --strict on a new briefing: exit %d\n%s%s", code, out, errOut)
	}
	if res.Pages["topic"] != 1 || res.Pages["person"] != 1 || res.Pages["home"] != 1 {
		t.Errorf("the skeleton built %v; want a home page, one topic and one person", res.Pages)
	}
	// The skeleton is generic.
	filepathWalk(t, dir, func(p string, data []byte) {
		if strings.Contains(string(data), "Riyadh") {
			t.Errorf("%s mentions Riyadh", p)
		}
	})

	// A second init writes nothing.
	os.WriteFile(filepath.Join(dir, "content", "overview.md"), []byte("mine"), 0o644)
	os.Remove(filepath.Join(dir, "content", "_index.md"))
	code, _, errOut = run(t, nil, "init", dir)
	if code != 1 || !strings.Contains(errOut, "already exists") {
		t.Fatalf("init over a briefing: exit %d, %q; want 1 and \"already exists\"", code, errOut)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content", "overview.md")); string(data) != "mine" {
		t.Errorf("init overwrote content/overview.md")
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "_index.md")); err == nil {
		t.Errorf("a refused init still wrote content/_index.md")
	}

	if code, _, _ := run(t, nil, "init"); code != 2 {
		t.Errorf("init without a folder: exit %d; want 2", code)
	}
}

func filepathWalk(t *testing.T, dir string, fn func(p string, data []byte)) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		fn(p, data)
		return nil
	})
}
