package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/write"
)

// TestProseArticle screens the machine-translated article the shipped
// briefing is based on (a copy of ../shared/seed/riyadh-talks-article.txt)
// against the shipped site's people. It must flag exactly the garbled
// person names that docs CONTENT-NOTES.md lists, and nothing spelled right.
func TestProseArticle(t *testing.T) {
	const name = "testdata/prose/riyadh-article.txt"
	data, err := os.ReadFile(filepath.Join("../..", name))
	if err != nil {
		t.Fatal(err)
	}
	l, err := Prose(context.Background(), Options{Source: "../..", Theme: badTheme()}, []ProseFile{{Name: name, Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		name + `:13:1: warning: "Kiril Dmitriev" looks like "Kirill Dmitriev" (kirill-dmitriev)`,
		name + `:14:86: warning: "Sam Green" looks like "Sam Greene" (sam-greene)`,
		name + `:16:21: warning: "Voldymir Zelensky" looks like "Volodymyr Zelensky" (volodymyr-zelensky)`,
		name + `:29:279: warning: "Mark Vogel" looks like "Marc Fogel" (marc-fogel)`,
		name + `:43:1: warning: "Green" looks like "Greene" (sam-greene)`,
		name + `:51:303: warning: "Green" looks like "Greene" (sam-greene)`,
	}
	if got := strings.TrimSpace(diagLines(l)); got != strings.Join(want, "\n") {
		t.Errorf("Prose(%s) =\n%s\nwant\n%s", name, got, strings.Join(want, "\n"))
	}
}

// TestProseNeedsPeople reports a site without person pages instead of
// passing every text.
func TestProseNeedsPeople(t *testing.T) {
	site := t.TempDir()
	writeBad(t, site, "briefing.yaml", []byte("title: \"No people\"\n"))
	writeBad(t, site, "content/_index.md", []byte("---\ntitle: \"Home\"\n---\n"))
	l, err := Prose(context.Background(), Options{Source: site, Theme: badTheme()}, []ProseFile{{Name: "a.txt", Data: []byte("Sam Green")}})
	if err != nil {
		t.Fatal(err)
	}
	if want := "content: the site has no person pages, so there are no names to check against; add pages under content/participants/\n"; diagLines(l) != want {
		t.Errorf("Prose = %q; want %q", diagLines(l), want)
	}
}

// TestCheckShippedSite checks the briefing shipped in this repository: it
// may have editorial warnings, but no errors, and it writes nothing.
func TestCheckShippedSite(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	l, err := Check(context.Background(), Options{Source: "../..", Destination: dest, Theme: badTheme()}, false)
	if err != nil {
		t.Fatal(err)
	}
	if l.HasErrors() {
		t.Errorf("the shipped briefing has errors:\n%s", diagLines(l))
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("check wrote %s", dest)
	}
}

// TestCheckStrict raises warnings to errors under strict, and leaves them
// alone otherwise.
func TestCheckStrict(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	copyBad(t, filepath.Join(badDir, "_base"), site)
	copyBad(t, filepath.Join(badDir, "editorial"), site)
	opts := Options{Source: site, Theme: badTheme()}
	for _, strict := range []bool{false, true} {
		l, err := Check(context.Background(), opts, strict)
		if err != nil {
			t.Fatal(err)
		}
		errs, warns := l.Count()
		if strict && warns != 0 {
			t.Errorf("Check(strict) left %d warnings", warns)
		}
		if !strict && warns == 0 {
			t.Errorf("Check found no warnings in the editorial case")
		}
		if errs == 0 {
			t.Errorf("Check(strict=%v) found no errors in the editorial case", strict)
		}
	}
}

// TestCheckRules gives every finding a rule, and only the documented ones.
func TestCheckRules(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	copyBad(t, filepath.Join(badDir, "_base"), site)
	copyBad(t, filepath.Join(badDir, "editorial"), site)
	l, err := Check(context.Background(), Options{Source: site, Theme: badTheme()}, false)
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, r := range check.BuildRules {
		known[r] = true
	}
	for _, r := range check.Rules {
		known[r] = true
	}
	seen := map[string]bool{}
	for _, d := range l {
		if !known[d.Rule] {
			t.Errorf("unknown rule %q on %s", d.Rule, d)
		}
		seen[d.Rule] = true
	}
	for _, r := range check.Rules {
		if !seen[r] {
			t.Errorf("the editorial case raises no %q finding", r)
		}
	}
}

// TestCheckLargePage checks a site whose topic, and so the brief, render
// past the size at which check reads a page as it is written instead of
// holding it: a broken fragment at the end of the page is still found,
// where it was written, and the links before it are not reported.
func TestCheckLargePage(t *testing.T) {
	var body strings.Builder
	body.WriteString("---\ntitle: \"Talks\"\nsummary: \"What was agreed.\"\n---\n")
	lines := 4
	for body.Len() < 3<<20 {
		body.WriteString("## Part\n\nThe teams met in [Riyadh](#part) with [Jane Doe](participants/jane-doe.md).\n\n")
		lines += 4
	}
	body.WriteString("See [the end](#no-such-part).\n")
	links := talksLinkFindings(t, body.String())
	want := fmt.Sprintf("content/talks.md:%d:5: link \"#no-such-part\" leads to #no-such-part, but /talks/ has no heading or anchor with that id", lines+1)
	if len(links) != 1 || links[0] != want {
		t.Errorf("link findings:\n%s\nwant %s", strings.Join(links, "\n"), want)
	}
}

// TestCheckManyBrokenLinks checks a page of 20,000 links to missing
// anchors: each is reported where it was written. Each was once sought
// through every link of its page, which took minutes.
func TestCheckManyBrokenLinks(t *testing.T) {
	const n = 20000
	var body strings.Builder
	body.WriteString("---\ntitle: \"Talks\"\nsummary: \"What was agreed.\"\n---\n")
	for i := range n {
		fmt.Fprintf(&body, "See [Jane Doe](participants/jane-doe.md) and [part %d](#part-%d).\n\n", i, i)
	}
	links := talksLinkFindings(t, body.String())
	if len(links) != n {
		t.Fatalf("%d link findings; want %d", len(links), n)
	}
	for _, i := range []int{0, n - 1} {
		want := fmt.Sprintf(`content/talks.md:%d:46: link "#part-%d" leads to #part-%d, but /talks/ has no heading or anchor with that id`, 5+2*i, i, i)
		if !slices.Contains(links, want) {
			t.Errorf("no finding %s", want)
		}
	}
}

// talksLinkFindings checks the small bad-input base site with talks as its
// content/talks.md and returns the findings of the link rule.
func talksLinkFindings(t *testing.T, talks string) []string {
	t.Helper()
	site := filepath.Join(t.TempDir(), "site")
	copyBad(t, filepath.Join(badDir, "_base"), site)
	writeBad(t, site, "content/talks.md", []byte(talks))
	l, err := Check(context.Background(), Options{Source: site, Theme: badTheme()}, false)
	if err != nil {
		t.Fatal(err)
	}
	var links []string
	for _, d := range l {
		if d.Rule == check.RuleLink {
			links = append(links, d.String())
		}
	}
	return links
}

// TestCheckKeepsBodies runs check with the bodies kept in a scratch file
// in the site folder, then as where the folder cannot hold one, in memory:
// the findings are the same, those that only the rendered bodies give
// among them, and the site folder is left as it was.
func TestCheckKeepsBodies(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	copyBad(t, filepath.Join(badDir, "_base"), site)
	copyBad(t, filepath.Join(badDir, "editorial"), site)
	before := readTree(t, site)
	opts := Options{Source: site, Theme: badTheme()}
	made := 0
	defer func(orig func(string) (*write.Scratch, error)) { unnamedScratch = orig }(unnamedScratch)
	unnamedScratch = func(dir string) (*write.Scratch, error) {
		if dir != site {
			t.Errorf("scratch file made in %s; want the site folder %s", dir, site)
		}
		made++
		return write.Unnamed(dir)
	}
	scratch, err := Check(context.Background(), opts, false)
	if err != nil {
		t.Fatal(err)
	}
	if made != 1 {
		t.Fatalf("check made %d scratch files; want 1", made)
	}
	unnamedScratch = func(string) (*write.Scratch, error) { return nil, errors.New("read-only") }
	memory, err := Check(context.Background(), opts, false)
	if err != nil {
		t.Fatal(err)
	}
	if diagLines(scratch) != diagLines(memory) {
		t.Errorf("findings with the bodies in a scratch file:\n%s\nin memory:\n%s", diagLines(scratch), diagLines(memory))
	}
	if want := `link "#missing" leads to #missing`; !strings.Contains(diagLines(scratch), want) {
		t.Errorf("findings lack %q:\n%s", want, diagLines(scratch))
	}
	if after := readTree(t, site); !sameTree(before, after) {
		t.Errorf("check changed the site folder: %d files before, %d after", len(before), len(after))
	}
}
