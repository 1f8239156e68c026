package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badSite assembles a site from testdata/bad: the base site with the named
// cases copied over it.
func badSite(t *testing.T, cases ...string) string {
	t.Helper()
	dst := t.TempDir()
	for _, c := range append([]string{"_base"}, cases...) {
		src := filepath.Join("..", "..", "testdata", "bad", c)
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
	return dst
}

func TestCheckCommand(t *testing.T) {
	clean := badSite(t)
	warnings := badSite(t, "crlf")       // one names warning
	errors := badSite(t, "editorial")    // broken links and warnings
	broken := badSite(t, "unknown-refs") // build errors
	article := filepath.Join("..", "..", "testdata", "prose", "riyadh-article.txt")
	shipped := filepath.Join("..", "..")

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // substring of stdout
		wantErr  string // substring of stderr
	}{
		{"clean", []string{"check", "-s", clean}, 0, "no problems found", ""},
		{"warnings pass", []string{"check", "-s", warnings}, 0, `content/crlf.md:8:6: warning: "Jayne Doe" looks like "Jane Doe" (jane-doe)`, ""},
		{"warnings fail strict", []string{"check", "-s", warnings, "--strict"}, 1, `content/crlf.md:8:6: "Jayne Doe" looks like`, ""},
		{"editorial errors", []string{"check", "-s", errors}, 1, `content/opinion.md:15:19: link "talks.md#nowhere" leads to #nowhere, but /talks/ has no heading or anchor with that id`, ""},
		{"build errors", []string{"check", "-s", broken}, 1, `content/refs.md:4:16: unknown person "jane-do"; did you mean "jane-doe"?`, ""},
		{"prose", []string{"check", "-s", shipped, "--prose", article}, 0, `"Voldymir Zelensky" looks like "Volodymyr Zelensky" (volodymyr-zelensky)`, ""},
		{"prose strict", []string{"check", "-s", shipped, "--strict", "--prose", article}, 1, "6 errors, 0 warnings", ""},
		{"prose missing file", []string{"check", "-s", shipped, "--prose", "no-such-file.txt"}, 1, "", "no-such-file.txt"},
		{"prose without files", []string{"check", "--prose"}, 2, "", "--prose needs at least one file"},
		{"argument without prose", []string{"check", "article.txt"}, 2, "", "to screen a file, use --prose"},
		{"bad format", []string{"check", "--format", "xml"}, 2, "", "--format must be text, json or github, not \"xml\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := run(t, nil, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit code = %d; want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out, errOut)
			}
			if !strings.Contains(out, tc.wantOut) {
				t.Errorf("stdout %q lacks %q", out, tc.wantOut)
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tc.wantErr)
			}
		})
	}
	for _, dir := range []string{clean, warnings, errors, broken} {
		if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
			t.Errorf("check wrote %s/public", dir)
		}
	}
}

// TestCheckJSON prints one JSON object per finding, one per line, with
// every field named in docs/check.md.
func TestCheckJSON(t *testing.T) {
	site := badSite(t, "editorial")
	code, out, _ := run(t, nil, "check", "-s", site, "--format", "json")
	if code != 1 {
		t.Errorf("exit code = %d; want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 5 {
		t.Fatalf("got %d lines of JSON; want one per finding:\n%s", len(lines), out)
	}
	for _, line := range lines {
		var f map[string]any
		if err := json.Unmarshal([]byte(line), &f); err != nil {
			t.Fatalf("line %q is not a JSON object: %v", line, err)
		}
		for _, k := range []string{"file", "severity", "rule", "message"} {
			if s, _ := f[k].(string); s == "" {
				t.Errorf("finding %s has no %q", line, k)
			}
		}
	}
	want := `{"file":"content/opinion.md","line":15,"column":1,"severity":"warning","rule":"names","message":"\"Jane Dow\" looks like \"Jane Doe\" (jane-doe)"}`
	if !strings.Contains(out, want+"\n") {
		t.Errorf("output lacks the line\n%s\ngot\n%s", want, out)
	}
}
