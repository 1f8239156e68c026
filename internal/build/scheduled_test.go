package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestScheduledEvent: an event marked scheduled: true may lie after its
// page without a future-date warning and shows as scheduled; one that is
// not marked still warns.
func TestScheduledEvent(t *testing.T) {
	dir := t.TempDir()
	copyDir(t, filepath.Join(repoRoot, "testdata", "bad", "_base"), dir)
	talks := filepath.Join(dir, "content", "talks.md")
	data, err := os.ReadFile(talks)
	if err != nil {
		t.Fatal(err)
	}
	events := "events:\n  - date: 2025-02-18\n    title: \"The talks\"\n    source: article\n" +
		"  - date: 2025-03-10\n    title: \"The vote\"\n    source: article\n    scheduled: true\n" +
		"  - date: 2025-03-12\n    title: \"The second round\"\n    source: article\n"
	s := strings.Replace(string(data), "events:\n  - date: 2025-02-18\n    title: \"The talks\"\n    source: article\n", events, 1)
	if s == string(data) {
		t.Fatal("the base site's talks.md changed; update this test")
	}
	os.WriteFile(talks, []byte(s), 0o644)

	l, err := Check(context.Background(), Options{Source: dir, Theme: theme()}, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range l {
		if d.Rule == "future-date" {
			got = append(got, d.String())
		}
	}
	want := "content/talks.md:17:5: warning: events[3] is dated 2025-03-12, after the page itself (2025-02-19); check the date"
	if strings.Join(got, "\n") != want {
		t.Errorf("future-date findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}

	res, l, err := Render(context.Background(), Options{Source: dir, Theme: theme()})
	if err != nil || l.HasErrors() {
		t.Fatalf("build: %v %v", err, l)
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	for path, want := range map[string]string{
		"talks/index.html":    `<time datetime="2025-03-10">10 March 2025, scheduled</time>`,
		"timeline/index.html": `<time datetime="2025-03-10">10 March, scheduled</time>`, // the year heads the list
		"api/briefing.json":   `"title":"The vote","source":"article","status":"reported","scheduled":true`,
	} {
		if !strings.Contains(files[path], want) {
			i := strings.Index(files[path], "The vote")
			t.Errorf("%s lacks %s; near the event it has:\n%s", path, want, files[path][max(0, i-300):min(len(files[path]), i+100)])
		}
	}
	if strings.Contains(files["talks/index.html"], "12 March 2025, scheduled") {
		t.Errorf("an event not marked scheduled shows as scheduled")
	}
}
