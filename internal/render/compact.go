package render

import (
	"bytes"
	"html/template"
	"text/template/parse"
)

// This file makes pages compact where they are made: the literal text of
// the templates loses its indentation and the line breaks between tags once,
// when the templates are parsed, so no minifier has to run over every
// rendered page. Markdown bodies come from goldmark already compact.
//
// The text is rewritten in the parse tree, after html/template has parsed
// it, not in the source: every action keeps its position in the file, so
// parse and execution errors still name the right line and column, and the
// trim markers {{- and -}} have already done their part.
//
// The rules are those of an HTML minifier, kept to what is safe without
// knowing what an action writes:
//   - a run of white space next to a block-level tag (<div>, </li>, <p>,
//     <meta> ...) is removed: a browser does not show white space at the
//     start or end of a block;
//   - any other run becomes one space, or one line break if it held one: a
//     space between two inline elements (</a> <a>) or words is text;
//   - inside a tag, between attributes, a run becomes one space;
//   - nothing changes inside attribute values, comments, or the raw text
//     of <pre>, <textarea>, <script>, <style> and the like.
//
// A tree whose branches leave the HTML in different states (an {{if}} that
// opens a tag its {{else}} does not) is left as it was.

// compactSets compacts the templates of sets, which are clones of one
// another with different files added. A template that some template calls
// from anywhere but between tags (inside <pre>, a <script>, an attribute
// value) is left as written, and so is everything it calls: its white space
// may show there. Calls are {{template}} and {{block}}, and any string in an
// action that names a template (partialCached "partials/x.html"); a name
// computed while the page renders is not seen. The callers of all sets are
// counted together, since partialCached renders its partials from one of
// them.
func compactSets(sets []*template.Template) {
	type plan struct {
		tree *parse.Tree
		c    *compactor
	}
	var plans []plan
	calls := map[string][]string{} // template -> the templates it calls
	keep := map[string]bool{}      // templates called outside text
	for _, t := range sets {
		if t == nil {
			continue
		}
		names := map[string]bool{}
		for _, x := range t.Templates() {
			names[x.Name()] = true
		}
		for _, x := range t.Templates() {
			if x.Tree == nil || x.Tree.Root == nil {
				continue
			}
			c := &compactor{names: names}
			c.list(x.Tree.Root, htmlState{})
			plans = append(plans, plan{x.Tree, c})
			for _, call := range c.calls {
				calls[x.Tree.Name] = append(calls[x.Tree.Name], call.name)
				if call.outside {
					keep[call.name] = true
				}
			}
		}
	}
	var stack []string
	for n := range keep {
		stack = append(stack, n)
	}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range calls[n] {
			if !keep[m] {
				keep[m] = true
				stack = append(stack, m)
			}
		}
	}
	for _, p := range plans {
		if !p.c.failed && !keep[p.tree.Name] {
			p.c.apply()
		}
	}
}

// htmlState is where the HTML stands between two pieces of template text.
type htmlState struct {
	mode mode
	// tag is the current tag's lower-case name in modeTag and the attribute
	// modes, and the element whose end is awaited in modeRaw.
	tag string
	// end is set in modeTag when the tag is an end tag.
	end bool
}

type mode uint8

const (
	modeText    mode = iota // between tags
	modeTag                 // inside a tag, outside attribute values
	modeAttrDQ              // inside a "double-quoted" attribute value
	modeAttrSQ              // inside a 'single-quoted' attribute value
	modeRaw                 // inside <pre>, <script> ... until its end tag
	modeComment             // inside <!-- ... -->
)

type edit struct {
	node *parse.TextNode
	text []byte
}

// compactor walks one tree and plans its edits; apply makes them.
type compactor struct {
	names  map[string]bool // the templates of the set, to spot calls by name
	edits  []edit
	calls  []call
	failed bool
}

// call is a template called from a tree, and whether it was called
// anywhere but between tags.
type call struct {
	name    string
	outside bool
}

func (c *compactor) apply() {
	for _, e := range c.edits {
		e.node.Text = e.text
	}
}

