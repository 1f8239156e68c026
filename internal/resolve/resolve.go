// Package resolve is the third stage: it links the parsed pages into one
// content.Site. It indexes pages, people and sources by id, checks every
// reference (with the nearest known id as a hint), maps body links to page
// URLs, and builds the timeline, the quote, figure and source indexes and each
// person's backlinks. It runs once, before rendering, and never touches the
// disk or renders anything.
package resolve

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// Site resolves pages (already filtered for drafts) under cfg. published
// are the files the site publishes beside its pages (static files, files
// beside the pages, files for machines): links and images lead to them or
// to pages.
//
// Site never changes a page or a body: the site it returns is a new value,
// so the same parsed pages can be resolved again (an incremental build
// does) while an earlier site is still rendered or served.
func Site(cfg content.Config, pages []*content.Page, bodies map[*content.Page]*content.Body, published content.Files) (*content.Site, diag.List) {
	r := &resolver{
		cfg:       cfg,
		published: published,
		site:      &content.Site{Config: cfg, Generated: generated(cfg)},
		byID:      map[string]*content.Page{},
		byURL:     map[string]*content.Page{},
		files:     map[string]*content.Page{},
		bodies:    bodies,
		ix: content.SiteIndex{
			Bodies:   bodies,
			ByID:     map[string]*content.Page{},
			Persons:  map[string]*content.Page{},
			Sources:  map[string]int{},
			Mentions: map[string][]*content.Page{},
			QuotesBy: map[string][]content.QuoteRef{},
			Members:  map[string][]*content.Page{},
		},
	}
	pages = slices.Clone(pages)
	sort.Slice(pages, func(i, j int) bool { return pages[i].File < pages[j].File })
	r.index(pages)
	r.people()
	r.sources()
	r.references()
	r.links()
	r.fileLinks()
	r.collections()
	r.site.SetIndex(r.ix)
	r.l.Sort()
	return r.site, r.l
}

type resolver struct {
	cfg       content.Config
	published content.Files
	bodies    map[*content.Page]*content.Body
	site      *content.Site
	byID      map[string]*content.Page
	byURL     map[string]*content.Page
	files     map[string]*content.Page // by path under content/, e.g. "talks.md"
	ix        content.SiteIndex
	l         diag.List

	personIDs, sourceIDs, pageIDs []string // sorted, for hints

	// broken is set when a page could not be read: the sources it
	// declares are unknown, so references to unknown sources are not
	// reported until it is fixed.
	broken bool
}

// index registers pages by id, URL and file, reporting clashes, and adds
// list pages for sections that have none.
func (r *resolver) index(pages []*content.Page) {
	for _, g := range r.site.Generated {
		r.byURL[g.URL] = g
	}
	sections := map[string]bool{}
	for _, p := range pages {
		// Links to the file resolve even when the page clashes below: the
		// clash is the one error.
		r.files[strings.TrimPrefix(p.File, "content/")] = p
		r.broken = r.broken || p.Invalid
		if prev, ok := r.byURL[p.URL]; ok {
			if prev.File == "" {
				r.l.Errorf(p.Pos, "this page's URL /%s is made by the build for the %s page; rename the file", p.URL, prev.Title)
			} else {
				r.l.Errorf(p.Pos, "this page and %s both map to the URL /%s; rename one of them", prev.File, p.URL)
			}
			continue
		}
		r.byURL[p.URL] = p
		r.byID[p.ID] = p
		r.site.Pages = append(r.site.Pages, p)
		if p.Section != "" {
			sections[p.Section] = true
		}
	}
	for s := range sections {
		if _, ok := r.byID[s]; ok {
			continue
		}
		kind := content.KindSection
		if s == r.cfg.PeopleSection {
			kind = content.KindPeople
		}
		title := s
		if kind == content.KindPeople {
			title = "Who's who"
		}
		p := &content.Page{ID: s, Kind: kind, Section: s, URL: s + "/", Title: title}
		r.byID[s], r.byURL[p.URL] = p, p
		r.site.Pages = append(r.site.Pages, p)
	}
	sort.Slice(r.site.Pages, func(i, j int) bool { return r.site.Pages[i].URL < r.site.Pages[j].URL })
	for _, p := range r.site.Pages {
		r.ix.ByID[p.ID] = p
		r.pageIDs = append(r.pageIDs, p.ID)
	}
	sort.Strings(r.pageIDs)
	r.site.Home = r.byID[""]
	if r.site.Home == nil || r.site.Home.Kind != content.KindHome {
		r.site.Home = nil
		r.l.Errorf(diag.Pos{File: "content/_index.md"}, "the site has no home page; create content/_index.md with a title")
	}
}

