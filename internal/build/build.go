// Package build runs the one step list (steps.go: config, parse, resolve,
// outputs, render) over loaded input, for every command: Run writes the
// result through package write, Check adds the editorial checks, and
// Incremental, the preview server's builder, runs the same list with a
// cache (package cache) around it. Every step runs guarded (guard.go):
// panics become diagnostics and a cancelled context stops the run. build is
// the only package that imports the stages.
//
// Size: build is over 500 lines because it holds the step list and its
// three drivers (Run with its streamed writes, Check, Incremental with its
// cache of loaded files); caching and dependency tracking live in packages
// cache and deps.
package build

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/load"
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
	// Minify also runs an HTML minifier over every page (--minify). Pages
	// come out compact from the templates without it, and style sheets,
	// scripts and the files for machines are minified either way; with it,
	// a file the minifier cannot read is an error rather than published as
	// written.
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
	Files []content.Output
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
	out := sink{emit: w.emit, open: w.open, drop: true, dropParsed: true, resolved: settle}
	if sc, err := stg.Scratch(); err == nil {
		out.body, out.hold = spiller{sc}.body, spiller{sc}.hold
	}
	loaded := time.Since(start)
	res, ds := steps(wctx, in, opts, nil, out)
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

// settle runs between resolve and render in a build: it lets go of the
// bodies' links (dropLinks), then collects garbage and returns the free
// memory to the system (debug.FreeOSMemory). Parse leaves the heap at its
// largest (every page's front matter decoded while the files' text and
// the goldmark trees of the pages in flight are still live), and Go keeps
// what it frees for reuse; render then allocates on top of it, so the
// build's peak was parse's high-water mark plus render's working set. One
// collection costs a build of 10,000 pages some tens of milliseconds.
func settle(site *content.Site) {
	dropLinks(site)
	debug.FreeOSMemory()
}

// dropLinks lets go of the bodies' links once resolve has checked them:
// nothing after it reads them in a build (check's link rule does, and
// runs without this), and they are about a tenth of a large site's heap.
func dropLinks(site *content.Site) {
	for _, p := range site.Pages {
		if b := site.Body(p); b != nil {
			b.Links = nil
		}
	}
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
	if err := checkDestination(siteDir(opts), destination(opts)); err != nil {
		return nil, nil, err
	}
	return loadSite(ctx, opts)
}

// staticOutputs turns static files into outputs; a static file may not
// take the path of a page or of a generated file.
func staticOutputs(site *content.Site, machine []content.Output, static []content.Asset, l *diag.List) []content.Output {
	taken := make(map[string]bool, len(site.Pages)+len(site.Generated)+len(machine))
	for _, p := range site.Pages {
		taken[content.OutputPath(p.URL)] = true
	}
	for _, p := range site.Generated {
		taken[content.OutputPath(p.URL)] = true
	}
	for _, m := range machine {
		taken[m.Path] = true
	}
	out := make([]content.Output, 0, len(static))
	for _, a := range static {
		if taken[a.Path] {
			l.Errorf(diag.Pos{File: a.Origin.Path}, "static file has the same path as a file the build makes (/%s); rename or remove it", a.Path)
			continue
		}
		out = append(out, content.NewOutput(a.Path, a.Data))
	}
	return out
}

// siteDir is the site folder of opts.
func siteDir(opts Options) string {
	if opts.Source == "" {
		return "."
	}
	return opts.Source
}

func destination(opts Options) string {
	if opts.Destination != "" {
		return opts.Destination
	}
	return filepath.Join(siteDir(opts), "public")
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
