package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"
)

// fragments renders a partial once per key and reuses the result, for
// partials whose output depends only on that key (the site header, a source
// citation, a person card). html/template spends most of a page's time in
// reflective calls, so shared fragments are the cheapest actions of all: the
// ones not executed. Safe for concurrent use; two workers that miss the same
// key at once both render it and store identical bytes.
type fragments struct {
	base *template.Template // layout and partials; set before any page renders
	m    sync.Map           // name + "\x00" + key -> template.HTML
}

// render returns partial name executed with data, from the cache when key
// was seen before.
func (f *fragments) render(name string, data any, key string) (template.HTML, error) {
	k := name + "\x00" + key
	if v, ok := f.m.Load(k); ok {
		return v.(template.HTML), nil
	}
	if f.base == nil {
		return "", fmt.Errorf("partialCached %q called before templates were parsed", name)
	}
	var buf bytes.Buffer
	if err := f.base.ExecuteTemplate(&buf, name, data); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	f.m.Store(k, h)
	return h, nil
}
