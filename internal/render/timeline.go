package render

import (
	"fmt"
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
}

// TimelineItem is an event on the timeline, or, when Main is set, the
// briefing's own date (the home page's date), with no event.
type TimelineItem struct {
	// EventRef points into the site's timeline (nil when Main is set):
	// a copy per item would double a large timeline's memory while it
	// renders.
	*content.EventRef
	// Event and Page are the EventRef's (nil when Main is set), at the
	// top so that a template reads them without a search of the embedded
	// fields for each one.
	Event *content.Event
	Page  *content.Page
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
	for i := range events {
		e := &events[i]
		if !placed && e.Date.Compare(main) > 0 {
			items = append(items, TimelineItem{Date: AxisDate{main}, Main: true})
			placed = true
		}
		items = append(items, TimelineItem{EventRef: e, Event: e.Event, Page: e.Page, Date: AxisDate{e.Date}})
	}
	if !placed {
		items = append(items, TimelineItem{Date: AxisDate{main}, Main: true})
	}
	// Each year's items are a slice of items: they are in order.
	var out []YearGroup
	start := 0
	for i, it := range items {
		y := it.Date.Year
		if len(out) == 0 || out[len(out)-1].Year != y {
			if len(out) > 0 {
				out[len(out)-1].Items = items[start:i:i]
			}
			g := YearGroup{Year: y}
			if len(out) > 0 {
				if n := y - out[len(out)-1].Year; n >= 2 {
					g.Gap = n
				}
			}
			out = append(out, g)
			start = i
		}
	}
	out[len(out)-1].Items = items[start:]
	return out
}

// filterTopics is how many topics the timeline's filter can offer: the
// style sheet has a rule set for each topic number up to it.
const filterTopics = 24

// FilterTopic is a topic the timeline can be filtered by, with its
// number: its place among the site's topics, from 1.
type FilterTopic struct {
	*content.Page
	N int
}

// timelineTopics returns the topics that events of the timeline are on,
// in the order of topics, each with its number: what the timeline's filter
// offers. It returns none when fewer than two topics have events, or when
// one of them is numbered past filterTopics.
func timelineTopics(topics []*content.Page, events []content.EventRef) []FilterTopic {
	has := map[*content.Page]bool{}
	for _, e := range events {
		has[e.Page] = true
	}
	var out []FilterTopic
	for i, t := range topics {
		if !has[t] {
			continue
		}
		if i+1 > filterTopics {
			return nil
		}
		out = append(out, FilterTopic{t, i + 1})
	}
	if len(out) < 2 {
		return nil
	}
	return out
}
