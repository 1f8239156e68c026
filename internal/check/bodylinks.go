package check

import (
	"math"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// keptLinks is what the link rules need of one body's links once resolve
// has checked them: each link's address as written and as rendered, and
// where it is. A content.Link is 128 bytes and carries strings these rules
// never read (the target file, the site path, the alt text); on a
// 10,000-page site the bodies' links were about a seventh of check's live
// heap.
type keptLinks struct {
	file  string // the file every link of the body is in
	links []bodyLink
}

type bodyLink struct {
	dest, href string // parse's Href is most often Dest itself, not a copy
	line, col  int32
}

// KeepLinks takes the bodies' links from site in the smaller form the link
// rules read, and lets go of the bodies' own. Call it once the site is
// resolved (resolve reads the links in full) and before Site. A body whose
// links do not fit the smaller form (links in more than one file, a
// position past what 32 bits hold) keeps its own.
func (r *Rendered) KeepLinks(site *content.Site) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.bodies == nil {
		r.bodies = map[*content.Page]keptLinks{}
	}
	for _, p := range site.Pages {
		b := site.Body(p)
		if b == nil || len(b.Links) == 0 {
			continue
		}
		if k, ok := keep(b.Links); ok {
			r.bodies[p] = k
			b.Links = nil
		}
	}
}

func keep(links []content.Link) (keptLinks, bool) {
	k := keptLinks{file: links[0].Pos.File, links: make([]bodyLink, len(links))}
	for i, ln := range links {
		if ln.Pos.File != k.file || ln.Pos.Line > math.MaxInt32 || ln.Pos.Col > math.MaxInt32 {
			return keptLinks{}, false
		}
		k.links[i] = bodyLink{dest: ln.Dest, href: ln.Href, line: int32(ln.Pos.Line), col: int32(ln.Pos.Col)}
	}
	return k, true
}

// bodyLinks returns the links of p's body, with the fields the link rules
// read: those KeepLinks took, or the body's own. r may be nil.
func (r *Rendered) bodyLinks(site *content.Site, p *content.Page) []content.Link {
	if r != nil {
		if k, ok := r.bodies[p]; ok {
			out := make([]content.Link, len(k.links))
			for i, ln := range k.links {
				out[i] = content.Link{Dest: ln.dest, Href: ln.href, Pos: diag.Pos{File: k.file, Line: int(ln.line), Col: int(ln.col)}}
			}
			return out
		}
	}
	if b := site.Body(p); b != nil {
		return b.Links
	}
	return nil
}
