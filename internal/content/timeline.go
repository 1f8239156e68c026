package content

import "cmp"

// CompareEvents orders events for a timeline: the site's and a page's
// own. Each event has a spot, a day and a place in it:
//   - an exact date (YYYY-MM-DD) is on its day;
//   - a year or month with After is after that day's events;
//   - a year or month with Before is before that day's events;
//   - a year or month with neither is before the events of its period's
//     first day ("2022" before 1 January 2022's events).
//
// Events at the same spot follow Order (lower first, none last), then the
// less precise date first. Events that still tie compare equal: callers
// sort stably over a deterministic input order.
func CompareEvents(a, b Event) int {
	ad, ap := a.spot()
	bd, bp := b.spot()
	if c := ad.Compare(bd); c != 0 {
		return c
	}
	if c := cmp.Compare(ap, bp); c != 0 {
		return c
	}
	if c := cmp.Compare(a.orderKey(), b.orderKey()); c != 0 {
		return c
	}
	return a.Date.Compare(b.Date)
}

// Precise reports whether d names a day.
func (d Date) Precise() bool { return d.Day != 0 }

// spot returns the day an event is placed on and where in it: -1 before
// the day's exact events, 0 among them, 1 after them.
func (e Event) spot() (Date, int) {
	switch {
	case e.Date.Precise():
		return e.Date, 0
	case !e.After.IsZero():
		return e.After, 1
	case !e.Before.IsZero():
		return e.Before, -1
	}
	return Date{Year: e.Date.Year, Month: max(e.Date.Month, 1), Day: 1}, -1
}

func (e Event) orderKey() int {
	if e.Order <= 0 {
		return int(^uint(0) >> 1)
	}
	return e.Order
}

// Contains reports whether the day o lies within d's period: its year, its
// month or its day.
func (d Date) Contains(o Date) bool {
	return d.Year == o.Year && (d.Month == 0 || d.Month == o.Month) && (d.Day == 0 || d.Day == o.Day)
}
