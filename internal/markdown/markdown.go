// Package markdown is the one goldmark set-up of the project: GitHub-flavoured
// Markdown, footnotes, typographer, heading ids that keep letters of every
// script, raw HTML off. Parse turns a page body into a Doc; Render turns a Doc
// into HTML. The package holds no state between calls: a Markdown value is
// built once and shared read-only by every worker.
package markdown

import (
	"bytes"
	"html"
	"io"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown converts page bodies. Its methods are safe for concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// New builds the goldmark instance. Raw HTML in the input is left out of the
// output (goldmark's default); dangerous link schemes such as javascript:
// are dropped by goldmark's renderer.
func New() *Markdown {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
			extension.Typographer,
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(headingRenderer{}, 100),
			util.Prioritized(imageRenderer{}, 100),
		)),
	)
	return &Markdown{md: md}
}

// Doc is a parsed page body. It belongs to one page; Render may rewrite its
// link destinations, so a Doc must not be rendered from two goroutines at once.
type Doc struct {
	Root ast.Node
	// Src is the body text the node offsets point into.
	Src []byte
}

// Heading is a heading of a body, with the id it was given.
type Heading struct {
	Level int
	Text  string
	ID    string
	// Offset is the byte offset of the heading in Src.
	Offset int
}

// Link is a link or image destination with its byte offset in Src. Image
// marks an image, and Alt is its text as a reader gets it.
type Link struct {
	Dest   string
	Offset int
	Image  bool
	Alt    string
}

// MaxFootnoteMarks is how many footnote marks ("[^", references and
// definitions together) a body may hold. goldmark's footnotes take time
// that grows with the square of their number: a body of 60,000 took half a
// minute to parse. Real pages have tens.
const MaxFootnoteMarks = 2000

// TooManyFootnotes returns the byte offset in src of the first footnote
// mark past MaxFootnoteMarks, and how many marks src holds; the offset is
// -1 when src is within the limit. Marks in code count too.
func TooManyFootnotes(src []byte) (off, n int) {
	off = -1
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("[^"))
		if j < 0 {
			return off, n
		}
		n++
		if n == MaxFootnoteMarks+1 {
			off = i + j
		}
		i += j + 2
	}
}

// Parse parses a body. Heading ids are unique within the body and keep the
// letters and digits of every script.
func (m *Markdown) Parse(src []byte) *Doc {
	ctx := parser.NewContext(parser.WithIDs(newIDs()))
	root := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	return &Doc{Root: root, Src: src}
}

// Render writes d as HTML to w.
func (m *Markdown) Render(w io.Writer, d *Doc) error {
	return m.md.Renderer().Render(w, d.Src, d.Root)
}

// Outline returns the headings, links and word count of a body.
func (d *Doc) Outline() (headings []Heading, links []Link, words int) {
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			h := Heading{Level: n.Level, Text: plainText(n, d.Src), Offset: offset(n)}
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					h.ID = string(b)
				}
			}
			headings = append(headings, h)
		case *ast.Link:
			links = append(links, Link{Dest: string(n.Destination), Offset: offset(n)})
		case *ast.Image:
			links = append(links, Link{Dest: string(n.Destination), Offset: offset(n), Image: true, Alt: plainText(n, d.Src)})
		case *ast.Text:
			words += countWords(n.Segment.Value(d.Src))
		}
		return ast.WalkContinue, nil
	})
	return headings, links, words
}

// RewriteLinks replaces link and image destinations found in targets with
// the mapped value. Destinations not in targets stay as written.
func (d *Doc) RewriteLinks(targets map[string]string) {
	if len(targets) == 0 {
		return
	}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if t, ok := targets[string(n.Destination)]; ok {
				n.Destination = []byte(t)
			}
		case *ast.Image:
			if t, ok := targets[string(n.Destination)]; ok {
				n.Destination = []byte(t)
			}
		}
		return ast.WalkContinue, nil
	})
}

// Embed makes later renders of d fit inside another page: every heading and
// footnote id gets prefix, so several bodies can share one HTML page, and
// headings go shift levels deeper (at most h6), so they nest under the
// host page's own. Embed("", 0) restores plain rendering. The parsed
// document itself never changes.
func (d *Doc) Embed(prefix string, shift int) {
	d.Root.SetAttributeString(prefixAttr, []byte(prefix))
	d.Root.SetAttributeString(shiftAttr, shift)
}

// offset returns the byte offset of n, or of its nearest ancestor or first
// descendant that has one, or 0.
func offset(n ast.Node) int {
	for p := n; p != nil; p = p.Parent() {
		if p.Pos() >= 0 && p.Kind() != ast.KindDocument {
			return p.Pos()
		}
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

// plainText returns the text content of n as a reader sees it: plain
// text, not HTML. Templates escape it where they print it, so nothing here
// may stay escaped: the typographer's substitutions are HTML entities
// ("&rsquo;"), and text as written keeps its backslash escapes and
// character references ("\*", "&amp;"). Left in, a table of contents
// showed "Europe&rsquo;s seat".
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = util.UnescapePunctuations(v)
				v = []byte(html.UnescapeString(string(v)))
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				// Written to the HTML as is: the typographer's entities.
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		case *ast.CodeSpan:
			for ch := c.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*ast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return string(bytes.TrimSpace(b.Bytes()))
}

func countWords(b []byte) int {
	n, in := 0, false
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if !in {
				n++
			}
			in = true
		} else if r != '\'' && r != '’' && r != '-' {
			in = false
		}
	}
	return n
}

// ids makes heading ids: lower-case letters and digits of any script, with
// runs of anything else turned into one "-", unique within one body.
type ids struct {
	used map[string]bool
	// next is, for each base that has been taken, the first suffix not
	// tried yet: those below it are all taken, so a body with thousands of
	// headings of one name makes its ids in linear time.
	next map[string]int
}

func newIDs() *ids { return &ids{used: map[string]bool{}, next: map[string]int{}} }

// Generate implements parser.IDs.
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	var b []byte
	dash := false
	for _, r := range string(value) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = utf8.AppendRune(b, unicode.ToLower(r))
		default:
			dash = true
		}
	}
	base := string(b)
	if base == "" {
		base = "section"
	}
	id := base
	if s.used[id] {
		i := max(s.next[base], 1)
		for id = base + "-" + strconv.Itoa(i); s.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		s.next[base] = i + 1
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (s *ids) Put(value []byte) { s.used[string(value)] = true }
