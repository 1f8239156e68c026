package content

import "github.com/briefing-dev/briefing/internal/diag"

// Outcome is what a topic page says came of its topic ("outcome: {status:
// agreed, next: ..., owner: ..., deadline: ..., updated: ...}"): the
// scorecard's row for the topic.
type Outcome struct {
	Status OutcomeStatus
	// Next is the next step, in the editor's words; may be empty.
	Next string
	// Owner is who owns the next step: a person id when it names one of
	// the site's people (Site.Person finds it), else free text ("both
	// foreign ministries"). Its Pos is where it is written.
	Owner Ref
	// Deadline is when the next step is due; Updated when the editor last
	// checked the outcome. Either may be zero.
	Deadline Date
	Updated  Date
	Pos      diag.Pos
}

// OutcomeStatus says how far a topic got: agreed, to be discussed, or not
// addressed at all.
type OutcomeStatus string

// The values of "outcome.status".
const (
	OutcomeAgreed       OutcomeStatus = "agreed"          // the sides agreed on it
	OutcomeToDiscuss    OutcomeStatus = "to-be-discussed" // raised, left for later talks
	OutcomeNotAddressed OutcomeStatus = "not-addressed"   // not taken up
)

// OutcomeStatuses are the statuses in the order readers see them.
var OutcomeStatuses = []OutcomeStatus{OutcomeAgreed, OutcomeToDiscuss, OutcomeNotAddressed}

// Valid reports whether s is one of OutcomeStatuses.
func (s OutcomeStatus) Valid() bool { return oneOf(s, OutcomeStatuses) }

// Label is the status as readers see it: "Agreed", "To be discussed",
// "Not addressed".
func (s OutcomeStatus) Label() string {
	switch s {
	case OutcomeAgreed:
		return "Agreed"
	case OutcomeToDiscuss:
		return "To be discussed"
	case OutcomeNotAddressed:
		return "Not addressed"
	}
	return ""
}

// Due returns the last day by which the deadline is met: the deadline
// itself for an exact date, the last day of its month or year for one
// written as "YYYY-MM" or "YYYY"; the zero Date when there is none.
func (o *Outcome) Due() Date {
	d := o.Deadline
	switch {
	case d.IsZero() || d.Day != 0:
		return d
	case d.Month == 0:
		return Date{Year: d.Year, Month: 12, Day: 31}
	}
	last := Date{Year: d.Year, Month: d.Month + 1, Day: 1}.Time().AddDate(0, 0, -1)
	return Date{Year: d.Year, Month: d.Month, Day: last.Day()}
}
