package check

import (
	"bytes"
	"html"
	"strings"
)

// anchors is what the link check needs from one rendered HTML file: the ids
// it defines and the links it holds, in order.
type anchors struct {
	ids   map[string]bool
	links []string // href and src values, entities decoded
}

// scanHTML reads the ids and link targets of an HTML document. It is a small
// tokenizer, not a parser: enough for the well-formed output of
// html/template and goldmark, and safe (linear, no panics) on anything else.
// The contents of script and style elements, comments and doctypes are
// skipped.
func scanHTML(src []byte) anchors {
	a := anchors{ids: map[string]bool{}}
	i := 0
	for {
		j := bytes.IndexByte(src[i:], '<')
		if j < 0 {
			return a
		}
		i += j
		rest := src[i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			i = skipPast(src, i+4, "-->")
			continue
		case len(rest) > 1 && (rest[1] == '!' || rest[1] == '?' || rest[1] == '/'):
			i = skipPast(src, i+2, ">")
			continue
		case len(rest) < 2 || !isASCIILetter(rest[1]):
			i++
			continue
		}
		name, attrs, end := tag(src, i+1)
		i = end
		for _, at := range attrs {
			switch at.name {
			case "id":
				a.ids[at.value] = true
			case "name":
				if name == "a" {
					a.ids[at.value] = true
				}
			case "href", "src":
				a.links = append(a.links, at.value)
			}
		}
		if name == "script" || name == "style" {
			i = skipPastFold(src, i, "</"+name)
		}
	}
}

type attr struct{ name, value string }

// tag reads a start tag whose name begins at src[i], and returns the
// lower-case name, its attributes and the offset just past the tag.
func tag(src []byte, i int) (string, []attr, int) {
	start := i
	for i < len(src) && !isSpace(src[i]) && src[i] != '>' && src[i] != '/' {
		i++
	}
	name := strings.ToLower(string(src[start:i]))
	var attrs []attr
	for i < len(src) {
		for i < len(src) && (isSpace(src[i]) || src[i] == '/') {
			i++
		}
		if i >= len(src) {
			break
		}
		if src[i] == '>' {
			return name, attrs, i + 1
		}
		ks := i
		for i < len(src) && !isSpace(src[i]) && src[i] != '=' && src[i] != '>' && src[i] != '/' {
			i++
		}
		key := strings.ToLower(string(src[ks:i]))
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		if i >= len(src) || src[i] != '=' {
			attrs = append(attrs, attr{name: key})
			continue
		}
		i++
		for i < len(src) && isSpace(src[i]) {
			i++
		}
		var val []byte
		switch {
		case i < len(src) && (src[i] == '"' || src[i] == '\''):
			q := src[i]
			e := bytes.IndexByte(src[i+1:], q)
			if e < 0 {
				val, i = src[i+1:], len(src)
			} else {
				val, i = src[i+1:i+1+e], i+2+e
			}
		default:
			vs := i
			for i < len(src) && !isSpace(src[i]) && src[i] != '>' {
				i++
			}
			val = src[vs:i]
		}
		attrs = append(attrs, attr{name: key, value: html.UnescapeString(string(val))})
	}
	return name, attrs, len(src)
}

// skipPast returns the offset just past the first end at or after i, or
// the end of src.
func skipPast(src []byte, i int, end string) int {
	if i > len(src) {
		return len(src)
	}
	if j := bytes.Index(src[i:], []byte(end)); j >= 0 {
		return i + j + len(end)
	}
	return len(src)
}

// skipPastFold is skipPast ignoring ASCII case, for "</script".
func skipPastFold(src []byte, i int, end string) int {
	n := len(end)
	for ; i+n <= len(src); i++ {
		if bytes.EqualFold(src[i:i+n], []byte(end)) {
			return i + n
		}
	}
	return len(src)
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