// pipe records the templates a pipeline names in a string
// (partialCached "partials/x.html" ...).
func (c *compactor) pipe(p *parse.PipeNode, s htmlState) {
	if p == nil {
		return
	}
	for _, cmd := range p.Cmds {
		for _, arg := range cmd.Args {
			switch a := arg.(type) {
			case *parse.StringNode:
				if c.names[a.Text] {
					c.calls = append(c.calls, call{a.Text, s.mode != modeText})
				}
			case *parse.PipeNode:
				c.pipe(a, s)
			}
		}
	}
}

func (c *compactor) list(l *parse.ListNode, s htmlState) htmlState {
	if l == nil {
		return s
	}
	for _, n := range l.Nodes {
		s = c.node(n, s)
	}
	return s
}

func (c *compactor) node(n parse.Node, s htmlState) htmlState {
	switch n := n.(type) {
	case *parse.TextNode:
		text, end := compactText(n.Text, s)
		if !bytes.Equal(text, n.Text) {
			c.edits = append(c.edits, edit{n, text})
		}
		return end
	case *parse.ListNode:
		return c.list(n, s)
	case *parse.TemplateNode:
		c.calls = append(c.calls, call{n.Name, s.mode != modeText})
		c.pipe(n.Pipe, s)
		return s
	case *parse.ActionNode:
		c.pipe(n.Pipe, s)
		return s
	case *parse.IfNode:
		return c.branch(&n.BranchNode, s, false)
	case *parse.WithNode:
		return c.branch(&n.BranchNode, s, false)
	case *parse.RangeNode:
		return c.branch(&n.BranchNode, s, true)
	}
	// Comments, break and continue write nothing. What actions and
	// template calls write is escaped for the state it lands in and does
	// not change it.
	return s
}

// branch follows both lists of an if, with or range from s. They must end
// in the same state, and for a range (which may run its list again, or not
// at all) in the state it started from, or the tree is left alone.
func (c *compactor) branch(b *parse.BranchNode, s htmlState, loop bool) htmlState {
	c.pipe(b.Pipe, s)
	a := c.list(b.List, s)
	e := s
	if b.ElseList != nil {
		e = c.list(b.ElseList, s)
	}
	if a != e || (loop && a != s) {
		c.failed = true
	}
	return a
}

// compactText compacts one piece of template text that starts in state s,
// and returns the new text and the state it ends in.
func compactText(src []byte, s htmlState) ([]byte, htmlState) {
	out := make([]byte, 0, len(src))
	left := sideUnknown // what precedes the current position in the output
	for i := 0; i < len(src); {
		switch s.mode {
		case modeText:
			c := src[i]
			if isSpace(c) {
				j := i
				for j < len(src) && isSpace(src[j]) {
					j++
				}
				right := sideUnknown
				if j < len(src) {
					right = sideOf(src[j:])
				}
				if left != sideBlock && right != sideBlock {
					out = append(out, collapse(src[i:j]))
				}
				i = j
				continue
			}
			if c == '<' {
				if bytes.HasPrefix(src[i:], []byte("<!--")) {
					out = append(out, "<!--"...)
					i += 4
					s = htmlState{mode: modeComment}
					left = sideUnknown
					continue
				}
				if name, end, n := tagName(src[i:]); n > 0 {
					out = append(out, src[i:i+n]...)
					i += n
					s = htmlState{mode: modeTag, tag: name, end: end}
					continue
				}
			}
			out = append(out, c)
			left = sideText
			i++
		case modeTag:
			c := src[i]
			switch {
			case isSpace(c):
				j := i
				for j < len(src) && isSpace(src[j]) {
					j++
				}
				if j == len(src) || src[j] != '>' {
					out = append(out, ' ')
				}
				i = j
				continue
			case c == '"':
				s.mode = modeAttrDQ
			case c == '\'':
				s.mode = modeAttrSQ
			case c == '>':
				left = sideInline
				if blockTags[s.tag] {
					left = sideBlock
				}
				if !s.end && rawTags[s.tag] {
					s = htmlState{mode: modeRaw, tag: s.tag}
				} else {
					s = htmlState{}
				}
			}
			out = append(out, c)
			i++
		case modeAttrDQ, modeAttrSQ:
			q := byte('"')
			if s.mode == modeAttrSQ {
				q = '\''
			}
			j := bytes.IndexByte(src[i:], q)
			if j < 0 {
				out = append(out, src[i:]...)
				i = len(src)
				continue
			}
			out = append(out, src[i:i+j+1]...)
			i += j + 1
			s.mode = modeTag
		case modeRaw:
			j := indexEndTag(src[i:], s.tag)
			if j < 0 {
				out = append(out, src[i:]...)
				i = len(src)
				continue
			}
			out = append(out, src[i:i+j]...)
			i += j
			s = htmlState{} // the end tag is read as text's next tag
			left = sideUnknown
		case modeComment:
			j := bytes.Index(src[i:], []byte("-->"))
			if j < 0 {
				out = append(out, src[i:]...)
				i = len(src)
				continue
			}
			out = append(out, src[i:i+j+3]...)
			i += j + 3
			s = htmlState{}
			left = sideUnknown
		}
	}
	return out, s
}

