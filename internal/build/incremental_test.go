package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	briefing "github.com/briefing-dev/briefing"
)

// testTheme is a small theme that shows what the built-in one shows (the
// navigation, cross-references, site-wide lists), so incremental builds
// can be checked against full ones without depending on the root package.
func testTheme() fstest.MapFS {
	page := `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Body}}
{{range .Page.Quotes}}<q>{{.Text}} — {{with person .By.ID}}{{.Person.Name}}{{end}}</q>{{end}}
{{range .Page.Participants}}{{with person .ID}}<i>{{.Person.Name}} {{.Person.Role}}</i>{{end}}{{end}}
{{with .Site.PrevTopic .Page}}prev {{.Title}}{{end}}{{with .Site.NextTopic .Page}}next {{.Title}}{{end}}{{end}}`
	list := `{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Body}}{{range .Site.Members .Page.Section}}<li>{{.Title}}: {{.Summary}}{{end}}{{end}}`
	people := `{{define "main"}}{{range .Site.People}}<li>{{.Person.Name}} {{.Person.Role}}{{end}}{{end}}`
	person := `{{define "main"}}{{$id := personID .Page}}<h1>{{.Page.Person.Name}}</h1>{{.Body}}
{{range quotesBy $id}}<q>{{.Text}} on {{.Page.Title}}</q>{{end}}{{range .Site.Mentions $id}}<li>{{.Title}}: {{.Summary}}{{end}}{{end}}`
	return fstest.MapFS{
		"templates/layout.html": {Data: []byte(`<title>{{.Page.Title}}</title>{{range .Site.Topics}}<a href="{{rel .}}">{{.Title}}</a>{{end}}{{range .Site.Sections}}<a>{{.Title}}</a>{{end}}
{{range .Crumbs}}<a>{{.Title}}</a>{{end}}
{{block "main" .}}{{end}}
{{range .Site.CitedSources .Page}}<cite>{{.Title}}</cite>{{end}} updated {{.Site.Updated}}`)},
		"templates/home.html":     {Data: []byte(`{{define "main"}}{{.Body}}{{range .Page.Takeaways}}{{.Text}}{{with $.Site.Page .Page.ID}}{{.Title}}{{end}}{{end}}{{range .Site.People}}{{.Person.Name}}{{end}}{{range .Site.Timeline}}{{.Title}}{{end}}{{range .Site.Figures}}{{.Value}}{{end}}{{end}}`)},
		"templates/topic.html":    {Data: []byte(page)},
		"templates/page.html":     {Data: []byte(page)},
		"templates/section.html":  {Data: []byte(list)},
		"templates/people.html":   {Data: []byte(people)},
		"templates/person.html":   {Data: []byte(person)},
		"templates/timeline.html": {Data: []byte(`{{define "main"}}{{range .Site.Timeline}}<li>{{.Date}} {{.Title}} on {{.Page.Title}}{{end}}{{end}}`)},
		"templates/figures.html":  {Data: []byte(`{{define "main"}}{{range .Site.Figures}}<li>{{.Value}} {{.Label}} {{.Page.Title}}{{end}}{{end}}`)},
		"templates/quotes.html":   {Data: []byte(`{{define "main"}}{{range groupQuotes .Site}}<h2>{{.Speaker.Person.Name}}</h2>{{range .Quotes}}{{.Text}} on {{.Page.Title}}{{end}}{{end}}{{end}}`)},
		"templates/sources.html":  {Data: []byte(`{{define "main"}}{{range .Site.Sources}}<li>{{.Title}}{{range .CitedBy}} {{.Title}}{{end}}{{end}}{{end}}`)},
		"templates/brief.html":    {Data: []byte(`{{define "main"}}{{with .Site.Home}}{{.Summary}}{{end}}{{range .Site.Topics}}{{$.BriefBody .}}{{end}}{{range .Site.People}}{{.Person.Name}}{{end}}{{range .Site.Sources}}{{.Title}}{{end}}{{end}}`)},
		"templates/404.html":      {Data: []byte(`{{define "main"}}not found{{end}}`)},
		"templates/search.html":   {Data: []byte(`{{define "main"}}{{range .Site.People}}{{.Person.Name}}{{end}}{{range .Site.Quotes}}{{.Text}}{{end}}{{range .Site.Timeline}}{{.Title}}{{end}}{{end}}`)},
		"static/css/site.css":     {Data: []byte(`body{}`)},
	}
}

