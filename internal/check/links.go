package check

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// unsafeLinks reports body links whose scheme can run code or smuggle a
// document. goldmark leaves their address out of the page, so the reader
// would get a link that goes nowhere.
func unsafeLinks(site *content.Site, r *Rendered, l *diag.List) {
	for _, p := range site.Pages {
		for _, ln := range r.bodyLinks(site, p) {
			if s := unsafeScheme(ln.Dest); s != "" {
				add(l, ln.Pos, diag.Error, RuleLink, fmt.Sprintf("link %q uses the %s: scheme, which the build leaves out of the page; link to an http:// or https:// address", ln.Dest, s))
			}
		}
	}
}

// unsafeScheme returns the scheme of dest when a browser could run or
// render it as a document (javascript:, vbscript:, file:, data: other than
// a raster image), or "". It reads dest as a browser does: leading spaces
// and control characters, and tabs and newlines anywhere, do not count.
func unsafeScheme(dest string) string {
	var b strings.Builder
	for _, r := range strings.TrimLeft(html.UnescapeString(dest), "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ") {
		if r == '\t' || r == '\n' || r == '\r' {
			continue
		}
		b.WriteRune(r)
		if b.Len() > 32 {
			break
		}
	}
	s := strings.ToLower(b.String())
	for _, scheme := range []string{"javascript", "vbscript", "file"} {
		if strings.HasPrefix(s, scheme+":") {
			return scheme
		}
	}
	if strings.HasPrefix(s, "data:") {
		for _, ok := range []string{"data:image/png;", "data:image/gif;", "data:image/jpeg;", "data:image/webp;"} {
			if strings.HasPrefix(s, ok) {
				return ""
			}
		}
		return "data"
	}
	return ""
}

// linker resolves the links of rendered files against the set of files.
type linker struct {
	base     string // absolute base URL with a trailing slash, or ""
	basePath string // its path, decoded: "/" or "/briefings/riyadh/"
	relPath  string // its path as render writes it (escaped)
	files    map[string]bool
	anchors  map[string]pageAnchors // by path, for HTML files
	r        *Rendered
}

func newLinker(b content.BaseURL, r *Rendered) *linker {
	k := &linker{base: b.URL, basePath: "/", relPath: "/", files: r.files, anchors: r.anchors, r: r}
	if !b.IsZero() {
		k.basePath, k.relPath = b.Decoded, b.Path
	}
	return k
}

// resolve follows href as written in the output file from. It reports
// whether the link stays inside the site and, if it does and leads nowhere,
// why.
func (k *linker) resolve(from, href string) (internal bool, problem string) {
	href = strings.TrimSpace(href)
	if href == "" || unsafeScheme(href) != "" {
		return false, ""
	}
	if k.base != "" && k.base != "/" && strings.HasPrefix(href, k.base) {
		href = k.relPath + strings.TrimPrefix(href, k.base)
	}
	u, err := url.Parse(href)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(href, "//") {
		return false, ""
	}
	var rel string // the target's path below the base path
	switch {
	case u.Path == "":
		if u.Fragment == "" {
			return false, ""
		}
		rel = from
	case strings.HasPrefix(u.Path, "/"):
		if u.Path+"/" == k.basePath {
			break
		}
		if !strings.HasPrefix(u.Path, k.basePath) {
			return true, fmt.Sprintf("leads to %s, outside the site's base path %s", u.Path, k.basePath)
		}
		rel = strings.TrimPrefix(u.Path, k.basePath)
	default:
		rel = path.Join(path.Dir(from), u.Path)
		if rel == ".." || strings.HasPrefix(rel, "../") {
			return true, "leads above the site's root"
		}
		if rel == "." {
			rel = ""
		} else if strings.HasSuffix(u.Path, "/") {
			rel += "/"
		}
	}
	if strings.Contains("/"+rel+"/", "/../") {
		return true, "leads above the site's root"
	}
	target := k.file(rel)
	if target == "" {
		return true, fmt.Sprintf("leads to %s%s, which the site does not have", k.basePath, rel)
	}
	if u.Fragment == "" {
		return true, ""
	}
	a, ok := k.anchors[target]
	if !ok || a.has(u.Fragment) {
		return true, ""
	}
	return true, fmt.Sprintf("leads to #%s, but %s%s has no heading or anchor with that id", u.Fragment, k.basePath, pageURL(target))
}

// file returns the output file that serves the site path p, or "".
func (k *linker) file(p string) string {
	for _, c := range []string{outputPath(p), p, strings.TrimSuffix(p, "/") + "/index.html"} {
		if k.files[c] {
			return c
		}
	}
	return ""
}

