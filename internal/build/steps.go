package build

import (
	"context"
	"io"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/briefing-dev/briefing/internal/cache"
	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/config"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/deps"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/i18n"
	"github.com/briefing-dev/briefing/internal/markdown"
	"github.com/briefing-dev/briefing/internal/parse"
	"github.com/briefing-dev/briefing/internal/render"
	"github.com/briefing-dev/briefing/internal/resolve"
)

// This file is the build: one list of steps from loaded input to built
// files, which "briefing build", "briefing check" and "briefing serve" all
// run. Each step is a stage's entry function from typed inputs to typed
// outputs plus diagnostics:
//
//	config    briefing.yaml            -> content.Config
//	parse     []content.File           -> pages and their bodies
//	resolve   pages, bodies            -> *content.Site
//	static    static files             -> files to publish, asset table
//	render    the site, templates      -> pages
//	machine   the site                 -> feed, sitemap, JSON API, search index
//
// The preview server's incremental builds are the same steps with a
// cache (package cache) around them: each step asks the cache for what it
// made last time for the same inputs. Which pages render follows from
// what each page's render read (package deps), so a custom template
// can never be left showing stale data.

// sink receives what the steps make, beyond the Result.
type sink struct {
	// emit, when set, gets every built file as soon as it is made
	// instead of Result.Files (the build command streams them to disk).
	emit func(path string, data []byte) error
	// early, when set with a cache, gets the pages an editor just edited
	// as soon as they are rendered, before the pages that only list them.
	early func(out []content.Output)
	// body, when set, gets each body as parse makes it: the build command
	// moves its texts to a scratch file until they are read; check drops
	// the plain text it has no use for.
	body func(*content.Body)
	// dropParsed, when set, lets go of each file's text as soon as it is
	// parsed (the build command: nothing after parse reads it), unless
	// parse may have to run again (see movedPeople).
	dropParsed bool
	// pack, when set, keeps each file's text compressed there once it is
	// parsed, under the same condition (check: its name screen reads the
	// text after resolve).
	pack *packedFiles
	// open, when set with emit, opens the file of a page too large to
	// hold whole, which render writes as it makes it.
	open func(path string) (io.WriteCloser, error)
	// resolved, when set, gets the site as soon as it is resolved (check
	// screens the files' text for names then, and lets go of it).
	resolved func(*content.Site)
	// paths, when set, makes the machine step give the paths of its files
	// only (check: links to them are checked, their contents are not).
	paths bool
	// drop, when set, lets go of the files' text once the site is
	// resolved (and resolved has run): nothing after reads it.
	drop bool
	// hold, when set with emit and open and without a cache, makes the
	// machine step write its files as it makes them: it keeps the search
	// index's parts until their folder's name is known.
	hold func(data []byte) (func() ([]byte, error), error)
}

// Pipeline runs the steps over loaded input and returns every built file in
// Result.Files. It is what check runs, and what Render runs after load.
func Pipeline(ctx context.Context, in *content.Input, opts Options) (Result, diag.List) {
	return steps(ctx, in, opts, nil, sink{})
}

