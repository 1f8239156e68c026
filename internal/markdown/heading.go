package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// prefixAttr is the Document attribute that carries an id prefix set by
// Embed, read back when footnotes are rendered.
const prefixAttr = "data-id-prefix"

// shiftAttr is the Document attribute that carries the heading level shift
// set by Embed.
const shiftAttr = "data-heading-shift"

func headingLevel(n *ast.Heading) byte {
	level := n.Level
	if doc := n.OwnerDocument(); doc != nil {
		if v, ok := doc.AttributeString(shiftAttr); ok {
			if shift, ok := v.(int); ok {
				level += shift
			}
		}
	}
	return "0123456"[min(max(level, 1), 6)]
}

func footnotePrefix(n ast.Node) []byte {
	doc := n.OwnerDocument()
	if doc == nil {
		return nil
	}
	if v, ok := doc.AttributeString(prefixAttr); ok {
		if b, ok := v.([]byte); ok {
			return b
		}
	}
	return nil
}

// headingRenderer writes headings with a trailing self-link, so a reader
// can copy the address of a section.
type headingRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (headingRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := headingLevel(n)
	if entering {
		_, _ = w.WriteString("<h")
		_ = w.WriteByte(level)
		if id, ok := n.AttributeString("id"); ok {
			if b, ok := id.([]byte); ok {
				_, _ = w.WriteString(` id="`)
				_, _ = w.Write(util.EscapeHTML(footnotePrefix(n)))
				_, _ = w.Write(util.EscapeHTML(b))
				_ = w.WriteByte('"')
			}
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok {
		if b, ok := id.([]byte); ok {
			_, _ = w.WriteString(` <a class="anchor" href="#`)
			_, _ = w.Write(util.EscapeHTML(footnotePrefix(n)))
			_, _ = w.Write(util.EscapeHTML(b))
			_, _ = w.WriteString(`" aria-label="Link to this section">#</a>`)
		}
	}
	_, _ = w.WriteString("</h")
	_ = w.WriteByte(level)
	_, _ = w.WriteString(">\n")
	return ast.WalkContinue, nil
}
