package check

import (
	"html"

	"github.com/tdewolff/parse/v2"
	htmllex "github.com/tdewolff/parse/v2/html"
)

// anchors is what the link check needs from one rendered HTML file: the ids
// it defines and the links it holds, in order.
type anchors struct {
	ids   map[string]bool
	links []string // href and src values, entities decoded, each once
}

// scanHTML reads the ids and link targets of an HTML document with
// tdewolff's HTML lexer (the one the minifier uses): linear, no panics on
// any input, and the contents of script and style elements, comments and
// doctypes are never read as tags.
func scanHTML(src []byte) anchors {
	a := anchors{ids: map[string]bool{}}
	seen := map[string]bool{}
	lx := htmllex.NewLexer(parse.NewInputBytes(src))
	var tag string
	for {
		tt, _ := lx.Next()
		switch tt {
		case htmllex.ErrorToken:
			return a
		case htmllex.StartTagToken:
			tag = string(parse.ToLower(parse.Copy(lx.Text())))
		case htmllex.AttributeToken:
			key := string(lx.AttrKey())
			if key != "id" && key != "href" && key != "src" && (key != "name" || tag != "a") {
				continue
			}
			val := html.UnescapeString(string(unquote(lx.AttrVal())))
			if key == "href" || key == "src" {
				if !seen[val] {
					seen[val] = true
					a.links = append(a.links, val)
				}
			} else {
				a.ids[val] = true
			}
		}
	}
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
