// Package cache keeps what one build made so that the next build of the
// same site reuses every step's result whose inputs are unchanged: the
// parsed pages of files with the same bytes, the resolved site after an
// edit that changed bodies only, the files for machines, and each rendered
// page whose recorded reads (see package deps) have the same versions.
// It is the incremental part of the one pipeline: package build runs the
// same steps with a cache (serve) or without one (build, check), and a nil
// *Cache is valid and caches nothing.
//
// A Cache never changes what it hands out: a reused site is a new value
// (content.Site.WithBodies), and stored pages are never written to. It is
// not safe for concurrent use: one build at a time.
package cache

import (
	"bytes"
	"encoding/binary"
	"hash/fnv"
	"slices"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/deps"
	"github.com/briefing-dev/briefing/internal/diag"
)

// Cache is what the last build made, by step.
type Cache struct {
	files  map[string]*file // parse: by content file path
	site   *resolved        // resolve: the last site resolved without findings
	memo   map[string]memo  // other steps' results, by step name
	pages  map[string]*page // render: by output path
	global uint64           // what every page depends on
	gen    uint64           // bumped by every resolve not reused
	reused bool             // the latest Resolve reused the last site

	// readers lists, for each key a rendered page read, the output paths
	// of the pages that read it; versions holds each key's version when it
	// was last compared. A page whose keys all kept their versions is
	// still right.
	readers  map[string]map[string]struct{}
	versions map[string]uint64
	// rendered counts the pages the latest build rendered.
	rendered int
}

// memo is a step's result and the key of the inputs it was made from.
type memo struct {
	key uint64
	val any
}

// New returns an empty cache.
func New() *Cache {
	return &Cache{files: map[string]*file{}, pages: map[string]*page{}, memo: map[string]memo{},
		readers: map[string]map[string]struct{}{}, versions: map[string]uint64{}}
}

// file is one parsed content file.
type file struct {
	src         content.File // what was parsed
	section     string       // the people section it was parsed with
	front, body uint64       // fingerprints: path and front matter; body
	page        *content.Page
	b           *content.Body
	diags       diag.List
	edited      bool // parsed anew by the latest build
}

// resolved is a site and what it was resolved from.
type resolved struct {
	key    uint64
	pages  []*content.Page
	bodies map[*content.Page]*content.Body
	site   *content.Site
}

// page is one rendered page: its bytes and what its render read of the
// site.
type page struct {
	data  []byte
	reads []string
}

// Hash folds byte strings into a key: the inputs of a step.
func Hash(parts ...[]byte) uint64 {
	h := fnv.New64a()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	return h.Sum64()
}

// ParseFunc parses files: parse.Pages with its settings bound.
type ParseFunc func(files []content.File) ([]*content.Page, map[*content.Page]*content.Body, diag.List)

// Parse returns the pages and bodies of files, parsing only those that
// are new or changed since the last build (all of them with a nil Cache).
// section is the people section, which decides what a page is. A file
// whose front matter is unchanged keeps its Page value, so an edit to a
// body alone leaves every page as it was and changes one Body.
func (c *Cache) Parse(files []content.File, section string, parse ParseFunc) ([]*content.Page, map[*content.Page]*content.Body, diag.List) {
	if c == nil {
		return parse(files)
	}
	c.rendered = 0 // a new build
	var todo []content.File
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f.Path] = true
		old := c.files[f.Path]
		if old != nil {
			old.edited = false
		}
		if old == nil || !old.same(f, section) {
			todo = append(todo, f)
		}
	}
	for p := range c.files {
		if !seen[p] {
			delete(c.files, p)
		}
	}
	parsed, bodies, l := parse(todo)
	byFile := map[string]diag.List{}
	for _, d := range l {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d)
	}
	byPath := make(map[string]*content.Page, len(parsed))
	for _, p := range parsed {
		byPath[p.File] = p
	}
	for _, f := range todo {
		e := &file{src: f, section: section, front: frontKey(f, section), body: Hash(f.Body),
			page: byPath[f.Path], diags: byFile[f.Path], edited: true}
		e.b = bodies[e.page]
		if old := c.files[f.Path]; old != nil && old.front == e.front && old.page != nil && e.page != nil {
			e.page = old.page // the same front matter: the same page
		}
		c.files[f.Path] = e
	}
	pages := make([]*content.Page, 0, len(files))
	all := make(map[*content.Page]*content.Body, len(files))
	var out diag.List
	for _, f := range files {
		e := c.files[f.Path]
		out.Add(e.diags...)
		if e.page == nil {
			continue
		}
		pages = append(pages, e.page)
		if e.b != nil {
			all[e.page] = e.b
		}
	}
	return pages, all, out
}

