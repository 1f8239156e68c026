package build

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/corpus"
	"github.com/briefing-dev/briefing/internal/diag"
)

// corpusSite writes a synthetic site of n pages and builds it once into
// dir/public, so that tests start from a good previous output.
func corpusSite(t *testing.T, n int) (src, dest string) {
	t.Helper()
	dir := t.TempDir()
	src = filepath.Join(dir, "site")
	if err := corpus.Write(src, n); err != nil {
		t.Fatal(err)
	}
	dest = filepath.Join(dir, "public")
	_, l, err := Run(context.Background(), Options{Source: src, Destination: dest, Theme: theme()})
	if err != nil || l.HasErrors() {
		t.Fatalf("first build: %v\n%s", err, l.Error())
	}
	return src, dest
}

// entries lists a folder's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestCancelAnywhere cancels the same build at many points, from before
// load to the swap: each time the build reports ErrCancelled and no
// diagnostic, the previous output is intact and no staging folder is left.
func TestCancelAnywhere(t *testing.T) {
	src, dest := corpusSite(t, 200)
	before := readTree(t, dest)
	opts := Options{Source: src, Destination: dest, Theme: theme(), Minify: true}

	// How long a whole build takes here, to spread the cancellations
	// over it.
	start := time.Now()
	if _, l, err := Run(context.Background(), opts); err != nil || l.HasErrors() {
		t.Fatalf("build: %v\n%s", err, l.Error())
	}
	whole := time.Since(start)
	after := readTree(t, dest)

	cancelled := 0
	const points = 16
	for i := range points {
		delay := whole * 3 / 4 * time.Duration(i) / points
		ctx, cancel := context.WithTimeout(context.Background(), delay)
		_, l, err := Run(ctx, opts)
		cancel()
		switch {
		case errors.Is(err, ErrCancelled):
			cancelled++
			if len(l) > 0 {
				t.Errorf("cancelled after %v: diagnostics %q; want none", delay, l.Error())
			}
		case err == nil && !l.HasErrors():
			// The build won the race; its output is the same.
		default:
			t.Errorf("cancelled after %v: err = %v, diagnostics:\n%s", delay, err, l.Error())
		}
		if got := entries(t, filepath.Dir(dest)); !slices.Equal(got, []string{"public", "site"}) {
			t.Fatalf("cancelled after %v: the folder holds %v; want only public and site", delay, got)
		}
		got := readTree(t, dest)
		if !equalTree(got, before) && !equalTree(got, after) {
			t.Fatalf("cancelled after %v: the output is neither the previous build nor a whole new one", delay)
		}
	}
	if cancelled < points/4 {
		t.Errorf("only %d of %d builds were cancelled; the test does not reach into the build", cancelled, points)
	}
}

// TestCancelBeforeStart: a context cancelled before Run does nothing.
func TestCancelBeforeStart(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, run := range map[string]func() error{
		"build":  func() error { _, _, err := Run(ctx, fixtureOptions(dest)); return err },
		"render": func() error { _, _, err := Render(ctx, fixtureOptions(dest)); return err },
		"check":  func() error { _, err := Check(ctx, fixtureOptions(dest), false); return err },
		"prose": func() error {
			_, err := Prose(ctx, fixtureOptions(dest), []ProseFile{{Name: "x.txt", Data: []byte("Marco Rubyo")}})
			return err
		},
	} {
		if err := run(); !errors.Is(err, ErrCancelled) {
			t.Errorf("%s with a cancelled context: err = %v; want ErrCancelled", name, err)
		}
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("a cancelled build made the destination")
	}
}

// TestDiskFullOnce builds onto a small tmpfs that fills up halfway: the
// build fails with one error, the previous output stays, and no staging
// folder is left. It needs to mount a file system, so it runs as root
// (as CI does).
func TestDiskFullOnce(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root; CI runs as root")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := corpus.Write(src, 300); err != nil {
		t.Fatal(err)
	}
	disk := filepath.Join(dir, "disk")
	if err := os.Mkdir(disk, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", disk).Run() })

	dest := filepath.Join(disk, "public")
	if _, l, err := Run(context.Background(), fixtureOptions(dest)); err != nil || l.HasErrors() {
		t.Fatalf("small build: %v\n%s", err, l.Error())
	}
	before := readTree(t, dest)
	_, l, err := Run(context.Background(), Options{Source: src, Destination: dest, Theme: theme()})
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("build onto a full disk: err = %v; want no space left on device", err)
	}
	if strings.Count(err.Error(), "no space") != 1 || len(l) != 0 {
		t.Errorf("a full disk is reported more than once: err = %v, diagnostics:\n%s", err, l.Error())
	}
	if !equalTree(readTree(t, dest), before) {
		t.Errorf("the previous output changed")
	}
	if got := entries(t, disk); !slices.Equal(got, []string{"public"}) {
		t.Errorf("the disk holds %v after the failed build; want only public", got)
	}
}