// side is what stands on one side of a run of white space.
type side uint8

const (
	sideUnknown side = iota // an action, or the edge of the text
	sideText                // a character of text
	sideInline              // a tag that may sit inside a line of text
	sideBlock               // a tag of a block, or of the head
)

// sideOf tells what text, which follows a run of white space, starts with.
func sideOf(text []byte) side {
	if text[0] != '<' {
		return sideText
	}
	name, _, n := tagName(text)
	if n == 0 {
		if bytes.HasPrefix(text, []byte("<!--")) {
			return sideUnknown
		}
		return sideText
	}
	if blockTags[name] {
		return sideBlock
	}
	return sideInline
}

// tagName reads the start of a tag at text[0] == '<': "<name", "</name" or
// "<!DOCTYPE". It returns the lower-case name ("!doctype" for a
// declaration), whether it is an end tag, and the bytes read; n is 0 when
// text does not start a tag.
func tagName(text []byte) (name string, end bool, n int) {
	i := 1
	if i < len(text) && text[i] == '/' {
		end = true
		i++
	}
	if !end && i < len(text) && text[i] == '!' {
		if len(text) >= 9 && bytes.EqualFold(text[1:9], []byte("!doctype")) {
			return "!doctype", false, 9
		}
		return "", false, 0
	}
	if i >= len(text) || !isLetter(text[i]) {
		return "", false, 0
	}
	j := i
	for j < len(text) && (isLetter(text[j]) || text[j] >= '0' && text[j] <= '9' || text[j] == '-' || text[j] == ':') {
		j++
	}
	return string(bytes.ToLower(text[i:j])), end, j
}

// indexEndTag returns the index in text of "</tag" (any case) followed by
// white space, '/' or '>', or -1.
func indexEndTag(text []byte, tag string) int {
	for i := 0; i+2+len(tag) <= len(text); i++ {
		j := bytes.Index(text[i:], []byte("</"))
		if j < 0 {
			return -1
		}
		i += j
		k := i + 2 + len(tag)
		if k > len(text) {
			return -1
		}
		if bytes.EqualFold(text[i+2:k], []byte(tag)) && (k == len(text) || isSpace(text[k]) || text[k] == '/' || text[k] == '>') {
			return i
		}
	}
	return -1
}

// collapse is what a run of white space that shows becomes: one line
// break if it held one, else one space.
func collapse(run []byte) byte {
	if bytes.IndexByte(run, '\n') >= 0 {
		return '\n'
	}
	return ' '
}

// isSpace reports HTML's ASCII white space. Other spaces (U+00A0) are
// text and stay.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// blockTags are the elements white space next to which does not show: the
// block-level elements an HTML minifier drops spaces around (tdewolff's
// list), and the elements of the head and the document itself, which are
// not shown at all. An element not listed is taken to be inline.
var blockTags = setOf(
	"!doctype", "html", "head", "body", "title", "meta", "link", "base", "style",
	"address", "article", "aside", "blockquote", "br", "caption", "col", "colgroup",
	"dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
	"form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend",
	"li", "main", "menu", "nav", "noscript", "ol", "option", "p", "pre", "section",
	"summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
)

// rawTags are the elements whose content is kept exactly: raw text, text
// whose white space shows, and foreign content.
var rawTags = setOf(
	"pre", "textarea", "script", "style", "title", "xmp", "iframe", "noembed",
	"noframes", "plaintext", "svg", "math",
)

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
