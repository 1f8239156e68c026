// Package render is the fourth stage: it turns a resolved site into HTML
// pages. Templates are parsed once; each of GOMAXPROCS workers executes its
// own clones, whose functions and site view (SiteView) note in a
// deps.Recorder what each page read, for incremental builds. Each page is
// rendered into its own slot, so output order and bytes never depend on
// scheduling. Render never touches the disk.
//
// Size: render is over 500 lines because what a page can show is one
// concern here: the template loading and compacting, the function map, the
// site view templates see, and the structured data (JSON-LD). Split, each
// would export its internals to the others.
package render

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"io"
	"runtime"
	"sort"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/deps"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/i18n"
	"github.com/briefing-dev/briefing/internal/parallel"
)

// Options are the settings rendering needs beyond the site itself.
type Options struct {
	// BaseURL is the URL the site is served from; it may hold a sub-path.
	// The zero value links from the host's root.
	BaseURL content.BaseURL
	// LiveReload injects the preview server's reload script into pages.
	LiveReload bool
	// Minify, when set (briefing build --minify), shrinks each page right
	// after it is rendered, so the build never holds two copies of the
	// site; pages are compact without it, from the compacted templates. It gets the output path
	// and the page's bytes (which it must not keep) and returns new bytes.
	// It is called from several goroutines.
	Minify func(path string, data []byte) ([]byte, error)
	// Emit, when set, receives each page as soon as it is made, and Site
	// returns no pages: the build streams them to the staging folder
	// instead of holding the whole site in memory. data is only valid
	// during the call. It is called from several goroutines.
	Emit func(path string, data []byte) error
	// Open, when set with Emit and without Minify, opens the file of a
	// page that grows past a megabyte while it renders: the page is
	// written to it as it is made instead of being held whole (and Emit
	// does not get it). Writes to it come from the rendering goroutine;
	// a page whose render fails leaves its file partly written, for the
	// caller to discard with the rest of the build.
	Open func(path string) (io.WriteCloser, error)
	// Only, when set, limits rendering to the pages it accepts; the others
	// are left out of the result. The preview server uses it to re-render
	// only the pages an edit affects. It is called from several goroutines.
	Only func(*content.Page) bool
	// Reads, when set, gets for every page rendered the keys of the site
	// data its templates read, sorted (see Versions), for an incremental
	// build to know which pages an edit can change. It is called from
	// several goroutines.
	Reads func(path string, keys []string)
	// Assets maps a static file's path ("css/site.css") to the name it is
	// served under and its integrity value, for the asset and integrity
	// template functions. Nil links static files by their own paths.
	Assets map[string]content.AssetRef
}

// Site renders every page of site with the theme's templates. Page bodies
// are already HTML (parse made them). The result is sorted by Path.
func Site(ctx context.Context, site *content.Site, templates []content.Asset, opts Options) ([]content.Output, diag.List) {
	var l diag.List
	u := newURLs(opts.BaseURL)
	u.assets = opts.Assets
	frags := &fragments{}
	set, ds := cachedTemplates(templates, funcs(nil, u, frags))
	l.Add(ds...)
	if l.HasErrors() {
		return nil, l
	}

	// Generated pages go first: they list the whole site and take longest,
	// so starting them early keeps every worker busy to the end.
	pages := make([]*content.Page, 0, len(site.Pages)+len(site.Generated))
	pages = append(pages, site.Generated...)
	pages = append(pages, site.Pages...)
	errs := make([]diag.List, len(pages))

	// Each worker renders with templates of its own, whose functions note
	// what they read in the worker's recorder for the page at hand.
	n := runtime.GOMAXPROCS(0)
	workers := make(chan *worker, n)
	for range n {
		workers <- newWorker(set, site, u, frags)
	}
	out := make([]content.Output, len(pages))
	parallel.Each(ctx, len(pages), n, func(i int) {
		p := pages[i]
		if !opts.wants(p) {
			return
		}
		w := <-workers
		defer func() { workers <- w }()
		defer func() {
			if v := recover(); v != nil {
				errs[i].Add(panicError(p, v))
			}
		}()
		if w.buf.Cap() > keptBuffer {
			// The last page was a whole-site page held whole (no Open):
			// its buffer goes to the collector rather than staying
			// with the worker until the end.
			w.buf = bytes.Buffer{}
		}
		w.buf.Reset()
		w.cites = citations{}
		w.supports = nil
		w.rec = nil
		if opts.Reads != nil {
			w.rec = deps.NewRecorder()
			w.rec.Note(deps.Page + p.ID)
		}
		t, err := w.kind(p.Kind)
		if err != nil {
			errs[i].Add(err...)
			return
		}
		v := &View{
			Site: w.view, Page: p, BaseURL: u.base, BasePath: u.path,
			Canonical: u.abs(p.URL), LiveReload: opts.LiveReload,
		}
		path := outputPath(p.URL)
		pw := &pageWriter{buf: &w.buf, path: path}
		if opts.Emit != nil && opts.Minify == nil {
			pw.open = opts.Open
		}
		xerr := t.ExecuteTemplate(pw, "layout.html", v)
		if werr := pw.close(); werr != nil {
			errs[i].Errorf(diag.Pos{File: "/" + p.URL}, "cannot write the page: %v", werr)
			return
		}
		if xerr != nil {
			errs[i].Add(templateError(xerr, set.origins, p))
			return
		}
		if pw.streamed() {
			if opts.Reads != nil {
				opts.Reads(path, w.rec.Keys())
			}
			return
		}
		data := w.buf.Bytes()
		if opts.Minify != nil {
			small, err := opts.Minify(path, data)
			if err != nil {
				errs[i].Errorf(diag.Pos{File: "templates/" + string(p.Kind) + ".html"}, "cannot minify /%s: %v; fix the template or build without --minify", p.URL, err)
				return
			}
			data = small
		}
		if opts.Emit != nil {
			if opts.Reads != nil {
				opts.Reads(path, w.rec.Keys())
			}
			if err := opts.Emit(path, data); err != nil {
				errs[i].Errorf(diag.Pos{File: "/" + p.URL}, "cannot write the page: %v", err)
			}
			return
		}
		if opts.Reads != nil {
			opts.Reads(path, w.rec.Keys())
		}
		out[i] = content.Output{Path: path, Data: bytes.Clone(data), Type: htmlType}
	})
	for i := range errs {
		l.Add(errs[i]...)
	}
	if ctx.Err() != nil {
		l.Errorf(diag.Pos{File: "."}, "build cancelled")
	}
	if l.HasErrors() {
		return nil, l
	}
	out = compact(out)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, l
}

