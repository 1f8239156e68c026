package parse

import (
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/markdown"
	"github.com/yuin/goldmark/util"
)

// sitePath reads a link or image written in p's Markdown (or a photo's
// src) that leads inside the site to something other than a .md file. A
// path is read like a .md link, relative to the Markdown file, where
// content/ and static/ both stand for the site's root: from
// content/talks.md, "talks/map.png" is content/talks/map.png and
// "../static/images/map.png" is static/images/map.png; one starting with
// "/" is from the site's root. It sets ln.Path to the path below the base
// URL ("talks/map.png") and ln.Href to that path relative to the page's
// URL, with the query and fragment as written, so the link works under
// any base URL; or ln.Outside for a relative path that leads out of
// content/ and static/. It reports false for every other link (an
// external address, a bare fragment, a .md file).
func sitePath(p *content.Page, ln *content.Link) bool {
	// The destination as a browser reads it: goldmark keeps character
	// references and backslash escapes as written ("&#106;avascript:").
	dest := strings.TrimSpace(html.UnescapeString(string(util.UnescapePunctuations([]byte(ln.Dest)))))
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(dest, "//") ||
		u.Path == "" || strings.HasSuffix(u.Path, ".md") {
		return false
	}
	dir := strings.HasSuffix(u.Path, "/")
	var at string
	if strings.HasPrefix(u.Path, "/") {
		if climbs(u.Path) {
			ln.Outside = true
			return true
		}
		at = strings.TrimPrefix(path.Clean(u.Path), "/")
	} else {
		file := path.Join(path.Dir(p.File), u.Path)
		var ok bool
		if at, ok = content.PublishedPath(file); !ok {
			ln.Outside = true
			return true
		}
		at = strings.TrimSuffix(at, "/")
	}
	if dir && at != "" {
		at += "/"
	}
	ln.Path = at
	ln.Href = (&url.URL{Path: relativeURL(p.URL, at)}).EscapedPath()
	if u.RawQuery != "" {
		ln.Href += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		ln.Href += "#" + u.EscapedFragment()
	}
	return true
}

// climbs reports whether the rooted path p goes above its root ("/../x").
func climbs(p string) bool {
	depth := 0
	for _, part := range strings.Split(p, "/") {
		switch part {
		case "", ".":
		case "..":
			if depth--; depth < 0 {
				return true
			}
		default:
			depth++
		}
	}
	return false
}

// imageSizes returns the size of every image of links whose file the site
// publishes and whose size is known, by destination as written.
func imageSizes(links []content.Link, published content.Files) map[string]markdown.Size {
	var sizes map[string]markdown.Size
	for _, ln := range links {
		if !ln.Image || ln.Path == "" {
			continue
		}
		if f, ok := published[ln.Path]; ok && f.Width > 0 {
			if sizes == nil {
				sizes = map[string]markdown.Size{}
			}
			sizes[ln.Dest] = markdown.Size{Width: f.Width, Height: f.Height}
		}
	}
	return sizes
}

// altText warns about images without alt text: a reader who cannot see
// the image gets nothing. An image that only decorates says so with the
// alt text markdown.Decorative.
func altText(links []content.Link, l *diag.List) {
	for _, ln := range links {
		if ln.Image && strings.TrimSpace(ln.Alt) == "" {
			l.Warnf(ln.Pos, "image %q has no alt text; describe it between the brackets, ![what it shows](%s), or write ![%s](%s) if it only decorates", ln.Dest, ln.Dest, markdown.Decorative, ln.Dest)
		}
	}
}

// photo places a person's photo: its src is read like an image in the
// page's Markdown, and it takes its size from the published file.
// Resolve checks that the file exists.
func photo(p *content.Page, ph *content.Photo, published content.Files, l *diag.List) *content.Photo {
	out := *ph
	out.Src, out.Credit = strings.TrimSpace(ph.Src), strings.TrimSpace(ph.Credit)
	if out.Src == "" {
		l.Errorf(ph.Pos, "photo has no src; add \"src: <file>\", the image's path relative to this file (or from the site root with \"/\")")
		return nil
	}
	ln := content.Link{Dest: out.Src, Image: true}
	if !sitePath(p, &ln) || ln.Outside || strings.HasSuffix(ln.Path, "/") || ln.Path == "" {
		l.Errorf(ph.Pos, "photo src %q must be an image file of the site, relative to this file or from the site root with \"/\"", out.Src)
		return nil
	}
	out.Path = ln.Path
	if f, ok := published[ln.Path]; ok {
		out.Width, out.Height = f.Width, f.Height
	}
	if out.Credit == "" {
		l.Warnf(ph.Pos, "photo has no credit; add \"credit: ...\" naming who took it and under which licence")
	}
	return &out
}
