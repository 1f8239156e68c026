package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/briefing-dev/briefing/internal/content"
)

// YearGroup is one year of the timeline, as the timeline page and the
// brief show it: a heading with the year, then its events on an axis.
type YearGroup struct {
	Year int
	// Gap is how many years after the year before this one comes, when
	// that is two years or more; else 0. The template words it ("6 years
	// later", through the plural message timeline.gap).
	Gap int
	// Items are the year's events in timeline order, with the briefing's
	// own date among them.
	Items []TimelineItem
	// Pages are the ids of the topic pages the year's events are on, each
	// once, separated by spaces: the timeline's filter by topic hides a
	// year whose list does not hold the topic's id.
	Pages string
}

// TimelineItem is an event on the timeline, or, when Main is set, the
// briefing's own date (the home page's date), with no event.
type TimelineItem struct {
	content.EventRef
	// Date is the event's date as the axis shows it, under its year's
	// heading: without the year. It shadows the event's own Date, so the
	// event partial prints "24 February" where it would print "24 February
	// 2022", and the year appears once, in the heading.
	Date AxisDate
	// Main marks the briefing's own date.
	Main bool
}

// AxisDate is a date shown under its year: Human leaves the year out. Its
// other methods (String for the datetime attribute, IsZero, ...) are the
// date's own.
type AxisDate struct{ content.Date }

// Human returns the date without its year: "24 February", "October", or
// "" for a date that gives only the year.
func (d AxisDate) Human() string {
	switch {
	case d.Month == 0:
		return ""
	case d.Day == 0:
		return time.Month(d.Month).String()
	}
	return fmt.Sprintf("%d %s", d.Day, time.Month(d.Month))
}

// groupTimeline groups the timeline's events (in timeline order) by year
// and places the home page's date among them, after the events of the same
// day. home may be nil. With no events there is no timeline, and nil
// comes back.
func groupTimeline(events []content.EventRef, home *content.Page) []YearGroup {
	if len(events) == 0 {
		return nil
	}
	var main content.Date
	if home != nil {
		main = home.Date
	}
	items := make([]TimelineItem, 0, len(events)+1)
	placed := main.IsZero()
	for _, e := range events {
		if !placed && e.Date.Compare(main) > 0 {
			items = append(items, TimelineItem{Date: AxisDate{main}, Main: true})
			placed = true
		}
		items = append(items, TimelineItem{EventRef: e, Date: AxisDate{e.Date}})
	}
	if !placed {
		items = append(items, TimelineItem{Date: AxisDate{main}, Main: true})
	}
	var out []YearGroup
	var pages []string // the ids of the current group's pages, each once
	seen := map[string]bool{}
	endGroup := func() {
		if len(out) > 0 {
			out[len(out)-1].Pages = strings.Join(pages, " ")
		}
		pages = pages[:0]
		clear(seen)
	}
	for _, it := range items {
		y := it.Date.Year
		if len(out) == 0 || out[len(out)-1].Year != y {
			endGroup()
			g := YearGroup{Year: y}
			if len(out) > 0 {
				if n := y - out[len(out)-1].Year; n >= 2 {
					g.Gap = n
				}
			}
			out = append(out, g)
		}
		g := &out[len(out)-1]
		g.Items = append(g.Items, it)
		if it.Page != nil && it.Page.Kind == content.KindTopic && !seen[it.Page.ID] {
			seen[it.Page.ID] = true
			pages = append(pages, it.Page.ID)
		}
	}
	endGroup()
	return out
}

// timelineTopics returns the topic pages that events of the timeline are
// on, in the order of topics: what the timeline can be filtered by.
func timelineTopics(topics []*content.Page, events []content.EventRef) []*content.Page {
	has := map[*content.Page]bool{}
	for _, e := range events {
		has[e.Page] = true
	}
	var out []*content.Page
	for _, t := range topics {
		if has[t] {
			out = append(out, t)
		}
	}
	return out
}
