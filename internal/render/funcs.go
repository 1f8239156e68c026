package render

import (
	"html/template"
	"reflect"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
)

// urls builds links under the base URL.
type urls struct {
	base   string                      // absolute base URL with trailing slash, or "/"
	path   string                      // its path, "/" or "/sub/path/"
	assets map[string]content.AssetRef // fingerprinted static files; see Options.Assets
}

func newURLs(b content.BaseURL) urls { return urls{base: b.Root(), path: b.RootPath()} }

// rel returns a page URL as a path from the host's root: base path + p.
func (u urls) rel(p string) string { return u.path + strings.TrimPrefix(p, "/") }

// abs returns a page URL as an absolute URL.
func (u urls) abs(p string) string { return u.base + strings.TrimPrefix(p, "/") }

// funcs is the template function map: a literal. Each worker has its
// own, bound to it, so that what a function reads of the site is noted in
// the worker's recorder for the page it renders; w is nil only for the map
// templates are parsed with, which is never called.
func funcs(w *worker, u urls, frags *fragments) template.FuncMap {
	return template.FuncMap{
		// partialCached renders a partial once per key: use it for
		// partials whose output depends on the key alone.
		"partialCached": func(name string, data any, key string) (template.HTML, error) {
			return frags.render(w, name, data, key)
		},
		// badge is partials/badge.html for a claim's trust (fragments.badge).
		"badge": func(t content.Trust) (template.HTML, error) { return frags.badge(w, t) },
		// footerKey is the footer's cache key for a page: what the footer
		// shows of it, its last-updated date. (The page's sources are
		// its own numbered list, partials/sources-list.html.)
		"footerKey": func(p *content.Page) string { return p.LastUpdated().String() },
		// navKey is the header's cache key for a page: its URL when the
		// page is in the navigation (it is marked current), its section's
		// when it is a page of a section (the section is marked as the one
		// the reader is in), else "".
		"navKey": func(p *content.Page) string {
			if p.Kind == content.KindTopic || p.Kind == content.KindSection || p.Kind == content.KindPeople ||
				(p.File == "" && p.Kind != content.KindNotFound) || p.Kind == content.KindHome {
				return "/" + p.URL
			}
			if p.Section != "" && (p.Kind == content.KindPerson || p.Kind == content.KindPage) {
				return "in /" + p.Section + "/"
			}
			return ""
		},
		// rel turns a site path or a page into a link that works under
		// the base URL's sub-path.
		"rel": func(v any) string {
			switch v := v.(type) {
			case *content.Page:
				if v == nil {
					return u.rel("")
				}
				return u.rel(v.URL)
			case content.NavItem:
				return u.rel(v.URL)
			case string:
				return u.rel(v)
			}
			return u.rel("")
		},
		"abs":    func(p string) string { return u.abs(p) },
		"person": func(id string) *content.Page { return w.view.Person(id) },
		"side": func(id string) string {
			if sd, ok := w.site.Config.Side(id); ok {
				return sd.Label
			}
			if id == "" {
				return w.tx.Get("side.others")
			}
			return id
		},
		"source": func(id string) *content.SourceRef { return w.view.Source(id) },
		// t is the theme's word for a key in the site's language (package
		// i18n): {{t "home.takeaways"}}; then name, value pairs for its
		// {name}s, a count first for a plural message:
		// {{t "meta.words" .Words}}. Arguments made by timeTag or link
		// stay HTML; the rest is escaped.
		"t": func(key string, args ...any) template.HTML { return w.tx.HTML(key, args...) },
		// date is a date in the site's language ("18 February 2025",
		// "18 février 2025"); an axis date leaves its year out. timeTag
		// is the same in a <time datetime> element, for a message's
		// argument; link is a link for one.
		"date":    func(d any) string { return formatDate(w.tx, d) },
		"timeTag": func(d any) template.HTML { return timeTag(w.tx, d) },
		"link":    link,
		// presence is a person's presence at the talks as readers see
		// it; claimTitle names the claim a correction concerns.
		"presence":   func(a content.AtTable) string { return presenceLabel(w.tx, a) },
		"claimTitle": func(p *content.Page, c content.Correction) string { return claimTitle(w.tx, p, c) },
		// citeLabel is a citation's backlink label ("a", "b", ...) in
		// the language's letters.
		"citeLabel": func(label string) string { return w.tx.Letter(label) },
		// dir is "rtl" for a language written right to left, else "".
		"dir": func() string { return dir(w.site.Config.Language) },
		// cite numbers a cited source on the page (in order of first
		// citation) and returns the citation, or nil; citations is the
		// page's numbered source list, and citationsShown says whether
		// the page has shown it yet (see cite.go).
		"cite":           func(r content.Ref) *Cite { return w.cite(r) },
		"citations":      func(v *View) []*Citation { return w.citationList(v) },
		"citationsShown": func() bool { return w.cites.listed },
		// supports lists the quotes, figures and events that cite a
		// source, with where each is shown; claimID is the anchor of a
		// claim there.
		"supports": func(s *SiteView, id string) []Support { return supports(s, id) },
		"claimID":  claimID,
		// tiles are a topic's figures with bars for those that share a
		// unit; initials a name's initials for a person's chip.
		"tiles":    tiles,
		"initials": initials,
		"quotesBy": func(id string) []content.QuoteRef { return w.view.QuotesBy(id) },
		"personID": func(p *content.Page) string {
			if p == nil {
				return ""
			}
			return p.PersonID
		},
		"quoteRef": func(q content.Quote, p *content.Page) content.QuoteRef {
			return content.QuoteRef{Quote: &q, Speaker: w.view.Person(q.By.ID), Page: p}
		},
		"eventRef": func(e content.Event, p *content.Page) content.EventRef {
			return content.EventRef{Event: &e, Page: p}
		},
		"figureRef": func(f content.Figure, p *content.Page) content.FigureRef {
			return content.FigureRef{Figure: &f, Page: p}
		},
		// across arranges people for the "across the table" block.
		"across": func(people []*content.Page) Across { return across(w.site.Config, people) },
		// seatPlan draws the people at the table as a seat plan.
		"seatPlan": func(people []*content.Page) *SeatPlan {
			return seatPlan(w.site.Config, w.site.Config.PeopleSection, people)
		},
		"groupQuotes":   groupQuotes,
		"groupTimeline": groupTimeline,
		// timelineTopics lists the topics with events on the timeline,
		// numbered, for its filter; topicNumber is a page's number among
		// the topics (0 for any other page), which an event carries.
		"timelineTopics": timelineTopics,
		"topicNumber": func(p *content.Page) int {
			for i, t := range w.view.Topics() {
				if t == p {
					return i + 1
				}
			}
			return 0
		},
		// first and last return at most n items from the start or the
		// end of a list, so a page need not walk a long list to show a few.
		"first": func(n int, list any) any { return slice(list, n, true) },
		"last":  func(n int, list any) any { return slice(list, n, false) },
		// reverse returns a reversed copy of a list (newest first);
		// the list itself is left as it is.
		"reverse": reverse,
		// asset links a static file by its fingerprinted name;
		// integrity is the value for the link's integrity attribute.
		"asset":     u.asset,
		"integrity": u.integrity,
		// jsonLD is the page's structured data (schema.org) as JSON,
		// for <script type="application/ld+json">.
		"jsonLD": func(v *View) (template.JS, error) { return jsonLD(u, v) },
	}
}

