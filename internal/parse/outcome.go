package parse

import (
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// outcomeFM is "outcome:" as written: the status is a Ref, so that a wrong
// value is reported where it is written.
type outcomeFM struct {
	Status   content.Ref
	Next     string
	Owner    content.Ref
	Deadline content.Date
	Updated  content.Date
	Pos      diag.Pos
}

// outcome checks a topic page's "outcome:" and returns it, or nil when
// there is none or its status is missing or wrong (the page then shows no
// scorecard row rather than a guessed one). On any other page it is an
// error.
func outcome(p *content.Page, o *outcomeFM, keys map[string]diag.Pos, l *diag.List) *content.Outcome {
	if o == nil {
		return nil
	}
	pos := keyPos(keys, "outcome", o.Pos)
	if p.Kind != content.KindTopic {
		l.Errorf(pos, "\"outcome\" belongs on topic pages (content/<name>.md) only; remove it here")
		return nil
	}
	out := &content.Outcome{Next: strings.TrimSpace(o.Next), Deadline: o.Deadline, Updated: o.Updated, Pos: o.Pos,
		Owner: content.Ref{ID: strings.TrimSpace(o.Owner.ID), Pos: o.Owner.Pos}}
	status := strings.TrimSpace(o.Status.ID)
	switch {
	case status == "":
		if !p.Faulty["outcome"] {
			at := o.Pos
			if o.Status.Pos.File != "" {
				at = o.Status.Pos
			}
			l.Errorf(at, "outcome has no status; add \"status: %s\"", list(content.OutcomeStatuses))
		}
		return nil
	case !content.OutcomeStatus(status).Valid():
		names := make([]string, len(content.OutcomeStatuses))
		for i, s := range content.OutcomeStatuses {
			names[i] = string(s)
		}
		l.Errorf(o.Status.Pos, "outcome.status must be %s, not %q%s", list(content.OutcomeStatuses), o.Status.ID, diag.Hint(status, names))
		return nil
	}
	out.Status = content.OutcomeStatus(status)
	return out
}
