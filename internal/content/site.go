package content

// Site is the resolved briefing: every page with its cross-references, ready
// to render. Resolve builds it once; afterwards it is read-only and safe for
// concurrent use.
type Site struct {
	Config Config
	// Pages are all pages from content files, sorted by URL.
	Pages []*Page
	// Home is the home page; nil when content/_index.md is missing.
	Home *Page
	// Topics are the topic pages in reading order (weight, then title).
	Topics []*Page
	// People are the person pages, in side order and then by name.
	People []*Page
	// Sections are the section list pages, sorted by URL.
	Sections []*Page
	// Timeline holds every event of every page in date order.
	Timeline []EventRef
	// Quotes holds every quote in page order.
	Quotes []QuoteRef
	// Figures holds every figure in page order.
	Figures []FigureRef
	// Sources holds every declared source, sorted by id.
	Sources []SourceRef
	// Generated are the pages made from the whole site (timeline, figures,
	// quotes, sources, brief, 404), in navigation order.
	Generated []*Page
	// Updated is the newest date on any page or update.
	Updated Date

	bodies    map[*Page]*Body
	byID      map[string]*Page
	persons   map[string]*Page
	sources   map[string]int
	mentions  map[string][]*Page
	quotesBy  map[string][]QuoteRef
	members   map[string][]*Page
	topicIdx  map[*Page]int
	sidePeers map[string][]*Page
}

// EventRef is an event and the page it is on. The event is the page's
// own (a pointer into Page.Events), not a copy: the site's lists name
// every claim of every page, and copies of them were a tenth of a large
// site's memory. It is never nil in a site's lists.
type EventRef struct {
	*Event
	Page *Page
}

// QuoteRef is a quote, its speaker's page and the page it is on. The quote
// is the page's own, as in EventRef.
type QuoteRef struct {
	*Quote
	Speaker *Page
	Page    *Page
}

// FigureRef is a figure and the page it is on. The figure is the page's
// own, as in EventRef.
type FigureRef struct {
	*Figure
	Page *Page
}

// SourceRef is a source, the page that declares it and the pages that cite
// it, sorted by URL.
type SourceRef struct {
	Source
	Page    *Page
	CitedBy []*Page
}

// SiteIndex holds the lookup tables of a Site. Resolve fills one and hands
// it to Site.SetIndex; templates reach the tables through Site's methods.
type SiteIndex struct {
	Bodies   map[*Page]*Body
	ByID     map[string]*Page
	Persons  map[string]*Page
	Sources  map[string]int
	Mentions map[string][]*Page
	QuotesBy map[string][]QuoteRef
	Members  map[string][]*Page
}

// SetIndex installs the lookup tables. Call it once, before the Site is
// shared.
func (s *Site) SetIndex(ix SiteIndex) {
	s.bodies = ix.Bodies
	s.byID, s.persons, s.sources = ix.ByID, ix.Persons, ix.Sources
	s.mentions, s.quotesBy, s.members = ix.Mentions, ix.QuotesBy, ix.Members
	s.topicIdx = make(map[*Page]int, len(s.Topics))
	for i, t := range s.Topics {
		s.topicIdx[t] = i
	}
	s.sidePeers = make(map[string][]*Page)
	for _, p := range s.People {
		if p.Person != nil {
			s.sidePeers[p.Person.Side.ID] = append(s.sidePeers[p.Person.Side.ID], p)
		}
	}
}

// noBody is the body of a page that has none (generated pages).
var noBody = &Body{}

// Body returns the body of page p; a page without one (a generated page,
// one that failed to parse) has an empty Body.
func (s *Site) Body(p *Page) *Body {
	if b := s.bodies[p]; b != nil {
		return b
	}
	return noBody
}

// WithBodies returns a copy of s whose pages have the given bodies in place
// of their old ones, for an edit that changed bodies and nothing else (not
// even a link's destination): s itself is not changed, so a site being
// rendered or served stays as it was.
func (s *Site) WithBodies(bodies map[*Page]*Body) *Site {
	c := *s
	c.bodies = make(map[*Page]*Body, len(s.bodies))
	for p, b := range s.bodies {
		c.bodies[p] = b
	}
	for p, b := range bodies {
		c.bodies[p] = b
	}
	return &c
}

