package briefing

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"text/template/parse"
)

// TestTemplatesHaveNoEnglishText fails when a template of the built-in
// theme writes words of its own instead of taking them from the
// catalogue with {{t "key"}} (internal/i18n/catalogues): text between
// tags, and the attributes readers hear or see (aria-label, title, alt,
// placeholder, data-...-label). A word is two Latin letters in a row.
func TestTemplatesHaveNoEnglishText(t *testing.T) {
	files, err := fs.Glob(Theme, "templates/*.html")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := fs.Glob(Theme, "templates/partials/*.html")
	files = append(files, more...)
	if len(files) < 20 {
		t.Fatalf("found %d templates; want the whole theme", len(files))
	}
	for _, name := range files {
		data, err := fs.ReadFile(Theme, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range literalWords(t, name, string(data)) {
			t.Errorf("%s: %q is written in the template; take it from the catalogue with {{t \"key\"}} and add the key to every internal/i18n/catalogues/*.yaml", name, w)
		}
	}
}

func TestLiteralWords(t *testing.T) {
	src := `{{define "main"}}<style>.x { border: 1px solid red }</style><h2 aria-label="Key {{.X}}">{{t "a"}}</h2><p title="{{.T}}">Hello {{.Name}}</p>{{if .A}}<span data-changed-label="{{t "b"}}">· 3</span>{{else}}Nothing{{end}}<a href="/x/y">{{.Z}}</a>{{end}}`
	got := literalWords(t, "x.html", src)
	want := []string{"Key", "Hello", "Nothing"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("literalWords = %q; want %q", got, want)
	}
}

var (
	tagRe   = regexp.MustCompile(`<[^<>]*>`)
	attrRe  = regexp.MustCompile(`\s(aria-label|title|alt|placeholder|data-[a-z-]*label)="([^"]*)"`)
	wordRe  = regexp.MustCompile(`[A-Za-z]{2,}`)
	entRe   = regexp.MustCompile(`&[a-zA-Z]+;|&#[0-9]+;`)
	placeRe = regexp.MustCompile("\x00")
	codeRe  = regexp.MustCompile(`(?is)<(style|script)\b[^>]*>.*?</(style|script)>`)
)

// literalWords returns the words a template writes outside its actions:
// in text between tags and in the attributes readers perceive.
func literalWords(t *testing.T, name, src string) []string {
	trees, err := parse.Parse(name, src, "{{", "}}")
	if err != nil {
		// The parser wants every function known: parse again skipping
		// the check.
		tr := parse.New(name)
		tr.Mode = parse.SkipFuncCheck | parse.ParseComments
		trees = map[string]*parse.Tree{}
		if _, err := tr.Parse(src, "{{", "}}", trees); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	var out []string
	for _, tree := range trees {
		if tree.Root == nil {
			continue
		}
		var b strings.Builder
		flatten(tree.Root, &b)
		// Style sheets and scripts in a template are code, not words.
		text := codeRe.ReplaceAllString(b.String(), " ")
		for _, tag := range tagRe.FindAllString(text, -1) {
			for _, m := range attrRe.FindAllStringSubmatch(tag, -1) {
				out = append(out, wordRe.FindAllString(placeRe.ReplaceAllString(m[2], " "), -1)...)
			}
		}
		rest := entRe.ReplaceAllString(tagRe.ReplaceAllString(text, " "), " ")
		out = append(out, wordRe.FindAllString(rest, -1)...)
	}
	return out
}

// flatten writes a template's text in document order, each action as a
// NUL, so that tags split by actions are whole again.
func flatten(n parse.Node, b *strings.Builder) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			flatten(c, b)
		}
	case *parse.TextNode:
		b.Write(n.Text)
	case *parse.IfNode:
		b.WriteByte(0)
		flatten(n.List, b)
		flatten(n.ElseList, b)
	case *parse.RangeNode:
		b.WriteByte(0)
		flatten(n.List, b)
		flatten(n.ElseList, b)
	case *parse.WithNode:
		b.WriteByte(0)
		flatten(n.List, b)
		flatten(n.ElseList, b)
	case *parse.CommentNode:
	default:
		b.WriteByte(0)
	}
}

