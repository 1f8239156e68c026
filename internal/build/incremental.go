package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"reflect"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/briefing-dev/briefing/internal/config"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/load"
	"github.com/briefing-dev/briefing/internal/markdown"
	"github.com/briefing-dev/briefing/internal/parse"
	"github.com/briefing-dev/briefing/internal/render"
	"github.com/briefing-dev/briefing/internal/resolve"
)

// Incremental builds a site in memory again and again, keeping what it
// loaded, parsed and rendered between builds. After an edit it re-reads and
// re-parses only the changed files, resolves the whole site (cheap), and
// re-renders only the pages whose output can depend on what changed: the
// edited page, the profile of a person quoted or mentioned on it, the
// timeline when it has events, and so on (see deps). A change to
// briefing.yaml or templates/, or to anything every page shows (the
// navigation, the briefing's last-updated date), re-renders every page.
//
// It never writes to disk. An Incremental is not safe for concurrent use:
// one goroutine calls Build at a time.
type Incremental struct {
	opts Options
	md   *markdown.Markdown

	// The latest input, whether or not it built.
	config     content.Asset
	templates  []content.Asset
	static     []content.Asset
	files      map[string]content.File
	paths      []string // keys of files, sorted; nil when stale
	parsed     map[string]parsedFile
	loadDiags  map[string]diag.List // content diagnostics by file
	areaDiags  map[string]diag.List // config, templates and static diagnostics
	peopleSect string

	// What changed since the last good build.
	dirty map[string]bool // content files
	full  bool            // render every page

	good *snapshot // the last good build; nil before the first
}

// parsedFile is one content file after parse.
type parsedFile struct {
	page  *content.Page
	diags diag.List
}

// snapshot is what Incremental keeps of its last good build.
type snapshot struct {
	site   *content.Site
	byFile map[string]*content.Page
	front  map[string][]byte // each page's front matter, by file
	urls   map[string]bool   // the URLs of every page
	files  map[string][]byte
	static []string // the paths of the static files
	extra  []string // the paths of the machine files (feed, sitemap, ...)
	assets map[string]render.Asset
	nav    string
	diags  diag.List // resolve's, which a body-only edit does not rerun
}

// Update is the outcome of one successful incremental build.
type Update struct {
	// Files is the whole built site by path ("index.html", "css/site.css").
	// Each Update has its own map and nothing changes it afterwards, so it
	// may be served while the next build runs.
	Files map[string][]byte
	// Changed lists, sorted, the paths that are new, changed or gone since
	// the previous good build (all paths after the first build).
	Changed []string
	// Rendered is the number of pages rendered; Pages the number of pages.
	Rendered, Pages int
	// Elapsed is the time the build took.
	Elapsed time.Duration
}

// NewIncremental prepares incremental builds of the site in opts.Source.
// opts.Destination is ignored: nothing is written.
func NewIncremental(opts Options) *Incremental {
	if opts.Source == "" {
		opts.Source = "."
	}
	return &Incremental{opts: opts, md: markdown.New()}
}

