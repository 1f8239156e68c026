package render

import (
	"strconv"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// Citations, like an encyclopedia's: each page numbers the sources it cites
// in the order it first cites them ([1], [2], ...), and lists them once, by
// number, at its foot. The numbers follow what the page shows, in the order
// it shows it, so they are given while the page renders: the cite function
// numbers a source the first time the page cites it, and the citations
// function returns the list. Both read sources through the SiteView, so the
// reads are noted like any other. A page's citations live in its worker and
// start empty for each page; a partial rendered through partialCached must
// not cite, since its output would carry another page's numbers (the
// fragment cache reports it).

// citations is the numbering of one page's sources.
type citations struct {
	list   []*Citation
	byID   map[string]*Citation
	uses   int  // citations made, for the fragment cache's check
	listed bool // the page's source list has been shown
}

// Citation is one numbered source of a page: its number, the source and
// how often the page cites it.
type Citation struct {
	// N is the source's number on the page, from 1.
	N int
	// Source is the cited source.
	Source *content.SourceRef
	// Uses is the number of times the page cites it; each citation has
	// the anchor "cite-N-U" for U from 1 to Uses.
	Uses int
}

// Backlinks returns the anchors of the citations of c, in page order, each
// with a short label ("a", "b", ... "z", then "27", "28"...) for the list's
// links back to the text.
func (c *Citation) Backlinks() []Backlink { return c.Back().Backlinks() }

// Back returns what the links back from the source list to the
// citations of c depend on.
func (c *Citation) Back() Back {
	b := Back{N: c.N, Uses: c.Uses}
	b.Shared, b.Key = sharedKey(c.N, c.Uses)
	return b
}

// Back is what a source list's links back to a source's citations depend
// on: the source's number on the page and how often the page cites it.
// Like a Mark, it holds nothing else, so that partials/backlinks.html
// renders links that many pages show once for the whole site (through
// partialCached, with Key, when Shared).
type Back struct {
	N, Uses int
	Shared  bool   // as Mark.Shared
	Key     string // the links' key in the fragment cache, when Shared
}

// Backlinks returns the links back, as Citation.Backlinks.
func (b Back) Backlinks() []Backlink {
	out := make([]Backlink, b.Uses)
	for i := range out {
		label := strconv.Itoa(i + 1)
		if i < 26 {
			label = string(rune('a' + i))
		}
		out[i] = Backlink{ID: markID(b.N, i+1), Label: label}
	}
	return out
}

// Backlink is a link from a page's source list back to one citation.
type Backlink struct{ ID, Label string }

// Cite is one citation in the text: its mark (the number of its source on
// the page and which use of that source it is) and the source.
type Cite struct {
	Mark
	Source *content.SourceRef
}

// Mark is a citation's mark in the text, "[2]" with its anchor: the
// source's number on the page and which use of it this is, and nothing
// else, so that partials/cite-mark.html renders a mark that many pages
// show once for the whole site (through partialCached, with Key, when
// Shared) rather than once for each of the tens of thousands of
// citations of a large briefing. cite numbers the page's sources and
// makes the mark. Its parts are fields, not methods: a template reads a
// field without a reflective call.
type Mark struct {
	N, Use int
	// ID is the mark's anchor, for the source list's links back.
	ID string
	// Shared says whether many pages show the same mark, so that it is
	// worth keeping once rendered: the first uses of a page's first
	// sources. The rest are on the pages that cite thousands of sources
	// (the brief, the timeline), each once or twice, and keeping them
	// would only hold memory.
	Shared bool
	// Key is the mark's key in the fragment cache, when Shared.
	Key string
}

// sharedCites bounds the citation numbers and uses whose marks and links
// back are kept (Mark.Shared, Back.Shared): at most 32 × 32 of each.
const sharedCites = 32

// sharedKey says whether the mark or links back of a source's number n and
// use (or uses) are kept, and if so under which key.
func sharedKey(n, use int) (bool, string) {
	if n > sharedCites || use > sharedCites {
		return false, ""
	}
	return true, pairKey(n, use)
}

func pairKey(n, use int) string { return strconv.Itoa(n) + "-" + strconv.Itoa(use) }

func markID(n, use int) string { return "cite-" + pairKey(n, use) }

// cite numbers the source r names on the page being rendered, the first
// time the page cites it, and returns the citation; nil when r names no
// source or one that is not declared.
func (w *worker) cite(r content.Ref) *Cite {
	if r.ID == "" {
		return nil
	}
	src := w.view.Source(r.ID)
	if src == nil {
		return nil
	}
	c := w.cites.number(src)
	c.Uses++
	w.cites.uses++
	m := Mark{N: c.N, Use: c.Uses, ID: markID(c.N, c.Uses)}
	m.Shared, m.Key = sharedKey(c.N, c.Uses)
	return &Cite{Mark: m, Source: src}
}

// number returns the page's citation of src, numbering it when new.
func (cs *citations) number(src *content.SourceRef) *Citation {
	if c, ok := cs.byID[src.ID]; ok {
		return c
	}
	if cs.byID == nil {
		cs.byID = map[string]*Citation{}
	}
	c := &Citation{N: len(cs.list) + 1, Source: src}
	cs.list = append(cs.list, c)
	cs.byID[src.ID] = c
	return c
}

// citationList returns the page's numbered sources for its source list:
// those it cited, in order of first citation, then the sources it declares
// without citing them (on the one-page brief, every source of the site),
// numbered after them. It marks the list as shown, so that layout.html
// shows it only where the page's own template has not. A template shows
// the list after the page's last citation: a source first cited later
// would have a number the list lacks.
func (w *worker) citationList(v *View) []*Citation {
	cs := &w.cites
	cs.listed = true
	if v.Page.Kind == content.KindBrief {
		all := v.Site.Sources()
		for i := range all {
			cs.number(&all[i])
		}
	} else {
		for _, s := range v.Page.Sources {
			if src := v.Site.Source(s.ID); src != nil {
				cs.number(src)
			}
		}
	}
	return cs.list
}

// Support is a claim that a source supports, for the sources page: what
// kind of claim, what to show of it and the path (from the site root,
// with the claim's anchor) of the page where it is shown. The template
// puts the parts together in the site's language.
type Support struct {
	Kind string // "quote", "figure" or "event"
	// Who is a quote's speaker ("" when unknown); Value a figure's
	// value; Date an event's date.
	Who   string
	Value string
	Date  content.Date
	// Text is a quote's words (at most 16 of them), a figure's label or
	// an event's title.
	Text  string
	Where string // the title of the page linked to
	Path  string
}

// supports returns the quotes, figures and events that cite the source
// with the given id, in that order, each in site order. It reads the
// site's quote, figure and timeline lists through v, so the sources page is
// rendered again when a claim changes. At a page's first call it indexes
// every claim by the source it cites, and keeps the index for the page's
// other calls: the sources page asks for each source in turn, and going
// through every claim for each took time that grew with the product of
// sources and claims. The index holds only where each claim is in its list
// (claimRef); a source's Supports are made when it is asked for. Made for
// every claim at once, they were the largest thing a 100,000-page build
// held while its sources page rendered (about 140 MB).
func supports(v *SiteView, id string) []Support {
	quotes, figures, events := v.Quotes(), v.Figures(), v.Timeline()
	if v.w.supports == nil {
		by := map[string][]claimRef{}
		add := func(source string, list uint8, i int) {
			by[source] = append(by[source], claimRef{list, int32(i)})
		}
		for i := range quotes {
			add(quotes[i].Source.ID, claimQuote, i)
		}
		for i := range figures {
			add(figures[i].Source.ID, claimFigure, i)
		}
		for i := range events {
			add(events[i].Source.ID, claimEvent, i)
		}
		v.w.supports = by
	}
	refs := v.w.supports[id]
	if len(refs) == 0 {
		return nil
	}
	out := make([]Support, len(refs))
	for j, r := range refs {
		switch r.list {
		case claimQuote:
			q := quotes[r.i]
			s := Support{Kind: "quote", Text: clip(q.Text, 16)}
			at := placeOf(v, q.Page, content.KindQuotes)
			if q.Speaker != nil && q.Speaker.Person != nil {
				s.Who = q.Speaker.Person.Name
				if q.Page.Kind != content.KindTopic {
					at = q.Speaker // person pages show the quotes of their person
				}
			}
			out[j] = s.at(at, q.Pos)
		case claimFigure:
			f := figures[r.i]
			s := Support{Kind: "figure", Value: f.Value, Text: f.Label}
			out[j] = s.at(placeOf(v, f.Page, content.KindFigures), f.Pos)
		default:
			e := events[r.i]
			s := Support{Kind: "event", Date: e.Date, Text: e.Title}
			out[j] = s.at(placeOf(v, e.Page, content.KindTimeline), e.Pos)
		}
	}
	return out
}

// claimRef is where a claim is in the site's lists: which list, and its
// place in it.
type claimRef struct {
	list uint8
	i    int32
}

// The lists a claimRef points into.
const (
	claimQuote uint8 = iota
	claimFigure
	claimEvent
)

// at returns s linked to the claim at pos on page p.
func (s Support) at(p *content.Page, pos diag.Pos) Support {
	if p != nil {
		s.Where, s.Path = p.NavTitle(), p.URL+"#"+claimID(pos)
	}
	return s
}

// placeOf returns the page that shows a figure or event of page p: p
// itself when it is a topic (topic pages show their own), else the
// generated page of the given kind that lists them all.
func placeOf(v *SiteView, p *content.Page, list content.Kind) *content.Page {
	if p.Kind == content.KindTopic {
		return p
	}
	for _, g := range v.Generated() {
		if g.Kind == list {
			return g
		}
	}
	return p
}

// claimID returns the anchor of a quote, figure or event wherever it is
// shown: "claim-", its file under content/ without ".md" (slashes as
// dashes) and its line ("claim-talks-47"). It is unique in the site, so a
// page that shows claims of several pages has no clash.
func claimID(pos diag.Pos) string {
	file := strings.TrimSuffix(strings.TrimPrefix(pos.File, "content/"), ".md")
	return "claim-" + strings.ReplaceAll(file, "/", "-") + "-" + strconv.Itoa(pos.Line)
}

// clip shortens text to at most n words, ending with "…" when cut.
func clip(text string, n int) string {
	words := strings.Fields(text)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + "…"
}