// keptBuffer is the largest buffer a worker keeps for its next page: four
// times the size of a large page (largePage), so an ordinary page never
// grows a new one.
const keptBuffer = 4 * largePage

// worker is what one rendering goroutine owns: its own clones of the
// templates, whose functions are bound to it, a scratch buffer, and the
// recorder of the page it is rendering (nil when nothing is recorded).
type worker struct {
	set   *templateSet
	site  *content.Site
	fm    template.FuncMap
	kinds map[content.Kind]*template.Template
	base  *template.Template // layout and partials, for partialCached
	view  *SiteView          // the site as this worker's pages see it
	buf   bytes.Buffer
	rec   *deps.Recorder
	cites citations // the numbered sources of the page at hand (cite.go)
	// supports holds, for the page at hand, the claims citing each
	// source (cite.go), made at the page's first call of supports.
	supports map[string][]claimRef
	tx       i18n.Text // the site's words (words.go)
}

func newWorker(set *templateSet, site *content.Site, u urls, frags *fragments) *worker {
	w := &worker{set: set, site: site, kinds: map[content.Kind]*template.Template{}, tx: text(site.Config)}
	w.view = &SiteView{s: site, w: w}
	w.fm = funcs(w, u, frags)
	return w
}

// kind returns the worker's template for pages of kind k, cloning the
// parsed one on first use. The parsed templates are never executed
// themselves, so they can always be cloned.
func (w *worker) kind(k content.Kind) (*template.Template, diag.List) {
	if t := w.kinds[k]; t != nil {
		return t, nil
	}
	src := w.set.kinds[k]
	if src == nil {
		var l diag.List
		l.Errorf(diag.Pos{File: "templates/" + string(k) + ".html"}, "no template for %s pages; add templates/%s.html", k, k)
		return nil, l
	}
	t, err := src.Clone()
	if err != nil {
		var l diag.List
		l.Errorf(diag.Pos{File: "templates/" + string(k) + ".html"}, "internal error: %v; please report it", err)
		return nil, l
	}
	w.kinds[k] = t.Funcs(w.fm)
	return w.kinds[k], nil
}

// partials returns the worker's clone of the layout and partials.
func (w *worker) partials() (*template.Template, error) {
	if w.base == nil {
		t, err := w.set.base.Clone()
		if err != nil {
			return nil, err
		}
		w.base = t.Funcs(w.fm)
	}
	return w.base, nil
}

// panicError reports a panic while rendering p as an error on p.
func panicError(p *content.Page, v any) diag.Diagnostic {
	file := p.File
	if file == "" {
		file = "/" + p.URL
	}
	return diag.Diagnostic{Pos: diag.Pos{File: file}, Severity: diag.Error,
		Msg: fmt.Sprintf("internal error while rendering this page: %v; please report it with the file", v)}
}

// htmlType is the media type of every page.
const htmlType = "text/html; charset=utf-8"

// outputPath is the file a page URL is served from.
func outputPath(url string) string { return content.OutputPath(url) }

// templateError turns an execution error into a diagnostic naming the
// template file.
func templateError(err error, origins map[string]string, p *content.Page) diag.Diagnostic {
	name, line, col, msg := templateErrorPos(err)
	file := origins[name]
	if file == "" {
		file = "templates/" + name
	}
	what := p.File
	if what == "" {
		what = "/" + p.URL
	}
	return diag.Diagnostic{
		Pos:      diag.Pos{File: file, Line: line, Col: col},
		Severity: diag.Error,
		Msg:      fmt.Sprintf("rendering %s: %s", what, msg),
	}
}
