// Package build runs the pipeline: load -> config -> parse -> resolve ->
// render -> write. It hands each stage's output to the next, gathers every
// stage's diagnostics, and is the only package that imports the stages. The
// build, check and serve commands all go through it.
package build

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
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
	"github.com/briefing-dev/briefing/internal/write"
)

// Options configure a build. The zero value builds the site in the current
// folder into ./public with no built-in theme.
type Options struct {
	// Source is the site folder; "" means ".".
	Source string
	// Destination is the output folder; "" means "public" inside Source.
	Destination string
	// BaseURL overrides briefing.yaml's base_url when set.
	BaseURL string
	// Drafts includes pages marked draft: true.
	Drafts bool
	// Theme is the built-in theme (a tree with templates/ and static/).
	Theme fs.FS
	// LiveReload injects the preview server's reload script.
	LiveReload bool
	// Minify minifies HTML, CSS, JavaScript, JSON and XML. Off in the
	// zero value (readable goldens, a fast preview); the build command
	// turns it on unless --minify=false.
	Minify bool
	// Debug adds a stack trace to the diagnostic of an internal error
	// (the commands set it from BRIEFING_DEBUG=1).
	Debug bool
}

// Result describes a finished build.
type Result struct {
	// Site is the resolved site; nil when the build stopped early.
	Site *content.Site
	// Files are the built files in path order (pages, generated files and
	// static files); empty after Run, which streams them to the disk.
	Files []render.Output
	// Other counts the files that are not pages (feeds, indexes, static).
	Other int
	// Pages counts the pages written, by kind.
	Pages map[content.Kind]int
	// Elapsed is the time the build took.
	Elapsed time.Duration
	// Stages is the time each stage took, in pipeline order.
	Stages []Stage
}

// Stage is the wall-clock time one stage of a build took.
type Stage struct {
	Name    string
	Elapsed time.Duration
}

// timer records stage times into a Result.
type timer struct {
	res  *Result
	last time.Time
}

func (t *timer) done(name string) {
	now := time.Now()
	t.res.Stages = append(t.res.Stages, Stage{Name: name, Elapsed: now.Sub(t.last)})
	t.last = now
}

// Run builds the site and writes it to the destination. Pages are written
// into a staging folder as they are rendered, and the folder replaces the
// destination only when the whole build succeeded. Content problems come
// back as diagnostics; err is set only when something outside the content
// failed (the disk, a bad option), or is ErrCancelled when ctx was
// cancelled. The destination is untouched unless err is nil and the
// diagnostics hold no error.
func Run(ctx context.Context, opts Options) (res Result, l diag.List, err error) {
	start := time.Now()
	in, l, err := loadChecked(ctx, opts)
	if err != nil {
		return res, l, err
	}
	stg, err := write.Begin(destination(opts))
	if err != nil {
		return res, l, err
	}
	// The first write error stops the build: rendering is cancelled
	// through wctx and the one error is reported, not one per page.
	wctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	w := newStreamer(wctx, stg, stop)
	loaded := time.Since(start)
	res, ds := pipeline(wctx, in, opts, w.emit)
	writeErr := w.close()
	res.Stages = append([]Stage{{Name: "load", Elapsed: loaded}}, res.Stages...)
	switch {
	case ctx.Err() != nil:
		stg.Abort()
		return Result{}, nil, ErrCancelled
	case writeErr != nil:
		stg.Abort()
		l.Add(ds...)
		l.Sort()
		rootFirst(l)
		return res, l, writeErr
	}
	l.Add(ds...)
	l.Sort()
	rootFirst(l)
	if l.HasErrors() {
		stg.Abort()
		return res, l, nil
	}
	t := time.Now()
	if err := stg.Commit(); err != nil {
		return res, l, err
	}
	res.Stages = append(res.Stages, Stage{Name: "swap", Elapsed: time.Since(t)})
	res.Elapsed = time.Since(start)
	return res, l, nil
}