// QuoteGroup is the quotes of one speaker.
type QuoteGroup struct {
	Speaker *content.Page
	Quotes  []content.QuoteRef
}

// groupQuotes groups quotes by speaker, in the order of people in the
// site (sides, then names); quotes whose speaker is unknown come last.
func groupQuotes(s *SiteView) []QuoteGroup {
	var out []QuoteGroup
	for _, p := range s.People() {
		id := p.PersonID
		if qs := s.QuotesBy(id); len(qs) > 0 {
			out = append(out, QuoteGroup{Speaker: p, Quotes: qs})
		}
	}
	return out
}

// slice returns the first or last n elements of a slice or array; other
// values come back as they are.
// reverse returns a copy of list in the opposite order, or list itself
// when it is not a slice.
func reverse(list any) any {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return list
	}
	out := reflect.MakeSlice(reflect.SliceOf(v.Type().Elem()), v.Len(), v.Len())
	for i := range v.Len() {
		out.Index(v.Len() - 1 - i).Set(v.Index(i))
	}
	return out.Interface()
}

func slice(list any, n int, fromStart bool) any {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return list
	}
	if n < 0 {
		n = 0
	}
	if v.Len() <= n {
		return list
	}
	if fromStart {
		return v.Slice(0, n).Interface()
	}
	return v.Slice(v.Len()-n, v.Len()).Interface()
}
