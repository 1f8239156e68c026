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

	"github.com/briefing-dev/briefing/internal/check"
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

// A placement is where a case's subject file goes: the case's own page,
// its Markdown file at the top of content/ (or the files its setup makes),
// is moved into each kind of file of a site in turn.
type placement struct {
	// name is the placement's name in want.<name>.txt.
	name string
	// path maps the subject's file name ("tab.md") to its path in the site.
	path func(name string) string
}

// placements are every kind of file a bad input can be in. "topic" is the
// case's own layout, whose want file is want.txt.
var placements = []placement{
	{"topic", func(n string) string { return "content/" + n }}, // first: -update derives the others from its want.txt
	{"home", func(string) string { return "content/_index.md" }},
	{"section", func(string) string { return "content/notes/_index.md" }},
	{"section-page", func(n string) string { return "content/notes/" + n }},
	{"person", func(n string) string { return "content/participants/" + n }},
	{"people", func(string) string { return "content/participants/_index.md" }},
	{"config", func(string) string { return "briefing.yaml" }},
}

// badSetup makes the inputs that git cannot hold well. Each has a folder
// under testdata/bad with its want.txt. subjects are the names of the
// files it makes at the top of content/; make writes them through place,
// which maps such a name to its path for the placement.
type badSetup struct {
	subjects []string
	make     func(t *testing.T, site string, place func(string) string)
}

var badSetups = map[string]badSetup{
	"huge-file": {[]string{"huge.md"}, func(t *testing.T, site string, place func(string) string) {
		var b bytes.Buffer
		b.WriteString("---\ntitle: \"Huge\"\n---\n\n")
		line := []byte("A long line of words, repeated until the file is twenty megabytes.\n")
		for b.Len() < 20<<20 {
			b.Write(line)
		}
		writeBad(t, site, place("huge.md"), b.Bytes())
	}},
	"deep-nesting": {[]string{"deep.md"}, func(t *testing.T, site string, place func(string) string) {
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
		writeBad(t, site, place("deep.md"), b.Bytes())
	}},
	"many-footnotes": {[]string{"notes.md"}, func(t *testing.T, site string, place func(string) string) {
		// goldmark's footnotes take time that grows with the square of
		// their number: 60,000 took half a minute to parse.
		var b bytes.Buffer
		b.WriteString("---\ntitle: \"Notes\"\nsummary: \"A claim with a footnote, thirty thousand times.\"\n---\n\n")
		for i := range 30000 {
			fmt.Fprintf(&b, "Claim %d.[^n%d]\n\n", i, i)
		}
		for i := range 30000 {
			fmt.Fprintf(&b, "[^n%d]: Note %d.\n", i, i)
		}
		writeBad(t, site, place("notes.md"), b.Bytes())
	}},
	"repeated-headings": {[]string{"parts.md"}, func(t *testing.T, site string, place func(string) string) {
		// Each repeat of a heading's name took a look at every suffix
		// before it: 36,000 took two minutes to parse.
		var b bytes.Buffer
		b.WriteString("---\ntitle: \"Parts\"\nsummary: \"One heading, twenty thousand times.\"\n---\n\n")
		for range 20000 {
			b.WriteString("## Part\n\nText.\n\n")
		}
		writeBad(t, site, place("parts.md"), b.Bytes())
	}},
	"symlink-loop": {[]string{"loop.md"}, func(t *testing.T, site string, place func(string) string) {
		loop := filepath.Join(site, filepath.FromSlash(place("loop.md")))
		mkdirBad(t, filepath.Dir(loop))
		symlinkBad(t, filepath.Base(loop), loop)
		mkdirBad(t, filepath.Join(site, "content", "ring"))
		symlinkBad(t, "../ring", filepath.Join(site, "content", "ring", "back"))
	}},
	"symlink-outside": {[]string{"absolute.md", "relative.md"}, func(t *testing.T, site string, place func(string) string) {
		outside := filepath.Join(filepath.Dir(site), "secret.md")
		writeBad(t, filepath.Dir(site), "secret.md", []byte("---\ntitle: \"Secret <script>pwned()</script>\"\n---\n"))
		abs := filepath.Join(site, filepath.FromSlash(place("absolute.md")))
		rel := filepath.Join(site, filepath.FromSlash(place("relative.md")))
		mkdirBad(t, filepath.Dir(abs))
		symlinkBad(t, outside, abs)
		up, _ := filepath.Rel(filepath.Dir(rel), outside)
		symlinkBad(t, up, rel)
	}},
	"long-file-name": {[]string{strings.Repeat("a", 150) + ".md"}, func(t *testing.T, site string, place func(string) string) {
		writeBad(t, site, place(strings.Repeat("a", 150)+".md"), []byte("---\ntitle: \"Long\"\n---\n"))
	}},
}

