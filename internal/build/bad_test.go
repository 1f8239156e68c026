package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/briefing-dev/briefing/internal/diag"
)

// badDir holds the bad-input cases; see its README.md.
const badDir = "../../testdata/bad"

// Budgets that a build of one small bad case must stay within. They guard
// against hangs and blow-ups, not slowness: each is far above what a build
// needs, even under the race detector.
const (
	badDeadline  = 2 * time.Minute
	badPeakHeap  = 768 << 20 // live heap at any sample
	badTotalHeap = 4 << 30   // bytes allocated over the whole case
)

// badSetups make the inputs that git cannot hold well. Each has a folder
// under testdata/bad with its want.txt.
var badSetups = map[string]func(t *testing.T, site string){
	"huge-file": func(t *testing.T, site string) {
		var b bytes.Buffer
		b.WriteString("---\ntitle: \"Huge\"\n---\n\n")
		line := []byte("A long line of words, repeated until the file is twenty megabytes.\n")
		for b.Len() < 20<<20 {
			b.Write(line)
		}
		writeBad(t, site, "content/huge.md", b.Bytes())
	},
	"deep-nesting": func(t *testing.T, site string) {
		const depth = 5000
		var b bytes.Buffer
		b.WriteString("---\ntitle: \"Deep\"\nsummary: \"Lists and quotes nested thousands deep.\"\n---\n\n")
		b.WriteString(strings.Repeat("> ", depth) + "quoted\n\n")
		// Nested lists cost goldmark time quadratic in the file's size (each
		// level is indented further), so 500 levels stand in for "very deep".
		for i := range 500 {
			b.WriteString(strings.Repeat("  ", i) + "- item\n")
		}
		b.WriteString("\n" + strings.Repeat("*", depth) + "emphasis" + strings.Repeat("*", depth) + "\n")
		b.WriteString("\n" + strings.Repeat("[", depth) + "link" + strings.Repeat("]", depth) + "\n")
		writeBad(t, site, "content/deep.md", b.Bytes())
	},
	"symlink-loop": func(t *testing.T, site string) {
		symlinkBad(t, "loop.md", filepath.Join(site, "content", "loop.md"))
		if err := os.Mkdir(filepath.Join(site, "content", "ring"), 0o755); err != nil {
			t.Fatal(err)
		}
		symlinkBad(t, "../ring", filepath.Join(site, "content", "ring", "back"))
	},
	"symlink-outside": func(t *testing.T, site string) {
		outside := filepath.Join(filepath.Dir(site), "secret.md")
		writeBad(t, filepath.Dir(site), "secret.md", []byte("---\ntitle: \"Secret <script>pwned()</script>\"\n---\n"))
		symlinkBad(t, outside, filepath.Join(site, "content", "absolute.md"))
		symlinkBad(t, "../../secret.md", filepath.Join(site, "content", "relative.md"))
	},
	"long-file-name": func(t *testing.T, site string) {
		writeBad(t, site, "content/"+strings.Repeat("a", 150)+".md", []byte("---\ntitle: \"Long\"\n---\n"))
	},
}

// unsafeOutput matches markup or a script URL from the cases' input that
// reached an output file unescaped.
var unsafeOutput = regexp.MustCompile(`(?i)<script>pwned|<img src=x|<b onmouseover|<iframe|<style>body|<[^>]*\s(href|src|action)\s*=\s*["']?\s*(javascript|vbscript|data:text)`)

// TestBadInput runs build.Check and build.Run over every case in
// testdata/bad. For each case it holds that: check prints exactly want.txt;
// the build reports the same problems check does, minus the editorial
// checks; every diagnostic names a file; neither command hangs or grows
// without bound; a failed build leaves the previous output byte for byte;
// and a successful one writes no unescaped markup or script URL.
func TestBadInput(t *testing.T) {
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		seen[e.Name()] = true
		t.Run(e.Name(), func(t *testing.T) { runBadCase(t, e.Name()) })
	}
	for name := range badSetups {
		if !seen[name] {
			t.Errorf("badSetups has %q but testdata/bad has no folder for it", name)
		}
	}
	if len(seen) < 25 {
		t.Errorf("found %d bad-input cases; want the full table", len(seen))
	}
}