// Render runs every stage but write and returns the built files in memory.
func Render(ctx context.Context, opts Options) (Result, diag.List, error) {
	start := time.Now()
	in, l, err := loadChecked(ctx, opts)
	if err != nil {
		return Result{}, l, err
	}
	loaded := time.Since(start)
	res, ds := Pipeline(ctx, in, opts)
	if ctx.Err() != nil {
		return Result{}, nil, ErrCancelled
	}
	res.Stages = append([]Stage{{Name: "load", Elapsed: loaded}}, res.Stages...)
	l.Add(ds...)
	l.Sort()
	rootFirst(l)
	res.Elapsed = time.Since(start)
	return res, l, nil
}

// The rules of the diagnostics the build itself reports, by the stage that
// found them. Editorial checks have rules of their own (check.Rules).
const (
	RuleFile        = "file"         // reading the site: names, symlinks, sizes, encodings, front-matter fences
	RuleConfig      = "config"       // briefing.yaml and --base-url
	RuleFrontMatter = "front-matter" // YAML syntax, keys, types and values of a page
	RuleReference   = "reference"    // unknown ids, duplicate ids and URLs, links to missing pages
	RuleAsset       = "asset"        // static files, the feed, sitemap and indexes
	RuleTemplate    = "template"     // the theme's templates
)

// BuildRules lists every rule the build reports, RuleBuild included.
var BuildRules = []string{RuleFile, RuleConfig, RuleFrontMatter, RuleReference, RuleAsset, RuleTemplate, RuleBuild}

// ruled gives each diagnostic without a rule the given one.
func ruled(rule string, ds diag.List) diag.List {
	for i := range ds {
		if ds[i].Rule == "" {
			ds[i].Rule = rule
		}
	}
	return ds
}

// loadChecked refuses a destination that would replace the site, then
// loads the site folder.
func loadChecked(ctx context.Context, opts Options) (*content.Input, diag.List, error) {
	src := opts.Source
	if src == "" {
		src = "."
	}
	if err := checkDestination(src, destination(opts)); err != nil {
		return nil, nil, err
	}
	return loadSite(ctx, opts)
}

// Pipeline runs config, parse, resolve and render over loaded input. It is
// the part of the build that serve reruns on every change.
func Pipeline(ctx context.Context, in *content.Input, opts Options) (Result, diag.List) {
	return pipeline(ctx, in, opts, nil)
}