// unsafeOutput matches markup or a script URL from the cases' input that
// reached an output file unescaped.
var unsafeOutput = regexp.MustCompile(`(?i)<script>pwned|<img src=x|<b onmouseover|<iframe|<style>body|<[^>]*\s(href|src|action)\s*=\s*["']?\s*(javascript|vbscript|data:text)`)

// notApplicable starts a want file that says a case does not apply to a
// placement; the rest of its first line says why.
const notApplicable = "# n/a:"

// TestBadInput runs build.Check and build.Run over every case in
// testdata/bad, in every placement (see placements). For each it holds
// that: check prints exactly the placement's want text; the build reports
// the same problems check does, minus the editorial checks; every
// diagnostic names a file; neither command hangs or grows without bound; a
// failed build leaves the previous output byte for byte; and a successful
// one writes no unescaped markup or script URL.
//
// The want text of a placement is want.<placement>.txt when the case has
// one, else want.txt with the subject's path replaced by the placement's.
// A want file that starts with "# n/a:" says why the case does not apply
// there; the config placement applies only where want.config.txt exists.
func TestBadInput(t *testing.T) {
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	passed := map[string]int{}
	applied := map[string]int{}
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		seen[e.Name()] = true
		t.Run(e.Name(), func(t *testing.T) {
			for _, pl := range placements {
				t.Run(pl.name, func(t *testing.T) {
					defer func() { // also after t.Fatal and t.Skip
						if !t.Skipped() {
							applied[pl.name]++
							if !t.Failed() {
								passed[pl.name]++
							}
						}
					}()
					runBadCase(t, e.Name(), pl)
				})
			}
		})
	}
	for name := range badSetups {
		if !seen[name] {
			t.Errorf("badSetups has %q but testdata/bad has no folder for it", name)
		}
	}
	if len(seen) < 25 {
		t.Errorf("found %d bad-input cases; want the full table", len(seen))
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-13s %6s %7s\n", "placement", "passed", "applied")
	for _, pl := range placements {
		fmt.Fprintf(&table, "%-13s %6d %7d\n", pl.name, passed[pl.name], applied[pl.name])
	}
	t.Logf("bad-input cases per placement (of %d):\n%s", len(seen), table.String())
}

// caseSubjects returns the subject files of a case: the Markdown files at
// the top of its content/ that _base does not have (other than _index.md),
// or those its setup makes.
func caseSubjects(t testing.TB, name string) []string {
	if s, ok := badSetups[name]; ok {
		return s.subjects
	}
	entries, err := os.ReadDir(filepath.Join(badDir, name, "content"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".md") || n == "_index.md" || strings.HasPrefix(n, ".") {
			continue
		}
		if _, err := os.Stat(filepath.Join(badDir, "_base", "content", n)); err == nil {
			continue
		}
		out = append(out, n)
	}
	return out
}

// badWant returns the want text of a case in a placement, the file that
// holds the placement's own text, whether that file exists, and whether
// the case applies there at all.
func badWant(t *testing.T, name string, pl placement, subjects []string) (want, file string, own, applies bool) {
	dir := filepath.Join(badDir, name)
	file = filepath.Join(dir, "want."+pl.name+".txt")
	if pl.name == "topic" {
		file = filepath.Join(dir, "want.txt")
	}
	if data, err := os.ReadFile(file); err == nil {
		return string(data), file, true, !strings.HasPrefix(string(data), notApplicable)
	}
	switch {
	case pl.name == "config":
		return "", file, false, false
	case pl.name == "topic" && *update:
		return "", file, false, true // a new case: -update writes want.txt
	}
	return derivedWant(t, name, pl, subjects), file, false, true
}

