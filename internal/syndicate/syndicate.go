// Package syndicate makes the site's files for machines: the Atom feed
// (/feed.xml), the sitemap (/sitemap.xml), /robots.txt, the JSON API
// (/api/briefing.json), the search index (/search/index.json and the
// versioned files it names, see search.go) and the favicons (/favicon.svg, /favicon.ico).
//
// It sits beside render in the pipeline: build hands it the resolved site
// and the base URL, and it returns the files in memory. Like render it is
// deterministic: every list follows the site's own order or a sort, and
// every date comes from the content, never from the clock. It never
// touches the disk and imports no other stage.
//
// Size: syndicate is over 500 lines because it has a file per format (feed,
// sitemap, API, search index, favicon); they share only the link helpers.
package syndicate

import (
	"fmt"
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
	u := newLinks(site.Config.BaseURL)
	makers := []maker{{APIPath, api}, {FaviconSVGPath, faviconSVG}, {FaviconICOPath, faviconICO}}
	if u.absolute {
		makers = append(makers, maker{FeedPath, feed}, maker{SitemapPath, sitemap}, maker{RobotsPath, robots})
	}
	out := make([]content.Output, 0, len(makers))
	for _, m := range makers {
		data, err := m.make(site, u)
		if err != nil {
			return nil, fmt.Errorf("make %s: %w", m.path, err)
		}
		out = append(out, content.NewOutput(m.path, data))
	}
	search, err := searchIndex(site, u)
	if err != nil {
		return nil, fmt.Errorf("make %s: %w", SearchIndexPath, err)
	}
	out = append(out, search...)
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
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
