package syndicate

import "github.com/briefing-dev/briefing/internal/content"

// Paths returns the paths of the files Site makes for a site under the
// base URL b, so that links written in Markdown to them (/feed.xml) can be
// checked before they are made. The feed, the sitemap and robots.txt need
// an absolute base URL. Files named after their content (the search
// index's parts) are left out: no one links them by hand.
func Paths(b content.BaseURL) []string {
	paths := []string{APIPath, SearchIndexPath, FaviconSVGPath, FaviconICOPath}
	if !b.IsZero() {
		paths = append(paths, FeedPath, SitemapPath, RobotsPath)
	}
	return paths
}
