package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
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
	// Early, when set, gets a first look at an edit that needs more than the
	// edited pages rendered again (a quote shows on the speaker's profile
	// and the quotes page too): Build renders the edited pages alone first
	// and hands the whole site with them to Early (files, and the paths
	// that changed), then renders the rest. The Update that Build returns
	// then leaves out of Changed the pages Early already had right, so a
	// browser does not reload them twice. Set it before the first Build.
	Early func(files map[string][]byte, changed []string)

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
//
// A panic while building becomes an internal-error diagnostic and the next
// build starts afresh; a cancelled ctx makes Build return ErrCancelled as
// soon as the stage under way notices, with the last good build standing.
func (b *Incremental) Build(ctx context.Context, changed []string) (Update, diag.List, error) {
	var up Update
	var err error
	l := guarded("rebuild", "", b.opts.Debug, func() diag.List {
		var ds diag.List
		up, ds, err = b.build(ctx, changed)
		return ds
	})
	switch {
	case ctx.Err() != nil:
		b.reset()
		return Update{}, nil, ErrCancelled
	case panicked(l):
		b.reset() // what the panic left half-made is not to be trusted
		return Update{}, l, nil
	}
	return up, l, err
}

// reset forgets everything but the last good build, so that the next
// Build loads, parses and renders the whole site again.
func (b *Incremental) reset() {
	b.files, b.paths, b.parsed, b.loadDiags, b.areaDiags = nil, nil, nil, nil, nil
	b.dirty, b.full = nil, true
}

func (b *Incremental) build(ctx context.Context, changed []string) (Update, diag.List, error) {
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
	early := b.renderEarly(ctx, site, only, ropts)
	if early != nil {
		ropts.Only = func(p *content.Page) bool { return only[p.URL] && !early.urls[p.URL] }
	}
	out, ds := render.Site(ctx, site, b.templates, ropts)
	l.Add(ds...)
	if early != nil {
		out = append(out, early.out...)
	}
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
	if early != nil {
		up.Changed = slices.DeleteFunc(up.Changed, func(p string) bool {
			data, ok := early.shown[p]
			return ok && bytes.Equal(data, up.Files[p])
		})
	}
	up.Rendered = rendered
	up.Elapsed = time.Since(start)
	return up, l, nil
}

// earlyPages is what renderEarly rendered and showed.
type earlyPages struct {
	urls  map[string]bool   // the pages rendered early, by URL
	out   []render.Output   // their output
	shown map[string][]byte // what Early was told changed, by path
}

// renderEarly renders the edited pages alone and hands them to b.Early,
// when an edit needs other pages rendered too (only holds more than the
// edited pages). It returns nil when it did nothing.
func (b *Incremental) renderEarly(ctx context.Context, site *content.Site, only map[string]bool, ropts render.Options) *earlyPages {
	if b.Early == nil || only == nil || b.good == nil {
		return nil
	}
	first := map[string]bool{}
	for f := range b.dirty {
		if p := pageOf(site, f); p != nil && only[p.URL] {
			first[p.URL] = true
		}
	}
	if len(first) == 0 || len(first) == len(only) {
		return nil
	}
	ropts.Only = func(p *content.Page) bool { return first[p.URL] }
	out, ds := render.Site(ctx, site, b.templates, ropts)
	if ds.HasErrors() {
		return nil // the full render reports them
	}
	files := maps.Clone(b.good.files)
	e := &earlyPages{urls: first, out: out, shown: map[string][]byte{}}
	var changed []string
	for _, o := range out {
		if !bytes.Equal(files[o.Path], o.Data) {
			changed = append(changed, o.Path)
			e.shown[o.Path] = o.Data
		}
		files[o.Path] = o.Data
	}
	sort.Strings(changed)
	if len(changed) > 0 {
		b.Early(files, changed)
	}
	return e
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
