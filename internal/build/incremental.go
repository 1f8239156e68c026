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

	"github.com/briefing-dev/briefing/internal/cache"
	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/load"
)

// Incremental builds a site in memory again and again, for the preview
// server. It runs the same steps as a full build (see steps) with a cache
// around them: after an edit it re-reads and re-parses only the changed
// files, reuses the resolved site when only bodies changed, and renders
// only the pages whose recorded reads changed (see package cache).
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

	opts  Options
	cache *cache.Cache

	// The latest input, whether or not it built (the load step's cache).
	config    content.Asset
	templates []content.Asset
	static    []content.Asset
	i18n      []content.Asset // read again on every update, like briefing.yaml
	files     map[string]content.File
	// sorted is files in path order, and pos each one's index in it:
	// kept from build to build (sorting 10,000 paths after every save was
	// a fifth of the time to show an edited page); nil once a file is
	// added or removed, when the next build sorts again.
	sorted    []content.File
	pos       map[string]int
	bundle    map[string]content.Asset // files beside the pages, by path under content/
	loadDiags map[string]diag.List     // content diagnostics by file
	areaDiags map[string]diag.List     // config, templates and static diagnostics

	good map[string][]byte // the files of the last good build
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
	return &Incremental{opts: opts, cache: cache.New()}
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
// soon as the step under way notices, with the last good build standing.
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
	b.files, b.loadDiags, b.areaDiags = nil, nil, nil
	b.sorted, b.pos = nil, nil
	b.cache.Forget()
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
	for _, ds := range b.areaDiags {
		l.Add(ds...)
	}
	for _, ds := range b.loadDiags {
		l.Add(ds...)
	}
	if b.sorted == nil {
		b.sorted = make([]content.File, 0, len(b.files))
		for _, f := range b.files {
			b.sorted = append(b.sorted, f)
		}
		sort.Slice(b.sorted, func(i, j int) bool { return b.sorted[i].Path < b.sorted[j].Path })
		b.pos = make(map[string]int, len(b.sorted))
		for i, f := range b.sorted {
			b.pos[f.Path] = i
		}
	}
	in := &content.Input{Config: b.config, Templates: b.templates, Static: b.static, I18n: b.i18n, Files: slices.Clone(b.sorted)}
	for _, a := range b.bundle {
		in.Bundle = append(in.Bundle, a)
	}
	sort.Slice(in.Bundle, func(i, j int) bool { return in.Bundle[i].Path < in.Bundle[j].Path })

	var early map[string][]byte
	out := sink{}
	if b.Early != nil && b.good != nil {
		out.early = func(first []content.Output) {
			if len(first) == 0 {
				return
			}
			if early == nil {
				early = maps.Clone(b.good)
			}
			var paths []string
			for _, o := range first {
				if !bytes.Equal(early[o.Path], o.Data) {
					paths = append(paths, o.Path)
				}
				early[o.Path] = o.Data
			}
			sort.Strings(paths)
			if len(paths) > 0 {
				b.Early(early, paths)
			}
		}
	}
	res, ds := steps(ctx, in, b.opts, b.cache, out)
	l.Add(ds...)
	l.Sort()
	rootFirst(l)
	if ctx.Err() != nil || l.HasErrors() {
		return Update{}, l, nil
	}
	files := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	var paths []string
	for p, data := range files {
		if old, ok := b.good[p]; !ok || !bytes.Equal(old, data) {
			if early == nil || !bytes.Equal(early[p], data) {
				paths = append(paths, p)
			}
		}
	}
	for p := range b.good {
		if _, ok := files[p]; !ok {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	pages := 0
	for _, n := range res.Pages {
		pages += n
	}
	b.good = files
	return Update{Files: files, Changed: paths, Rendered: b.cache.Rendered(), Pages: pages, Elapsed: time.Since(start)}, l, nil
}

// reload re-reads what changed: briefing.yaml and i18n/ always (they are
// small), templates/ and static/ in whole when anything under them changed,
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
		l = ruled(check.RuleFile, l)
		b.files = make(map[string]content.File, len(in.Files))
		for _, f := range in.Files {
			b.files[f.Path] = f
		}
		b.sorted, b.pos = nil, nil
		b.bundle = make(map[string]content.Asset, len(in.Bundle))
		for _, a := range in.Bundle {
			b.bundle[a.Origin.Path] = a
		}
		b.config, b.templates, b.static, b.i18n = in.Config, in.Templates, in.Static, in.I18n
		b.loadDiags, b.areaDiags = map[string]diag.List{}, map[string]diag.List{}
		b.sortDiags(l, nil, true, true)
		return
	}
	view := subsetFS{fsys: fsys, keep: append([]string{load.ConfigFile, load.I18nDir}, keep...)}
	if tmpl {
		view.keep = append(view.keep, load.TemplatesDir)
	}
	if static {
		view.keep = append(view.keep, load.StaticDir)
	}
	in, l := load.Site(view, b.opts.Theme)
	l = ruled(check.RuleFile, l)
	b.config, b.i18n = in.Config, in.I18n
	if tmpl {
		b.templates = in.Templates
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
		delete(gone, f.Path)
		b.files[f.Path] = f
		if i, ok := b.pos[f.Path]; ok && b.sorted != nil {
			b.sorted[i] = f
		} else {
			b.sorted = nil // a new file
		}
	}
	for p := range gone {
		delete(b.files, p)
		b.sorted = nil
	}
	for p := range b.bundle {
		if under(p, keep) {
			delete(b.bundle, p)
		}
	}
	for _, a := range in.Bundle {
		b.bundle[a.Origin.Path] = a
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
