package build

import (
	"bytes"
	"context"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// repoRoot is the module root, which holds the default theme and testdata.
const repoRoot = "../.."

func theme() fs.FS { return os.DirFS(repoRoot) }

func fixtureOptions(dest string) Options {
	return Options{
		Source:      filepath.Join(repoRoot, "testdata", "site"),
		Destination: dest,
		Theme:       theme(),
	}
}

// readTree returns every file under dir, keyed by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return out
}

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// firstDiff returns the first differing line of two texts, for messages.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return "line " + strconv.Itoa(i+1) + ":\n  got:  " + gl + "\n  want: " + wl
		}
	}
	return "(no line differs)"
}

// TestGolden builds the fixture site and compares every file with
// testdata/site.golden. Run "go test ./internal/build -update" to rewrite
// the goldens after an intended change, and review the diff.
func TestGolden(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	_, diags, err := Run(context.Background(), fixtureOptions(dest))
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("fixture has errors:\n%s", diags.Error())
	}
	got := readTree(t, dest)
	compareGolden(t, got, filepath.Join(repoRoot, "testdata", "site.golden"))
}

// compareGolden compares a built tree with the golden folder, file by file,
// or with -update writes the tree as the new goldens.
func compareGolden(t *testing.T, got map[string][]byte, goldenDir string) {
	t.Helper()
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for p, data := range got {
			full := filepath.Join(goldenDir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := readTree(t, goldenDir)
	for _, p := range sortedKeys(want) {
		g, ok := got[p]
		if !ok {
			t.Errorf("%s: missing from the build", p)
			continue
		}
		if !bytes.Equal(g, want[p]) {
			t.Errorf("%s differs from the golden file; %s", p, firstDiff(g, want[p]))
		}
	}
	for _, p := range sortedKeys(got) {
		if _, ok := want[p]; !ok {
			t.Errorf("%s: built but not in the goldens (run with -update if intended)", p)
		}
	}
}

// TestDeterministic builds the fixture twice and compares the outputs byte
// for byte.
func TestDeterministic(t *testing.T) {
	// The shipped briefing, minified as "briefing build" does by default,
	// and the fixture, as the goldens see it.
	sites := []struct {
		name string
		opts func(dest string) Options
	}{
		{"fixture", fixtureOptions},
		{"shipped, with --minify", func(dest string) Options {
			return Options{Source: repoRoot, Destination: dest, Theme: theme(), Minify: true}
		}},
	}
	for _, site := range sites {
		t.Run(site.name, func(t *testing.T) {
			dir := t.TempDir()
			var trees [2]map[string][]byte
			for i := range trees {
				dest := filepath.Join(dir, "out"+strconv.Itoa(i))
				if _, diags, err := Run(context.Background(), site.opts(dest)); err != nil || diags.HasErrors() {
					t.Fatalf("build %d: %v %s", i, err, diags.Error())
				}
				trees[i] = readTree(t, dest)
			}
			if len(trees[0]) != len(trees[1]) {
				t.Fatalf("builds wrote %d and %d files", len(trees[0]), len(trees[1]))
			}
			for p, a := range trees[0] {
				if !bytes.Equal(a, trees[1][p]) {
					t.Errorf("%s differs between two builds; %s", p, firstDiff(a, trees[1][p]))
				}
			}
		})
	}
}

// copyDir copies a site folder so a test can break its copy.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFailedBuildKeepsOutput builds a good site, breaks it, builds again and
// checks that the previous output survives byte for byte with no staging
// folder left behind.
func TestFailedBuildKeepsOutput(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	copyDir(t, filepath.Join(repoRoot, "testdata", "site"), site)
	dest := filepath.Join(dir, "public")
	opts := Options{Source: site, Destination: dest, Theme: theme()}
	if _, diags, err := Run(context.Background(), opts); err != nil || diags.HasErrors() {
		t.Fatalf("first build: %v %s", err, diags.Error())
	}
	before := readTree(t, dest)

	cases := map[string]string{
		"content/followup.md":   "---\ntitle: [unclosed\n---\n",
		"templates/topic.html":  "{{define \"main\"}}{{.Page.NoSuchField}}{{end}}",
		"content/meeting.md":    "---\ntitle: Meeting\nparticipants: [nobody]\n---\n",
		"templates/layout.html": "{{if}}",
	}
	for file, text := range cases {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join(site, filepath.FromSlash(file))
			old, _ := os.ReadFile(path) // missing for templates: the theme's is used
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			defer func() {
				if old == nil {
					os.Remove(path)
				} else {
					os.WriteFile(path, old, 0o644)
				}
			}()
			_, diags, err := Run(context.Background(), opts)
			if err == nil && !diags.HasErrors() {
				t.Fatal("broken site built without errors")
			}
			after := readTree(t, dest)
			if len(after) != len(before) {
				t.Fatalf("output has %d files after the failed build, %d before", len(after), len(before))
			}
			for p, data := range before {
				if !bytes.Equal(after[p], data) {
					t.Errorf("%s changed after a failed build", p)
				}
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != "site" && e.Name() != "public" {
					t.Errorf("stray entry %q beside the output", e.Name())
				}
			}
		})
	}
}

// TestDestinationGuards refuses destinations that would replace the site.
func TestDestinationGuards(t *testing.T) {
	site := filepath.Join(repoRoot, "testdata", "site")
	for _, dest := range []string{site, filepath.Join(site, "content"), filepath.Join(site, "content", "x"), filepath.Dir(site)} {
		_, _, err := Render(context.Background(), Options{Source: site, Destination: dest, Theme: theme()})
		if err == nil {
			t.Errorf("Render with destination %s: no error; want a refusal", dest)
		}
	}
}

// TestBaseURLPrecedence checks that Options.BaseURL overrides the config.
func TestBaseURLPrecedence(t *testing.T) {
	opts := fixtureOptions("")
	opts.BaseURL = "https://other.example/sub/path"
	res, diags, err := Render(context.Background(), opts)
	if err != nil || diags.HasErrors() {
		t.Fatalf("%v %s", err, diags.Error())
	}
	for _, f := range res.Files {
		if f.Path == "meeting/index.html" {
			if !bytes.Contains(f.Data, []byte(`href="/sub/path/people/ana-north/"`)) {
				t.Errorf("meeting page does not link under the --base-url sub-path")
			}
			if !bytes.Contains(f.Data, []byte(`<link rel="canonical" href="https://other.example/sub/path/meeting/">`)) {
				t.Errorf("canonical URL does not use --base-url")
			}
			return
		}
	}
	t.Fatal("meeting/index.html not built")
}

// TestDrafts leaves drafts out unless asked.
func TestDrafts(t *testing.T) {
	for _, drafts := range []bool{false, true} {
		opts := fixtureOptions("")
		opts.Drafts = drafts
		res, _, err := Render(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range res.Files {
			found = found || f.Path == "draft/index.html"
		}
		if found != drafts {
			t.Errorf("Drafts=%v: draft page built = %v", drafts, found)
		}
	}
}
