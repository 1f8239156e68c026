package build

import (
	"context"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// escapedEntity matches a character reference: what a reader sees when markup was
// escaped twice ("Europe&rsquo;s seat" on the page instead of "Europe’s").
var escapedEntity = regexp.MustCompile(`&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);`)

// readableAttrs are the attributes whose values a reader meets: shown as
// tooltips, placeholders or read aloud by a screen reader.
var readableAttrs = map[string]bool{"alt": true, "title": true, "aria-label": true, "placeholder": true, "aria-description": true}

// TestNoEscapedMarkup builds the shipped briefing and the fixture and fails
// when any page shows escaped markup as text: a text node or a readable
// attribute that still holds a character reference after the browser has
// decoded it once. The table of contents of /teams/ once showed
// "Europe&rsquo;s seat" this way (goldmark's typographer writes entities,
// and the heading text was escaped again by the template).
func TestNoEscapedMarkup(t *testing.T) {
	sites := map[string]string{
		"shipped": repoRoot,
		"fixture": filepath.Join(repoRoot, "testdata", "site"),
	}
	for name, src := range sites {
		t.Run(name, func(t *testing.T) {
			res, diags, err := Render(context.Background(), Options{Source: src, Theme: theme()})
			if err != nil {
				t.Fatal(err)
			}
			if diags.HasErrors() {
				t.Fatalf("site has errors:\n%s", diags.Error())
			}
			pages := 0
			for _, f := range res.Files {
				if !strings.HasSuffix(f.Path, ".html") {
					continue
				}
				pages++
				for _, bad := range escapedMarkup(f.Data) {
					t.Errorf("%s shows escaped markup as text: %q", f.Path, bad)
				}
			}
			if pages == 0 {
				t.Fatal("the build made no pages")
			}
		})
	}
}

func TestEscapedMarkupFinds(t *testing.T) {
	tests := []struct {
		name, html string
		want       int
	}{
		{"plain entity", `<p>Europe&rsquo;s seat</p>`, 0},
		{"escaped twice", `<a href="#x">Europe&amp;rsquo;s seat</a>`, 1},
		{"numeric twice", `<li>a &amp;#8217; b</li>`, 1},
		{"ampersand text", `<p>AT&amp;T &amp; co</p>`, 0},
		{"attribute", `<a aria-label="Europe&amp;rsquo;s">x</a>`, 1},
		{"href ignored", `<a href="?a=1&amp;amp;b=2">x</a>`, 0},
		{"script ignored", `<script>var s = "&amp;rsquo;";</script>`, 0},
		{"style ignored", `<style>p::after { content: "&amp;rsquo;" }</style>`, 0},
		{"title", `<title>Europe&amp;rsquo;s seat</title>`, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := escapedMarkup([]byte(tc.html)); len(got) != tc.want {
				t.Errorf("escapedMarkup(%q) = %q; want %d finding(s)", tc.html, got, tc.want)
			}
		})
	}
}

// escapedMarkup returns the stretches of text around each character
// reference left after decoding the page's text nodes and readable
// attributes once.
func escapedMarkup(src []byte) []string {
	var out []string
	find := func(raw []byte) {
		text := html.UnescapeString(string(raw))
		for _, m := range escapedEntity.FindAllStringIndex(text, -1) {
			from, to := max(m[0]-20, 0), min(m[1]+20, len(text))
			out = append(out, strings.TrimSpace(text[from:to]))
		}
	}
	lx := htmllex.NewLexer(parse.NewInputBytes(src))
	var raw bool // inside script or style: not text a reader sees
	for {
		tt, data := lx.Next()
		switch tt {
		case htmllex.ErrorToken:
			return out
		case htmllex.StartTagToken:
			tag := string(parse.ToLower(parse.Copy(lx.Text())))
			raw = tag == "script" || tag == "style"
		case htmllex.EndTagToken:
			raw = false
		case htmllex.AttributeToken:
			if readableAttrs[string(parse.ToLower(parse.Copy(lx.AttrKey())))] {
				find(attrValue(lx.AttrVal()))
			}
		case htmllex.TextToken:
			if !raw {
				find(data)
			}
		}
	}
}

// attrValue strips the quotes the lexer leaves around an attribute value.
func attrValue(v []byte) []byte {
	if n := len(v); n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n-1] == v[0] {
		return v[1 : n-1]
	}
	return v
}