// Build brings the site up to date after the given paths changed. Paths are
// relative to the site folder with forward slashes, as a watcher reports
// them; each names a file or folder that was created, written, renamed or
// removed. The first call, and any call naming "." (everything), loads the
// whole site.
//
// Content problems come back as diagnostics; err is set only when the site
// folder cannot be opened. When the diagnostics hold an error the Update is
// empty and the last good build stands: the next successful build reports
// every change since it.
func (b *Incremental) Build(ctx context.Context, changed []string) (Update, diag.List, error) {
	start := time.Now()
	root, err := os.OpenRoot(b.opts.Source)
	if err != nil {
		return Update{}, nil, fmt.Errorf("open site folder: %w", err)
	}
	defer root.Close()
	b.reload(root.FS(), changed)

	var l diag.List
	fail := func() (Update, diag.List, error) {
		l.Sort()
		return Update{}, l, nil
	}
	for _, ds := range b.areaDiags {
		l.Add(ds...)
	}
	for _, ds := range b.loadDiags {
		l.Add(ds...)
	}
	cfg, ds := config.Parse(b.config)
	l.Add(ds...)
	if b.opts.BaseURL != "" {
		u, err := config.NormalizeBaseURL(b.opts.BaseURL)
		if err != nil {
			l.Errorf(diag.Pos{File: "--base-url"}, "%v", err)
		}
		cfg.BaseURL = u
	}
	if l.HasErrors() {
		return fail()
	}
	if cfg.PeopleSection != b.peopleSect {
		// Which pages are people depends on it: parse everything again.
		b.peopleSect = cfg.PeopleSection
		b.parsed = nil
		b.full = true
	}
	b.parse(ctx)
	for _, p := range b.paths {
		l.Add(b.parsed[p].diags...)
	}

	var only map[string]bool
	site, resolved := b.bodyOnly()
	bodyOnly := site != nil
	if bodyOnly {
		only = b.bodyOnlyPages(site)
	} else {
		pages := make([]*content.Page, 0, len(b.paths))
		for _, p := range b.paths {
			if pg := b.parsed[p].page; pg != nil && (!pg.Draft || b.opts.Drafts) {
				pages = append(pages, pg)
			}
		}
		site, resolved = resolve.Site(cfg, pages)
		if resolved.HasErrors() {
			l.Add(resolved...)
			return fail()
		}
		only = b.affected(site)
	}
	l.Add(resolved...)

	static, table, ds := staticFiles(ctx, b.static, b.opts.Minify)
	l.Add(ds...)
	if b.good != nil && !sameAssets(table, b.good.assets) {
		only = nil // every page links the style sheet
	}
	ropts := render.Options{BaseURL: cfg.BaseURL, LiveReload: b.opts.LiveReload, Assets: table, Minify: pageMinifier(b.opts.Minify)}
	if only != nil {
		ropts.Only = func(p *content.Page) bool { return only[p.URL] }
	}
	out, ds := render.Site(ctx, site, b.templates, ropts)
	l.Add(ds...)
	rendered := len(out)
	var machine []render.Output
	if bodyOnly {
		// The feed, sitemap, API and search index are made from front
		// matter and the site's shape, which a body-only edit leaves as
		// they were: reuse them instead of encoding the whole site again.
		for _, p := range b.good.extra {
			machine = append(machine, render.Output{Path: p, Data: b.good.files[p]})
		}
	} else {
		machine, ds = machineFiles(site, cfg.BaseURL)
		l.Add(ds...)
		machine, ds = minifyOutputs(ctx, machine, b.opts.Minify)
		l.Add(ds...)
	}
	out = append(out, machine...)
	if l.HasErrors() {
		return fail()
	}
	up := b.merge(site, out, machine, static, table, resolved, &l)
	if l.HasErrors() {
		return fail()
	}
	l.Sort()
	b.dirty, b.full = nil, false
	up.Rendered = rendered
	up.Elapsed = time.Since(start)
	return up, l, nil
}

// reload re-reads what changed: briefing.yaml always (it is one small
// file), templates/ and static/ in whole when anything under them changed,
// and under content/ only the changed files and folders.
func (b *Incremental) reload(fsys fs.FS, changed []string) {
	all := b.files == nil
	var keep []string
	var tmpl, static bool
	for _, c := range changed {
		c = path.Clean(strings.TrimPrefix(c, "/"))
		switch top, _, _ := strings.Cut(c, "/"); top {
		case ".":
			all = true
		case load.TemplatesDir:
			tmpl = true
		case load.StaticDir:
			static = true
		case load.ContentDir:
			keep = append(keep, c)
		}
	}
	if all {
		in, l := load.Site(fsys, b.opts.Theme)
		b.files = make(map[string]content.File, len(in.Files))
		for _, f := range in.Files {
			b.files[f.Path] = f
		}
		b.config, b.templates, b.static = in.Config, in.Templates, in.Static
		b.loadDiags, b.areaDiags = map[string]diag.List{}, map[string]diag.List{}
		b.sortDiags(l, nil, true, true)
		b.paths, b.parsed, b.full = nil, nil, true
		return
	}
	view := subsetFS{fsys: fsys, keep: append([]string{load.ConfigFile}, keep...)}
	if tmpl {
		view.keep = append(view.keep, load.TemplatesDir)
	}
	if static {
		view.keep = append(view.keep, load.StaticDir)
	}
	in, l := load.Site(view, b.opts.Theme)
	if !bytes.Equal(in.Config.Data, b.config.Data) {
		b.full = true
	}
	b.config = in.Config
	if tmpl {
		b.templates, b.full = in.Templates, true
	}
	if static {
		b.static = in.Static
	}
	gone := map[string]bool{}
	if len(keep) > 0 {
		for p := range b.files {
			if under(p, keep) {
				gone[p] = true
			}
		}
	}
	for _, f := range in.Files {
		if _, ok := b.files[f.Path]; !ok {
			b.paths = nil // a new file
		}
		delete(gone, f.Path)
		b.files[f.Path] = f
		b.markDirty(f.Path)
	}
	for p := range gone {
		delete(b.files, p)
		b.markDirty(p)
		b.paths = nil
	}
	for p := range b.loadDiags {
		if under(p, keep) {
			delete(b.loadDiags, p)
		}
	}
	b.sortDiags(l, keep, tmpl, static)
}

