package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Decorative is the alt text that marks an image as decorative:
// "![{decorative}](rule.png)" is rendered with an empty alt attribute, so
// screen readers pass over it, and is not reported as missing its text.
const Decorative = "{decorative}"

// Size is an image's size in pixels.
type Size struct{ Width, Height int }

// sizeAttr is the attribute of an Image node that carries its Size, set
// by SizeImages and read by renderImage.
const sizeAttr = "data-briefing-size"

// SizeImages gives every image whose destination (as written, before
// RewriteLinks) is a key of sizes that size, written as the width and
// height of its <img>. Call it before RewriteLinks.
func (d *Doc) SizeImages(sizes map[string]Size) {
	if len(sizes) == 0 {
		return
	}
	_ = ast.Walk(d.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if img, ok := n.(*ast.Image); ok && entering {
			if s, ok := sizes[string(img.Destination)]; ok && s.Width > 0 && s.Height > 0 {
				img.SetAttributeString(sizeAttr, s)
			}
		}
		return ast.WalkContinue, nil
	})
}

// imageRenderer writes images with their size, lazy loading and
// asynchronous decoding, and an image with a title alone in its paragraph
// as a figure with the title as its caption (a <figure> may not sit inside
// a <p>, so it takes the paragraph's place).
type imageRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (imageRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindImage, renderImage)
	reg.Register(ast.KindParagraph, renderParagraph)
}

// figureImage returns the image a paragraph holds alone, when it has a
// title to caption it with; nil otherwise.
func figureImage(p ast.Node) *ast.Image {
	if p.ChildCount() != 1 {
		return nil
	}
	img, ok := p.FirstChild().(*ast.Image)
	if !ok || len(img.Title) == 0 {
		return nil
	}
	return img
}

func renderParagraph(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if img := figureImage(n); img != nil {
		if entering {
			_, _ = w.WriteString("<figure>")
			writeImage(w, src, img, false)
			_, _ = w.WriteString("<figcaption>")
			gmhtml.DefaultWriter.Write(w, img.Title)
			_, _ = w.WriteString("</figcaption></figure>\n")
		}
		return ast.WalkSkipChildren, nil
	}
	if entering {
		_, _ = w.WriteString("<p>")
	} else {
		_, _ = w.WriteString("</p>\n")
	}
	return ast.WalkContinue, nil
}

func renderImage(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		writeImage(w, src, n.(*ast.Image), true)
	}
	return ast.WalkSkipChildren, nil
}

// writeImage writes an <img>. Its alt text is the image's text as a reader
// gets it, or empty for a Decorative image; title says whether to write
// the title as an attribute (a figure shows it as its caption instead).
func writeImage(w util.BufWriter, src []byte, n *ast.Image, title bool) {
	_, _ = w.WriteString(`<img src="`)
	dest := util.URLEscape(n.Destination, true)
	if !gmhtml.IsDangerousURL(dest) {
		_, _ = w.Write(util.EscapeHTML(dest))
	}
	_, _ = w.WriteString(`" alt="`)
	if alt := plainText(n, src); alt != Decorative {
		_, _ = w.Write(util.EscapeHTML([]byte(alt)))
	}
	_ = w.WriteByte('"')
	if title && n.Title != nil {
		_, _ = w.WriteString(` title="`)
		gmhtml.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if v, ok := n.AttributeString(sizeAttr); ok {
		if s, ok := v.(Size); ok {
			_, _ = w.WriteString(` width="`)
			_, _ = w.WriteString(strconv.Itoa(s.Width))
			_, _ = w.WriteString(`" height="`)
			_, _ = w.WriteString(strconv.Itoa(s.Height))
			_ = w.WriteByte('"')
		}
	}
	_, _ = w.WriteString(` loading="lazy" decoding="async">`)
}