// derivedWant is want.txt with each subject's path replaced by its path in
// placement pl.
func derivedWant(t *testing.T, name string, pl placement, subjects []string) string {
	base, err := os.ReadFile(filepath.Join(badDir, name, "want.txt"))
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want := string(base)
	for _, s := range subjects {
		want = strings.ReplaceAll(want, "content/"+s, pl.path(s))
	}
	return want
}

// updateWant rewrites the want file of a placement with got: want.txt for
// topic, want.config.txt when it exists, and for the others a file of their
// own only where got differs from the text derived from want.txt.
func updateWant(t *testing.T, name string, pl placement, subjects []string, file, got string) {
	write := true
	if pl.name != "topic" && pl.name != "config" && derivedWant(t, name, pl, subjects) == got {
		write = false
		if err := os.Remove(file); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	if write {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// runBadCase runs one case in one placement, or skips it where the case
// does not apply.
func runBadCase(t *testing.T, name string, pl placement) {
	subjects := caseSubjects(t, name)
	if len(subjects) == 0 {
		t.Fatalf("case %s has no subject: no Markdown file at the top of its content/ that _base lacks", name)
	}
	want, wantFile, own, applies := badWant(t, name, pl, subjects)
	if !applies {
		if want != "" {
			t.Skip(strings.TrimSpace(strings.TrimPrefix(strings.SplitN(want, "\n", 2)[0], notApplicable)))
		}
		t.Skip("no want.config.txt: the case is not tried in briefing.yaml")
	}
	for i, s := range subjects {
		for _, o := range subjects[:i] {
			if pl.path(s) == pl.path(o) {
				t.Fatalf("subjects %s and %s both go to %s; add %s starting %q", o, s, pl.path(s), filepath.Base(wantFile), notApplicable)
			}
		}
	}

	for _, s := range subjects {
		if to := pl.path(s); to != "content/"+s {
			if _, err := os.Lstat(filepath.Join(badDir, name, filepath.FromSlash(to))); err == nil {
				t.Fatalf("the case has its own %s, where %s goes; add %s starting %q", to, s, filepath.Base(wantFile), notApplicable)
			}
		}
	}

	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	copyBad(t, filepath.Join(badDir, "_base"), site)
	copyBad(t, filepath.Join(badDir, name), site)
	for _, s := range subjects {
		from := filepath.Join(site, "content", s)
		if _, err := os.Lstat(from); err != nil || pl.path(s) == "content/"+s {
			continue // made by the setup, or already in place
		}
		to := filepath.Join(site, filepath.FromSlash(pl.path(s)))
		mkdirBad(t, filepath.Dir(to))
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
	}
	if setup, ok := badSetups[name]; ok {
		setup.make(t, site, pl.path)
	}

	// The previous output: the clean base site, built.
	dest := filepath.Join(dir, "public")
	prev := filepath.Join(dir, "prev")
	copyBad(t, filepath.Join(badDir, "_base"), prev)
	if _, ds, err := Run(context.Background(), Options{Source: prev, Destination: dest, Theme: badTheme()}); err != nil || ds.HasErrors() {
		t.Fatalf("building the base site: %v\n%s", err, ds.Error())
	}
	before := readTree(t, dest)
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
	if *update {
		updateWant(t, name, pl, subjects, wantFile, got)
		want = got
	}
	if got != want {
		where := filepath.Base(wantFile)
		if !own {
			where = "want.txt with " + pl.name + "'s paths"
		}
		t.Errorf("check diagnostics differ from %s:\n--- got\n%s--- want\n%s", where, got, want)
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
		if slices.Contains(check.BuildRules, d.Rule) {
			buildOnly = append(buildOnly, d)
		}
	}
	if g, w := diagLines(built), diagLines(buildOnly); g != w {
		t.Errorf("build and check disagree on the build's diagnostics:\n--- build\n%s--- check (rules %v)\n%s", g, check.BuildRules, w)
	}

	after := readTree(t, dest)
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

func mkdirBad(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

// symlinkBad makes link a symlink to target, replacing any file there.
func symlinkBad(t *testing.T, target, link string) {
	t.Helper()
	_ = os.Remove(link)
	if err := os.Symlink(target, link); err != nil {
		t.Fatalf("symlinks are needed for this case: %v", err)
	}
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