// writeSite writes a synthetic briefing of about n pages into dir: a
// twentieth of them people, a few topics, the rest in sections of up to
// perSection pages. Pages quote and link to people, and some have events,
// figures and sources, so that edits cross-reference as in a real site.
func writeSite(tb testing.TB, dir string, n, perSection int) {
	tb.Helper()
	people := max(n/20, 30)
	topics := min(max(n/250, 2), 40)
	rest := max(n-people-topics-1, 0)
	w := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	w("briefing.yaml", "title: Synthetic briefing\nbase_url: https://example.org/\nsides:\n  - id: a\n    label: Side A\n  - id: b\n    label: Side B\n")
	w("content/_index.md", "---\ntitle: Home\nsummary: The synthetic home.\ntakeaways:\n  - text: Read the first topic.\n    page: topic-000\nupdates:\n  - date: 2025-02-20\n    text: Started.\n---\nWelcome.\n")
	body := strings.Repeat("The delegations met for a long session and talked about many things. ", 30)
	for i := 0; i < people; i++ {
		side := "a"
		if i%2 == 1 {
			side = "b"
		}
		w(fmt.Sprintf("content/participants/p-%04d.md", i), fmt.Sprintf("---\nname: Person %d\nrole: Minister %d\nside: %s\nat_table: {present: %v}\n---\nA profile of person %d.\n", i, i, side, i%3 == 0, i))
	}
	for i := 0; i < topics; i++ {
		w(fmt.Sprintf("content/topic-%03d.md", i), fmt.Sprintf("---\ntitle: Topic %d\nweight: %d\nparticipants: [p-%04d]\nquotes:\n  - by: p-%04d\n    text: \"Words on topic %d.\"\n    source: src-t%d\nsources:\n  - id: src-t%d\n    title: Source of topic %d\n---\n## Background\n\n%s\n\nSee [person](participants/p-%04d.md).\n", i, i, i%people, (i+1)%people, i, i, i, i, body, (i+2)%people))
	}
	for i := 0; i < rest; i++ {
		sec := fmt.Sprintf("sec-%02d", i/perSection)
		var fm strings.Builder
		fmt.Fprintf(&fm, "---\ntitle: Page %d\nsummary: Summary of page %d.\nquotes:\n  - by: p-%04d\n    text: \"Said on page %d.\"\n", i, i, i%people, i)
		if i%5 == 0 {
			fmt.Fprintf(&fm, "events:\n  - date: 2025-%02d-%02d\n    title: Event of page %d\n", 1+i%12, 1+i%28, i)
		}
		if i%10 == 0 {
			fmt.Fprintf(&fm, "figures:\n  - value: \"%d\"\n    label: Figure of page %d\n    source: src-%d\nsources:\n  - id: src-%d\n    title: Source %d\n", i, i, i, i, i)
		}
		fm.WriteString("---\n")
		w(fmt.Sprintf("content/%s/page-%05d.md", sec, i), fmt.Sprintf("%s# Page %d\n\n%s\n\nMentions [someone](../participants/p-%04d.md).\n", fm.String(), i, body, (i+7)%people))
	}
}

// fullBuild renders the site in dir from scratch.
func fullBuild(t *testing.T, dir string, opts Options) map[string][]byte {
	t.Helper()
	opts.Source = dir
	res, l, err := Render(context.Background(), opts)
	if err != nil || l.HasErrors() {
		t.Fatalf("full build: %v\n%v", err, l)
	}
	out := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		out[f.Path] = f.Data
	}
	return out
}