// steps runs the step list. Every step runs guarded (see stage): a panic
// becomes a diagnostic, and once ctx is cancelled no later step runs and
// steps returns at once with the diagnostics of the steps that finished.
// c may be nil (no cache).
func steps(ctx context.Context, in *content.Input, opts Options, c *cache.Cache, out sink) (Result, diag.List) {
	var res Result
	var l diag.List
	t := timer{res: &res, last: time.Now()}
	if in.Config.Path == "" {
		return res, l // no briefing.yaml: load said so, and nothing can be built
	}
	run := func(name, file string, fn func() diag.List) bool {
		return stage(ctx, name, file, opts.Debug, &l, fn)
	}

	var cfg content.Config
	run("config", in.Config.Path, func() diag.List {
		var ds diag.List
		cfg, ds = siteConfig(in.Config, opts.BaseURL)
		words, wl := i18n.Words(cfg.Language, cfg.LanguagePos, in.I18n, cfg.Wording)
		cfg.Words = words
		return append(ds, ruled(check.RuleConfig, wl)...)
	})
	if l.HasErrors() || ctx.Err() != nil {
		return res, l
	}

	var pages []*content.Page
	var bodies map[*content.Page]*content.Body
	var published content.Files
	var filesSum string // a part of the parse and resolve keys
	if !run("parse", "", func() diag.List {
		md := markdown.New()
		var ds diag.List
		// Images in pages take their size from the files: a new, gone or
		// resized file parses the pages again (the section is the
		// cache's key for what decides a page).
		published = publishedFiles(ctx, in, cfg.BaseURL)
		filesSum = "\x00" + strconv.FormatUint(filesKey(published), 16)
		parsed := parsedHook(out, in.Files, cfg)
		pages, bodies, ds = c.Parse(in.Files, cfg.PeopleSection+filesSum, func(fs []content.File) ([]*content.Page, map[*content.Page]*content.Body, diag.List) {
			return parse.Pages(ctx, fs, cfg.PeopleSection, md, published, parsed)
		})
		if folder, moved, ok := movedPeople(in.Files, cfg, ds); ok {
			// Parse the people where they are, so that the one error
			// about the folder is not followed by one per person.
			cfg.PeopleSection = folder
			pages, bodies, ds = c.Parse(in.Files, folder+filesSum, func(fs []content.File) ([]*content.Page, map[*content.Page]*content.Body, diag.List) {
				return parse.Pages(ctx, fs, folder, md, published, parsed)
			})
			return append(ruled(check.RuleFrontMatter, ds), moved)
		}
		return ruled(check.RuleFrontMatter, ds)
	}) {
		return res, l
	}
	t.done("parse")
	if !opts.Drafts {
		kept := pages[:0:0]
		for _, p := range pages {
			if !p.Draft {
				kept = append(kept, p)
			}
		}
		pages = kept
	}

	var site *content.Site
	if !run("resolve", "", func() diag.List {
		var ds diag.List
		site, ds, _ = c.Resolve(cache.Hash(in.Config.Data, []byte(cfg.BaseURL.URL), i18nKey(in), []byte(filesSum)), pages, bodies, func(ps []*content.Page, bs map[*content.Page]*content.Body) (*content.Site, diag.List) {
			return resolve.Site(cfg, ps, bs, published)
		})
		return ruled(check.RuleReference, ds)
	}) {
		return res, l
	}
	t.done("resolve")
	res.Site = site
	if out.resolved != nil && site != nil {
		out.resolved(site)
	}
	if out.drop {
		for i := range in.Files {
			in.Files[i].Front, in.Files[i].Body = nil, nil
		}
	}
	if l.HasErrors() {
		return res, l
	}

	// Static files first: pages link them through the asset table.
	var table map[string]content.AssetRef
	var static []content.Asset
	if !run("static", "", func() diag.List {
		st, ds := cache.Memo(c, "static", staticKey(in.Static, opts.Minify), func() (staticResult, diag.List) {
			files, tbl, ds := staticFiles(ctx, in.Static, opts.Minify)
			return staticResult{files, tbl}, ds
		})
		static, table = st.files, st.table
		return ruled(check.RuleAsset, ds)
	}) {
		return res, l
	}
	t.done("static")
	if l.HasErrors() {
		return res, l
	}

	var built []content.Output
	var rendered diag.List
	if !run("render", "", func() diag.List {
		built, rendered = renderStep(ctx, site, in, opts, cfg, table, c, out)
		return nil
	}) {
		// Cancelled, or a write failed: what render says after that is
		// about pages it never finished, not about the content.
		return res, l
	}
	t.done("render")
	l.Add(ruled(check.RuleTemplate, rendered)...)
	if l.HasErrors() {
		return res, l
	}

	// Files for machines come after the pages, so that the preview shows
	// an edited page before it encodes the whole site again.
	var extra []content.Output
	written := 0 // how many of extra's first files the step wrote itself
	if !run("machine", "", func() diag.List {
		var ol diag.List
		var machine []content.Output
		var ds diag.List
		if c == nil && out.emit != nil && out.open != nil && out.hold != nil && !opts.Minify {
			machine, ds = streamMachineFiles(site, out)
			written = len(machine)
		} else {
			machine, ds = cache.Memo(c, "machine", cache.Hash([]byte(cfg.BaseURL.URL), []byte(strconv.FormatUint(c.Generation(), 10)), []byte{boolByte(opts.Minify)}, bodyVersions(site, c)), func() ([]content.Output, diag.List) {
				if out.paths {
					return machinePaths(cfg.BaseURL), nil
				}
				var ml diag.List
				m, ds := machineFiles(site)
				ml.Add(ds...)
				if opts.Minify {
					m, ds = minifyOutputs(ctx, m)
				}
				ml.Add(ds...)
				return m, ml
			})
		}
		ol.Add(ds...)
		extra = append(append([]content.Output(nil), machine...), staticOutputs(site, machine, static, &ol)...)
		extra = append(extra, bundleOutputs(site, extra, in.Bundle, &ol)...)
		return ruled(check.RuleAsset, ol)
	}) {
		return res, l
	}
	t.done("machine")
	if l.HasErrors() {
		return res, l
	}
	res.Pages = map[content.Kind]int{}
	for _, p := range site.Pages {
		res.Pages[p.Kind]++
	}
	for _, p := range site.Generated {
		res.Pages[p.Kind]++
	}
	res.Other = len(extra)
	if out.emit != nil {
		for _, f := range extra[written:] {
			if out.emit(f.Path, f.Data) != nil {
				break // the caller reports the write error
			}
		}
		return res, l
	}
	res.Files = append(built, extra...)
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	return res, l
}