// sortDiags files load diagnostics by where they belong, so that a partial
// reload replaces exactly the diagnostics of what it re-read.
func (b *Incremental) sortDiags(l diag.List, keep []string, tmpl, static bool) {
	areas := map[string]diag.List{}
	for _, d := range l {
		top, _, _ := strings.Cut(d.Pos.File, "/")
		switch top {
		case load.ContentDir:
			b.loadDiags[d.Pos.File] = append(b.loadDiags[d.Pos.File], d)
		case load.TemplatesDir, load.StaticDir:
			areas[top] = append(areas[top], d)
		default:
			areas[load.ConfigFile] = append(areas[load.ConfigFile], d)
		}
	}
	b.areaDiags[load.ConfigFile] = areas[load.ConfigFile]
	if tmpl {
		b.areaDiags[load.TemplatesDir] = areas[load.TemplatesDir]
	}
	if static {
		b.areaDiags[load.StaticDir] = areas[load.StaticDir]
	}
}

func (b *Incremental) markDirty(p string) {
	if b.dirty == nil {
		b.dirty = map[string]bool{}
	}
	b.dirty[p] = true
}

// parse parses the files that are new or changed since they were last
// parsed, in parallel.
func (b *Incremental) parse(ctx context.Context) {
	if b.paths == nil {
		b.paths = make([]string, 0, len(b.files))
		for p := range b.files {
			b.paths = append(b.paths, p)
		}
		sort.Strings(b.paths)
	}
	var todo []content.File
	if b.parsed == nil {
		b.parsed = make(map[string]parsedFile, len(b.files))
		for _, p := range b.paths {
			todo = append(todo, b.files[p])
		}
	} else {
		for p := range b.dirty {
			delete(b.parsed, p)
			if f, ok := b.files[p]; ok {
				todo = append(todo, f)
			}
		}
	}
	if len(todo) == 0 {
		return
	}
	parsed, l := parse.Pages(ctx, todo, b.peopleSect, b.md)
	byFile := map[string]diag.List{}
	for _, d := range l {
		byFile[d.Pos.File] = append(byFile[d.Pos.File], d)
	}
	pages := make(map[string]*content.Page, len(parsed))
	for _, p := range parsed {
		pages[p.File] = p
	}
	for _, f := range todo {
		b.parsed[f.Path] = parsedFile{page: pages[f.Path], diags: byFile[f.Path]}
	}
}

// affected returns the URLs of the pages to render after resolve made a
// new site, or nil when every page must be rendered.
func (b *Incremental) affected(site *content.Site) map[string]bool {
	if b.full || b.good == nil || navOf(site) != b.good.nav {
		return nil
	}
	keys := map[depKey]bool{}
	for f := range b.dirty {
		emit(b.good.byFile[f], pageOf(site, f), keys)
	}
	only := map[string]bool{}
	for _, s := range []*content.Site{b.good.site, site} {
		for _, p := range allPages(s) {
			if !only[p.URL] && (!b.good.urls[p.URL] || dependsOn(s, p, keys)) {
				only[p.URL] = true
			}
		}
	}
	return only
}

// knownKinds are the generated pages whose dependencies bodyOnlyPages and
// dependsOn know; any other generated page is rendered on every change.
var knownKinds = map[content.Kind]bool{
	content.KindTimeline: true, content.KindFigures: true, content.KindQuotes: true,
	content.KindSources: true, content.KindBrief: true, content.KindNotFound: true,
}

// bodyOnlyPages returns the URLs of the pages to render after a body-only
// edit: the edited pages, and the one-page brief when one of them is a
// topic (it holds every topic's body). Nothing else shows a body.
func (b *Incremental) bodyOnlyPages(site *content.Site) map[string]bool {
	only := map[string]bool{}
	topic := false
	for f := range b.dirty {
		p := b.good.byFile[f]
		only[p.URL] = true
		topic = topic || p.Kind == content.KindTopic
	}
	for _, g := range site.Generated {
		if g.Kind == content.KindBrief && topic || !knownKinds[g.Kind] {
			only[g.URL] = true
		}
	}
	return only
}

