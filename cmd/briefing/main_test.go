package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes the command tree with args and returns the exit code and
// output, as main would.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	root := newRootCmd(&stdout, &stderr, func(k string) string { return env[k] })
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	f, _ := os.CreateTemp(t.TempDir(), "stderr")
	code := exitCode(err, f)
	f.Close()
	extra, _ := os.ReadFile(f.Name())
	return code, stdout.String(), stderr.String() + string(extra)
}

func TestExitCodes(t *testing.T) {
	fixture := filepath.Join("..", "..", "testdata", "site")
	bad := t.TempDir()
	os.MkdirAll(filepath.Join(bad, "content"), 0o755)
	os.WriteFile(filepath.Join(bad, "briefing.yaml"), []byte("title: Bad\n"), 0o644)
	os.WriteFile(filepath.Join(bad, "content", "_index.md"), []byte("---\ntitle: [x\n---\n"), 0o644)

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // substring of stdout
		wantErr  string // substring of stderr
	}{
		{"build ok", []string{"build", "-s", fixture, "-d", filepath.Join(t.TempDir(), "out")}, 0, "built 13 pages", ""},
		{"content error", []string{"build", "-s", bad, "-d", filepath.Join(t.TempDir(), "out")}, 1, "", "content/_index.md:2: invalid YAML"},
		{"no briefing.yaml", []string{"build", "-s", t.TempDir(), "-d", filepath.Join(t.TempDir(), "out")}, 1, "", "briefing.yaml: no briefing.yaml in the site folder: run \"briefing init\" to start a site, or pass --source with the site's folder\n1 error, 0 warnings\n"},
		{"unknown flag", []string{"build", "--nope"}, 2, "", "unknown flag: --nope"},
		{"extra argument", []string{"build", "extra"}, 2, "", `unexpected argument "extra"`},
		{"unknown command", []string{"biuld"}, 2, "", "unknown command"},
		{"bad base url", []string{"build", "-s", fixture, "-d", filepath.Join(t.TempDir(), "out"), "--base-url", "example.org"}, 1, "", "--base-url: base URL"},
		{"version", []string{"version"}, 0, "briefing ", ""},
		{"help", []string{"--help"}, 0, "briefing turns a folder", ""},
		{"quiet", []string{"build", "-q", "-s", fixture, "-d", filepath.Join(t.TempDir(), "out")}, 0, "", ""},
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
			if tc.name == "no briefing.yaml" && errOut != tc.wantErr {
				t.Errorf("stderr = %q; want exactly %q (one problem, reported once)", errOut, tc.wantErr)
			}
			if tc.name == "quiet" && out != "" {
				t.Errorf("--quiet printed %q", out)
			}
		})
	}
}

func TestBaseURLFromEnvironment(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "out")
	fixture := filepath.Join("..", "..", "testdata", "site")
	code, _, errOut := run(t, map[string]string{"BRIEFING_BASE_URL": "https://env.example/x/"}, "build", "-q", "-s", fixture, "-d", dest)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	if !bytes.Contains(page, []byte(`href="https://env.example/x/"`)) {
		t.Errorf("BRIEFING_BASE_URL not used for the canonical URL")
	}
	code, _, _ = run(t, map[string]string{"BRIEFING_BASE_URL": "https://env.example/x/"}, "build", "-q", "-s", fixture, "-d", dest, "--base-url", "https://flag.example/")
	page, _ = os.ReadFile(filepath.Join(dest, "index.html"))
	if code != 0 || !bytes.Contains(page, []byte(`href="https://flag.example/"`)) {
		t.Errorf("--base-url does not override BRIEFING_BASE_URL")
	}
}