// pipeline is Pipeline that, when emit is set, hands every built file to
// emit as soon as it is made instead of returning it in Result.Files.
// Every stage runs guarded (see stage): a panic becomes a diagnostic, and
// once ctx is cancelled no later stage runs and pipeline returns at once,
// with the diagnostics of the stages that finished.
func pipeline(ctx context.Context, in *content.Input, opts Options, emit func(path string, data []byte) error) (Result, diag.List) {
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
		c, ds := config.Parse(in.Config)
		ds = ruled(RuleConfig, ds)
		if opts.BaseURL != "" {
			u, err := config.NormalizeBaseURL(opts.BaseURL)
			if err != nil {
				ds.Add(diag.Diagnostic{Pos: diag.Pos{File: "--base-url"}, Severity: diag.Error, Rule: RuleConfig, Msg: err.Error()})
			}
			c.BaseURL = u
		}
		cfg = c
		return ds
	})
	if l.HasErrors() || ctx.Err() != nil {
		return res, l
	}
	var parsed []*content.Page
	if !run("parse", "", func() diag.List {
		var ds diag.List
		parsed, ds = parse.Pages(ctx, in.Files, cfg.PeopleSection, markdown.New())
		return ruled(RuleFrontMatter, ds)
	}) {
		return res, l
	}
	t.done("parse")
	pages := parsed[:0:0]
	for _, p := range parsed {
		if !p.Draft || opts.Drafts {
			pages = append(pages, p)
		}
	}
	var site *content.Site
	if !run("resolve", "", func() diag.List {
		var ds diag.List
		site, ds = resolve.Site(cfg, pages)
		return ruled(RuleReference, ds)
	}) {
		return res, l
	}
	t.done("resolve")
	res.Site = site
	if l.HasErrors() {
		return res, l
	}
	var extra []render.Output
	var table map[string]render.Asset
	if !run("outputs", "", func() diag.List {
		var ol diag.List
		static, tbl, ds := staticFiles(ctx, in.Static, opts.Minify)
		ol.Add(ruled(RuleAsset, ds)...)
		machine, ds := machineFiles(site, cfg.BaseURL)
		ol.Add(ruled(RuleAsset, ds)...)
		machine, ds = minifyOutputs(ctx, machine, opts.Minify)
		ol.Add(ruled(RuleAsset, ds)...)
		extra = append(machine, staticOutputs(site, machine, static, &ol)...)
		table = tbl
		return ruled(RuleAsset, ol)
	}) {
		return res, l
	}
	t.done("outputs")
	if l.HasErrors() {
		return res, l
	}
	var out []render.Output
	var rendered diag.List
	if !run("render", "", func() diag.List {
		out, rendered = render.Site(ctx, site, in.Templates, render.Options{
			BaseURL: cfg.BaseURL, LiveReload: opts.LiveReload, Assets: table,
			Minify: pageMinifier(opts.Minify), Emit: emit,
		})
		return nil
	}) {
		// Cancelled, or a write failed: what render says after that is
		// about pages it never finished, not about the content.
		return res, l
	}
	t.done("render")
	l.Add(ruled(RuleTemplate, rendered)...)
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
	if emit != nil {
		for _, f := range extra {
			if emit(f.Path, f.Data) != nil {
				break // the caller reports the write error
			}
		}
		return res, l
	}
	res.Files = append(out, extra...)
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })
	return res, l
}

// staticOutputs turns static files into outputs; a static file may not
// take the path of a page or of a generated file.
func staticOutputs(site *content.Site, machine []render.Output, static []content.Asset, l *diag.List) []render.Output {
	taken := make(map[string]bool, len(site.Pages)+len(site.Generated)+len(machine))
	for _, p := range site.Pages {
		taken[render.OutputPath(p.URL)] = true
	}
	for _, p := range site.Generated {
		taken[render.OutputPath(p.URL)] = true
	}
	for _, m := range machine {
		taken[m.Path] = true
	}
	out := make([]render.Output, 0, len(static))
	for _, a := range static {
		if taken[a.Path] {
			l.Errorf(diag.Pos{File: strings.TrimPrefix(a.Origin, "(built-in) ")}, "static file has the same path as a file the build makes (/%s); rename or remove it", a.Path)
			continue
		}
		out = append(out, render.Output{Path: a.Path, Data: a.Data})
	}
	return out
}

func destination(opts Options) string {
	if opts.Destination != "" {
		return opts.Destination
	}
	src := opts.Source
	if src == "" {
		src = "."
	}
	return filepath.Join(src, "public")
}

// checkDestination refuses a destination that would replace the site
// itself or one of its source folders.
//
// Both paths are compared with every symbolic link followed, so a
// destination reached through a link to the site (or a site reached
// through a link) is recognised for what it is.
func checkDestination(src, dest string) error {
	s, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	if real, err := filepath.EvalSymlinks(s); err == nil {
		s = real
	}
	d, err := write.Resolve(dest)
	if err != nil {
		return err
	}
	if d == s || strings.HasPrefix(s+string(filepath.Separator), d+string(filepath.Separator)) {
		return fmt.Errorf("destination %s would replace the site folder itself; choose a folder such as %s", dest, filepath.Join(src, "public"))
	}
	for _, dir := range []string{load.ContentDir, load.TemplatesDir, load.StaticDir} {
		sd := filepath.Join(s, dir)
		if d == sd || strings.HasPrefix(d+string(filepath.Separator), sd+string(filepath.Separator)) {
			return fmt.Errorf("destination %s is inside the site's %s/ folder; choose a folder such as %s", dest, dir, filepath.Join(src, "public"))
		}
	}
	return nil
}
