package content

// KindSearch is the kind of the generated /search/ page, which lists
// everything a reader can search for and loads the search script.
const KindSearch Kind = "search"

// GeneratedPages returns the pages the build makes from the whole site
// rather than from one file, in navigation order. Each call returns new
// values.
func GeneratedPages() []*Page {
	return []*Page{
		{ID: "timeline", Kind: KindTimeline, URL: "timeline/", Title: "Timeline", Summary: "Every dated event in the briefing, oldest first."},
		{ID: "figures", Kind: KindFigures, URL: "figures/", Title: "Key figures", Summary: "The numbers that matter, with their sources."},
		{ID: "quotes", Kind: KindQuotes, URL: "quotes/", Title: "Quotes", Summary: "What the participants said, grouped by speaker."},
		{ID: "sources", Kind: KindSources, URL: "sources/", Title: "Sources", Summary: "Everything this briefing cites."},
		{ID: "brief", Kind: KindBrief, URL: "brief/", Title: "The whole briefing", Summary: "Every topic on one printable page."},
		{ID: "search", Kind: KindSearch, URL: "search/", Title: "Search", Summary: "Find people, topics, quotes, events and figures in this briefing."},
		{ID: "404", Kind: KindNotFound, URL: "404.html", Title: "Page not found"},
	}
}
