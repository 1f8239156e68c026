package parse

import (
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// placement checks the keys that place events on a timeline (after, before
// and order; see content.CompareEvents), in the order written. An event
// whose placement is wrong loses it, so that it sorts as if none were
// given.
func placement(events []content.Event, l *diag.List) {
	for i := range events {
		e := &events[i]
		if e.Pos.File == "" || e.Date.IsZero() {
			continue // strict or need has said what is wrong
		}
		if e.Order < 0 {
			l.Errorf(e.Pos, "events[%d].order must be 1 or more (lower comes first), found %d", i+1, e.Order)
			e.Order = 0
		}
		for _, k := range []struct {
			name string
			d    *content.Date
		}{{"after", &e.After}, {"before", &e.Before}} {
			switch d := *k.d; {
			case d.IsZero():
			case e.Date.Precise():
				l.Errorf(e.Pos, "events[%d].%s places an event dated by year or month, but this one is dated %s; to order events within a day, use \"order: N\"", i+1, k.name, e.Date)
				*k.d = content.Date{}
			case !d.Precise():
				l.Errorf(e.Pos, "events[%d].%s must be a day (YYYY-MM-DD), found %s", i+1, k.name, d)
				*k.d = content.Date{}
			case !e.Date.Contains(d):
				l.Errorf(e.Pos, "events[%d].%s is %s, outside the event's date %s; give a day within it", i+1, k.name, d, e.Date)
				*k.d = content.Date{}
			}
		}
		if !e.After.IsZero() && !e.Before.IsZero() {
			l.Errorf(e.Pos, "events[%d] has both after and before; keep one", i+1)
			e.Before = content.Date{}
		}
	}
}
