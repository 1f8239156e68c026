package syndicate

import (
	"encoding/xml"
	"sort"

	"github.com/briefing-dev/briefing/internal/content"
)

// The sitemap (sitemaps.org protocol 0.9): every page but the 404 page,
// with the date it last changed.

type urlset struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemap returns the sitemap of site, sorted by URL.
func sitemap(s *content.Site, u links) ([]byte, error) {
	var pages []*content.Page
	pages = append(pages, s.Pages...)
	for _, p := range s.Generated {
		if p.Kind != content.KindNotFound {
			pages = append(pages, p)
		}
	}
	sort.SliceStable(pages, func(i, j int) bool { return pages[i].URL < pages[j].URL })
	set := urlset{URLs: make([]sitemapURL, 0, len(pages))}
	for _, p := range pages {
		e := sitemapURL{Loc: u.abs(p.URL)}
		if d := lastMod(s, p); !d.IsZero() {
			// The sitemap schema takes a full date: a month or a year
			// stands for its first day.
			e.Lastmod = d.Time().Format("2006-01-02")
		}
		set.URLs = append(set.URLs, e)
	}
	return marshalXML(set)
}

// robots returns robots.txt: everything may be crawled; the sitemap is
// named by its absolute URL, as the protocol requires.
func robots(_ *content.Site, u links) ([]byte, error) {
	return []byte("# Crawlers read robots.txt only at the root of a host. When this briefing\n" +
		"# is served from a sub-path, add these lines to the host's own robots.txt.\n" +
		"User-agent: *\nDisallow:\n\nSitemap: " + u.abs(SitemapPath) + "\n"), nil
}
