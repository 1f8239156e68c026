package check

import (
	"fmt"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// The shape of a briefing's lead: how many takeaways, how long each.
const (
	minTakeaways  = 2
	maxTakeaways  = 5
	takeawayWords = 20
)

// form checks the home page's takeaways: 2 to 5 of them, each short.
func form(site *content.Site, l *diag.List) {
	home := site.Home
	if home == nil || home.Invalid {
		return // resolve has reported the missing home page
	}
	n := len(home.Takeaways)
	switch {
	case n == 0:
		add(l, home.Pos, diag.Warning, RuleTakeaways, fmt.Sprintf("the home page has no takeaways; add %d to %d under \"takeaways:\", each a short sentence pointing to a topic page", minTakeaways, maxTakeaways))
	case n < minTakeaways || n > maxTakeaways:
		add(l, home.Takeaways[0].Pos, diag.Warning, RuleTakeaways, fmt.Sprintf("the home page has %s; a briefing leads with %d to %d", count(n, "takeaway"), minTakeaways, maxTakeaways))
	}
	for i, t := range home.Takeaways {
		if w := len(strings.Fields(t.Text)); w > takeawayWords {
			add(l, t.Pos, diag.Warning, RuleTakeaways, fmt.Sprintf("takeaways[%d] is %d words long; keep a takeaway to about %d words and leave the detail to its page", i+1, w, takeawayWords))
		}
	}
}

// completeness checks that what a page asserts is sourced and dated
// sensibly, that topic pages have summaries and that every person is
// mentioned somewhere.
func completeness(site *content.Site, l *diag.List) {
	for _, p := range site.Pages {
		if p.Invalid {
			continue // its front matter could not be read; the build said why
		}
		if p.Kind == content.KindTopic && p.Summary == "" && !p.Faulty["summary"] {
			add(l, p.TitlePos, diag.Warning, RuleSummary, "topic page has no summary; add \"summary: ...\" with one or two sentences for lists and the home page")
		}
		for i, q := range p.Quotes {
			if q.Source.ID == "" && decoded(q.Pos) {
				add(l, q.Pos, diag.Warning, RuleSource, fmt.Sprintf("quotes[%d] names no source; add \"source: <id>\" with the source the words come from", i+1))
			}
		}
		for i, f := range p.Figures {
			if f.Source.ID == "" && decoded(f.Pos) {
				add(l, f.Pos, diag.Warning, RuleSource, fmt.Sprintf("figures[%d] (%q) names no source; add \"source: <id>\"", i+1, f.Value))
			}
		}
		asOf := p.LastUpdated()
		for i, e := range p.Events {
			if !decoded(e.Pos) {
				continue
			}
			if e.Source.ID == "" {
				add(l, e.Pos, diag.Warning, RuleSource, fmt.Sprintf("events[%d] names no source; add \"source: <id>\"", written(p.Events, i)))
			}
			if !asOf.IsZero() && !e.Date.IsZero() && !e.Scheduled && after(e.Date, asOf) {
				add(l, e.Pos, diag.Warning, RuleFutureDate, fmt.Sprintf("events[%d] is dated %s, after the page itself (%s); check the date", written(p.Events, i), e.Date, asOf))
			}
		}
	}
	for _, p := range site.People {
		if p.Invalid {
			continue
		}
		id := p.PersonID
		if len(site.Mentions(id)) == 0 {
			name := p.Person.Name
			if name == "" {
				name = id // the build reports the missing name
			}
			add(l, p.TitlePos, diag.Warning, RuleMention, fmt.Sprintf("no page mentions %s; link to this page from a topic, or list %q under \"participants:\"", name, id))
		}
	}
}

// after reports whether d lies after ref, compared at the precision both
// dates have: "2025-02-20" is not after "2025-02".
func after(d, ref content.Date) bool {
	if ref.Month == 0 {
		d.Month, d.Day = 0, 0
	} else if ref.Day == 0 {
		d.Day = 0
	}
	return d.Compare(ref) > 0
}

// decoded reports whether a list item was decoded at all: an item that was
// not (an alias, a scalar where a mapping belongs) has no position, and the
// build has reported it.
func decoded(pos diag.Pos) bool { return pos.File != "" }

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
