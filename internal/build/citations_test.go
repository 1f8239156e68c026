package build

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// builtSite renders the site at src with the built-in theme and returns
// its files by path.
func builtSite(t *testing.T, src string) map[string][]byte {
	t.Helper()
	res, diags, err := Render(context.Background(), Options{Source: src, Theme: theme()})
	if err != nil {
		t.Fatal(err)
	}
	if diags.HasErrors() {
		t.Fatalf("site has errors:\n%s", diags.Error())
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	return files
}

// apiDoc is what these tests read of /api/briefing.json.
type apiDoc struct {
	Sources []struct{ ID, Title string }
	Quotes  []struct{ Source string }
	Events  []struct{ Source string }
	Figures []struct{ Source string }
}

func readAPI(t *testing.T, files map[string][]byte) apiDoc {
	t.Helper()
	var d apiDoc
	if err := json.Unmarshal(files["api/briefing.json"], &d); err != nil {
		t.Fatalf("api/briefing.json: %v", err)
	}
	return d
}

// readableText returns what a reader meets on a page: its text nodes and
// the attributes read aloud or shown as tooltips, each decoded once;
// scripts and styles are left out.
func readableText(page []byte) []string {
	var out []string
	lx := htmllex.NewLexer(parse.NewInput(bytes.NewReader(page)))
	skip := false
	for {
		tt, data := lx.Next()
		switch tt {
		case htmllex.ErrorToken:
			if lx.Err() != io.EOF {
				out = append(out, "lexer error: "+lx.Err().Error())
			}
			return out
		case htmllex.StartTagToken:
			name := strings.ToLower(string(lx.Text()))
			skip = name == "script" || name == "style"
		case htmllex.EndTagToken:
			skip = false
		case htmllex.AttributeToken:
			if readableAttrs[strings.ToLower(string(lx.Text()))] {
				out = append(out, decodeOnce(strings.Trim(string(lx.AttrVal()), `"'`)))
			}
		case htmllex.TextToken:
			if !skip {
				out = append(out, decodeOnce(string(data)))
			}
		}
	}
}

func decodeOnce(s string) string { return html.UnescapeString(s) }

// countTitles counts how often each title appears in texts. Longer titles
// are matched first and taken out, so "A wire report" is not counted
// inside "A wire report, machine-translated".
func countTitles(texts []string, titles []string) map[string]int {
	byLength := append([]string(nil), titles...)
	sort.Slice(byLength, func(i, j int) bool { return len(byLength[i]) > len(byLength[j]) })
	n := map[string]int{}
	for _, text := range texts {
		for _, title := range byLength {
			if title == "" {
				continue
			}
			n[title] += strings.Count(text, title)
			text = strings.ReplaceAll(text, title, "\x00")
		}
	}
	return n
}

// TestNoRepeatedSourceTitle builds the fixture and the shipped briefing
// and fails when a page names a source's title more than once: a page
// cites its sources by number and names each once, in its source list.
func TestNoRepeatedSourceTitle(t *testing.T) {
	for name, src := range map[string]string{"fixture": filepath.Join(repoRoot, "testdata", "site"),
		"arabic": filepath.Join(repoRoot, "testdata", "site-ar"), "shipped": repoRoot} {
		t.Run(name, func(t *testing.T) {
			files := builtSite(t, src)
			var titles []string
			for _, s := range readAPI(t, files).Sources {
				titles = append(titles, s.Title)
			}
			if len(titles) == 0 {
				t.Fatal("the site declares no sources")
			}
			cited := 0
			for path, data := range files {
				if !strings.HasSuffix(path, ".html") {
					continue
				}
				if bytes.Contains(data, []byte(`<sup class="cite">`)) {
					cited++
				}
				for title, n := range countTitles(readableText(data), titles) {
					if n > 1 {
						t.Errorf("%s names the source %q %d times; want it once, in the page's source list", path, title, n)
					}
				}
			}
			if cited < 3 {
				t.Errorf("%d pages have numbered citations; want the topic pages, the home page, the brief...", cited)
			}
		})
	}
}

func TestCountTitles(t *testing.T) {
	got := countTitles([]string{"Source: A wire report", "A wire report, machine-translated", "A wire report"},
		[]string{"A wire report", "A wire report, machine-translated"})
	if got["A wire report"] != 2 || got["A wire report, machine-translated"] != 1 {
		t.Errorf("countTitles = %v; want 2 and 1", got)
	}
}

var (
	sourceItem  = regexp.MustCompile(`(?s)<li id="source-([a-z0-9-]+)">(.*?)</li></ul>`)
	supportLink = regexp.MustCompile(`<li><span class="support-kind">[^<]*</span> <a href="/([^"#]*)#([^"]+)">`)
)

// TestSourcesPageListsSupport builds the fixture and checks that /sources/
// lists under each source as many quotes, figures and events as cite it,
// each a link to a page that shows the claim under that anchor.
func TestSourcesPageListsSupport(t *testing.T) {
	files := builtSite(t, filepath.Join(repoRoot, "testdata", "site"))
	api := readAPI(t, files)
	want := map[string]int{}
	for _, q := range api.Quotes {
		want[q.Source]++
	}
	for _, e := range api.Events {
		want[e.Source]++
	}
	for _, f := range api.Figures {
		want[f.Source]++
	}
	page := string(files["sources/index.html"])
	got := map[string]int{}
	for _, m := range sourceItem.FindAllStringSubmatch(page, -1) {
		for _, l := range supportLink.FindAllStringSubmatch(m[2], -1) {
			got[m[1]]++
			// The fixture is built under a sub-path: drop it.
			target := l[1]
			for files[target+"index.html"] == nil && strings.Contains(target, "/") {
				_, target, _ = strings.Cut(target, "/")
			}
			if !bytes.Contains(files[target+"index.html"], []byte(`id="`+l[2]+`"`)) {
				t.Errorf("/sources/ links %s#%s for source %q; that page has no such id", l[1], l[2], m[1])
			}
		}
	}
	for _, s := range api.Sources {
		if got[s.ID] != want[s.ID] {
			t.Errorf("/sources/ lists %d claims under %q; want %d (the quotes, figures and events that cite it)", got[s.ID], s.ID, want[s.ID])
		}
	}
	if len(want) == 0 {
		t.Fatal("the fixture cites no source")
	}
}

// TestBriefSections builds the fixture and checks that /brief/ has every
// section, in the order the contents at its top lists them.
func TestBriefSections(t *testing.T) {
	files := builtSite(t, filepath.Join(repoRoot, "testdata", "site"))
	page := string(files["brief/index.html"])
	sections := []string{"glance-title", "across-title", "brief-takeaways", "brief-topics-title", "brief-quotes",
		"brief-open", "brief-timeline", "brief-figures", "sources-cited-title", "brief-changes"}
	nav := page[strings.Index(page, `<nav class="brief-contents"`):]
	nav = nav[:strings.Index(nav, "</nav>")]
	last, lastNav := -1, -1
	for _, id := range sections {
		at := strings.Index(page, ` id="`+id+`"`)
		if at < 0 {
			t.Errorf("/brief/ has no section %q", id)
			continue
		}
		if at < last {
			t.Errorf("/brief/: section %q comes before the one listed before it", id)
		}
		last = at
		link := strings.Index(nav, `href="#`+id+`"`)
		if link < 0 {
			t.Errorf("/brief/'s contents have no link to %q", id)
			continue
		}
		if link < lastNav {
			t.Errorf("/brief/'s contents list %q before the section before it", id)
		}
		lastNav = link
	}
	if strings.Count(page, `class="sources numbered"`) != 1 {
		t.Errorf("/brief/ has %d numbered source lists; want 1", strings.Count(page, `class="sources numbered"`))
	}
}