// people indexes person pages and checks their sides.
func (r *resolver) people() {
	sideIDs := make([]string, len(r.cfg.Sides))
	order := map[string]int{}
	for i, s := range r.cfg.Sides {
		sideIDs[i] = s.ID
		order[s.ID] = i
	}
	for _, p := range r.site.Pages {
		if p.Kind != content.KindPerson {
			continue
		}
		if p.Person == nil {
			p.Person = &content.Person{} // a page that could not be read
		}
		id := p.PersonID
		r.ix.Persons[id] = p
		r.personIDs = append(r.personIDs, id)
		r.site.People = append(r.site.People, p)
		side := p.Person.Side
		if _, ok := r.cfg.Side(side.ID); side.ID != "" && !ok {
			if len(sideIDs) == 0 {
				r.l.Errorf(side.Pos, "unknown side %q; declare the sides under \"sides:\" in briefing.yaml", side.ID)
			} else {
				r.l.Errorf(side.Pos, "unknown side %q%s (sides are declared in briefing.yaml)", side.ID, diag.Hint(side.ID, sortedCopy(sideIDs)))
			}
		}
	}
	sort.Strings(r.personIDs)
	r.names()
	sort.SliceStable(r.site.People, func(i, j int) bool {
		a, b := r.site.People[i], r.site.People[j]
		oa, oka := order[a.Person.Side.ID]
		ob, okb := order[b.Person.Side.ID]
		if !oka {
			oa = len(order)
		}
		if !okb {
			ob = len(order)
		}
		if oa != ob {
			return oa < ob
		}
		if a.Person.AtTable.Present != b.Person.AtTable.Present {
			return a.Person.AtTable.Present
		}
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		return a.Person.Name < b.Person.Name
	})
}

// names reports two people with the same name, or a name that is another
// person's alias: readers and the name checks could not tell them apart.
// Names compare without regard to case or spacing. People are in file
// order here, so the later file gets the error.
func (r *resolver) names() {
	key := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
	named := map[string]*content.Page{}
	aliased := map[string]*content.Page{}
	for _, p := range r.site.People {
		if p.Invalid {
			continue
		}
		for _, a := range p.Person.Aliases {
			if k := key(a); aliased[k] == nil && k != key(p.Person.Name) {
				aliased[k] = p
			}
		}
	}
	for _, p := range r.site.People {
		k := key(p.Person.Name)
		if p.Invalid || k == "" {
			continue
		}
		if prev := named[k]; prev != nil {
			r.l.Errorf(p.Person.NamePos, "person name %q is also the name of %s; give each person a name of their own, or merge the two pages", p.Person.Name, prev.File)
			continue
		}
		named[k] = p
		if other := aliased[k]; other != nil && other != p {
			r.l.Errorf(p.Person.NamePos, "person name %q is an alias of %s; remove the alias there, or rename this person", p.Person.Name, other.File)
		}
	}
}

// sources gathers the sources declared on every page.
func (r *resolver) sources() {
	first := map[string]content.Source{}
	for _, p := range r.site.Pages {
		for _, s := range p.Sources {
			if s.ID == "" {
				continue
			}
			if prev, dup := first[s.ID]; dup {
				r.l.Errorf(s.Pos, "source %q is already declared at %s; give this one another id or remove it", s.ID, prev.Pos)
				continue
			}
			first[s.ID] = s
			r.site.Sources = append(r.site.Sources, content.SourceRef{Source: s, Page: p})
		}
	}
	sort.Slice(r.site.Sources, func(i, j int) bool { return r.site.Sources[i].ID < r.site.Sources[j].ID })
	for i, s := range r.site.Sources {
		r.ix.Sources[s.ID] = i
		r.sourceIDs = append(r.sourceIDs, s.ID)
	}
}

// references checks every id a page names and records backlinks.
func (r *resolver) references() {
	cited := map[string]map[*content.Page]bool{}
	cite := func(p *content.Page, ref content.Ref) {
		if ref.ID == "" {
			return
		}
		if _, ok := r.ix.Sources[ref.ID]; !ok {
			if !r.broken {
				r.unknown(ref, "source", r.sourceIDs)
			}
			return
		}
		if cited[ref.ID] == nil {
			cited[ref.ID] = map[*content.Page]bool{}
		}
		cited[ref.ID][p] = true
	}
	for _, p := range r.site.Pages {
		for _, ref := range p.Participants {
			if r.person(ref) {
				r.mention(ref.ID, p)
			}
		}
		for _, q := range p.Quotes {
			if r.person(q.By) {
				r.mention(q.By.ID, p)
			}
			cite(p, q.Source)
		}
		for _, e := range p.Events {
			cite(p, e.Source)
		}
		for _, f := range p.Figures {
			cite(p, f.Source)
		}
		for _, t := range p.Takeaways {
			if t.Page.ID == "" {
				continue
			}
			if _, ok := r.byID[t.Page.ID]; !ok {
				r.unknown(t.Page, "page", r.pageIDs)
			}
		}
	}
	for i := range r.site.Sources {
		s := &r.site.Sources[i]
		for p := range cited[s.ID] {
			s.CitedBy = append(s.CitedBy, p)
		}
		sort.Slice(s.CitedBy, func(a, b int) bool { return s.CitedBy[a].URL < s.CitedBy[b].URL })
	}
}