// same reports whether f, parsed with section, is what e was made from. The
// loader hands an unchanged file back with the same byte slices, which
// bytes.Equal recognises at once, so an unchanged site costs no hashing.
func (e *file) same(f content.File, section string) bool {
	return e.section == section && e.src.Invalid == f.Invalid &&
		bytes.Equal(e.src.Front, f.Front) && bytes.Equal(e.src.Body, f.Body)
}

func frontKey(f content.File, section string) uint64 {
	return Hash([]byte(f.Path), f.Front, []byte(section), []byte{boolByte(f.Invalid)})
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// Fingerprints tell deps.Versions the versions of a page's parts.
func (c *Cache) Fingerprints() deps.Fingerprints {
	get := func(p *content.Page) *file {
		if c == nil {
			return nil
		}
		return c.files[p.File]
	}
	return deps.Fingerprints{
		Front: func(p *content.Page) uint64 {
			if e := get(p); e != nil {
				return e.front
			}
			return 0
		},
		Body: func(p *content.Page) uint64 {
			if e := get(p); e != nil {
				return e.body
			}
			return 0
		},
	}
}

// Edited reports whether p's file was parsed anew by the latest build:
// the page an editor just saved.
func (c *Cache) Edited(p *content.Page) bool {
	if c == nil {
		return true
	}
	e := c.files[p.File]
	return e != nil && e.edited
}

// ResolveFunc resolves pages with their bodies: resolve.Site with its
// settings bound.
type ResolveFunc func(pages []*content.Page, bodies map[*content.Page]*content.Body) (*content.Site, diag.List)

// Resolve returns the site of pages. When the last site was resolved from
// the same settings (key) and the same Page values, and no body changed
// where a link goes, what resolve would make is the same but for the
// bodies: the last site is reused with the new bodies (a new value; the
// last one is not changed) and reused reports true.
func (c *Cache) Resolve(key uint64, pages []*content.Page, bodies map[*content.Page]*content.Body, resolve ResolveFunc) (site *content.Site, l diag.List, reused bool) {
	if c == nil {
		site, l = resolve(pages, bodies)
		return site, l, false
	}
	if last := c.site; last != nil && last.key == key && slices.Equal(last.pages, pages) {
		changed := map[*content.Page]*content.Body{}
		same := true
		for p, b := range bodies {
			if old := last.bodies[p]; old != b {
				if old == nil || !sameLinks(old.Links, b.Links) {
					same = false
					break
				}
				changed[p] = b
			}
		}
		if same && len(bodies) == len(last.bodies) {
			site = last.site.WithBodies(changed)
			c.site = &resolved{key: key, pages: pages, bodies: bodies, site: site}
			c.reused = true
			return site, nil, true
		}
	}
	site, l = resolve(pages, bodies)
	c.site = nil
	c.gen++
	c.reused = false
	if len(l) == 0 && site != nil {
		// Only a site without findings is reused: a finding's position
		// may move with an edit that leaves the site as it is.
		c.site = &resolved{key: key, pages: pages, bodies: bodies, site: site}
	}
	return site, l, false
}

// Generation names the resolved site: it changes whenever Resolve resolved
// anew rather than reusing the last site, so files made from the site
// alone (the feed, the search index) can be keyed by it.
func (c *Cache) Generation() uint64 {
	if c == nil {
		return 0
	}
	return c.gen
}

func sameLinks(a, b []content.Link) bool {
	return slices.EqualFunc(a, b, func(x, y content.Link) bool { return x.Dest == y.Dest })
}

// Memo returns the result that the step called name made last time for
// the same key (a hash of its inputs), or runs fn and keeps its result
// when fn reports no error. With a nil Cache it runs fn.
func Memo[T any](c *Cache, name string, key uint64, fn func() (T, diag.List)) (T, diag.List) {
	if c == nil {
		return fn()
	}
	if m, ok := c.memo[name]; ok && m.key == key {
		return m.val.(T), nil
	}
	v, l := fn()
	delete(c.memo, name)
	if !l.HasErrors() {
		c.memo[name] = memo{key: key, val: v}
	}
	return v, l
}

// Stale returns the test for pages that must be rendered again for site:
// those never rendered, every page when global (what every page depends
// on: templates, settings, assets) changed, and those that read a key whose
// version changed. With a nil Cache every page is stale.
//
// Each key is compared once, however many pages read it. After an edit
// that changed bodies alone (Resolve reused the last site), only the edited
// pages' body keys can have changed, so only those are compared: the
// common edit costs a few map lookups, not a pass over the site.
func (c *Cache) Stale(site *content.Site, global uint64, v *deps.Versions) func(*content.Page) bool {
	if c == nil {
		return func(*content.Page) bool { return true }
	}
	if global != c.global {
		c.pages, c.readers, c.versions = map[string]*page{}, map[string]map[string]struct{}{}, map[string]uint64{}
		c.global = global
	}
	stale := map[string]bool{}
	for _, p := range allPages(site) {
		if path := content.OutputPath(p.URL); c.pages[path] == nil {
			stale[path] = true
		}
	}
	var keys []string
	if c.reused {
		for _, f := range c.files {
			if f.edited && f.page != nil {
				keys = append(keys, deps.Body+f.page.ID)
			}
		}
	} else {
		keys = make([]string, 0, len(c.readers))
		for k := range c.readers {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		x, ok := v.Of(k)
		if old, seen := c.versions[k]; ok && seen && old == x {
			continue
		}
		for path := range c.readers[k] {
			stale[path] = true
		}
	}
	return func(p *content.Page) bool { return stale[content.OutputPath(p.URL)] }
}

// Store keeps rendered pages with what each read (by path, as
// render.Options.Reads reports it), and the versions of those keys.
func (c *Cache) Store(out []content.Output, reads map[string][]string, v *deps.Versions) {
	if c == nil {
		return
	}
	c.rendered += len(out)
	for _, o := range out {
		if old := c.pages[o.Path]; old != nil {
			c.unread(o.Path, old.reads)
		}
		keys := reads[o.Path]
		c.pages[o.Path] = &page{data: o.Data, reads: keys}
		for _, k := range keys {
			r := c.readers[k]
			if r == nil {
				r = map[string]struct{}{}
				c.readers[k] = r
			}
			r[o.Path] = struct{}{}
			c.versions[k], _ = v.Of(k)
		}
	}
}

// unread drops path from the readers of keys.
func (c *Cache) unread(path string, keys []string) {
	for _, k := range keys {
		if r := c.readers[k]; r != nil {
			delete(r, path)
			if len(r) == 0 {
				delete(c.readers, k)
				delete(c.versions, k)
			}
		}
	}
}

// Reused reports whether the latest Resolve reused the last site: the edit
// changed bodies and nothing else.
func (c *Cache) Reused() bool { return c != nil && c.reused }

// Current reports whether the rendered pages were made for the same
// global key (templates, settings, assets).
func (c *Cache) Current(global uint64) bool { return c != nil && c.global == global }

// Rendered returns the number of pages the latest build rendered.
func (c *Cache) Rendered() int { return c.rendered }

// Pages returns the rendered pages of site by output path, and drops the
// pages of URLs the site no longer has.
func (c *Cache) Pages(site *content.Site) map[string][]byte {
	out := make(map[string][]byte, len(c.pages))
	keep := make(map[string]bool, len(c.pages))
	for _, p := range allPages(site) {
		path := content.OutputPath(p.URL)
		if e := c.pages[path]; e != nil {
			out[path] = e.data
			keep[path] = true
		}
	}
	for path, e := range c.pages {
		if !keep[path] {
			c.unread(path, e.reads)
			delete(c.pages, path)
		}
	}
	return out
}

// Forget empties the cache, after a failed or cancelled build whose
// partial results are not to be trusted.
func (c *Cache) Forget() {
	if c != nil {
		gen := c.gen
		*c = *New()
		c.gen = gen + 1
	}
}

func allPages(s *content.Site) []*content.Page {
	return append(s.Pages[:len(s.Pages):len(s.Pages)], s.Generated...)
}
