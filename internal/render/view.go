package render

import (
	"html/template"

	"github.com/briefing-dev/briefing/internal/deps"

	"github.com/briefing-dev/briefing/internal/content"
)

// View is what a page template receives: the page, the site through a
// SiteView, and the page's own body and URLs. Everything a template can
// reach of the site goes through methods that note what was read, so an
// incremental build knows which pages an edit can change (see Versions).
type View struct {
	// Site is the site, as this page's render sees it.
	Site *SiteView
	// Page is the page being rendered: its front matter and place.
	Page *content.Page
	// BaseURL is the absolute base URL; BasePath its path ("/" or
	// "/briefings/riyadh/").
	BaseURL, BasePath string
	// Canonical is the page's absolute URL.
	Canonical string
	// LiveReload is set when the preview server serves the page.
	LiveReload bool

	texts *content.Texts // the body's texts, read once (they may come from disk)
}

// ownTexts returns the HTML and the headings of the page's own body, all
// that a page reads of it.
func (v *View) ownTexts() (*content.Texts, error) {
	if v.texts == nil {
		t, err := v.Site.Body(v.Page).TextsOf(content.PartHTML | content.PartHeadings)
		if err != nil {
			return nil, err
		}
		v.texts = &t
	}
	return v.texts, nil
}

// Body returns the page's rendered Markdown.
func (v *View) Body() (template.HTML, error) {
	t, err := v.ownTexts()
	if err != nil {
		return "", err
	}
	return template.HTML(t.HTML), nil
}

// Headings returns the headings of the page's body, for a table of contents.
func (v *View) Headings() ([]content.Heading, error) {
	t, err := v.ownTexts()
	if err != nil {
		return nil, err
	}
	return t.Headings, nil
}

// Words returns the number of words in the page's body.
func (v *View) Words() int { return v.Site.Body(v.Page).Words }

// BriefBody returns a topic's body rendered for the one-page brief, with
// its ids prefixed and its headings one level deeper.
func (v *View) BriefBody(p *content.Page) (template.HTML, error) {
	h, err := v.Site.Body(p).Embedded()
	return template.HTML(h), err
}

// Crumbs returns the breadcrumbs from home to the page's parent.
func (v *View) Crumbs() []*content.Page { return crumbs(v.Site, v.Page) }

// SiteView is the site as one page's render sees it. Its methods mirror
// content.Site's fields and methods, and each notes what it read in the
// recorder of the worker rendering the page. It is not safe for concurrent
// use: a worker renders one page at a time.
type SiteView struct {
	s *content.Site
	w *worker
}

func (v *SiteView) note(key string) { v.w.rec.Note(key) }

// Config returns the site's settings (briefing.yaml). A change to them
// renders every page again, so reading them is not noted. It is the
// site's own, not a copy: a page reads them several times, and a copy is a
// reflective call's allocation of some 250 bytes each time.
func (v *SiteView) Config() *content.Config { return &v.s.Config }

// Pages returns every page from a content file, sorted by URL.
func (v *SiteView) Pages() []*content.Page { v.note(deps.Pages); return v.s.Pages }

// Home returns the home page, or nil.
func (v *SiteView) Home() *content.Page { v.note(deps.Home); return v.s.Home }

// Topics returns the topic pages in reading order.
func (v *SiteView) Topics() []*content.Page { v.note(deps.Topics); return v.s.Topics }

// People returns the person pages, in side order and then by name.
func (v *SiteView) People() []*content.Page { v.note(deps.People); return v.s.People }

// Sections returns the section list pages, sorted by URL.
func (v *SiteView) Sections() []*content.Page { v.note(deps.Sections); return v.s.Sections }

// Timeline returns every event of every page in date order.
func (v *SiteView) Timeline() []content.EventRef { v.note(deps.Timeline); return v.s.Timeline }

// Quotes returns every quote in page order.
func (v *SiteView) Quotes() []content.QuoteRef { v.note(deps.Quotes); return v.s.Quotes }

// Figures returns every figure in page order.
func (v *SiteView) Figures() []content.FigureRef { v.note(deps.Figures); return v.s.Figures }

// Sources returns every declared source, sorted by id.
func (v *SiteView) Sources() []content.SourceRef { v.note(deps.Sources); return v.s.Sources }

// Generated returns the pages made from the whole site, in navigation
// order.
func (v *SiteView) Generated() []*content.Page { v.note(deps.Generated); return v.s.Generated }

// Updated returns the newest date on any page or update.
func (v *SiteView) Updated() content.Date { v.note(deps.Updated); return v.s.Updated }

// Nav returns the navigation: the topics, the sections and the generated
// pages but the 404 page, in that order, with what a menu shows of each.
func (v *SiteView) Nav() []content.NavItem {
	v.note(deps.Nav)
	return v.s.Nav()
}

// Page returns the page with the given id ("" is home), or nil.
func (v *SiteView) Page(id string) *content.Page { v.note(deps.Page + id); return v.s.Page(id) }

// Body returns the body of page p.
func (v *SiteView) Body(p *content.Page) *content.Body {
	if p == nil {
		return v.s.Body(nil)
	}
	v.note(deps.Body + p.ID)
	return v.s.Body(p)
}

// Person returns the page of the person with the given id, or nil.
func (v *SiteView) Person(id string) *content.Page { v.note(deps.Person + id); return v.s.Person(id) }

// Source returns the source with the given id, or nil.
func (v *SiteView) Source(id string) *content.SourceRef {
	v.note(deps.Source + id)
	return v.s.Source(id)
}

// Mentions returns the pages that name the person with the given id.
func (v *SiteView) Mentions(personID string) []*content.Page {
	v.note(deps.Mentions + personID)
	return v.s.Mentions(personID)
}

// QuotesBy returns the quotes by the person with the given id.
func (v *SiteView) QuotesBy(personID string) []content.QuoteRef {
	v.note(deps.QuotesBy + personID)
	return v.s.QuotesBy(personID)
}

// Members returns the pages of a section, in weight and title order.
func (v *SiteView) Members(section string) []*content.Page {
	v.note(deps.Members + section)
	return v.s.Members(section)
}

// PeopleOnSide returns the people on the side with the given id.
func (v *SiteView) PeopleOnSide(side string) []*content.Page {
	v.note(deps.Side + side)
	return v.s.PeopleOnSide(side)
}

// PrevTopic returns the topic before p in reading order, or nil.
func (v *SiteView) PrevTopic(p *content.Page) *content.Page {
	v.note(deps.Prev + p.ID)
	return v.s.PrevTopic(p)
}

// NextTopic returns the topic after p in reading order, or nil.
func (v *SiteView) NextTopic(p *content.Page) *content.Page {
	v.note(deps.Next + p.ID)
	return v.s.NextTopic(p)
}

// CitedSources returns the sources a page cites, in id order.
func (v *SiteView) CitedSources(p *content.Page) []*content.SourceRef {
	v.note(deps.Cited + p.ID)
	return v.s.CitedSources(p)
}

// crumbs returns the pages between home and p.
func crumbs(s *SiteView, p *content.Page) []*content.Page {
	if p.Kind == content.KindHome {
		return nil
	}
	home := s.Home()
	if home == nil {
		return nil
	}
	out := []*content.Page{home}
	if p.Section != "" && p.Kind != content.KindSection && p.Kind != content.KindPeople {
		if sec := s.Page(p.Section); sec != nil {
			out = append(out, sec)
		}
	}
	return out
}