// renderStep renders the pages that need it: with a cache, those whose
// reads changed, the edited ones first (handed to out.early); without one,
// every page. It returns every page of the site.
func renderStep(ctx context.Context, site *content.Site, in *content.Input, opts Options, cfg content.Config, table map[string]content.AssetRef, c *cache.Cache, out sink) ([]content.Output, diag.List) {
	ropts := render.Options{
		BaseURL: cfg.BaseURL, LiveReload: opts.LiveReload, Assets: table,
		Minify: pageMinifier(opts.Minify), Emit: out.emit, Open: out.open,
	}
	if c == nil {
		return render.Site(ctx, site, in.Templates, ropts)
	}
	var mu sync.Mutex
	reads := map[string][]string{}
	ropts.Reads = func(path string, keys []string) {
		mu.Lock()
		reads[path] = keys
		mu.Unlock()
	}
	v := deps.NewVersions(site, c.Fingerprints())
	global := globalKey(in, cfg, opts, table)
	var l diag.List
	// first renders the edited pages alone and shows them (out.early),
	// then stale tells which others to render; the first pages are
	// stored only after stale has compared versions, since storing them
	// records the new versions of keys the others read too.
	first := func(stale func() func(*content.Page) bool) (func(*content.Page) bool, bool) {
		ropts.Only = c.Edited
		out1, ds := render.Site(ctx, site, in.Templates, ropts)
		l.Add(ds...)
		if l.HasErrors() || ctx.Err() != nil {
			return nil, false
		}
		out.early(out1)
		isStale := stale()
		c.Store(out1, reads, v)
		return isStale, true
	}
	var stale func(*content.Page) bool
	switch {
	case out.early != nil && !c.Reused() && c.Current(global) && someEdited(site, c):
		// A front-matter edit: other pages list the page, and finding
		// them all compares the versions of every key pages read; the
		// edited page is shown first, before that search.
		var ok bool
		if stale, ok = first(func() func(*content.Page) bool { return c.Stale(site, global, v) }); !ok {
			return nil, l
		}
		ropts.Only = func(p *content.Page) bool { return stale(p) && !c.Edited(p) }
	case out.early != nil:
		// After an edit to bodies alone finding the pages is cheap; the
		// edited pages go first only when others wait behind them, so an
		// edit that changes its own page alone is shown once.
		stale = c.Stale(site, global, v)
		if !staleOthers(site, c, stale) {
			ropts.Only = stale
			break
		}
		if _, ok := first(func() func(*content.Page) bool { return stale }); !ok {
			return nil, l
		}
		ropts.Only = func(p *content.Page) bool { return stale(p) && !c.Edited(p) }
	default:
		ropts.Only = c.Stale(site, global, v)
	}
	rest, ds := render.Site(ctx, site, in.Templates, ropts)
	l.Add(ds...)
	if l.HasErrors() || ctx.Err() != nil {
		return nil, l
	}
	if out.early != nil {
		// The pages are shown now, before the files for machines (the
		// search index is made again after any edit to a body).
		out.early(rest)
	}
	c.Store(rest, reads, v)
	pages := c.Pages(site)
	all := make([]content.Output, 0, len(pages))
	for path, data := range pages {
		all = append(all, content.Output{Path: path, Data: data, Type: content.MediaType(path)})
	}
	return all, l
}

