package check

import (
	"io"
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
	// links holds one copy of each link, and index its place there: most
	// links (the menu, the footer, people's cards) are the same on
	// thousands of pages, and a page keeps its links as places in links.
	links []string
	index map[string]uint32
	// bodies holds the bodies' links KeepLinks took.
	bodies map[*content.Page]keptLinks
}

// NewRendered returns an empty Rendered.
func NewRendered() *Rendered {
	return &Rendered{files: map[string]bool{}, anchors: map[string]pageAnchors{}, index: map[string]uint32{}}
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
	if !strings.HasSuffix(path, ".html") {
		r.record(path, nil)
		return nil
	}
	a := scanHTML(data)
	r.record(path, &a)
	return nil
}

// Open returns a writer for the HTML file at path that reads its ids and
// links as it is written, holding only what it has not read yet; Close
// records the file. It has the signature of a build's open: the pages
// that list the whole site run to tens of megabytes on a large site, and
// held whole while they render they were most of a check's memory.
func (r *Rendered) Open(path string) (io.WriteCloser, error) {
	return &pageScan{r: r, path: path, s: newScanner()}, nil
}

// pageScan is the writer Open returns.
type pageScan struct {
	r    *Rendered
	path string
	s    *scanner
	buf  []byte // what has been written and not read yet
	next int    // the length of buf at which to read again
}

// scanPiece is how much a pageScan takes before it reads.
const scanPiece = 256 << 10

func (w *pageScan) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	if len(w.buf) >= max(w.next, scanPiece) {
		n := w.s.scan(w.buf, false)
		w.buf = w.buf[:copy(w.buf, w.buf[n:])]
		// What is left cannot be read until more comes (a long script
		// or comment); it is read again once it has doubled, so that no
		// byte is read more than a few times.
		w.next = 2 * len(w.buf)
	}
	return len(p), nil
}

func (w *pageScan) Close() error {
	w.s.scan(w.buf, true)
	w.buf = nil
	w.r.record(w.path, &w.s.a)
	return nil
}

// record keeps a built file's path and, for an HTML file, a.
func (r *Rendered) record(path string, a *anchors) {
	if a == nil {
		r.mu.Lock()
		r.files[path] = true
		r.mu.Unlock()
		return
	}
	ids := idSums(a.ids)
	kept := a.links[:0]
	for _, ln := range a.links {
		if !a.sound(ln) {
			kept = append(kept, ln)
		}
	}
	links := make([]uint32, len(kept))
	r.mu.Lock()
	defer r.mu.Unlock()
	r.files[path] = true
	for i, ln := range kept {
		links[i] = r.intern(ln)
	}
	r.anchors[path] = pageAnchors{ids: ids, links: links}
}

// pageAnchors is what Rendered keeps of an HTML page: the sums of its ids,
// sorted, and its links, as places in Rendered.links.
//
// An id is kept as a 64-bit FNV-1a sum rather than as a string: most of a
// page's ids (its claims', its citations') occur on that page only, so a
// set of strings cost a 10,000-page check more memory than any other part
// of it. Two ids of one page that share a sum would make a link to the
// one that is missing pass; with the few hundred ids of a page the chance
// is below one in 10^13.
type pageAnchors struct {
	ids   []uint64
	links []uint32
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

// intern returns the place of s in r.links, adding it if it is new.
func (r *Rendered) intern(s string) uint32 {
	if i, ok := r.index[s]; ok {
		return i
	}
	i := uint32(len(r.links))
	r.links = append(r.links, s)
	r.index[s] = i
	return i
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
