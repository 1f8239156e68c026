package check

import (
	"sort"
	"strings"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
)

// Rendered is what the link rule needs of a built site: the path of every
// file and, for each HTML page, its ids and links. A build hands it each
// file as it is made (Add), so check never holds the pages themselves: on
// a large site they are several times the memory of everything else.
type Rendered struct {
	mu      sync.Mutex
	files   map[string]bool
	anchors map[string]anchors // by path, for HTML files
	// strs holds one copy of each id and link: most links (the menu, the
	// footer, people's cards) are the same on thousands of pages.
	strs map[string]string
}

// NewRendered returns an empty Rendered.
func NewRendered() *Rendered {
	return &Rendered{files: map[string]bool{}, anchors: map[string]anchors{}, strs: map[string]string{}}
}

// RenderedFiles returns the Rendered of files already in memory.
func RenderedFiles(files []content.Output) *Rendered {
	r := NewRendered()
	for _, f := range files {
		r.Add(f.Path, f.Data)
	}
	return r
}

// Add records one built file; it does not keep data. It may be called
// from several goroutines, and its error is always nil (it has the
// signature of a build's emit).
func (r *Rendered) Add(path string, data []byte) error {
	var a anchors
	html := strings.HasSuffix(path, ".html")
	if html {
		a = scanHTML(data)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files[path] = true
	if html {
		ids := make(map[string]bool, len(a.ids))
		for id := range a.ids {
			ids[r.intern(id)] = true
		}
		a.ids = ids
		for i, ln := range a.links {
			a.links[i] = r.intern(ln)
		}
		a.links = a.links[:len(a.links):len(a.links)]
		r.anchors[path] = a
	}
	return nil
}

// intern returns the one copy of s that r keeps.
func (r *Rendered) intern(s string) string {
	if c, ok := r.strs[s]; ok {
		return c
	}
	r.strs[s] = s
	return s
}

// pages returns the paths of the HTML files, sorted.
func (r *Rendered) pages() []string {
	out := make([]string, 0, len(r.anchors))
	for p := range r.anchors {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
