package build

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/render"
)

// docRow is a row of a table in docs/theming.md: the names in its first
// cell and the template example in its last, if any.
type docRow struct {
	section string
	names   []string
	example string
	line    string
}

// themingDocs reads the tables of docs/theming.md under "### " headings.
func themingDocs(t *testing.T) []docRow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "docs", "theming.md"))
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile("`([^`]+)`")
	var rows []docRow
	section := ""
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "#") {
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
			continue
		}
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		r := docRow{section: section, line: line}
		for _, m := range code.FindAllStringSubmatch(cells[0], -1) {
			r.names = append(r.names, m[1])
		}
		if m := code.FindStringSubmatch(cells[len(cells)-1]); m != nil && strings.Contains(m[1], "{{") {
			r.example = m[1]
		}
		rows = append(rows, r)
	}
	return rows
}

// TestThemingDocs keeps docs/theming.md true: its tables name exactly the
// view's fields and methods, the SiteView's methods, the template
// functions and the built-in partials, and every example in them renders
// in a site's own templates/topic.html (the override the docs describe)
// with something to show.
func TestThemingDocs(t *testing.T) {
	rows := themingDocs(t)
	documented := map[string][]string{}
	for _, r := range rows {
		documented[r.section] = append(documented[r.section], r.names...)
	}
	same := func(what string, doc, code []string) {
		t.Helper()
		for _, n := range code {
			if !slices.Contains(doc, n) {
				t.Errorf("%s %q is not in docs/theming.md; add a row with an example", what, n)
			}
		}
		for _, n := range doc {
			if !slices.Contains(code, n) {
				t.Errorf("docs/theming.md documents %s %q, which the code does not have", what, n)
			}
		}
	}

	var view, site []string
	vt := reflect.TypeFor[render.View]()
	for i := range vt.NumField() {
		if vt.Field(i).IsExported() {
			view = append(view, "."+vt.Field(i).Name)
		}
	}
	for i := range reflect.PointerTo(vt).NumMethod() {
		view = append(view, "."+reflect.PointerTo(vt).Method(i).Name)
	}
	st := reflect.TypeFor[*render.SiteView]()
	for i := range st.NumMethod() {
		site = append(site, ".Site."+st.Method(i).Name)
	}
	same("view field or method", documented["The view"], view)
	same("site method", documented["The site: `.Site`"], site)
	same("template function", documented["Functions"], funcMapKeys(t))
	var partials []string
	entries, err := os.ReadDir(filepath.Join(repoRoot, "templates", "partials"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		partials = append(partials, "partials/"+e.Name())
	}
	same("partial", documented["Partials"], partials)

	// Every example, in a site's own topic template.
	dir := t.TempDir()
	copyDir(t, filepath.Join(repoRoot, "testdata", "site"), dir)
	var tmpl strings.Builder
	tmpl.WriteString(`{{define "main"}}`)
	var examples []docRow
	for _, r := range rows {
		if r.example == "" || !slices.Contains([]string{"The view", "The site: `.Site`", "A page", "Functions"}, r.section) {
			continue
		}
		n := len(examples)
		examples = append(examples, r)
		tmpl.WriteString("\n@@doc" + strconv.Itoa(n) + "@@" + r.example + "@@end" + strconv.Itoa(n) + "@@")
	}
	tmpl.WriteString("\n{{end}}\n")
	if len(examples) < 60 {
		t.Fatalf("docs/theming.md has %d examples; its tables lost rows", len(examples))
	}
	os.MkdirAll(filepath.Join(dir, "templates"), 0o755)
	if err := os.WriteFile(filepath.Join(dir, "templates", "topic.html"), []byte(tmpl.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	res, l, err := Render(context.Background(), Options{Source: dir, Theme: theme()})
	if err != nil {
		t.Fatal(err)
	}
	if l.HasErrors() {
		t.Fatalf("a documented example does not render:\n%v", l)
	}
	var topics []string
	for _, f := range res.Files {
		if f.Path == "meeting/index.html" || f.Path == "followup/index.html" {
			topics = append(topics, string(f.Data))
		}
	}
	if len(topics) != 2 {
		t.Fatalf("the fixture's topics were not built (%d)", len(topics))
	}
	out := func(page string, n int) string {
		_, s, _ := strings.Cut(page, "@@doc"+strconv.Itoa(n)+"@@")
		s, _, _ = strings.Cut(s, "@@end"+strconv.Itoa(n)+"@@")
		return strings.TrimSpace(s)
	}
	for i, r := range examples {
		shown := ""
		for _, p := range topics {
			if s := out(p, i); s != "" {
				shown = s
			}
		}
		if shown == "" {
			t.Errorf("docs/theming.md: the example of %s (%s) shows nothing on the fixture's topic pages", strings.Join(r.names, ", "), r.example)
		}
	}

	// What some of them show.
	for name, want := range map[string]string{
		".BasePath":   "/briefings/fixture/",
		".LiveReload": "published",
		"rel":         `<a href="/briefings/fixture/timeline/">Timeline</a>`,
		"abs":         `href="https://example.org/briefings/fixture/feed.xml"`,
		"personID":    "ana-north",
		"side":        "North",
		"integrity":   `integrity="sha384-`,
	} {
		i := slices.IndexFunc(examples, func(r docRow) bool { return slices.Contains(r.names, name) })
		got := ""
		for _, p := range topics {
			got += out(p, i)
		}
		if !strings.Contains(got, want) {
			t.Errorf("the example of %s shows %q; want %q in it", name, got, want)
		}
	}
}

// TestThemingDocsCSS keeps the table of CSS custom properties in
// docs/theming.md true: the same properties, with the same light and dark
// values, as the :root blocks of the built-in static/css/site.css.
func TestThemingDocsCSS(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "static", "css", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	css := string(data)
	block := func(from int) map[string]string {
		i := strings.Index(css[from:], ":root {")
		if i < 0 {
			t.Fatal("site.css has no :root block")
		}
		body, _, _ := strings.Cut(css[from+i+len(":root {"):], "}")
		vars := map[string]string{}
		for _, decl := range strings.Split(body, ";") {
			name, value, ok := strings.Cut(strings.TrimSpace(decl), ":")
			if ok && strings.HasPrefix(name, "--") {
				vars[name] = strings.TrimSpace(value)
			}
		}
		return vars
	}
	light := block(0)
	dark := strings.Index(css, "@media (prefers-color-scheme: dark)")
	if dark < 0 {
		t.Fatal("site.css has no dark mode block")
	}
	darkVars := block(dark)

	code := regexp.MustCompile("`([^`]*)`")
	documented := map[string]bool{}
	for _, r := range themingDocs(t) {
		if r.section != "Colours, fonts and widths" || len(r.names) != 1 || !strings.HasPrefix(r.names[0], "--") {
			continue
		}
		name := r.names[0]
		documented[name] = true
		row := r.line
		cells := strings.Split(strings.Trim(row, "|"), "|") // no example here holds a "|"
		if len(cells) < 4 {
			t.Errorf("docs/theming.md: the row of %s has %d cells; want name, light, dark, what", name, len(cells))
			continue
		}
		value := func(cell string) string {
			if m := code.FindStringSubmatch(cell); m != nil {
				return m[1]
			}
			return ""
		}
		if got, want := value(cells[1]), light[name]; got != want {
			t.Errorf("docs/theming.md gives %s as %q in light mode; site.css has %q", name, got, want)
		}
		if got, want := value(cells[2]), darkVars[name]; got != want {
			t.Errorf("docs/theming.md gives %s as %q in dark mode; site.css has %q", name, got, want)
		}
	}
	for name := range light {
		if !documented[name] {
			t.Errorf("site.css sets %s, which docs/theming.md does not list; add a row", name)
		}
	}
	for name := range darkVars {
		if !documented[name] {
			t.Errorf("site.css sets %s in dark mode, which docs/theming.md does not list; add a row", name)
		}
	}
	if len(documented) == 0 {
		t.Error("docs/theming.md lists no CSS custom properties")
	}
}

// funcMapKeys reads the keys of the template.FuncMap literal in
// internal/render/funcs.go: the function names templates can call.
func funcMapKeys(t *testing.T) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(repoRoot, "internal", "render", "funcs.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	ast.Inspect(f, func(n ast.Node) bool {
		lit, ok := n.(*ast.CompositeLit)
		if !ok {
			return true
		}
		sel, ok := lit.Type.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "FuncMap" {
			return true
		}
		for _, e := range lit.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if b, ok := kv.Key.(*ast.BasicLit); ok {
					k, _ := strconv.Unquote(b.Value)
					keys = append(keys, k)
				}
			}
		}
		return false
	})
	if len(keys) == 0 {
		t.Fatal("no template.FuncMap literal in internal/render/funcs.go")
	}
	return keys
}

