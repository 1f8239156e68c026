package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// outcomes checks the topics' outcomes against the briefing's "as of"
// date, the newest date on any page or update (Site.Updated, the date the
// home page and the brief give as "last updated"): a deadline that date
// has passed needs an "updated" on or after the deadline, saying the
// editor looked again. No wall clock is read, so the same site always
// gives the same findings. It also warns about an owner written like a
// person id that names no one.
func outcomes(site *content.Site, l *diag.List) {
	asOf := site.Updated
	var ids []string
	for _, p := range site.People {
		ids = append(ids, p.PersonID)
	}
	slices.Sort(ids)
	for _, p := range site.Topics {
		o := p.Outcome
		if o == nil || p.Invalid {
			continue
		}
		if due := o.Due(); !due.IsZero() && !asOf.IsZero() && asOf.Compare(coarsen(due, asOf)) > 0 &&
			(o.Updated.IsZero() || coarsen(o.Updated, o.Deadline).Compare(o.Deadline) < 0) {
			since := "has no update since"
			if !o.Updated.IsZero() {
				since = fmt.Sprintf("was last updated %s, before it", o.Updated)
			}
			add(l, o.Pos, diag.Warning, RuleOutcome, fmt.Sprintf("outcome deadline %s has passed (the briefing is as of %s) and the outcome %s; say what came of it and add \"updated: YYYY-MM-DD\"", o.Deadline, asOf, since))
		}
		if id := o.Owner.ID; id != "" && idLike(id) && site.Person(id) == nil {
			add(l, o.Owner.Pos, diag.Warning, RuleOutcome, fmt.Sprintf("outcome.owner %q is written like a person id but names no one; write a person id, or the owner in words (\"Both foreign ministries\")%s", id, diag.Hint(id, ids)))
		}
	}
}

// coarsen returns d at the precision of ref: "2025-03-15" at the
// precision of "2025-03" is "2025-03".
func coarsen(d, ref content.Date) content.Date {
	if ref.Month == 0 {
		d.Month, d.Day = 0, 0
	} else if ref.Day == 0 {
		d.Day = 0
	}
	return d
}

// idLike reports whether s looks like an id rather than words: no spaces
// and no capitals.
func idLike(s string) bool {
	return !strings.ContainsAny(s, " \t") && strings.ToLower(s) == s
}
