package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/diag"
)

// TestPeopleSectionRenamed: renaming people_section in briefing.yaml
// without the folder (or the folder without the key) gives one error at
// the key that says so, not one per person.
func TestPeopleSectionRenamed(t *testing.T) {
	tests := []struct {
		name   string
		config string            // briefing.yaml
		move   map[string]string // renames under content/
		want   []string
	}{
		{"key renamed, folder not",
			"title: \"Bad input\"\npeople_section: people\nsides:\n  - id: us\n    label: United States\n", nil,
			[]string{`briefing.yaml:2:1: people_section is "people", but content/ has no folder "people": the person pages are in content/participants/; rename that folder to content/people/, or set "people_section: participants"`}},
		{"folder renamed, no key",
			"title: \"Bad input\"\nsides:\n  - id: us\n    label: United States\n", map[string]string{"participants": "people"},
			[]string{`briefing.yaml: people_section is not set, so person pages belong in content/participants/, but they are in content/people/; add "people_section: people" to briefing.yaml, or rename the folder to content/participants/`,
				// The folder's move broke this link; the one error above fixes both.
				`content/talks.md:17:1: link to missing page "participants/jane-doe.md"`}},
		{"folder renamed, key kept",
			"title: \"Bad input\"\npeople_section: participants\nsides:\n  - id: us\n    label: United States\n", map[string]string{"participants": "team"},
			[]string{`briefing.yaml:2:1: people_section is "participants", but content/ has no folder "participants": the person pages are in content/team/; rename that folder to content/participants/, or set "people_section: team"`,
				`content/talks.md:17:1: link to missing page "participants/jane-doe.md"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, filepath.Join(repoRoot, "testdata", "bad", "_base"), dir)
			os.WriteFile(filepath.Join(dir, "briefing.yaml"), []byte(tc.config), 0o644)
			for from, to := range tc.move {
				if err := os.Rename(filepath.Join(dir, "content", from), filepath.Join(dir, "content", to)); err != nil {
					t.Fatal(err)
				}
			}
			// A second person, so that a per-person error would show twice.
			person := "---\nname: \"John Roe\"\nrole: \"Envoy\"\nside: us\nat_table:\n  present: no\n---\n\nJohn Roe.\n"
			folder := "participants"
			if to, ok := tc.move["participants"]; ok {
				folder = to
			}
			os.WriteFile(filepath.Join(dir, "content", folder, "john-roe.md"), []byte(person), 0o644)

			// In memory, and as the build command runs, which lets go of
			// each file's text once it is parsed unless parse may run
			// again from the moved folder.
			_, inMemory, err := Render(context.Background(), Options{Source: dir, Theme: theme()})
			if err != nil {
				t.Fatal(err)
			}
			_, built, err := Run(context.Background(), Options{Source: dir, Destination: filepath.Join(t.TempDir(), "public"), Theme: theme()})
			if err != nil {
				t.Fatal(err)
			}
			for name, l := range map[string]diag.List{"Render": inMemory, "Run": built} {
				var got []string
				for _, d := range l {
					if d.Severity == 0 { // errors only
						got = append(got, d.String())
					}
				}
				if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
					t.Errorf("%s: errors:\n%s\nwant:\n%s", name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
				}
			}
		})
	}

	// A topic page with a person's key is that page's own mistake.
	dir := t.TempDir()
	copyDir(t, filepath.Join(repoRoot, "testdata", "bad", "_base"), dir)
	os.WriteFile(filepath.Join(dir, "content", "notes.md"), []byte("---\ntitle: Notes\nrole: \"Envoy\"\n---\n"), 0o644)
	_, l, _ := Render(context.Background(), Options{Source: dir, Theme: theme()})
	if want := `content/notes.md:3:1: "role" belongs on person pages (content/<people section>/<id>.md) only; remove it here`; !strings.Contains(l.Error(), want) {
		t.Errorf("topic with a role: got\n%v\nwant %s", l, want)
	}
}
