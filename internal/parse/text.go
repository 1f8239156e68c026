package parse

import (
	"html"
	"strings"
	"unicode"
)

// blockTags are the elements whose start or end separates words in a
// body's text: "</p><p>" is a space, "<em>" is not.
var blockTags = map[string]bool{
	"p": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "td": true, "th": true, "tr": true, "table": true, "br": true,
	"blockquote": true, "div": true, "pre": true, "hr": true, "dd": true, "dt": true, "dl": true,
	"section": true, "figcaption": true, "sup": true,
}

// plainText returns the text of body HTML made by goldmark (Body.Text):
// tags dropped, entities decoded, a space where a block starts or ends,
// runs of white space as one space, headings' anchor links left out.
// Goldmark writes no raw HTML here (it is off), no comments and no ">"
// inside attribute values, so a tag ends at the first ">".
func plainText(s string) string {
	var b strings.Builder
	b.Grow(len(s) / 2)
	space := false
	text := func(t string) {
		if strings.IndexByte(t, '&') >= 0 {
			t = html.UnescapeString(t)
		}
		for _, r := range t {
			if unicode.IsSpace(r) {
				space = b.Len() > 0
				continue
			}
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	for len(s) > 0 {
		lt := strings.IndexByte(s, '<')
		if lt < 0 {
			text(s)
			break
		}
		text(s[:lt])
		s = s[lt:]
		gt := strings.IndexByte(s, '>')
		if gt < 0 {
			break
		}
		name := strings.TrimPrefix(s[1:gt], "/")
		if i := strings.IndexAny(name, " \t\n/"); i >= 0 {
			name = name[:i]
		}
		if blockTags[strings.ToLower(name)] {
			space = b.Len() > 0
		}
		tag := s[:gt]
		s = s[gt+1:]
		if strings.HasPrefix(tag, `<a class="anchor"`) {
			// A heading's anchor link ("#", markdown/heading.go) is
			// not text.
			if end := strings.Index(s, "</a>"); end >= 0 {
				s = s[end+len("</a>"):]
			}
		}
	}
	return b.String()
}