// links checks every link in the rendered HTML files. A broken link that
// comes from a page's Markdown is reported where it was written; one that
// the templates made is reported against the template of its page's kind.
func links(site *content.Site, r *Rendered, l *diag.List) {
	k := newLinker(site.Config.BaseURL, r)
	byOutput := map[string]*content.Page{}
	for _, p := range site.Pages {
		byOutput[outputPath(p.URL)] = p
	}
	for _, p := range site.Generated {
		byOutput[outputPath(p.URL)] = p
	}
	for _, path := range r.pages() {
		a := k.anchors[path]
		p := byOutput[path]
		var origins map[string]origin // made at the page's first broken link
		for _, i := range a.links {   // each once: scanHTML keeps them so
			href := r.links[i]
			if s := unsafeScheme(href); s != "" {
				add(l, templatePos(p, path), diag.Error, RuleLink, fmt.Sprintf("/%s carries a %s: link; a template must not build links from content", pageURL(path), s))
				continue
			}
			internal, problem := k.resolve(path, href)
			if !internal || problem == "" {
				continue
			}
			if origins == nil {
				origins = k.origins(site, p, path)
			}
			if o, ok := origins[k.key(path, href)]; ok {
				ln, q := o.ln, o.page
				if q == p {
					add(l, ln.Pos, diag.Error, RuleLink, fmt.Sprintf("link %q %s", ln.Dest, problem))
					continue
				}
				// The link is q's, repeated on p (the brief): report it here
				// only if it works on q's own page.
				own := outputPath(q.URL)
				if _, ownProblem := k.resolve(own, k.rendered(q, ln, false)); ownProblem == "" {
					add(l, ln.Pos, diag.Error, RuleLink, fmt.Sprintf("link %q works on %s%s but not on %s%s, which repeats this page: there it %s", ln.Dest, k.basePath, q.URL, k.basePath, p.URL, problem))
				}
				continue
			}
			add(l, templatePos(p, path), diag.Error, RuleLink, fmt.Sprintf("/%s: the link %q made by the templates %s", pageURL(path), href, problem))
		}
	}
}

// origin is the body link a link on a rendered page comes from, and the
// page whose body holds it.
type origin struct {
	ln   content.Link
	page *content.Page
}

// origins indexes the body links that render on page p (whose output file
// is from) by their key (see key), the first link of each key: p's own
// links, or, on the brief, the links of the topics whose text the brief
// repeats. A broken link is looked up in it to be reported where it was
// written; one lookup a link, as a page of 40,000 broken links took
// minutes when each was sought through every link of the page.
func (k *linker) origins(site *content.Site, p *content.Page, from string) map[string]origin {
	m := map[string]origin{}
	if p == nil {
		return m
	}
	pages := []*content.Page{p}
	if p.Kind == content.KindBrief {
		pages = site.Topics
	}
	for _, q := range pages {
		for _, ln := range k.r.bodyLinks(site, q) {
			key := k.key(from, k.rendered(q, ln, p.Kind == content.KindBrief))
			if _, ok := m[key]; !ok {
				m[key] = origin{ln, q}
			}
		}
	}
	return m
}

// rendered returns a body link's href as parse wrote it (the brief sits at
// the same depth as the topics it repeats); on the brief a bare fragment
// follows the topic's prefixed ids.
func (k *linker) rendered(p *content.Page, ln content.Link, onBrief bool) string {
	if ln.Href != ln.Dest {
		return ln.Href
	}
	if onBrief && len(ln.Dest) > 1 && ln.Dest[0] == '#' {
		return "#" + p.ID + "--" + ln.Dest[1:]
	}
	return ln.Dest
}

// key normalises href for comparison: decoded path and fragment.
func (k *linker) key(from, href string) string {
	u, err := url.Parse(strings.TrimSpace(href))
	if err != nil {
		return href
	}
	if strings.HasPrefix(u.Path, "/") {
		return u.Path + "#" + u.Fragment
	}
	return path.Join(path.Dir(from), u.Path) + "#" + u.Fragment
}

// templatePos is where a link the templates made is reported: the template
// file of the page's kind, or the output file when no page owns it.
func templatePos(p *content.Page, file string) diag.Pos {
	if p == nil {
		return diag.Pos{File: "static/" + file}
	}
	return diag.Pos{File: "templates/" + string(p.Kind) + ".html"}
}

// outputPath is the file a page URL is served from, as render writes it.
func outputPath(u string) string {
	if u == "" || strings.HasSuffix(u, "/") {
		return u + "index.html"
	}
	return u
}

// pageURL turns an output path back into the page's URL path.
func pageURL(file string) string {
	if file == "index.html" {
		return ""
	}
	return strings.TrimSuffix(file, "index.html")
}
