package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := run(t, nil, "init", dir); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	steps := []struct {
		args []string
		code int
		want string // in the output
	}{
		{[]string{"new", "person", "john-roe", "--name", `John "Jack" Roe`, "--side", "side-b", "-s", dir}, 0, "created content/participants/john-roe.md"},
		{[]string{"new", "topic", "next-steps", "--title", "Next steps: what's planned", "-s", dir}, 0, "created content/next-steps.md"},
		{[]string{"new", "topic", "кризис", "--title", "Кризис", "-s", dir}, 0, "created content/кризис.md"},
		{[]string{"new", "person", "john-roe", "--name", "Other", "--side", "side-a", "-s", dir}, 1, "already exists"},
		{[]string{"new", "topic", "overview", "--title", "Again", "-s", dir}, 1, "already exists"},
		{[]string{"new", "person", "Jane-Doe", "--name", "X", "--side", "side-a", "-s", dir}, 2, "not a valid id"},
		{[]string{"new", "person", "jane_doe", "--name", "X", "--side", "side-a", "-s", dir}, 2, "not a valid id"},
		{[]string{"new", "topic", "-lead", "--title", "X", "-s", dir}, 2, ""},
		{[]string{"new", "topic", "a--b", "--title", "X", "-s", dir}, 2, "not a valid id"},
		{[]string{"new", "topic", "../escape", "--title", "X", "-s", dir}, 2, "not a valid id"},
		{[]string{"new", "person", "x", "--name", "X", "--side", "nowhere", "-s", dir}, 2, `--side "nowhere" is not a side in briefing.yaml; use one of: side-a, side-b`},
		{[]string{"new", "person", "x", "--side", "side-a", "-s", dir}, 2, "needs --name"},
		{[]string{"new", "person", "ana-analyst", "--name", "Ana Analyst", "-s", dir}, 0, "created content/participants/ana-analyst.md"},
		{[]string{"new", "topic", "x", "-s", dir}, 2, "needs --title"},
		{[]string{"new", "topic", "timeline", "--title", "X", "-s", dir}, 2, "built-in Timeline page"},
		{[]string{"new", "topic", "participants", "--title", "X", "-s", dir}, 2, "section"},
		{[]string{"new", "topic", "a", "b", "--title", "X", "-s", dir}, 2, "exactly one id"},
	}
	for _, st := range steps {
		code, out, errOut := run(t, nil, st.args...)
		if code != st.code || !strings.Contains(out+errOut, st.want) {
			t.Errorf("briefing %s: exit %d, %q; want %d and %q", strings.Join(st.args, " "), code, out+errOut, st.code, st.want)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "content", "participants", "john-roe.md"))
	if !strings.Contains(string(data), `name: "John \"Jack\" Roe"`) || !strings.Contains(string(data), "side: side-b") {
		t.Errorf("the person page's front matter:\n%s", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "escape.md")); err == nil {
		t.Error("new wrote outside content/")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "content", "participants", "ana-analyst.md")); strings.Contains(string(data), "side:") {
		t.Errorf("a person with no --side has a side line:\n%s", data)
	}
	res := buildSite(t, dir)
	if res.Pages["topic"] != 3 || res.Pages["person"] != 3 {
		t.Errorf("after new, the site built %v; want 3 topics and 3 people (one with no side)", res.Pages)
	}

	// Without a briefing.yaml new says so.
	code, _, errOut := run(t, nil, "new", "person", "x", "--name", "X", "--side", "a", "-s", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "briefing.yaml") {
		t.Errorf("new outside a site: exit %d, %q", code, errOut)
	}
}