// bodyOnly handles the most common edit, one that changes only the
// Markdown body of existing pages and not the destinations of its links:
// what resolve made of the site cannot change, so the last good site is
// kept, and each edited page gets its new body's headings, links and word
// count. It returns nil when the edit is anything else.
func (b *Incremental) bodyOnly() (*content.Site, diag.List) {
	if b.full || b.good == nil || len(b.dirty) == 0 {
		return nil, nil
	}
	for f := range b.dirty {
		old, pf := b.good.byFile[f], b.parsed[f]
		if old == nil || pf.page == nil || !bytes.Equal(b.good.front[f], b.files[f].Front) ||
			!sameLinks(old.Links, pf.page.Links) {
			return nil, nil
		}
	}
	for f := range b.dirty {
		old, pf := b.good.byFile[f], b.parsed[f]
		old.Headings, old.Links, old.Words = pf.page.Headings, pf.page.Links, pf.page.Words
		old.Body, old.EmbeddedBody = pf.page.Body, pf.page.EmbeddedBody
		pf.page = old
		b.parsed[f] = pf
	}
	return b.good.site, b.good.diags
}

func sameLinks(a, b []content.Link) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Dest != b[i].Dest {
			return false
		}
	}
	return true
}

// pageOf returns the page built from file f in site, or nil.
func pageOf(site *content.Site, f string) *content.Page {
	if p := site.Page(idOf(f)); p != nil && p.File == f {
		return p
	}
	return nil
}

// idOf is a page id from its file: "content/a/b.md" is "a/b" and
// "content/a/_index.md" is "a".
func idOf(f string) string {
	id := strings.TrimSuffix(strings.TrimPrefix(f, load.ContentDir+"/"), ".md")
	if id == "_index" {
		return ""
	}
	return strings.TrimSuffix(id, "/_index")
}

// merge assembles the whole site from the freshly rendered pages and
// machine files (out, of which machine names the latter), the previous good
// build for the rest, and the static files (fingerprinted as the asset
// table says); it reports what changed and keeps the result as the new good
// build.
func (b *Incremental) merge(site *content.Site, out, machine []render.Output, staticFiles []content.Asset, table map[string]render.Asset, resolved diag.List, l *diag.List) Update {
	prev := b.good
	if prev == nil {
		prev = &snapshot{}
	}
	g := prev
	if site != prev.site {
		g = &snapshot{site: site, byFile: map[string]*content.Page{}, front: map[string][]byte{},
			urls: map[string]bool{}, nav: navOf(site), diags: resolved}
		for _, p := range allPages(site) {
			g.urls[p.URL] = true
			if p.File != "" {
				g.byFile[p.File] = p
				g.front[p.File] = b.files[p.File].Front
			}
		}
	}
	files := maps.Clone(prev.files)
	if files == nil {
		files = make(map[string][]byte, len(out)+len(b.static))
	}
	var changed []string
	for u := range prev.urls {
		if !g.urls[u] {
			delete(files, render.OutputPath(u))
			changed = append(changed, render.OutputPath(u))
		}
	}
	for _, p := range prev.static {
		delete(files, p)
	}
	extra := make([]string, len(machine))
	for i, o := range machine {
		extra[i] = o.Path
	}
	for _, p := range prev.extra {
		if !slices.Contains(extra, p) {
			delete(files, p)
			changed = append(changed, p)
		}
	}
	for _, o := range out {
		if old, ok := prev.files[o.Path]; !ok || !bytes.Equal(old, o.Data) {
			changed = append(changed, o.Path)
		}
		files[o.Path] = o.Data
	}
	static := make([]string, 0, len(staticFiles))
	for _, a := range staticFiles {
		if _, taken := files[a.Path]; taken {
			l.Errorf(diag.Pos{File: strings.TrimPrefix(a.Origin, "(built-in) ")}, "static file has the same path as a page (/%s); rename or remove it", a.Path)
			continue
		}
		if old, ok := prev.files[a.Path]; !ok || !bytes.Equal(old, a.Data) {
			changed = append(changed, a.Path)
		}
		files[a.Path] = a.Data
		static = append(static, a.Path)
	}
	for _, p := range prev.static {
		if _, ok := files[p]; !ok {
			changed = append(changed, p)
		}
	}
	if l.HasErrors() {
		return Update{}
	}
	sort.Strings(changed)
	g.files, g.static, g.extra, g.assets = files, static, extra, table
	b.good = g
	return Update{Files: files, Changed: slices.Compact(changed), Pages: len(site.Pages) + len(site.Generated)}
}