// person checks a person reference.
func (r *resolver) person(ref content.Ref) bool {
	if ref.ID == "" {
		return false
	}
	if _, ok := r.ix.Persons[ref.ID]; ok {
		return true
	}
	r.unknown(ref, "person", r.personIDs)
	return false
}

func (r *resolver) unknown(ref content.Ref, what string, known []string) {
	r.l.Errorf(ref.Pos, "unknown %s %q%s", what, ref.ID, diag.Hint(ref.ID, known))
}

// mention records that page p names the person with the given id.
func (r *resolver) mention(id string, p *content.Page) {
	if r.ix.Persons[id] == p {
		return
	}
	ms := r.ix.Mentions[id]
	if slices.Contains(ms, p) {
		return
	}
	r.ix.Mentions[id] = append(ms, p)
}

// links checks that each body link to a .md file names a page of the site
// (parse has already written its href) and records the people it names.
func (r *resolver) links() {
	var files []string
	for f := range r.files {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, p := range r.site.Pages {
		if p.File == "" {
			continue
		}
		b := r.bodies[p]
		if b == nil {
			continue // a page that could not be read, or one the build made
		}
		for _, ln := range b.Links {
			if ln.Target == "" {
				continue
			}
			rel, inside := strings.CutPrefix(ln.Target, "content/")
			if !inside {
				r.l.Errorf(ln.Pos, "link %q points outside content/; link to pages by their path relative to this file", ln.Dest)
				continue
			}
			tp, ok := r.files[rel]
			if !ok {
				r.l.Errorf(ln.Pos, "link to missing page %q%s", rel, diag.Hint(rel, files))
				continue
			}
			if tp.Kind == content.KindPerson {
				r.mention(tp.PersonID, p)
			}
		}
	}
}

// collections builds the ordered lists templates iterate over.
func (r *resolver) collections() {
	s := r.site
	for _, p := range s.Pages {
		switch p.Kind {
		case content.KindTopic:
			s.Topics = append(s.Topics, p)
		case content.KindSection, content.KindPeople:
			s.Sections = append(s.Sections, p)
		case content.KindPerson, content.KindPage:
			r.ix.Members[p.Section] = append(r.ix.Members[p.Section], p)
		}
		for i := range p.Events {
			s.Timeline = append(s.Timeline, content.EventRef{Event: &p.Events[i], Page: p})
		}
		for i := range p.Quotes {
			q := &p.Quotes[i]
			qr := content.QuoteRef{Quote: q, Speaker: r.ix.Persons[q.By.ID], Page: p}
			s.Quotes = append(s.Quotes, qr)
			if qr.Speaker != nil {
				r.ix.QuotesBy[q.By.ID] = append(r.ix.QuotesBy[q.By.ID], qr)
			}
		}
		for i := range p.Figures {
			s.Figures = append(s.Figures, content.FigureRef{Figure: &p.Figures[i], Page: p})
		}
		if d := p.LastUpdated(); d.Compare(s.Updated) > 0 {
			s.Updated = d
		}
	}
	byWeight := func(a, b *content.Page) int {
		if c := cmp.Compare(a.Weight, b.Weight); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return cmp.Compare(a.URL, b.URL)
	}
	slices.SortStableFunc(s.Topics, byWeight)
	for k := range r.ix.Members {
		slices.SortStableFunc(r.ix.Members[k], byWeight)
	}
	slices.SortStableFunc(s.Timeline, func(a, b content.EventRef) int {
		return content.CompareEvents(*a.Event, *b.Event)
	})
	for id := range r.ix.Mentions {
		slices.SortFunc(r.ix.Mentions[id], func(a, b *content.Page) int { return cmp.Compare(a.URL, b.URL) })
	}
}

func sortedCopy(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// generated returns the pages the build makes, titled in the site's
// language (cfg.Words).
func generated(cfg content.Config) []*content.Page {
	pages := content.GeneratedPages()
	for _, p := range pages {
		p.Title = cfg.Word("page."+p.ID+".title", p.Title)
		p.Summary = cfg.Word("page."+p.ID+".summary", p.Summary)
	}
	return pages
}
