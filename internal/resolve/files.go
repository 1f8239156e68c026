package resolve

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// fileLinks checks that each body link and image to a path of the site
// (Link.Path, set by parse), and each person's photo, leads to a page or a
// file the site publishes. A miss is an error at the Markdown position,
// with what to write instead when a file or page of the same name, or a
// near one, exists. It is a few map look-ups per link.
func (r *resolver) fileLinks() {
	var near *nearFiles
	for _, p := range r.site.Pages {
		if p.File == "" {
			continue
		}
		if p.Person != nil && p.Person.Photo != nil {
			ph := p.Person.Photo
			if f, ok := r.published[ph.Path]; !ok || strings.HasSuffix(ph.Path, "/") {
				if near == nil {
					near = r.nearFiles()
				}
				r.l.Errorf(ph.Pos, "photo %s", r.missing(p, ph.Src, ph.Path, true, near))
			} else if f.Width == 0 && f.Source != "" {
				r.l.Errorf(ph.Pos, "photo %q is not a PNG, JPEG, GIF or WebP image whose size can be read; save it in one of those formats", ph.Src)
			}
		}
		b := r.bodies[p]
		if b == nil {
			continue
		}
		for _, ln := range b.Links {
			what := "link"
			if ln.Image {
				what = "image"
			}
			if ln.Outside {
				if at, ok := r.fromPageURL(p, ln.Dest); ok {
					r.l.Errorf(ln.Pos, "%s %q leads outside content/ and static/: a path is read from this file, not from the page's address; write %q (relative to this file) or %q (from the site root)", what, ln.Dest, relativeTo(p.File, at), "/"+at)
					continue
				}
				r.l.Errorf(ln.Pos, "%s %q leads outside content/ and static/; write the path relative to this file, or from the site root with \"/\"", what, ln.Dest)
				continue
			}
			if ln.Path == "" || r.publishes(ln.Path) {
				continue
			}
			if near == nil {
				near = r.nearFiles()
			}
			r.l.Errorf(ln.Pos, "%s %s", what, r.missing(p, ln.Dest, ln.Path, ln.Image, near))
		}
	}
}

// fromPageURL reads dest as a browser would on p's page, relative to its
// address, as links were read before they were read from the file: it
// returns the path it leads to there when the site publishes it, so the
// message can say how to write it now.
func (r *resolver) fromPageURL(p *content.Page, dest string) (string, bool) {
	u, err := url.Parse(html.UnescapeString(dest))
	if err != nil || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	at := path.Join(p.URL, u.Path)
	if at == ".." || strings.HasPrefix(at, "../") {
		return "", false
	}
	if at == "." {
		at = ""
	} else if strings.HasSuffix(u.Path, "/") {
		at += "/"
	}
	return at, r.publishes(at)
}

// publishes reports whether the site serves the path at (below the base
// URL): a page (with or without its final "/"), or a published file.
func (r *resolver) publishes(at string) bool {
	if _, ok := r.published[at]; ok {
		return true
	}
	if _, ok := r.byURL[at]; ok {
		return true
	}
	if _, ok := r.byURL[at+"/"]; ok && !strings.HasSuffix(at, "/") {
		return true
	}
	if at == "index.html" {
		return r.byURL[""] != nil
	}
	if u, ok := strings.CutSuffix(at, "index.html"); ok && strings.HasSuffix(u, "/") {
		return r.byURL[u] != nil
	}
	return false
}

// nearFiles is what the site publishes, for hints: every file and page
// path, and the files by name.
type nearFiles struct {
	all    []string // sorted
	names  []string // the files' names in lower case, sorted
	byName map[string][]string
}

func (r *resolver) nearFiles() *nearFiles {
	n := &nearFiles{byName: map[string][]string{}}
	for at := range r.published {
		n.all = append(n.all, at)
		name := strings.ToLower(path.Base(at))
		n.byName[name] = append(n.byName[name], at)
	}
	for u := range r.byURL {
		if u != "" {
			n.all = append(n.all, u)
			name := strings.ToLower(path.Base(u)) // "timeline" for "timeline/"
			n.byName[name] = append(n.byName[name], u)
		}
	}
	sort.Strings(n.all)
	for name, ats := range n.byName {
		sort.Strings(ats)
		n.names = append(n.names, name)
	}
	sort.Strings(n.names)
	return n
}

// missing says that dest (written on p, leading to the path at) leads to
// nothing the site publishes, and what to write instead: the same file
// name elsewhere (for a file), or the nearest path.
func (r *resolver) missing(p *content.Page, dest, at string, image bool, near *nearFiles) string {
	var best string
	if image || path.Ext(strings.TrimSuffix(at, "/")) != "" {
		// A file: the same name elsewhere, or a near name (a typo), but
		// never another file that only shares a folder.
		name := strings.ToLower(path.Base(at))
		if _, ok := near.byName[name]; !ok {
			name = nearName(name, near.names)
		}
		if ats := near.byName[name]; len(ats) > 0 {
			best, _ = diag.Nearest(at, ats)
		}
	} else if ats := near.byName[strings.ToLower(path.Base(at))]; len(ats) > 0 {
		best, _ = diag.Nearest(at, ats) // the same page name in another folder
	} else if n, ok := diag.Nearest(at, near.all); ok {
		best = n
	}
	switch {
	case best != "":
	case image || path.Ext(strings.TrimSuffix(at, "/")) != "":
		return fmt.Sprintf("%q not found: the site publishes nothing at /%s; add the file (beside the page in content/, or in static/) or correct the path", dest, at)
	default:
		return fmt.Sprintf("%q not found: the site has no page at /%s; correct the path, or link the page by its file (\"talks.md\")", dest, at)
	}
	return fmt.Sprintf("%q not found; write %q (relative to this file) or %q (from the site root)", dest, relativeTo(p.File, best), "/"+best)
}

// nearName returns the name among names (sorted) of the same kind as
// name (the same extension, or any image's) whose stem is nearest to
// name's ("budget-2025.pdf" for "budget-2024.pdf", "lavrov.png" for
// "lavrov.jpg"), or "" when none is near.
func nearName(name string, names []string) string {
	ext := path.Ext(name)
	var stems []string
	full := map[string]string{}
	for _, n := range names {
		e := path.Ext(n)
		if e != ext && !(imageExt[e] && imageExt[ext]) {
			continue
		}
		stem := strings.TrimSuffix(n, e)
		if _, ok := full[stem]; !ok {
			full[stem] = n
			stems = append(stems, stem)
		}
	}
	if n, ok := diag.Nearest(strings.TrimSuffix(name, ext), stems); ok {
		return full[n]
	}
	return ""
}

// imageExt are the extensions of images a page may show.
var imageExt = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true, ".avif": true}

// relativeTo returns the path of the published path at, written relative
// to the content file from, where content/ stands for the site's root.
func relativeTo(from, at string) string {
	dir := strings.Split(path.Dir(from), "/")[1:] // below content/
	for i := range dir {
		dir[i] = content.Slug(dir[i])
	}
	target := strings.Split(strings.TrimSuffix(at, "/"), "/")
	i := 0
	for i < len(dir) && i < len(target)-1 && dir[i] == target[i] {
		i++
	}
	rel := strings.Repeat("../", len(dir)-i) + strings.Join(target[i:], "/")
	if strings.HasSuffix(at, "/") {
		rel += "/"
	}
	return rel
}
