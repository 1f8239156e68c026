package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/deps"
)

// fragments renders a partial once per key and reuses the result, for
// partials whose output depends only on that key (the site header, a person
// card; never a citation, whose number is the page's own). html/template
// spends most of a page's time in reflective calls, so shared fragments are
// the cheapest actions of all: the ones not executed. A fragment keeps what
// it read of the site, and every
// page that uses it is noted as having read the same. Safe for concurrent
// use; two workers that miss the same key at once both render it and store
// identical results.
type fragments struct {
	m sync.Map // name + "\x00" + key -> fragment
}

type fragment struct {
	html  template.HTML
	reads []string
}

// render returns partial name executed with data by worker w, from the
// cache when key was seen before.
func (f *fragments) render(w *worker, name string, data any, key string) (template.HTML, error) {
	k := name + "\x00" + key
	if v, ok := f.m.Load(k); ok {
		fr := v.(fragment)
		w.rec.Merge(fr.reads)
		return fr.html, nil
	}
	// The fragment's reads are its own, whichever page renders it first.
	page := w.rec
	w.rec = deps.NewRecorder()
	uses := w.cites.uses
	html, err := w.execute(name, data)
	fr := fragment{html: html, reads: w.rec.Keys()}
	w.rec = page
	if err != nil {
		return "", err
	}
	if w.cites.uses != uses {
		// Its citation numbers would be this page's on every page.
		return "", fmt.Errorf("partial %q cites a source, so its output differs from page to page: call it with template, not partialCached", name)
	}
	w.rec.Merge(fr.reads)
	f.m.Store(k, fr)
	return fr.html, nil
}

// badge renders partials/badge.html for a claim's trust, without its
// corrections (partials/corrected.html shows them). Without a note, as for
// nearly every claim, all a badge shows is the status, whether the editor
// declared it and the kind of source, so it is rendered once for the whole
// site for each of those: a few dozen badges for tens of thousands of
// claims.
func (f *fragments) badge(w *worker, t content.Trust) (template.HTML, error) {
	const name = "partials/badge.html"
	t.Corrections, t.Corrected = nil, content.Date{}
	if t.Note != "" {
		return w.execute(name, t)
	}
	return f.render(w, name, t, string(t.Status)+"\x00"+string(t.Source)+"\x00"+strconv.FormatBool(t.Declared))
}

// execute returns partial name executed with data by worker w, uncached.
func (w *worker) execute(name string, data any) (template.HTML, error) {
	t, err := w.partials()
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	err = t.ExecuteTemplate(&buf, name, data)
	return template.HTML(buf.String()), err
}