func runBadCase(t *testing.T, name string) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	copyBad(t, filepath.Join(badDir, "_base"), site)
	copyBad(t, filepath.Join(badDir, name), site)
	if setup := badSetups[name]; setup != nil {
		setup(t, site)
	}

	// The previous output: the clean base site, built.
	dest := filepath.Join(dir, "public")
	prev := filepath.Join(dir, "prev")
	copyBad(t, filepath.Join(badDir, "_base"), prev)
	if _, ds, err := Run(context.Background(), Options{Source: prev, Destination: dest, Theme: badTheme()}); err != nil || ds.HasErrors() {
		t.Fatalf("building the base site: %v\n%s", err, ds.Error())
	}
	before := treeBad(t, dest)
	themeMarkup := map[string]bool{} // what the theme itself puts in pages
	for _, data := range before {
		for _, r := range riskyMarkup(data) {
			themeMarkup[r] = true
		}
	}

	opts := Options{Source: site, Destination: dest, Theme: badTheme()}
	var checked, built diag.List
	var checkErr, runErr error
	withinBudget(t, func() {
		checked, checkErr = Check(context.Background(), opts, false)
		_, built, runErr = Run(context.Background(), opts)
	})
	if checkErr != nil || runErr != nil {
		t.Fatalf("Check: %v; Run: %v; want content problems as diagnostics only", checkErr, runErr)
	}

	got := diagLines(checked)
	wantFile := filepath.Join(badDir, name, "want.txt")
	if *update {
		if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(wantFile)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("check diagnostics differ from want.txt:\n--- got\n%s--- want\n%s", got, want)
	}
	for _, d := range checked {
		if d.Pos.File == "" {
			t.Errorf("diagnostic names no file: %s", d)
		}
		if d.Rule == "" {
			t.Errorf("diagnostic has no rule: %s", d)
		}
	}
	var buildOnly diag.List
	for _, d := range checked {
		if slices.Contains(BuildRules, d.Rule) {
			buildOnly = append(buildOnly, d)
		}
	}
	if g, w := diagLines(built), diagLines(buildOnly); g != w {
		t.Errorf("build and check disagree on the build's diagnostics:\n--- build\n%s--- check (rules %v)\n%s", g, BuildRules, w)
	}

	after := treeBad(t, dest)
	if built.HasErrors() {
		if !sameTree(before, after) {
			t.Errorf("the failed build changed the previous output")
		}
	} else if sameTree(before, after) {
		t.Errorf("the build reported no error but did not replace the output")
	}
	for p, data := range after {
		if m := unsafeOutput.Find(data); m != nil {
			hint := ""
			if strings.HasSuffix(p, ".json") {
				hint = " (encoding/json escapes <, > and & unless told not to)"
			}
			t.Errorf("output %s carries unescaped input: %q%s", p, m, hint)
		}
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		for _, r := range riskyMarkup(data) {
			if !themeMarkup[r] {
				t.Errorf("output %s carries %s, which the theme does not", p, r)
			}
		}
	}
	names, _ := os.ReadDir(dir)
	for _, e := range names {
		if n := e.Name(); n != "site" && n != "public" && n != "prev" && n != "secret.md" {
			t.Errorf("stray entry %q beside the output", n)
		}
	}
}

// withinBudget runs fn and fails the test if it panics, runs past
// badDeadline, or allocates past the heap budgets.
func withinBudget(t *testing.T, fn func()) {
	t.Helper()
	runtime.GC()
	var start runtime.MemStats
	runtime.ReadMemStats(&start)
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(badDeadline)
	var peak uint64
	for {
		select {
		case p := <-done:
			var end runtime.MemStats
			runtime.ReadMemStats(&end)
			if p != nil {
				t.Fatalf("panic: %v", p)
			}
			if total := end.TotalAlloc - start.TotalAlloc; total > badTotalHeap {
				t.Errorf("allocated %d MB; the budget is %d MB", total>>20, badTotalHeap>>20)
			}
			if peak > badPeakHeap {
				t.Errorf("live heap reached %d MB; the budget is %d MB", peak>>20, badPeakHeap>>20)
			}
			return
		case <-tick.C:
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			if m.HeapAlloc > 2*badPeakHeap {
				t.Fatalf("live heap reached %d MB and is still growing", m.HeapAlloc>>20)
			}
		case <-deadline:
			t.Fatalf("still running after %v: the build hangs", badDeadline)
		}
	}
}

func diagLines(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintln(&b, d.String())
	}
	return b.String()
}

func badTheme() fs.FS { return os.DirFS("../..") }

// copyBad copies the files of src into dst, leaving out want.txt.
func copyBad(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if rel == "want.txt" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeBad(t *testing.T, root, rel string, data []byte) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlinkBad(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatalf("symlinks are needed for this case: %v", err)
	}
}

// treeBad reads every file under dir, keyed by its slash path.
func treeBad(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, data := range a {
		if other, ok := b[p]; !ok || !bytes.Equal(data, other) {
			return false
		}
	}
	return true
}