// parsedHook returns what parse calls with each file it has parsed: out's
// body hook, and with dropParsed the compaction of the body's links
// (compactLinks) and the release of the file's text, or with pack its
// compression. The text is kept as it is when the people section has no
// folder: movedPeople may then parse the files again from another one.
func parsedHook(out sink, files []content.File, cfg content.Config) func(*content.File, *content.Body) {
	movable := peopleFolder(files, cfg)
	drop, pack := out.dropParsed && movable, out.pack != nil && movable
	if out.body == nil && !out.dropParsed && !pack {
		return nil
	}
	return func(f *content.File, b *content.Body) {
		if out.body != nil && b != nil {
			out.body(b)
		}
		if out.dropParsed && b != nil {
			compactLinks(b)
		}
		switch {
		case drop:
			f.Front, f.Body = nil, nil
		case pack:
			out.pack.put(f)
		}
	}
}

// compactLinks lets go of what only check and the preview server read of
// a body's links (the href parse wrote, an image's alt text) and makes a
// page's repeated links share their strings: the links wait for resolve,
// and on a large site they were the largest part of what a build held
// after parse.
func compactLinks(b *content.Body) {
	var seen map[string]string
	if len(b.Links) > 1 {
		seen = make(map[string]string, len(b.Links))
	}
	one := func(s string) string {
		if seen == nil || s == "" {
			return s
		}
		if c, ok := seen[s]; ok {
			return c
		}
		seen[s] = s
		return s
	}
	for i := range b.Links {
		ln := &b.Links[i]
		ln.Href, ln.Alt = "", ""
		ln.Dest, ln.Target, ln.Path = one(ln.Dest), one(ln.Target), one(ln.Path)
	}
}

// staticResult is what the static step makes: the files to publish and
// the table render links them through.
type staticResult struct {
	files []content.Asset
	table map[string]content.AssetRef
}

// staleOthers reports whether a page that was not edited is stale.
func staleOthers(site *content.Site, c *cache.Cache, stale func(*content.Page) bool) bool {
	for _, p := range allPages(site) {
		if stale(p) && !c.Edited(p) {
			return true
		}
	}
	return false
}

// someEdited reports whether a page of site was parsed anew by this build.
func someEdited(site *content.Site, c *cache.Cache) bool {
	for _, p := range site.Pages {
		if c.Edited(p) {
			return true
		}
	}
	return false
}

func allPages(s *content.Site) []*content.Page {
	return append(s.Pages[:len(s.Pages):len(s.Pages)], s.Generated...)
}

// siteConfig reads briefing.yaml and applies --base-url over it.
func siteConfig(a content.Asset, baseURL string) (content.Config, diag.List) {
	cfg, ds := config.Parse(a)
	ds = ruled(check.RuleConfig, ds)
	if baseURL != "" {
		u, err := config.ParseBaseURL(baseURL)
		if err != nil {
			ds.Add(diag.Diagnostic{Pos: diag.Pos{File: "--base-url"}, Severity: diag.Error, Rule: check.RuleConfig, Msg: err.Error()})
		}
		cfg.BaseURL = u
	}
	return cfg, ds
}

// globalKey is what every page depends on: the templates, the settings,
// the asset table and how pages are made.
func globalKey(in *content.Input, cfg content.Config, opts Options, table map[string]content.AssetRef) uint64 {
	parts := [][]byte{in.Config.Data, []byte(cfg.BaseURL.URL), {boolByte(opts.LiveReload), boolByte(opts.Minify)}, i18nKey(in)}
	for _, t := range in.Templates {
		parts = append(parts, []byte(t.Path), []byte(t.Origin.String()), t.Data)
	}
	keys := make([]string, 0, len(table))
	for k := range table {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts = append(parts, []byte(k), []byte(table[k].Path), []byte(table[k].Integrity))
	}
	return cache.Hash(parts...)
}

// i18nKey is the site's own catalogues, as one part of a key: what the
// words of every page and of the generated pages' titles depend on
// beside briefing.yaml.
func i18nKey(in *content.Input) []byte {
	var b []byte
	for _, a := range in.I18n {
		b = append(append(append(b, a.Path...), 0), a.Data...)
		b = append(b, 0)
	}
	return b
}

func staticKey(static []content.Asset, minify bool) uint64 {
	parts := [][]byte{{boolByte(minify)}}
	for _, a := range static {
		parts = append(parts, []byte(a.Path), []byte(a.Origin.String()), a.Data)
	}
	return cache.Hash(parts...)
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}
