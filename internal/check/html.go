package check

import (
	"html"
	"net/url"
	"strings"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// anchors is what the link check needs from one rendered HTML file: the ids
// it defines and the links it holds, in order.
type anchors struct {
	ids   map[string]bool
	links []string // href and src values, entities decoded, each once
}

// sound reports whether href, a link of the page a was read from, is one
// the link rule would find nothing wrong with whatever else the site
// holds: a link to one of the page's own ids, or one that leads nowhere
// in the site (an empty fragment, an address that does not parse), as
// resolve reads them. The page's table of contents and citations are
// such links, about a third of a page's links and half of a large site's
// distinct ones, so Rendered does not keep them.
func (a *anchors) sound(href string) bool {
	t := strings.TrimSpace(href)
	if !strings.HasPrefix(t, "#") {
		return false
	}
	u, err := url.Parse(t)
	return err != nil || u.Fragment == "" || a.ids[u.Fragment]
}

// scanHTML reads the ids and link targets of an HTML document with
// tdewolff's HTML lexer (the one the minifier uses): linear, no panics on
// any input, and the contents of script and style elements, comments and
// doctypes are never read as tags.
func scanHTML(src []byte) anchors {
	s := newScanner()
	s.scan(src, true)
	return s.a
}

// scanner reads a document's ids and links, whole (scanHTML) or piece by
// piece as it is written (pageScan), with the same result either way.
type scanner struct {
	a    anchors
	seen map[string]bool
	tag  string
}

func newScanner() *scanner {
	return &scanner{a: anchors{ids: map[string]bool{}}, seen: map[string]bool{}}
}

// scan reads src, the document from where the last scan stopped, and
// returns how many of its bytes it is done with. Unless final, src may end
// anywhere, inside a tag or a script: a token that reaches the end of src
// may be cut short, so it is not read, and scan stops at the last point
// where the lexer holds no state (between tags, outside raw text) whose
// tokens before it all ended inside src. The next scan starts again
// there, with the rest of src and more: the tokens it reads again give
// ids and links already recorded, which are sets.
func (s *scanner) scan(src []byte, final bool) int {
	in := parse.NewInputBytes(src)
	defer in.Restore()
	lx := htmllex.NewLexer(in)
	done := 0
	for {
		tt, _ := lx.Next()
		if tt == htmllex.ErrorToken {
			if final {
				return len(src)
			}
			return done
		}
		end := in.Offset()
		if !final && end >= len(src) {
			return done
		}
		switch tt {
		case htmllex.StartTagToken:
			s.tag = string(parse.ToLower(parse.Copy(lx.Text())))
		case htmllex.AttributeToken:
			s.attribute(lx)
		case htmllex.StartTagCloseToken, htmllex.StartTagVoidToken:
			if !rawText(s.tag) {
				done = end
			}
		case htmllex.TextToken, htmllex.EndTagToken, htmllex.CommentToken, htmllex.DoctypeToken,
			htmllex.SVGToken, htmllex.MathToken, htmllex.XMLToken:
			done = end
		}
	}
}

// attribute records the attribute the lexer is at, if it is an id or a
// link.
func (s *scanner) attribute(lx *htmllex.Lexer) {
	key := string(lx.AttrKey())
	if key != "id" && key != "href" && key != "src" && (key != "name" || s.tag != "a") {
		return
	}
	val := html.UnescapeString(string(unquote(lx.AttrVal())))
	if key == "href" || key == "src" {
		if !s.seen[val] {
			s.seen[val] = true
			s.a.links = append(s.a.links, val)
		}
		return
	}
	s.a.ids[val] = true
}

// rawText reports whether the lexer reads what follows the start tag as
// text, to its end tag (see the lexer's shiftStartTag).
func rawText(tag string) bool {
	switch tag {
	case "textarea", "title", "style", "xmp", "iframe", "script", "plaintext":
		return true
	}
	return false
}

// unquote strips the quotes the lexer leaves around an attribute value.
func unquote(v []byte) []byte {
	if n := len(v); n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n-1] == v[0] {
		return v[1 : n-1]
	}
	if n := len(v); n >= 1 && (v[0] == '"' || v[0] == '\'') {
		return v[1:] // unclosed at the end of the file
	}
	return v
}
