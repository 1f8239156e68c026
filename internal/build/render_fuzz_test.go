package build

import (
	"bytes"
	"context"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/load"
)

var (
	// htmlTag matches a start tag with its attributes (group 2).
	htmlTag = regexp.MustCompile(`<([a-zA-Z][^\s/>]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>`)
	// htmlAttr matches one attribute: name (group 1) and value (2).
	htmlAttr = regexp.MustCompile(`([^\s=>/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?`)
)

// riskyMarkup lists what a page may hold only if the theme put it there:
// elements that run or restyle things, event-handler attributes and
// script URLs. It returns one description per finding in data.
func riskyMarkup(data []byte) []string {
	var out []string
	for _, m := range htmlTag.FindAllSubmatch(data, -1) {
		name := strings.ToLower(string(m[1]))
		switch name {
		case "script", "iframe", "object", "embed", "style", "form", "base", "frame", "svg", "math":
			out = append(out, "<"+name+">")
		}
		for _, a := range htmlAttr.FindAllSubmatch(m[2], -1) {
			attr := strings.ToLower(string(a[1]))
			val := strings.Trim(string(a[2]), `"'`)
			val = strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, html.UnescapeString(val)))
			switch {
			case strings.HasPrefix(attr, "on"):
				out = append(out, name+" "+attr+"=")
			case (attr == "href" || attr == "src" || attr == "action" || attr == "formaction") &&
				(strings.HasPrefix(val, "javascript:") || strings.HasPrefix(val, "vbscript:") || strings.HasPrefix(val, "data:text")):
				out = append(out, name+" "+attr+"="+val)
			}
		}
	}
	return out
}

// FuzzRenderPage builds a small site with one page made of arbitrary bytes,
// seeded with every Markdown file of testdata/bad. It must not panic;
// diagnostics about the page must lie inside it; and no output file may hold
// risky markup that the same site without the page does not hold.
func FuzzRenderPage(f *testing.F) {
	err := filepath.WalkDir(badDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		f.Add(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("---\ntitle: \"<script>x()</script>\"\nsummary: '<img src=x onerror=y>'\n---\n\n<script>x()</script> [a](javascript:x) <a href=\"javascript:x\">b</a>\n"))

	base, l := load.Site(os.DirFS(filepath.Join(badDir, "_base")), badTheme())
	if l.HasErrors() {
		f.Fatalf("loading the base site: %s", l.Error())
	}
	baseline := map[string]bool{}
	res, l := Pipeline(context.Background(), base, Options{})
	if l.HasErrors() {
		f.Fatalf("building the base site: %s", l.Error())
	}
	for _, o := range res.Files {
		for _, r := range riskyMarkup(o.Data) {
			baseline[r] = true
		}
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "content/fuzz.md"
		file, ds := load.Split(name, data)
		if ds.HasErrors() {
			return // FuzzSplitFrontMatter covers what Split refuses
		}
		in := *base
		in.Files = append([]content.File{file}, base.Files...)
		res, l := Pipeline(context.Background(), &in, Options{})
		lines := bytes.Split(bytes.ReplaceAll(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n")), []byte("\n"))
		for _, d := range l {
			if d.Pos.File != name || d.Pos.Line == 0 {
				continue
			}
			if d.Pos.Line > len(lines) || d.Pos.Col > utf8.RuneCount(lines[d.Pos.Line-1])+1 {
				t.Fatalf("diagnostic %s is not inside the page (%d lines)", d, len(lines))
			}
		}
		for _, o := range res.Files {
			if !strings.HasSuffix(o.Path, ".html") {
				continue
			}
			for _, r := range riskyMarkup(o.Data) {
				if !baseline[r] {
					t.Fatalf("output %s holds %s, from the page:\n%s", o.Path, r, data)
				}
			}
		}
	})
}

// TestRiskyMarkup makes sure the fuzz invariant can fail.
func TestRiskyMarkup(t *testing.T) {
	tests := map[string]int{
		`<p>plain &lt;script&gt; text</p>`:                  0,
		`<a href="/talks/" title="a onclick=b">x</a>`:       0,
		`<script>x()</script>`:                              1,
		`<IMG SRC=x onerror=y>`:                             1,
		`<a href=" java&#115;cript:x">`:                     1,
		`<a href='data:text/html,x'>`:                       1,
		`<img src="data:image/png;base64,AA" alt="a">`:      0,
		`<div><svg onload="x()"></svg><iframe src=y></div>`: 3,
	}
	for src, want := range tests {
		if got := riskyMarkup([]byte(src)); len(got) != want {
			t.Errorf("riskyMarkup(%q) = %q; want %d findings", src, got, want)
		}
	}
}