// TestStyleSheetIsLogical fails on a physical left or right in the
// theme's CSS: the theme must mirror for right-to-left languages, so it
// uses logical properties (margin-inline-start, inset-inline-end,
// text-align: start, ...) only.
func TestStyleSheetIsLogical(t *testing.T) {
	data, err := fs.ReadFile(Theme, "static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	if bad := physical(string(data)); len(bad) > 0 {
		for _, b := range bad {
			t.Errorf("static/css/site.css:%s: physical %q; use the logical property (margin-inline-start, padding-inline-end, border-inline-start, inset-inline-start, text-align: start/end)", b.line, b.text)
		}
	}
}

func TestPhysicalFindsLeftAndRight(t *testing.T) {
	css := "/* left alone */\na { margin-left: 1px; text-align: right; }\nb { inset-inline-start: 0; float: left; }\nc { left: 0 }\nd { border-right-color: red; padding-inline-end: 1px; }\ne { padding: 1px 0 1px 2px; margin: 1px 2px 3px 2px; }\n"
	var got []string
	for _, b := range physical(css) {
		got = append(got, b.line+" "+b.text)
	}
	want := "2 margin-left|2 text-align: right|3 float: left|4 left:|5 border-right-color|6 padding: 1px 0 1px 2px"
	if strings.Join(got, "|") != want {
		t.Errorf("physical = %q; want %q", strings.Join(got, "|"), want)
	}
}

type cssFinding struct{ line, text string }

var (
	commentRe  = regexp.MustCompile(`(?s)/\*.*?\*/`)
	physicalRe = regexp.MustCompile(`(?:^|[\s;{])((?:margin|padding|border)-(?:left|right)[a-z-]*|(?:left|right)\s*:|(?:text-align|float|clear)\s*:\s*(?:left|right))`)
)

// physical returns the physical left/right properties and values of a
// style sheet, comments left out, with their line numbers.
func physical(css string) []cssFinding {
	css = commentRe.ReplaceAllStringFunc(css, func(c string) string {
		return strings.Repeat("\n", strings.Count(c, "\n"))
	})
	var out []cssFinding
	for i, line := range strings.Split(css, "\n") {
		for _, m := range physicalRe.FindAllStringSubmatch(line, -1) {
			out = append(out, cssFinding{line: itoa(i + 1), text: m[1]})
		}
		// "padding: 1px 0 1px 2px" sets right and left apart.
		for _, m := range shorthandRe.FindAllStringSubmatch(line, -1) {
			if v := strings.Fields(m[2]); len(v) == 4 && v[1] != v[3] {
				out = append(out, cssFinding{line: itoa(i + 1), text: m[1] + ": " + m[2]})
			}
		}
	}
	return out
}

var shorthandRe = regexp.MustCompile(`(?:^|[\s;{])(margin|padding|inset)\s*:\s*([^;{}!]+)`)

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}

// TestTemplateKeysExist fails when a template asks the catalogue for a
// key ({{t "key"}}) that en.yaml, which every catalogue follows, does not
// have: the page would show the key itself.
func TestTemplateKeysExist(t *testing.T) {
	data, err := os.ReadFile("internal/i18n/catalogues/en.yaml")
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^([a-z_][a-z0-9_.-]*):`).FindAllStringSubmatch(string(data), -1) {
		known[m[1]] = true
	}
	files, _ := fs.Glob(Theme, "templates/*.html")
	more, _ := fs.Glob(Theme, "templates/partials/*.html")
	n := 0
	for _, name := range append(files, more...) {
		src, err := fs.ReadFile(Theme, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`[{(]t "([^"]+)"`).FindAllStringSubmatch(string(src), -1) {
			n++
			if !known[m[1]] {
				t.Errorf("%s: {{t %q}}: no such key in internal/i18n/catalogues/en.yaml; add it to every catalogue", name, m[1])
			}
		}
	}
	if n < 50 {
		t.Errorf("found %d {{t}} calls in the templates; want the whole theme", n)
	}
}
