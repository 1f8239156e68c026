// Package syndicate makes the site's files for machines: the Atom feed
// (/feed.xml), the sitemap (/sitemap.xml), /robots.txt, the JSON API
// (/api/briefing.json), the search index (/search/index.json and the
// versioned files it names, see search.go) and the favicons (/favicon.svg, /favicon.ico).
//
// It sits beside render in the pipeline: build hands it the resolved site
// and the base URL, and it returns the files in memory (Site) or hands
// each to the build as it is made (Write), so that a large site's JSON
// API and search index are never held whole. Like render it is
// deterministic: every list follows the site's own order or a sort, and
// every date comes from the content, never from the clock. It never
// touches the disk itself and imports no other stage.
//
// Size: syndicate is over 500 lines because it has a file per format (feed,
// sitemap, API, search index, favicon); they share only the link helpers.
package syndicate

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
)

// The paths of the files Site makes.
const (
	FeedPath        = "feed.xml"
	SitemapPath     = "sitemap.xml"
	RobotsPath      = "robots.txt"
	APIPath         = "api/briefing.json"
	SchemaPath      = "api/briefing.schema.json" // a static file of the theme
	SearchIndexPath = "search/index.json"
)

// Site returns the files for machines, sorted by path. baseURL is the
// absolute URL the site is served from, with a trailing slash; it may hold
// a sub-path. Without one no absolute URL can be made, so the feed, the
// sitemap and robots.txt (whose formats require absolute URLs) are left
// out, and the JSON API and search index link from the host's root
// ("/talks/"). site is only read. The error is an internal one: the
// content cannot make encoding fail.
func Site(site *content.Site) ([]content.Output, error) {
	var m memory
	if err := Write(site, m.dest()); err != nil {
		return nil, err
	}
	return m.sorted(), nil
}

// Dest is where Write puts the files it makes, so that a large site's
// files go to disk as they are made instead of being held together.
type Dest struct {
	// Emit gets a whole file; data is not used after Emit returns.
	Emit func(path string, data []byte) error
	// Create opens a file Write writes in pieces (the JSON API, which
	// is encoded item by item). Write closes it.
	Create func(path string) (io.WriteCloser, error)
	// Hold, when set, keeps data until the func it returns is called:
	// the search index's parts wait there until the version that names
	// their folder is known. Without it they wait in memory.
	Hold func(data []byte) (func() ([]byte, error), error)
}

// Write makes the files for machines (see Site) and hands each to d. A
// file's path never repeats. The error is Emit's, Create's or a write's,
// or an internal one.
func Write(site *content.Site, d Dest) error {
	u := newLinks(site.Config.BaseURL)
	if d.Hold == nil {
		d.Hold = holdInMemory
	}
	if err := writeAPI(site, u, d); err != nil {
		return fmt.Errorf("make %s: %w", APIPath, err)
	}
	makers := []maker{{FaviconSVGPath, faviconSVG}, {FaviconICOPath, faviconICO}}
	if u.absolute {
		makers = append(makers, maker{FeedPath, feed}, maker{SitemapPath, sitemap}, maker{RobotsPath, robots})
	}
	for _, m := range makers {
		data, err := m.make(site, u)
		if err != nil {
			return fmt.Errorf("make %s: %w", m.path, err)
		}
		if err := d.Emit(m.path, data); err != nil {
			return err
		}
	}
	if err := searchIndex(site, u, d); err != nil {
		return fmt.Errorf("make %s: %w", SearchIndexPath, err)
	}
	return nil
}

// writeAPI encodes the JSON API into its file.
func writeAPI(site *content.Site, u links, d Dest) error {
	f, err := d.Create(APIPath)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	err = api(site, u, w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// memory collects the files Write makes.
type memory struct{ out []content.Output }

func (m *memory) dest() Dest {
	return Dest{
		Emit: func(path string, data []byte) error {
			m.out = append(m.out, content.NewOutput(path, data))
			return nil
		},
		Create: func(path string) (io.WriteCloser, error) {
			return &memFile{path: path, out: &m.out}, nil
		},
		Hold: holdInMemory,
	}
}

func (m *memory) sorted() []content.Output {
	sort.Slice(m.out, func(i, j int) bool { return m.out[i].Path < m.out[j].Path })
	return m.out
}

func holdInMemory(data []byte) (func() ([]byte, error), error) {
	return func() ([]byte, error) { return data, nil }, nil
}

// memFile is a file memory keeps.
type memFile struct {
	bytes.Buffer
	path string
	out  *[]content.Output
}

func (f *memFile) Close() error {
	*f.out = append(*f.out, content.NewOutput(f.path, f.Bytes()))
	return nil
}

// maker makes the file at path.
type maker struct {
	path string
	make func(*content.Site, links) ([]byte, error)
}

// links builds URLs under the base URL.
type links struct {
	base     string // absolute base URL with a trailing slash, or the path
	path     string // the base URL's path: "/" or "/briefings/riyadh/"
	absolute bool   // base is an absolute URL
}

func newLinks(b content.BaseURL) links {
	return links{base: b.Root(), path: b.RootPath(), absolute: !b.IsZero()}
}

// abs returns a site path ("talks/") as an absolute URL, or as a path from
// the host's root when there is no base URL.
func (u links) abs(p string) string { return u.base + strings.TrimPrefix(p, "/") }

// rel returns a site path as a path from the host's root, which works from
// any page of the site: "/briefings/riyadh/talks/".
func (u links) rel(p string) string { return u.path + strings.TrimPrefix(p, "/") }

// personID is the person id of a person page: its file name.
func personID(p *content.Page) string {
	if p == nil {
		return ""
	}
	return p.PersonID
}

// lastMod is the date a page last changed: its own updated or published
// date, else the briefing's (the home page and the generated pages show
// the whole briefing).
func lastMod(s *content.Site, p *content.Page) content.Date {
	if d := p.LastUpdated(); !d.IsZero() && p.Kind != content.KindHome {
		return d
	}
	return s.Updated
}