// NavItem is one link of the site's navigation: what a menu shows of a
// page, and no more, so that a menu depends on titles and URLs alone.
type NavItem struct {
	Kind  Kind
	URL   string
	Title string
	// More marks the topic item that stands for the topics past
	// MaxNavTopics: a link to the list of all topics on the brief (URL).
	More bool
}

// MaxNavTopics is how many topics the menu lists. Past it, the menu ends
// its topics with a link to all of them. Every page carries the menu, so a
// menu of every topic made each page grow with the number of topics and
// the site with its square (3,000 topics: 140 KB of menu on each page, and
// a minute and a half to build), and no reader scans a menu that long.
const MaxNavTopics = 12

// Nav returns the navigation: the topics (at most MaxNavTopics, then an
// item with More set), the sections and the generated pages but the 404
// page, in that order.
func (s *Site) Nav() []NavItem {
	var out []NavItem
	for i, p := range s.Topics {
		if i == MaxNavTopics && len(s.Topics) > MaxNavTopics+1 {
			out = append(out, NavItem{Kind: KindTopic, URL: "brief/", More: true})
			break
		}
		out = append(out, NavItem{Kind: p.Kind, URL: p.URL, Title: p.NavTitle()})
	}
	for _, list := range [][]*Page{s.Sections, s.Generated} {
		for _, p := range list {
			if p.Kind != KindNotFound {
				out = append(out, NavItem{Kind: p.Kind, URL: p.URL, Title: p.NavTitle()})
			}
		}
	}
	return out
}

// Page returns the page with the given id ("" is home).
func (s *Site) Page(id string) *Page { return s.byID[id] }

// Person returns the page of the person with the given person id, or nil.
func (s *Site) Person(id string) *Page { return s.persons[id] }

// Source returns the source with the given id, or nil.
func (s *Site) Source(id string) *SourceRef {
	if i, ok := s.sources[id]; ok {
		return &s.Sources[i]
	}
	return nil
}

// Mentions returns the pages that name the person with the given id (as a
// participant, a speaker or a link), sorted by URL, without their own page.
func (s *Site) Mentions(personID string) []*Page { return s.mentions[personID] }

// QuotesBy returns the quotes by the person with the given id, from all pages.
func (s *Site) QuotesBy(personID string) []QuoteRef { return s.quotesBy[personID] }

// Members returns the pages of a section, in weight and title order.
func (s *Site) Members(section string) []*Page { return s.members[section] }

// PeopleOnSide returns the people on the side with the given id.
func (s *Site) PeopleOnSide(side string) []*Page { return s.sidePeers[side] }

// PrevTopic and NextTopic return the neighbours of a topic page in reading
// order, or nil.
func (s *Site) PrevTopic(p *Page) *Page {
	if i, ok := s.topicIdx[p]; ok && i > 0 {
		return s.Topics[i-1]
	}
	return nil
}

// NextTopic returns the topic after p in reading order, or nil.
func (s *Site) NextTopic(p *Page) *Page {
	if i, ok := s.topicIdx[p]; ok && i+1 < len(s.Topics) {
		return s.Topics[i+1]
	}
	return nil
}

// CitedSources returns the sources a page cites through its quotes, events
// and figures, in id order.
func (s *Site) CitedSources(p *Page) []*SourceRef {
	var out []*SourceRef
	seen := map[string]bool{}
	add := func(r Ref) {
		if r.ID == "" || seen[r.ID] {
			return
		}
		seen[r.ID] = true
		if src := s.Source(r.ID); src != nil {
			out = append(out, src)
		}
	}
	for _, q := range p.Quotes {
		add(q.Source)
	}
	for _, e := range p.Events {
		add(e.Source)
	}
	for _, f := range p.Figures {
		add(f.Source)
	}
	for _, src := range p.Sources {
		add(Ref{ID: src.ID})
	}
	sortSources(out)
	return out
}

func sortSources(ss []*SourceRef) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && ss[j].ID < ss[j-1].ID; j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}
