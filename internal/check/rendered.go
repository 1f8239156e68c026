package check

import (
	"slices"
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
	anchors map[string]pageAnchors // by path, for HTML files
	// strs holds one copy of each id and link: most links (the menu, the
	// footer, people's cards) are the same on thousands of pages.
	strs map[string]string
}

// NewRendered returns an empty Rendered.
func NewRendered() *Rendered {
	return &Rendered{files: map[string]bool{}, anchors: map[string]pageAnchors{}, strs: map[string]string{}}
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
		for i, ln := range a.links {
			a.links[i] = r.intern(ln)
		}
		// The links are copied to a list of their own length: the
		// scan's, grown by doubling, is up to twice as long.
		r.anchors[path] = pageAnchors{ids: idSums(a.ids), links: append([]string(nil), a.links...)}
	}
	return nil
}

// pageAnchors is what Rendered keeps of an HTML page: the sums of its ids,
// sorted, and its links.
//
// An id is kept as a 64-bit FNV-1a sum rather than as a string: most of a
// page's ids (its claims', its citations') occur on that page only, so a
// set of strings cost a 10,000-page check more memory than any other part
// of it. Two ids of one page that share a sum would make a link to the
// one that is missing pass; with the few hundred ids of a page the chance
// is below one in 10^13.
type pageAnchors struct {
	ids   []uint64
	links []string
}

// has reports whether the page has the id.
func (a pageAnchors) has(id string) bool {
	_, ok := slices.BinarySearch(a.ids, idSum(id))
	return ok
}

func idSums(ids map[string]bool) []uint64 {
	out := make([]uint64, 0, len(ids))
	for id := range ids {
		out = append(out, idSum(id))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// idSum is the 64-bit FNV-1a sum of id.
func idSum(id string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	return h
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
