package build

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeatPlanIncremental: in the preview server's incremental build, the
// seat plan (home page, brief, who's who) follows an edit of a person's
// at_table, and the scorecard and the topic's outcome follow an edit of
// the outcome, exactly as a full build shows them. They are drawn from
// what the pages read through the SiteView, so nothing else has to know.
func TestSeatPlanIncremental(t *testing.T) {
	dir := t.TempDir()
	copyBad(t, "../../testdata/site", dir)
	opts := Options{Source: dir, Theme: badTheme(), BaseURL: "http://127.0.0.1:1313/"}
	inc := NewIncremental(opts)
	if _, l, err := inc.Build(context.Background(), nil); err != nil || l.HasErrors() {
		t.Fatalf("first build: %v\n%v", err, l)
	}
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s does not contain %q (%v)", rel, old, err)
		}
		if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	boris := "content/people/boris-south.md"
	steps := []struct {
		name, file, old, new string
		// want is in each of pages after the step.
		want  string
		pages []string
	}{
		{"Boris at the table", boris, "present: outside", "present: yes",
			`<a class="seat" href="/people/boris-south/">`, []string{"index.html", "brief/index.html", "people/index.html"}},
		{"Boris not invited", boris, "present: yes", "present: no\n  reason: not-invited",
			`<a class="seat seat-empty" href="/people/boris-south/">`, []string{"index.html", "brief/index.html", "people/index.html"}},
		{"the follow-up agreed", "content/followup.md", "status: to-be-discussed", "status: agreed",
			`<span class="outcome-badge outcome-agreed">`, []string{"followup/index.html"}},
	}
	for _, st := range steps {
		edit(st.file, st.old, st.new)
		up, l, err := inc.Build(context.Background(), []string{st.file})
		if err != nil || l.HasErrors() {
			t.Fatalf("%s: %v\n%v", st.name, err, l)
		}
		full := fullBuild(t, dir, opts)
		for _, p := range []string{"index.html", "brief/index.html", "people/index.html", "followup/index.html"} {
			got := string(up.Files[p])
			if got != string(full[p]) {
				t.Errorf("after %s, the incremental %s differs from the full build", st.name, p)
			}
		}
		for _, p := range st.pages {
			if !strings.Contains(string(up.Files[p]), st.want) {
				t.Errorf("after %s, %s lacks %s", st.name, p, st.want)
			}
		}
	}
	// The home page's scorecard shows both outcomes agreed now.
	if home := string(fullBuild(t, dir, opts)["index.html"]); strings.Count(home, `outcome-badge outcome-agreed`) != 2 {
		t.Errorf("home page: %d agreed outcomes in the scorecard; want 2", strings.Count(home, `outcome-badge outcome-agreed`))
	}
}
