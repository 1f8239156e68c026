package render

import (
	"github.com/briefing-dev/briefing/internal/content"
)

// wants reports whether Site should render p: every page when Only is nil.
func (o Options) wants(p *content.Page) bool { return o.Only == nil || o.Only(p) }

// wantsBrief reports whether any page the options select is the one-page
// brief, the only page that needs the topics' bodies rendered a second time.
func (o Options) wantsBrief(site *content.Site) bool {
	for _, p := range site.Generated {
		if p.Kind == content.KindBrief && o.wants(p) {
			return true
		}
	}
	return false
}

// compact drops the slots of pages that were not rendered, keeping order.
func compact(out []Output) []Output {
	n := 0
	for _, o := range out {
		if o.Path != "" {
			out[n] = o
			n++
		}
	}
	return out[:n]
}

// OutputPath returns the file a page URL is served from: "index.html" for
// the home page, "talks/index.html" for "talks/", "404.html" as is.
func OutputPath(url string) string { return outputPath(url) }