// sameFiles fails when the incremental result differs from a full build.
func sameFiles(t *testing.T, step string, got, want map[string][]byte) {
	t.Helper()
	var diffs []string
	for p, w := range want {
		if g, ok := got[p]; !ok {
			diffs = append(diffs, p+" missing")
		} else if !bytes.Equal(g, w) {
			diffs = append(diffs, p+" differs:\n got: "+string(g)+"\nwant: "+string(w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, p+" should not exist")
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Fatalf("after %s, incremental build differs from a full build in %d files; first: %s", step, len(diffs), diffs[0])
	}
}

// TestIncrementalMatchesFull edits a site step by step and checks after
// each step that the incremental build is byte for byte the full build,
// and that it re-rendered fewer pages where an edit allows.
func TestIncrementalMatchesFull(t *testing.T) {
	t.Run("test theme", func(t *testing.T) { testIncremental(t, testTheme()) })
	t.Run("built-in theme", func(t *testing.T) { testIncremental(t, briefing.Theme) })
	t.Run("templates that read other pages' bodies", func(t *testing.T) { testIncremental(t, bodyReadingTheme()) })
}

// bodyReadingTheme is testTheme with templates that show what no built-in
// template does: other pages' bodies, word counts and headings, reached
// through the site. An incremental build has no list of what templates
// read; it must learn it from the render, or these pages go stale.
func bodyReadingTheme() fstest.MapFS {
	th := testTheme()
	th["templates/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Body}}
{{range .Site.Members .Page.Section}}<li>{{.Title}} {{($.Site.Body .).Words}} words{{range ($.Site.Body .).Headings}} [{{.Text}}]{{end}}{{end}}{{end}}`)}
	th["templates/topic.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>{{.Page.Title}}</h1>{{.Body}}
{{with .Site.Page "sec-00/page-00003"}}<aside>{{($.Site.Body .).HTML}}</aside>{{end}}
{{range .Site.Topics}}{{len ($.Site.Body .).Links}}{{end}}{{end}}`)}
	return th
}

func testIncremental(t *testing.T, theme fs.FS) {
	dir := t.TempDir()
	writeSite(t, dir, 150, 50)
	opts := Options{Source: dir, Theme: theme, BaseURL: "http://127.0.0.1:1313/", LiveReload: true}
	inc := NewIncremental(opts)
	// An early look must never change what the full rebuild produces.
	inc.Early = func(files map[string][]byte, changed []string) {
		if len(changed) == 0 {
			t.Error("Early called with nothing changed")
		}
	}
	up, l, err := inc.Build(context.Background(), nil)
	if err != nil || l.HasErrors() {
		t.Fatalf("first build: %v\n%v", err, l)
	}
	sameFiles(t, "the first build", up.Files, fullBuild(t, dir, opts))
	total := up.Pages

	file := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	edit := func(rel, old, new string) func(*testing.T) {
		return func(t *testing.T) {
			data, err := os.ReadFile(file(rel))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(data, []byte(old)) {
				t.Fatalf("%s does not contain %q", rel, old)
			}
			if err := os.WriteFile(file(rel), bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	create := func(rel, s string) func(*testing.T) {
		return func(t *testing.T) {
			os.MkdirAll(filepath.Dir(file(rel)), 0o755)
			if err := os.WriteFile(file(rel), []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	remove := func(rel string) func(*testing.T) {
		return func(t *testing.T) {
			if err := os.RemoveAll(file(rel)); err != nil {
				t.Fatal(err)
			}
		}
	}
	steps := []struct {
		name    string
		do      func(*testing.T)
		changed []string
		partial bool // fewer pages than all must be rendered
		bad     bool // the build must fail
	}{
		{"a body edit", edit("content/sec-00/page-00003.md", "Mentions", "Names"), []string{"content/sec-00/page-00003.md"}, true, false},
		{"a quote edit", edit("content/sec-00/page-00004.md", "Said on page 4", "Spoke on page 4"), []string{"content/sec-00/page-00004.md"}, true, false},
		{"a summary edit", edit("content/sec-01/page-00051.md", "Summary of page 51", "New summary"), []string{"content/sec-01/page-00051.md"}, true, false},
		{"a quote removed", edit("content/sec-00/page-00006.md", "quotes:\n  - by: p-0006\n    text: \"Said on page 6.\"\n", ""), []string{"content/sec-00/page-00006.md"}, true, false},
		{"a speaker changed", edit("content/sec-00/page-00007.md", "by: p-0007", "by: p-0008"), []string{"content/sec-00/page-00007.md"}, true, false},
		{"a person renamed", edit("content/participants/p-0001.md", "name: Person 1", "name: Person One"), []string{"content/participants/p-0001.md"}, true, false},
		{"a person's role", edit("content/participants/p-0000.md", "role: Minister 0", "role: Envoy"), []string{"content/participants/p-0000.md"}, true, false},
		{"an event added", edit("content/sec-00/page-00008.md", "---\n#", "events:\n  - date: 2024-01-01\n    title: New event\n---\n#"), []string{"content/sec-00/page-00008.md"}, true, false},
		{"an event removed", edit("content/sec-00/page-00010.md", "events:\n  - date: 2025-11-11\n    title: Event of page 10\n", ""), []string{"content/sec-00/page-00010.md"}, true, false},
		{"a source retitled", edit("content/sec-00/page-00020.md", "title: Source 20", "title: Source Twenty"), []string{"content/sec-00/page-00020.md"}, true, false},
		{"a topic body", edit("content/topic-001.md", "## Background", "## Context"), []string{"content/topic-001.md"}, true, false},
		{"a page added", create("content/sec-00/page-99999.md", "---\ntitle: Added\nparticipants: [p-0003]\n---\nNew [p](../participants/p-0004.md).\n"), []string{"content/sec-00/page-99999.md"}, true, false},
		{"a page removed", remove("content/sec-00/page-00011.md"), []string{"content/sec-00/page-00011.md"}, true, false},
		{"a draft", edit("content/sec-00/page-00012.md", "title: Page 12", "title: Page 12\ndraft: true"), []string{"content/sec-00/page-00012.md"}, true, false},
		{"an error", edit("content/sec-00/page-00013.md", "by: p-0013", "by: nobody"), []string{"content/sec-00/page-00013.md"}, false, true},
		{"an unrelated edit while broken", edit("content/sec-00/page-00014.md", "Summary of page 14", "Changed while broken"), []string{"content/sec-00/page-00014.md"}, false, true},
		{"the error fixed", edit("content/sec-00/page-00013.md", "by: nobody", "by: p-0002"), []string{"content/sec-00/page-00013.md"}, true, false},
		{"a new section folder", create("content/sec-new/one.md", "---\ntitle: One\n---\nBody.\n"), []string{"content/sec-new"}, false, false},
		{"a section folder removed", remove("content/sec-new"), []string{"content/sec-new"}, false, false},
		{"a topic retitled", edit("content/topic-000.md", "title: Topic 0", "title: Topic Zero"), []string{"content/topic-000.md"}, false, false},
		{"the home updates", edit("content/_index.md", "updates:\n", "updates:\n  - date: 2026-01-01\n    text: Later.\n"), []string{"content/_index.md"}, false, false},
		{"a stylesheet", create("static/css/site.css", "body{color:red}"), []string{"static/css/site.css"}, false, false},
		{"a template", create("templates/404.html", `{{define "main"}}gone{{end}}`), []string{"templates/404.html"}, false, false},
		{"a catalogue of the site", create("i18n/en.yaml", "toc.title: \"Contents\"\npage.timeline.title: \"Chronology\"\n"), []string{"i18n/en.yaml"}, false, false},
		{"the catalogue edited", edit("i18n/en.yaml", "Chronology", "Dates"), []string{"i18n/en.yaml"}, false, false},
		{"the config", edit("briefing.yaml", "Side B", "Side Bee"), []string{"briefing.yaml"}, false, false},
	}
	for _, st := range steps {
		st.do(t)
		up, l, err := inc.Build(context.Background(), st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if st.bad {
			if !l.HasErrors() || up.Files != nil {
				t.Fatalf("%s: build succeeded; want an error", st.name)
			}
			continue
		}
		if l.HasErrors() {
			t.Fatalf("%s: %v", st.name, l)
		}
		sameFiles(t, st.name, up.Files, fullBuild(t, dir, opts))
		if st.partial && up.Rendered >= total/2 {
			t.Errorf("%s: rendered %d of %d pages; want a partial render", st.name, up.Rendered, total)
		}
		t.Logf("%s: rendered %d of %d pages, %d files changed", st.name, up.Rendered, up.Pages, len(up.Changed))
	}
}

// TestIncrementalChanged checks that Changed names exactly the pages whose
// bytes changed, and the search index, which holds every body's words.
func TestIncrementalChanged(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, 60, 50)
	inc := NewIncremental(Options{Source: dir, Theme: testTheme()})
	if _, l, err := inc.Build(context.Background(), nil); err != nil || l.HasErrors() {
		t.Fatalf("first build: %v %v", err, l)
	}
	p := filepath.Join(dir, "content", "sec-00", "page-00001.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("Mentions"), []byte("Names"), 1), 0o644)
	up, l, err := inc.Build(context.Background(), []string{"content/sec-00/page-00001.md"})
	if err != nil || l.HasErrors() {
		t.Fatalf("rebuild: %v %v", err, l)
	}
	var pages []string
	index := false
	for _, p := range up.Changed {
		if strings.HasPrefix(p, "search/") {
			index = index || p == "search/index.json"
			continue
		}
		pages = append(pages, p)
	}
	if want := []string{"sec-00/page-00001/index.html"}; strings.Join(pages, ",") != strings.Join(want, ",") || !index {
		t.Errorf("Changed = %v; want %v and the search index", up.Changed, want)
	}
}

// BenchmarkIncrementalEdit10k measures one edit of one page in a site of
// 10,000 pages: re-read, re-parse, resolve when needed, re-render what
// depends on it. "body" edits the Markdown only; "quote" edits a quote in
// the front matter, which also re-renders the speaker's profile and the
// site-wide quotes page.
func BenchmarkIncrementalEdit10k(b *testing.B) {
	dir := b.TempDir()
	writeSite(b, dir, 10000, 500)
	inc := NewIncremental(Options{Source: dir, Theme: briefing.Theme, BaseURL: "http://127.0.0.1:1313/", LiveReload: true})
	if _, l, err := inc.Build(context.Background(), nil); err != nil || l.HasErrors() {
		b.Fatalf("first build: %v %v", err, l)
	}
	rel := "content/sec-03/page-01503.md"
	p := filepath.Join(dir, filepath.FromSlash(rel))
	orig, _ := os.ReadFile(p)
	// The edited page is shown early when others list it; the time to
	// that look is what an editor waits for.
	var start, early time.Time
	inc.Early = func(map[string][]byte, []string) { early = time.Now() }
	for _, bc := range []struct{ name, old string }{{"body", "Mentions"}, {"quote", "Said on page"}} {
		b.Run(bc.name, func(b *testing.B) {
			rendered := 0
			var shown time.Duration
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				os.WriteFile(p, bytes.Replace(orig, []byte(bc.old), []byte(fmt.Sprintf("%s %d", bc.old, i)), 1), 0o644)
				b.StartTimer()
				start, early = time.Now(), time.Time{}
				up, l, err := inc.Build(context.Background(), []string{rel})
				if err != nil || l.HasErrors() {
					b.Fatalf("rebuild: %v %v", err, l)
				}
				if early.IsZero() {
					early = time.Now()
				}
				shown += early.Sub(start)
				rendered = up.Rendered
			}
			b.ReportMetric(float64(rendered), "pages-rendered")
			b.ReportMetric(float64(shown.Milliseconds())/float64(b.N), "ms-to-edited-page")
		})
	}
}

// TestIncrementalEarly checks that an edit which other pages list shows
// the edited page first, then the pages that list it (before the files for
// machines are made), and that the full Update then names only what the
// early looks did not already show.
func TestIncrementalEarly(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, 60, 50)
	inc := NewIncremental(Options{Source: dir, Theme: testTheme()})
	var early [][]string
	inc.Early = func(files map[string][]byte, changed []string) {
		if !strings.Contains(string(files["sec-00/page-00004/index.html"]), "Spoke on page 4") {
			t.Error("Early's files lack the edited page")
		}
		early = append(early, changed)
	}
	if _, l, err := inc.Build(context.Background(), nil); err != nil || l.HasErrors() {
		t.Fatalf("first build: %v %v", err, l)
	}
	if len(early) != 0 {
		t.Fatalf("Early called on the first build: %v", early)
	}
	p := filepath.Join(dir, "content", "sec-00", "page-00004.md")
	data, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(data, []byte("Said on page 4"), []byte("Spoke on page 4"), 1), 0o644)
	up, l, err := inc.Build(context.Background(), []string{"content/sec-00/page-00004.md"})
	if err != nil || l.HasErrors() {
		t.Fatalf("rebuild: %v %v", err, l)
	}
	if len(early) != 2 || strings.Join(early[0], ",") != "sec-00/page-00004/index.html" {
		t.Fatalf("Early saw %v; want the edited page alone, then the pages that list it", early)
	}
	if !slices.Contains(early[1], "quotes/index.html") || slices.Contains(early[1], "sec-00/page-00004/index.html") {
		t.Errorf("Early then saw %v; want the quotes page and not the edited page again", early[1])
	}
	for _, c := range up.Changed {
		if strings.HasSuffix(c, ".html") {
			t.Errorf("Changed %v names a page Early already showed", up.Changed)
		}
	}
	if !slices.Contains(up.Changed, "search/index.json") {
		t.Errorf("Changed %v lacks the search index", up.Changed)
	}
}
