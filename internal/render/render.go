// Package render is the fourth stage: it turns a resolved site into HTML
// pages in memory. Templates are parsed once and shared read-only by
// GOMAXPROCS workers; each page is rendered into its own slot, so output
// order and bytes never depend on scheduling. Render never touches the disk.
package render

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"sort"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/parallel"
)

// Options are the settings rendering needs beyond the site itself.
type Options struct {
	// BaseURL is the absolute URL the site is served from, with a trailing
	// slash; it may hold a sub-path. Empty means "/".
	BaseURL string
	// LiveReload injects the preview server's reload script into pages.
	LiveReload bool
	// Minify, when set, shrinks each page right after it is rendered, so
	// the build never holds two copies of the site. It gets the output path
	// and the page's bytes (which it must not keep) and returns new bytes.
	// It is called from several goroutines.
	Minify func(path string, data []byte) ([]byte, error)
	// Emit, when set, receives each page as soon as it is made, and Site
	// returns no pages: the build streams them to the staging folder
	// instead of holding the whole site in memory. data is only valid
	// during the call. It is called from several goroutines.
	Emit func(path string, data []byte) error
	// Only, when set, limits rendering to the pages it accepts; the others
	// are left out of the result. The preview server uses it to re-render
	// only the pages an edit affects. It is called from several goroutines.
	Only func(*content.Page) bool
	// Assets maps a static file's path ("css/site.css") to the name it is
	// served under and its integrity value, for the asset and integrity
	// template functions. Nil links static files by their own paths.
	Assets map[string]Asset
}

// Output is one file of the built site.
type Output struct {
	// Path is relative to the site's root, with forward slashes.
	Path string
	Data []byte
}

// Site renders every page of site with the theme's templates. Page bodies
// are already HTML (parse made them). The result is sorted by Path.
func Site(ctx context.Context, site *content.Site, templates []content.Asset, opts Options) ([]Output, diag.List) {
	var l diag.List
	u := newURLs(opts.BaseURL)
	u.assets = opts.Assets
	frags := &fragments{}
	set, ds := parseTemplates(templates, funcs(site, u, frags))
	frags.base = set.base
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

	// Phase 2: the pages, in parallel.
	out := make([]Output, len(pages))
	each(ctx, len(pages), func(i int, buf *bytes.Buffer) {
		p := pages[i]
		if !opts.wants(p) {
			return
		}
		t := set.kinds[p.Kind]
		if t == nil {
			errs[i].Errorf(diag.Pos{File: "templates/" + string(p.Kind) + ".html"}, "no template for %s pages; add templates/%s.html", p.Kind, p.Kind)
			return
		}
		v := &View{
			Site: site, Page: p, Body: template.HTML(p.Body), BaseURL: u.base, BasePath: u.path,
			Canonical: u.abs(p.URL), Crumbs: crumbs(site, p), LiveReload: opts.LiveReload,
		}
		if err := t.ExecuteTemplate(buf, "layout.html", v); err != nil {
			errs[i].Add(templateError(err, set.origins, p))
			return
		}
		path := outputPath(p.URL)
		data := buf.Bytes()
		if opts.Minify != nil {
			small, err := opts.Minify(path, data)
			if err != nil {
				errs[i].Errorf(diag.Pos{File: "templates/" + string(p.Kind) + ".html"}, "cannot minify /%s: %v; fix the template or build with --minify=false", p.URL, err)
				return
			}
			data = small
		}
		if opts.Emit != nil {
			if err := opts.Emit(path, data); err != nil {
				errs[i].Errorf(diag.Pos{File: "/" + p.URL}, "cannot write the page: %v", err)
			}
			return
		}
		out[i] = Output{Path: path, Data: bytes.Clone(data)}
	}, onPanic(pages, errs))
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

// each renders pages on GOMAXPROCS workers: fn gets the index and a
// scratch buffer (reset before each call) from a pool. A panic in fn is
// handed to onPanic with its index instead of crashing the process.
func each(ctx context.Context, n int, fn func(i int, buf *bytes.Buffer), onPanic func(i int, v any)) {
	bufs := sync.Pool{New: func() any { return new(bytes.Buffer) }}
	parallel.Each(ctx, n, 0, func(i int) {
		buf := bufs.Get().(*bytes.Buffer)
		buf.Reset()
		guard(i, buf, fn, onPanic)
		bufs.Put(buf)
	})
}

// onPanic reports a panic while rendering pages[i] as an error on that page.
func onPanic(pages []*content.Page, errs []diag.List) func(int, any) {
	return func(i int, v any) {
		p := pages[i]
		file := p.File
		if file == "" {
			file = "/" + p.URL
		}
		errs[i].Errorf(diag.Pos{File: file}, "internal error while rendering this page: %v; please report it with the file", v)
	}
}

func guard(i int, buf *bytes.Buffer, fn func(int, *bytes.Buffer), onPanic func(int, any)) {
	defer func() {
		if r := recover(); r != nil {
			onPanic(i, r)
		}
	}()
	fn(i, buf)
}

// outputPath is the file a page URL is served from.
func outputPath(url string) string {
	if url == "" {
		return "index.html"
	}
	if url[len(url)-1] == '/' {
		return url + "index.html"
	}
	return url
}

// View is what a page template receives.
type View struct {
	Site *content.Site
	Page *content.Page
	// Body is the page's rendered Markdown.
	Body template.HTML
	// BaseURL is the absolute base URL; BasePath its path ("/" or
	// "/briefings/riyadh/").
	BaseURL, BasePath string
	// Canonical is the page's absolute URL.
	Canonical string
	// Crumbs are the breadcrumbs from home to the page's parent.
	Crumbs []*content.Page
	// LiveReload is set when the preview server serves the page.
	LiveReload bool
}

// BriefBody returns a topic's body rendered for the one-page brief, with
// its ids prefixed and its headings one level deeper.
func (v *View) BriefBody(p *content.Page) template.HTML { return template.HTML(p.EmbeddedBody) }

// crumbs returns the pages between home and p.
func crumbs(s *content.Site, p *content.Page) []*content.Page {
	if p.Kind == content.KindHome || s.Home == nil {
		return nil
	}
	out := []*content.Page{s.Home}
	if p.Section != "" && p.Kind != content.KindSection && p.Kind != content.KindPeople {
		if sec := s.Page(p.Section); sec != nil {
			out = append(out, sec)
		}
	}
	return out
}

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