func allPages(s *content.Site) []*content.Page {
	return append(s.Pages[:len(s.Pages):len(s.Pages)], s.Generated...)
}

// under reports whether p is one of roots or inside one of them.
func under(p string, roots []string) bool {
	for _, r := range roots {
		if p == r || strings.HasPrefix(p, r+"/") {
			return true
		}
	}
	return false
}

// subsetFS shows only some paths of a site to load.Site: briefing.yaml and
// the folders and files in keep (with the folders leading to them), so one
// edited file is re-read through the same path and symlink policy as a
// full load, without walking the rest of the site.
type subsetFS struct {
	fsys fs.FS
	keep []string
}

func (s subsetFS) visible(name string) bool {
	if name == "." || under(name, s.keep) {
		return true
	}
	for _, k := range s.keep {
		if strings.HasPrefix(k, name+"/") {
			return true
		}
	}
	return false
}

func (s subsetFS) Open(name string) (fs.File, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return s.fsys.Open(name)
}

func (s subsetFS) Stat(name string) (fs.FileInfo, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return fs.Stat(s.fsys, name)
}

func (s subsetFS) ReadFile(name string) ([]byte, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	return fs.ReadFile(s.fsys, name)
}

func (s subsetFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !s.visible(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	entries, err := fs.ReadDir(s.fsys, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	out := entries[:0]
	for _, e := range entries {
		if s.visible(path.Join(name, e.Name())) {
			out = append(out, e)
		}
	}
	return out, err
}

// depKey names something a page's output can show: another page
// ("page", id), a person ("person", person id, beside their page's key),
// a source ("source", id), or one of the site-wide lists
// ("people", "timeline", "figures", "quotes", "sources", "brief").
type depKey struct{ kind, id string }

// emit adds the keys an edit of a page touches, from its version in the
// last good build (old) to its version now (new); either may be nil when
// the page is new, gone or a draft. The page's own key is always touched;
// a site-wide list only when what the page gives it differs.
func emit(old, new *content.Page, keys map[depKey]bool) {
	for _, p := range []*content.Page{old, new} {
		if p == nil {
			continue
		}
		keys[depKey{"page", p.ID}] = true
		if p.Kind == content.KindTopic || p.Kind == content.KindHome {
			keys[depKey{"brief", ""}] = true
		}
	}
	var o, n content.Page
	if old != nil {
		o = *old
	}
	if new != nil {
		n = *new
	}
	named := o.URL != n.URL || o.Title != n.Title || o.Summary != n.Summary
	if o.Kind == content.KindPerson || n.Kind == content.KindPerson {
		keys[depKey{"person", path.Base(o.ID)}] = true
		keys[depKey{"person", path.Base(n.ID)}] = true
		if named || o.Weight != n.Weight || !reflect.DeepEqual(o.Person, n.Person) {
			keys[depKey{"people", ""}] = true
		}
	}
	list := func(key string, a, b any, has bool) {
		if has && named || !reflect.DeepEqual(a, b) {
			keys[depKey{key, ""}] = true
		}
	}
	list("timeline", noPos(o.Events), noPos(n.Events), len(o.Events)+len(n.Events) > 0)
	list("figures", noPos(o.Figures), noPos(n.Figures), len(o.Figures)+len(n.Figures) > 0)
	list("quotes", noPos(o.Quotes), noPos(n.Quotes), len(o.Quotes)+len(n.Quotes) > 0)
	var oc, nc []string
	citesSources(&o, func(id string) { oc = append(oc, id) })
	citesSources(&n, func(id string) { nc = append(nc, id) })
	list("sources", noPos(o.Sources), noPos(n.Sources), len(o.Sources)+len(n.Sources) > 0)
	list("sources", oc, nc, len(oc)+len(nc) > 0)
	// A source's title shows wherever it is cited, the site-wide lists too.
	declared := map[string][]content.Source{}
	for _, src := range noPos(o.Sources) {
		declared[src.ID] = append(declared[src.ID], src)
	}
	for _, src := range noPos(n.Sources) {
		declared[src.ID] = append(declared[src.ID], src)
	}
	for id, versions := range declared {
		if len(versions) != 2 || versions[0] != versions[1] {
			keys[depKey{"source", id}] = true
			for _, k := range []string{"timeline", "figures", "quotes", "sources"} {
				keys[depKey{k, ""}] = true
			}
		}
	}
}

// noPos returns a copy of items with every position cleared: moving a
// quote down a line changes no page.
func noPos[T any](items []T) []T {
	out := make([]T, len(items))
	for i, it := range items {
		v := reflect.ValueOf(&it).Elem()
		clearPos(v)
		out[i] = it
	}
	return out
}

var posType = reflect.TypeFor[diag.Pos]()

func clearPos(v reflect.Value) {
	if v.Kind() != reflect.Struct {
		return
	}
	if v.Type() == posType {
		v.SetZero()
		return
	}
	for i := 0; i < v.NumField(); i++ {
		clearPos(v.Field(i))
	}
}

// citesSources calls fn with each source id p cites in its quotes, events
// and figures.
func citesSources(p *content.Page, fn func(id string)) {
	for _, q := range p.Quotes {
		if q.Source.ID != "" {
			fn(q.Source.ID)
		}
	}
	for _, e := range p.Events {
		if e.Source.ID != "" {
			fn(e.Source.ID)
		}
	}
	for _, f := range p.Figures {
		if f.Source.ID != "" {
			fn(f.Source.ID)
		}
	}
}

// dependsOn reports whether the output of page p in site s shows anything
// named in keys. It mirrors what the templates read beyond the page itself
// and the navigation (the navigation and the site's last-updated date are
// on every page, so a change to them re-renders everything): a person's
// profile shows the pages that quote or mention them, a section lists its
// members, a topic shows its participants and its neighbours, every page
// cites sources in its footer, the generated pages show site-wide lists.
func dependsOn(s *content.Site, p *content.Page, keys map[depKey]bool) bool {
	has := func(kind, id string) bool { return keys[depKey{kind, id}] }
	hasPerson := func(id string) bool { return has("person", id) }
	if has("page", p.ID) && p.File != "" {
		return true
	}
	if p.Section != "" && p.Kind != content.KindSection && p.Kind != content.KindPeople && has("page", p.Section) {
		return true // the breadcrumbs
	}
	found := false
	for _, src := range p.Sources {
		found = found || has("source", src.ID)
	}
	citesSources(p, func(id string) { found = found || has("source", id) })
	for _, q := range p.Quotes {
		found = found || hasPerson(q.By.ID)
	}
	for _, r := range p.Participants {
		found = found || hasPerson(r.ID)
	}
	if found {
		return true
	}
	switch p.Kind {
	case content.KindHome:
		if has("people", "") || has("figures", "") || has("timeline", "") || has("page", p.ID) {
			return true
		}
		for _, t := range p.Takeaways {
			if has("page", t.Page.ID) {
				return true
			}
		}
	case content.KindTopic:
		for _, q := range []*content.Page{s.PrevTopic(p), s.NextTopic(p)} {
			if q != nil && has("page", q.ID) {
				return true
			}
		}
	case content.KindSection:
		return has("page", p.ID) || anyPage(s.Members(p.Section), has)
	case content.KindPeople:
		return has("page", p.ID) || has("people", "")
	case content.KindPerson:
		id := path.Base(p.ID)
		for _, q := range s.QuotesBy(id) {
			if has("page", q.Page.ID) {
				return true
			}
		}
		return anyPage(s.Mentions(id), has)
	case content.KindTimeline:
		return has("timeline", "")
	case content.KindFigures:
		return has("figures", "")
	case content.KindQuotes:
		return has("quotes", "") || has("people", "")
	case content.KindSources:
		return has("sources", "")
	case content.KindSearch:
		return len(keys) > 0 // it lists every person, page, quote, event and figure
	case content.KindBrief:
		return has("brief", "") || has("people", "") || has("figures", "") || has("timeline", "") || has("sources", "")
	case content.KindPage, content.KindNotFound:
		return false
	}
	// A generated page of a kind these rules do not know may show
	// anything: render it on every change.
	return p.File == "" && len(keys) > 0
}

func anyPage(pages []*content.Page, has func(kind, id string) bool) bool {
	for _, p := range pages {
		if has("page", p.ID) {
			return true
		}
	}
	return false
}

// navOf sums up what every page shows: the navigation (topics, sections
// and generated pages, with their titles, in order) and the briefing's
// last-updated date.
func navOf(s *content.Site) string {
	var b strings.Builder
	b.WriteString(s.Updated.String())
	for _, list := range [][]*content.Page{s.Topics, s.Sections, s.Generated} {
		b.WriteByte('\n')
		for _, p := range list {
			b.WriteString(p.URL)
			b.WriteByte('\t')
			b.WriteString(p.Title)
			b.WriteByte('\t')
		}
	}
	return b.String()
}