// TestSymlinkedDestinationKeepsSources: a destination that reaches the
// site, or one of its source folders, through a symbolic link is refused,
// and no source file is touched.
func TestSymlinkedDestinationKeepsSources(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	site := filepath.Join(real, "site")
	copyDir(t, filepath.Join(repoRoot, "testdata", "site"), site)
	link := filepath.Join(dir, "link")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	contentLink := filepath.Join(dir, "content-link")
	if err := os.Symlink(filepath.Join(site, "content"), contentLink); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, real)
	for _, tc := range []struct{ src, dest, want string }{
		{filepath.Join(link, "site"), link, "would replace the site folder"},
		{site, link, "would replace the site folder"},
		{filepath.Join(link, "site"), filepath.Join(real, "site"), "would replace the site folder"},
		{site, contentLink, "inside the site's content/ folder"},
		{filepath.Join(link, "site"), filepath.Join(contentLink, "out"), "inside the site's content/ folder"},
	} {
		_, _, err := Run(context.Background(), Options{Source: tc.src, Destination: tc.dest, Theme: theme()})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("build -s %s -d %s: err = %v; want %q", tc.src, tc.dest, err, tc.want)
		}
	}
	if !equalTree(readTree(t, real), before) {
		t.Errorf("a source file changed")
	}
}

// TestStageGuard: a panic in a stage becomes one diagnostic, with the
// stack only in debug mode, and a cancelled stage returns at once.
func TestStageGuard(t *testing.T) {
	var l diag.List
	ok := stage(context.Background(), "resolve", "content/x.md", false, &l, func() diag.List {
		var p *struct{ x int }
		_ = p.x
		return nil
	})
	if ok || len(l) != 1 || l[0].Pos.File != "content/x.md" || !strings.Contains(l[0].Msg, "internal error in the resolve stage: runtime error: invalid memory address") ||
		!strings.Contains(l[0].Msg, "please report it") || strings.Contains(l[0].Msg, "goroutine") {
		t.Errorf("panic: ok = %v, diagnostics %q", ok, l.Error())
	}
	l = nil
	stage(context.Background(), "parse", "", true, &l, func() diag.List { panic("boom") })
	if len(l) != 1 || l[0].Pos.File != "." || !strings.Contains(l[0].Msg, "boom") || !strings.Contains(l[0].Msg, "guard.go") {
		t.Errorf("panic with debug: diagnostics %q; want the stack", l.Error())
	}

	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	go func() { time.Sleep(10 * time.Millisecond); cancel() }()
	l = nil
	if stage(ctx, "load", "", false, &l, func() diag.List { <-release; return diag.List{{Msg: "late"}} }) || len(l) != 0 {
		t.Errorf("cancelled stage: diagnostics %q; want it to return at once with none", l.Error())
	}
}

func TestRootFirst(t *testing.T) {
	l := diag.List{
		{Pos: diag.Pos{File: "content/a.md", Line: 3}, Rule: check.RuleReference, Msg: "unknown person"},
		{Pos: diag.Pos{File: "content/b.md", Line: 1}, Rule: check.RuleFrontMatter, Msg: "invalid YAML"},
		{Pos: diag.Pos{File: "content/a.md", Line: 9}, Rule: check.RuleTemplate, Msg: "template"},
		{Pos: diag.Pos{File: "briefing.yaml", Line: 2}, Rule: check.RuleConfig, Msg: "unknown key"},
	}
	l.Sort()
	rootFirst(l)
	var got []string
	for _, d := range l {
		got = append(got, d.Pos.String())
	}
	want := []string{"briefing.yaml:2", "content/b.md:1", "content/a.md:3", "content/a.md:9"}
	if !slices.Equal(got, want) {
		t.Errorf("rootFirst order = %v; want %v", got, want)
	}
}

// TestIncrementalCancelled: a cancelled rebuild reports ErrCancelled and
// the next one builds the whole site.
func TestIncrementalCancelled(t *testing.T) {
	inc := NewIncremental(Options{Source: filepath.Join(repoRoot, "testdata", "site"), Theme: theme()})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := inc.Build(ctx, []string{"."}); !errors.Is(err, ErrCancelled) {
		t.Fatalf("cancelled Build: err = %v; want ErrCancelled", err)
	}
	up, l, err := inc.Build(context.Background(), []string{"."})
	if err != nil || l.HasErrors() || len(up.Files) == 0 {
		t.Fatalf("Build after a cancelled one: %v, %d files\n%s", err, len(up.Files), l.Error())
	}
}

// equalTree reports whether two trees read by readTree hold the same files.
func equalTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}
