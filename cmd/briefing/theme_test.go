package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	briefing "github.com/briefing-dev/briefing"
)

func TestThemeList(t *testing.T) {
	code, out, errOut := run(t, nil, "theme", "list")
	if code != 0 {
		t.Fatalf("theme list: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, want := range []string{"templates/layout.html", "templates/partials/footer.html", "static/css/site.css"} {
		found := false
		for _, ln := range lines {
			found = found || ln == want
		}
		if !found {
			t.Errorf("theme list lacks %s:\n%s", want, out)
		}
	}
	for _, ln := range lines {
		if _, err := briefing.Theme.Open(ln); err != nil {
			t.Errorf("theme list names %q, which the theme does not hold", ln)
		}
	}
	if code, _, errOut := run(t, nil, "theme", "list", "x"); code != 2 || !strings.Contains(errOut, `unexpected argument "x" for "briefing theme list"`) {
		t.Errorf("theme list x: exit %d, %q", code, errOut)
	}
}

func TestThemeEject(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := run(t, nil, "init", dir); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	footer := filepath.Join(dir, "templates", "partials", "footer.html")
	css := filepath.Join(dir, "static", "css", "site.css")

	code, out, errOut := run(t, nil, "theme", "eject", "-s", dir, "templates/partials/footer.html", "static/css/site.css")
	if code != 0 {
		t.Fatalf("eject: exit %d: %s", code, errOut)
	}
	want := "wrote " + footer + "; it now replaces the built-in templates/partials/footer.html (delete it to go back)\n" +
		"wrote " + css + "; it now replaces the built-in static/css/site.css (delete it to go back)\n"
	if out != want {
		t.Errorf("eject printed\n%s\nwant\n%s", out, want)
	}
	builtin, _ := briefing.Theme.ReadFile("templates/partials/footer.html")
	if data, _ := os.ReadFile(footer); string(data) != string(builtin) {
		t.Errorf("ejected footer differs from the built-in one")
	}

	// The ejected copy is what the site uses.
	os.WriteFile(footer, []byte(`<footer class="site-footer"><p>Our own footer</p></footer>`), 0o644)
	outDir := filepath.Join(t.TempDir(), "public")
	if code, _, errOut := run(t, nil, "build", "-q", "-s", dir, "-d", outDir, "--minify=false"); code != 0 {
		t.Fatalf("build with an ejected footer: %s", errOut)
	}
	if home, _ := os.ReadFile(filepath.Join(outDir, "index.html")); !strings.Contains(string(home), "<p>Our own footer</p>") {
		t.Errorf("the site's footer.html did not replace the built-in one")
	}

	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"no file", []string{"theme", "eject", "-s", dir}, 2,
			`briefing: theme eject needs at least one file; "briefing theme list" lists them`},
		{"refuses to overwrite", []string{"theme", "eject", "-s", dir, "static/css/site.css"}, 1,
			"briefing: " + css + " already exists and overrides the built-in file; use --force to replace it with the built-in one (nothing was written)"},
		{"unknown file with a hint", []string{"theme", "eject", "-s", dir, "partials/footer.html"}, 2,
			`briefing: "partials/footer.html" is not a file of the built-in theme; did you mean "templates/partials/footer.html"? ("briefing theme list" lists them)`},
		{"a bare partial name", []string{"theme", "eject", "-s", dir, "header.html"}, 2,
			`briefing: "header.html" is not a file of the built-in theme; did you mean "templates/partials/header.html"?`},
		{"a static file without its folder", []string{"theme", "eject", "-s", dir, "css/site.css"}, 2,
			`did you mean "static/css/site.css"?`},
		{"no site", []string{"theme", "eject", "-s", t.TempDir(), "static/css/site.css"}, 1,
			"eject copies into a site folder; pass --source with the site's folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, nil, tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("%v: exit %d, %q; want %d and %q", tc.args, code, errOut, tc.code, tc.wantErr)
			}
		})
	}
	// list marks what the site overrides.
	code, out, _ = run(t, nil, "theme", "list", "-s", dir)
	if code != 0 || !strings.Contains(out, "\nstatic/css/site.css (overridden by the site's copy)\n") || !strings.Contains(out, "\ntemplates/layout.html\n") {
		t.Errorf("theme list -s: exit %d\n%s", code, out)
	}

	// A refused eject of two files writes neither.
	os.Remove(footer)
	if code, _, _ := run(t, nil, "theme", "eject", "-s", dir, "templates/partials/footer.html", "static/css/site.css"); code != 1 {
		t.Errorf("eject over an existing file: exit %d; want 1", code)
	}
	if _, err := os.Stat(footer); err == nil {
		t.Errorf("a refused eject still wrote the footer")
	}

	// --force replaces the site's copy with the built-in file.
	os.WriteFile(css, []byte("body{}"), 0o644)
	if code, _, errOut := run(t, nil, "theme", "eject", "-s", dir, "--force", "static/css/site.css"); code != 0 {
		t.Fatalf("eject --force: %s", errOut)
	}
	builtinCSS, _ := briefing.Theme.ReadFile("static/css/site.css")
	if data, _ := os.ReadFile(css); string(data) != string(builtinCSS) {
		t.Errorf("eject --force did not restore the built-in site.css")
	}
}
