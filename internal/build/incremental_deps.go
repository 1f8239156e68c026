package build

import (
	"bytes"
	"path"
	"reflect"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/load"
)

// affected returns the URLs of the pages to render after resolve made a
// new site, or nil when every page must be rendered.
func (b *Incremental) affected(site *content.Site) map[string]bool {
	if b.full || b.good == nil || navOf(site) != b.good.nav {
		return nil
	}
	keys := map[depKey]bool{}
	for f := range b.dirty {
		emit(b.good.byFile[f], pageOf(site, f), keys)
	}
	only := map[string]bool{}
	for _, s := range []*content.Site{b.good.site, site} {
		for _, p := range allPages(s) {
			if !only[p.URL] && (!b.good.urls[p.URL] || dependsOn(s, p, keys)) {
				only[p.URL] = true
			}
		}
	}
	return only
}

// knownKinds are the generated pages whose dependencies bodyOnlyPages and
// dependsOn know; any other generated page is rendered on every change.
var knownKinds = map[content.Kind]bool{
	content.KindTimeline: true, content.KindFigures: true, content.KindQuotes: true,
	content.KindSources: true, content.KindBrief: true, content.KindNotFound: true,
	content.KindSearch: true,
}

// bodyOnlyPages returns the URLs of the pages to render after a body-only
// edit: the edited pages, and the one-page brief when one of them is a
// topic (it holds every topic's body). Nothing else shows a body.
func (b *Incremental) bodyOnlyPages(site *content.Site) map[string]bool {
	only := map[string]bool{}
	topic := false
	for f := range b.dirty {
		p := b.good.byFile[f]
		only[p.URL] = true
		topic = topic || p.Kind == content.KindTopic
	}
	for _, g := range site.Generated {
		if g.Kind == content.KindBrief && topic || !knownKinds[g.Kind] {
			only[g.URL] = true
		}
	}
	return only
}

// bodyOnly handles the most common edit, one that changes only the
// Markdown body of existing pages and not the destinations of its links:
// what resolve made of the site cannot change, so the last good site is
// kept, and each edited page gets its new body's headings, links and word
// count. It returns nil when the edit is anything else.
func (b *Incremental) bodyOnly() (*content.Site, diag.List) {
	if b.full || b.good == nil || len(b.dirty) == 0 {
		return nil, nil
	}
	for f := range b.dirty {
		old, pf := b.good.byFile[f], b.parsed[f]
		if old == nil || pf.page == nil || !bytes.Equal(b.good.front[f], b.files[f].Front) ||
			!sameLinks(old.Links, pf.page.Links) {
			return nil, nil
		}
	}
	for f := range b.dirty {
		old, pf := b.good.byFile[f], b.parsed[f]
		old.Headings, old.Links, old.Words = pf.page.Headings, pf.page.Links, pf.page.Words
		old.Body, old.EmbeddedBody = pf.page.Body, pf.page.EmbeddedBody
		pf.page = old
		b.parsed[f] = pf
	}
	return b.good.site, b.good.diags
}

func sameLinks(a, b []content.Link) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Dest != b[i].Dest {
			return false
		}
	}
	return true
}

// pageOf returns the page built from file f in site, or nil.
func pageOf(site *content.Site, f string) *content.Page {
	if p := site.Page(idOf(f)); p != nil && p.File == f {
		return p
	}
	return nil
}

// idOf is a page id from its file: "content/a/b.md" is "a/b" and
// "content/a/_index.md" is "a".
func idOf(f string) string {
	id := strings.TrimSuffix(strings.TrimPrefix(f, load.ContentDir+"/"), ".md")
	if id == "_index" {
		return ""
	}
	return strings.TrimSuffix(id, "/_index")
}

// depKey names something a page's output can show: another page
// ("page", id), a person ("person", person id, beside their page's key),
// a source ("source", id), or one of the site-wide lists
// ("people", "timeline", "figures", "quotes", "sources", "brief").
type depKey struct{ kind, id string }

// emit adds the keys an edit of a page touches, from its version in the
// last good build (old) to its version now (new); either may be nil when
// the page is new, gone or a draft. The page's own key is always touched;
// a site-wide list only when what the page gives it differs.
func emit(old, new *content.Page, keys map[depKey]bool) {
	for _, p := range []*content.Page{old, new} {
		if p == nil {
			continue
		}
		keys[depKey{"page", p.ID}] = true
		if p.Kind == content.KindTopic || p.Kind == content.KindHome {
			keys[depKey{"brief", ""}] = true
		}
	}
	var o, n content.Page
	if old != nil {
		o = *old
	}
	if new != nil {
		n = *new
	}
	named := o.URL != n.URL || o.Title != n.Title || o.Summary != n.Summary
	if o.Kind == content.KindPerson || n.Kind == content.KindPerson {
		keys[depKey{"person", path.Base(o.ID)}] = true
		keys[depKey{"person", path.Base(n.ID)}] = true
		if named || o.Weight != n.Weight || !reflect.DeepEqual(o.Person, n.Person) {
			keys[depKey{"people", ""}] = true
		}
	}
	list := func(key string, a, b any, has bool) {
		if has && named || !reflect.DeepEqual(a, b) {
			keys[depKey{key, ""}] = true
		}
	}
	list("timeline", noPos(o.Events), noPos(n.Events), len(o.Events)+len(n.Events) > 0)
	list("figures", noPos(o.Figures), noPos(n.Figures), len(o.Figures)+len(n.Figures) > 0)
	list("quotes", noPos(o.Quotes), noPos(n.Quotes), len(o.Quotes)+len(n.Quotes) > 0)
	var oc, nc []string
	citesSources(&o, func(id string) { oc = append(oc, id) })
	citesSources(&n, func(id string) { nc = append(nc, id) })
	list("sources", noPos(o.Sources), noPos(n.Sources), len(o.Sources)+len(n.Sources) > 0)
	list("sources", oc, nc, len(oc)+len(nc) > 0)
	// A source's title shows wherever it is cited, the site-wide lists too.
	declared := map[string][]content.Source{}
	for _, src := range noPos(o.Sources) {
		declared[src.ID] = append(declared[src.ID], src)
	}
	for _, src := range noPos(n.Sources) {
		declared[src.ID] = append(declared[src.ID], src)
	}
	for id, versions := range declared {
		if len(versions) != 2 || versions[0] != versions[1] {
			keys[depKey{"source", id}] = true
			for _, k := range []string{"timeline", "figures", "quotes", "sources"} {
				keys[depKey{k, ""}] = true
			}
		}
	}
}

