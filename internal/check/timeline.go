package check

import (
	"fmt"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// placement warns about an event dated by year or month whose period also
// holds events dated to the day, anywhere on the site, when it gives no
// "after" or "before": the timeline then puts it before all of them, which
// is seldom where it happened.
func placement(site *content.Site, l *diag.List) {
	var exact []content.Date // the site's days with events, in date order
	for _, e := range site.Timeline {
		if e.Date.Precise() && (len(exact) == 0 || exact[len(exact)-1] != e.Date) {
			exact = append(exact, e.Date)
		}
	}
	for _, e := range site.Timeline {
		if e.Date.IsZero() || e.Date.Precise() || !e.After.IsZero() || !e.Before.IsZero() || !decoded(e.Pos) {
			continue
		}
		var in []content.Date
		for _, d := range exact {
			if e.Date.Contains(d) {
				in = append(in, d)
			}
		}
		if len(in) == 0 {
			continue
		}
		days := in[0].String()
		if len(in) > 1 {
			days = fmt.Sprintf("%s to %s", in[0], in[len(in)-1])
		}
		add(l, e.Pos, diag.Warning, RulePlacement, fmt.Sprintf("event %q is dated %s, and the timeline has events on exact days of that period (%s); add \"after: YYYY-MM-DD\" or \"before: YYYY-MM-DD\" to place it among them", e.Title, e.Date, days))
	}
}

// written returns the number, counting from 1 in the order written, of
// events[i]: a page's events are in timeline order once parsed, but
// editors count them as they wrote them (as corrections' "events[N]" do).
func written(events []content.Event, i int) int {
	n := 1
	for _, e := range events {
		if e.Pos.Line < events[i].Pos.Line || (e.Pos.Line == events[i].Pos.Line && e.Pos.Col < events[i].Pos.Col) {
			n++
		}
	}
	return n
}
