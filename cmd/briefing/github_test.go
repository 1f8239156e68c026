package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/diag"
)

func TestGitHubWorkflowCommand(t *testing.T) {
	tests := []struct {
		name string
		d    diag.Diagnostic
		dir  string
		want string
	}{
		{"error with position",
			diag.Diagnostic{Pos: diag.Pos{File: "content/talks.md", Line: 14, Col: 9}, Rule: "reference", Msg: `unknown person "sergey-lavrov"; did you mean "sergei-lavrov"?`}, ".",
			`::error file=content/talks.md,line=14,col=9,title=reference::unknown person "sergey-lavrov"; did you mean "sergei-lavrov"?`},
		{"warning in a sub-folder site",
			diag.Diagnostic{Pos: diag.Pos{File: "content/_index.md", Line: 6, Col: 5}, Severity: diag.Warning, Rule: "takeaways", Msg: "the home page has 1 takeaway; a briefing leads with 2 to 5"}, "site",
			`::warning file=site/content/_index.md,line=6,col=5,title=takeaways::the home page has 1 takeaway; a briefing leads with 2 to 5`},
		{"line without column",
			diag.Diagnostic{Pos: diag.Pos{File: "templates/layout.html", Line: 3}, Rule: "template", Msg: "x"}, "",
			`::error file=templates/layout.html,line=3,title=template::x`},
		{"file only, no rule",
			diag.Diagnostic{Pos: diag.Pos{File: "briefing.yaml"}, Msg: "missing"}, "",
			`::error file=briefing.yaml::missing`},
		{"the --base-url flag is no file in the site",
			diag.Diagnostic{Pos: diag.Pos{File: "--base-url"}, Rule: "config", Msg: "bad"}, "site",
			`::error file=--base-url,title=config::bad`},
		{"escaped data and properties",
			diag.Diagnostic{Pos: diag.Pos{File: "content/a,b:c%.md", Line: 1, Col: 1}, Rule: "names", Msg: "100% sure\r\nline two: yes, really"}, "",
			`::error file=content/a%2Cb%3Ac%25.md,line=1,col=1,title=names::100%25 sure%0D%0Aline two: yes, really`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := workflowCommand(tc.d, tc.dir); got != tc.want {
				t.Errorf("workflowCommand(%v, %q) =\n%s\nwant\n%s", tc.d, tc.dir, got, tc.want)
			}
		})
	}
}

func TestCheckFormatGitHub(t *testing.T) {
	site := badSite(t, "editorial")
	code, out, errOut := run(t, nil, "check", "-s", site, "--format", "github")
	if code != 1 {
		t.Fatalf("exit %d; want 1\n%s\n%s", code, out, errOut)
	}
	prefix := filepath.ToSlash(site)
	if filepath.IsAbs(site) {
		prefix = "" // an absolute --source is not joined: GitHub wants paths in the repository
	}
	join := func(f string) string {
		if prefix == "" {
			return f
		}
		return prefix + "/" + f
	}
	for _, want := range []string{
		"::error file=" + join("content/opinion.md") + ",line=15,col=19,title=link::link \"talks.md#nowhere\" leads to #nowhere, but /talks/ has no heading or anchor with that id",
		"::warning file=" + join("content/opinion.md") + ",line=9,col=5,title=future-date::events[2] is dated 2025-03-01, after the page itself (2025-02-19); check the date",
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("check --format github lacks\n%s\nin\n%s", want, out)
		}
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, ln := range lines[:len(lines)-1] {
		if !strings.HasPrefix(ln, "::error ") && !strings.HasPrefix(ln, "::warning ") {
			t.Errorf("line %q is not a workflow command", ln)
		}
	}
	if last := lines[len(lines)-1]; !strings.HasSuffix(last, "warnings") {
		t.Errorf("last line %q; want the count", last)
	}

	if got := annotationDir(site); got != "" {
		t.Errorf("annotationDir(%q) = %q; want \"\" for a folder outside the current one", site, got)
	}
	wd, _ := os.Getwd()
	if got, want := annotationDir(filepath.Join(wd, "site")), "site"; got != want {
		t.Errorf("annotationDir(<cwd>/site) = %q; want %q", got, want)
	}
	if got := annotationDir("sub/site"); got != "sub/site" {
		t.Errorf("annotationDir(%q) = %q; want it as given", "sub/site", got)
	}

	// A relative --source names files from the current folder.
	code, out, _ = run(t, nil, "check", "-s", filepath.Join("..", "..", "testdata", "bad", "_base"), "--format", "github")
	if code != 0 || out != "no problems found\n" {
		t.Errorf("clean site: exit %d, %q", code, out)
	}
}