// TestTimelineFilterRules checks that the style sheet has the timeline
// filter's rules for every topic number render offers (1 to 24) and no
// more, so a number the filter offers always has its rules.
func TestTimelineFilterRules(t *testing.T) {
	css, err := os.ReadFile(filepath.Join(repoRoot, "static", "css", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= 25; n++ {
		hide := fmt.Sprintf(`.tl-n%d:target ~ .tl-year .event:not([data-topic="%d"])`, n, n)
		mark := fmt.Sprintf(`.tl-n%d:target ~ .tl-filter a.tl-n%d`, n, n)
		for _, rule := range []string{hide, mark} {
			if has := strings.Contains(string(css), rule); has != (n <= 24) {
				t.Errorf("site.css has %q: %v; want rules for topics 1 to 24", rule, has)
			}
		}
	}
}

// TestMenuTopics builds a site of more topics than the menu lists: every
// page's menu holds the first content.MaxNavTopics of them and a link to
// all of them on the brief, which check finds there.
func TestMenuTopics(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	copyBad(t, filepath.Join(badDir, "_base"), site)
	const n = content.MaxNavTopics + 8
	for i := range n {
		writeBad(t, site, fmt.Sprintf("content/topic-%02d.md", i), []byte(fmt.Sprintf("---\ntitle: \"Topic %02d\"\nsummary: \"About %d.\"\nweight: %d\n---\nText.\n", i, i, i)))
	}
	res, diags, err := Render(context.Background(), Options{Source: site, Theme: theme()})
	if err != nil || diags.HasErrors() {
		t.Fatalf("render: %v\n%s", err, diags.Error())
	}
	menu := regexp.MustCompile(`(?s)<ul aria-labelledby="nav-topics">(.*?)</ul>`)
	for _, f := range res.Files {
		if f.Path != "index.html" && f.Path != "topic-03/index.html" && f.Path != "participants/jane-doe/index.html" {
			continue
		}
		m := menu.FindSubmatch(f.Data)
		if m == nil {
			t.Fatalf("%s has no topics menu", f.Path)
		}
		items := strings.Count(string(m[1]), "<li")
		if items != content.MaxNavTopics+1 || !strings.Contains(string(m[1]), `brief/#brief-topics-title">All topics</a>`) || strings.Contains(string(m[1]), "Topic 12") {
			t.Errorf("%s: the topics menu has %d items:\n%s\nwant %d topics, the first ones, then All topics", f.Path, items, m[1], content.MaxNavTopics)
		}
	}
	l, err := Check(context.Background(), Options{Source: site, Theme: theme()}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range l {
		if d.Rule == check.RuleLink {
			t.Errorf("check: %s", d)
		}
	}
}