// noPos returns a copy of items with every position cleared: moving a
// quote down a line changes no page.
func noPos[T any](items []T) []T {
	out := make([]T, len(items))
	for i, it := range items {
		v := reflect.ValueOf(&it).Elem()
		clearPos(v)
		out[i] = it
	}
	return out
}

var posType = reflect.TypeFor[diag.Pos]()

func clearPos(v reflect.Value) {
	if v.Kind() != reflect.Struct {
		return
	}
	if v.Type() == posType {
		v.SetZero()
		return
	}
	for i := 0; i < v.NumField(); i++ {
		clearPos(v.Field(i))
	}
}

// citesSources calls fn with each source id p cites in its quotes, events
// and figures.
func citesSources(p *content.Page, fn func(id string)) {
	for _, q := range p.Quotes {
		if q.Source.ID != "" {
			fn(q.Source.ID)
		}
	}
	for _, e := range p.Events {
		if e.Source.ID != "" {
			fn(e.Source.ID)
		}
	}
	for _, f := range p.Figures {
		if f.Source.ID != "" {
			fn(f.Source.ID)
		}
	}
}

// dependsOn reports whether the output of page p in site s shows anything
// named in keys. It mirrors what the templates read beyond the page itself
// and the navigation (the navigation and the site's last-updated date are
// on every page, so a change to them re-renders everything): a person's
// profile shows the pages that quote or mention them, a section lists its
// members, a topic shows its participants and its neighbours, every page
// cites sources in its footer, the generated pages show site-wide lists.
func dependsOn(s *content.Site, p *content.Page, keys map[depKey]bool) bool {
	has := func(kind, id string) bool { return keys[depKey{kind, id}] }
	hasPerson := func(id string) bool { return has("person", id) }
	if has("page", p.ID) && p.File != "" {
		return true
	}
	if p.Section != "" && p.Kind != content.KindSection && p.Kind != content.KindPeople && has("page", p.Section) {
		return true // the breadcrumbs
	}
	found := false
	for _, src := range p.Sources {
		found = found || has("source", src.ID)
	}
	citesSources(p, func(id string) { found = found || has("source", id) })
	for _, q := range p.Quotes {
		found = found || hasPerson(q.By.ID)
	}
	for _, r := range p.Participants {
		found = found || hasPerson(r.ID)
	}
	if found {
		return true
	}
	switch p.Kind {
	case content.KindHome:
		if has("people", "") || has("figures", "") || has("timeline", "") || has("page", p.ID) {
			return true
		}
		for _, t := range p.Takeaways {
			if has("page", t.Page.ID) {
				return true
			}
		}
	case content.KindTopic:
		for _, q := range []*content.Page{s.PrevTopic(p), s.NextTopic(p)} {
			if q != nil && has("page", q.ID) {
				return true
			}
		}
	case content.KindSection:
		return has("page", p.ID) || anyPage(s.Members(p.Section), has)
	case content.KindPeople:
		return has("page", p.ID) || has("people", "")
	case content.KindPerson:
		id := path.Base(p.ID)
		for _, q := range s.QuotesBy(id) {
			if has("page", q.Page.ID) {
				return true
			}
		}
		return anyPage(s.Mentions(id), has)
	case content.KindTimeline:
		return has("timeline", "")
	case content.KindFigures:
		return has("figures", "")
	case content.KindQuotes:
		return has("quotes", "") || has("people", "")
	case content.KindSources:
		return has("sources", "")
	case content.KindSearch:
		return len(keys) > 0 // it lists every person, page, quote, event and figure
	case content.KindBrief:
		return has("brief", "") || has("people", "") || has("figures", "") || has("timeline", "") || has("sources", "")
	case content.KindPage, content.KindNotFound:
		return false
	}
	// A generated page of a kind these rules do not know may show
	// anything: render it on every change.
	return p.File == "" && len(keys) > 0
}

func anyPage(pages []*content.Page, has func(kind, id string) bool) bool {
	for _, p := range pages {
		if has("page", p.ID) {
			return true
		}
	}
	return false
}

// navOf sums up what every page shows: the navigation (topics, sections
// and generated pages, with their titles, in order) and the briefing's
// last-updated date.
func navOf(s *content.Site) string {
	var b strings.Builder
	b.WriteString(s.Updated.String())
	for _, list := range [][]*content.Page{s.Topics, s.Sections, s.Generated} {
		b.WriteByte('\n')
		for _, p := range list {
			b.WriteString(p.URL)
			b.WriteByte('\t')
			b.WriteString(p.Title)
			b.WriteByte('\t')
		}
	}
	return b.String()
}
