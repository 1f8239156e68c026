package parse

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/strict"
)

// The trust keys: a source's kind, a claim's status, a page's type of work,
// its corrections and a person's presence. See docs/trust.md.

// correction is a "corrections:" entry as written: the claim it concerns
// is a Ref, so that its position is the value's.
type correction struct {
	Date  content.Date
	Was   string
	Now   string
	Claim content.Ref
	Pos   diag.Pos
}

// atTable is "at_table:" as written: present is yes, no or outside, read
// as a Ref so that a wrong value is reported where it is written.
type atTable struct {
	Present content.Ref
	Reason  content.Ref
	Note    string
}

// presence turns a written at_table into the page's AtTable. YAML's
// other spellings of yes and no (true, on, false, off) keep working.
func presence(a *atTable, l *diag.List) content.AtTable {
	out := content.AtTable{Note: a.Note}
	switch strings.ToLower(strings.TrimSpace(a.Present.ID)) {
	case "yes", "true", "on":
		out.Present = true
	case "no", "false", "off", "":
	case string(content.PresentOutside):
		out.Outside = true
	default:
		l.Errorf(a.Present.Pos, "at_table.present must be yes, no or outside (there, but not at the table), not %q", a.Present.ID)
	}
	if a.Reason.ID == "" {
		return out
	}
	r := content.Absence(strings.TrimSpace(a.Reason.ID))
	switch {
	case !slices.Contains(content.Absences, r):
		l.Errorf(a.Reason.Pos, "at_table.reason must be not-invited, absent or not-involved, not %q", a.Reason.ID)
	case out.Present || out.Outside:
		l.Errorf(a.Reason.Pos, "at_table.reason says why someone was not there; remove it, or set \"present: no\"")
	default:
		out.Reason = r
	}
	return out
}

// trustValues are the trust keys' values with their positions. They are
// decoded a second time only when one of them is wrong, so that its
// message points at the value, not at the start of its item.
type trustValues struct {
	Type    content.Ref
	Sources []struct{ Kind content.Ref }
	Quotes  []struct{ Status content.Ref }
	Events  []struct{ Status content.Ref }
	Figures []struct{ Status content.Ref }
}

// decodeTrustValues decodes f's trust values; every other key is unknown
// to trustValues, so the diagnostics are dropped: the first decoding has
// reported what is wrong.
func decodeTrustValues(f content.File) *trustValues {
	var v trustValues
	strict.Decode(f.Path, f.FrontLine, f.Front, &v)
	return &v
}

// valuePos returns the position of the i-th item's value in list (as
// written), or def when it cannot be found.
func valuePos[T any](list []T, i int, get func(T) content.Ref, def diag.Pos) diag.Pos {
	if i < len(list) {
		if r := get(list[i]); r.Pos.File != "" {
			return r.Pos
		}
	}
	return def
}

// trust checks the trust keys of a page that fill has filled, and attaches
// each correction to the claim it names. It runs before fill sorts the
// events, so "events[2]" is the second event as written.
func trust(p *content.Page, fm *frontMatter, keys map[string]diag.Pos, l *diag.List) {
	var vs *trustValues
	values := func() *trustValues {
		if vs == nil {
			vs = &trustValues{}
			if fm.values != nil {
				vs = fm.values()
			}
		}
		return vs
	}
	if p.Type != "" && !p.Type.Valid() {
		pos := keyPos(keys, "type", p.Pos)
		if r := values().Type; r.Pos.File != "" {
			pos = r.Pos
		}
		l.Errorf(pos, "type %q is not a type of work; use %s", p.Type, list(content.WorkTypes))
		p.Type = ""
	}
	for i, s := range p.Sources {
		if s.Kind != "" && !s.Kind.Valid() {
			pos := valuePos(values().Sources, i, func(v struct{ Kind content.Ref }) content.Ref { return v.Kind }, s.Pos)
			l.Errorf(pos, "sources[%d].kind %q is not a source kind; use %s", i+1, s.Kind, list(content.SourceKinds))
			p.Sources[i].Kind = ""
		}
	}
	status := func(st *content.Status, def diag.Pos, name string, i int, written []struct{ Status content.Ref }) {
		if *st != "" && !st.Valid() {
			pos := valuePos(written, i, func(v struct{ Status content.Ref }) content.Ref { return v.Status }, def)
			l.Errorf(pos, "%s[%d].status %q is not a status; use %s", name, i+1, *st, list(content.Statuses))
			*st = ""
		}
	}
	for i := range p.Quotes {
		if p.Quotes[i].Status != "" && !p.Quotes[i].Status.Valid() {
			status(&p.Quotes[i].Status, p.Quotes[i].Pos, "quotes", i, values().Quotes)
		}
	}
	for i := range p.Events {
		if p.Events[i].Status != "" && !p.Events[i].Status.Valid() {
			status(&p.Events[i].Status, p.Events[i].Pos, "events", i, values().Events)
		}
	}
	for i := range p.Figures {
		if p.Figures[i].Status != "" && !p.Figures[i].Status.Valid() {
			status(&p.Figures[i].Status, p.Figures[i].Pos, "figures", i, values().Figures)
		}
	}

	seen := map[string]int{}
	for i, c := range fm.Corrections {
		if c.Pos.File == "" {
			continue // strict has said why it could not be read
		}
		need(l, c.Pos, "corrections", i, "date", c.Date.String())
		need(l, c.Pos, "corrections", i, "was", c.Was)
		need(l, c.Pos, "corrections", i, "now", c.Now)
		cr := content.Correction{Date: c.Date, Was: strings.TrimSpace(c.Was), Now: strings.TrimSpace(c.Now), Pos: c.Pos}
		id := "correction"
		if !c.Date.IsZero() {
			id += "-" + c.Date.String()
		}
		if seen[id]++; seen[id] > 1 {
			id += fmt.Sprintf("-%d", seen[id])
		}
		cr.ID = id
		if c.Claim.ID != "" {
			ref, ok := claimRef(p, c.Claim, i, l)
			if !ok {
				continue
			}
			cr.Claim = ref
			switch ref.List {
			case content.ListQuotes:
				q := &p.Quotes[ref.Index-1]
				q.Corrections = append(q.Corrections, cr)
			case content.ListEvents:
				e := &p.Events[ref.Index-1]
				e.Corrections = append(e.Corrections, cr)
			case content.ListFigures:
				f := &p.Figures[ref.Index-1]
				f.Corrections = append(f.Corrections, cr)
			}
		}
		p.Corrections = append(p.Corrections, cr)
	}
}

// claimRef reads a correction's "claim: events[2]" and checks that the page
// has that claim.
func claimRef(p *content.Page, r content.Ref, i int, l *diag.List) (content.ClaimRef, bool) {
	counts := map[content.ClaimList]int{
		content.ListQuotes: len(p.Quotes), content.ListEvents: len(p.Events), content.ListFigures: len(p.Figures),
	}
	name, rest, ok := strings.Cut(strings.TrimSpace(r.ID), "[")
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	list := content.ClaimList(name)
	if _, known := counts[list]; !ok || !known || err != nil || !strings.HasSuffix(rest, "]") {
		l.Errorf(r.Pos, "corrections[%d].claim %q must name a claim of this page as quotes[N], events[N] or figures[N], counting from 1 as written", i+1, r.ID)
		return content.ClaimRef{}, false
	}
	if n < 1 || n > counts[list] {
		l.Errorf(r.Pos, "corrections[%d].claim %q: this page has %s; count from 1 in the order written", i+1, r.ID, claims(counts[list], name))
		return content.ClaimRef{}, false
	}
	return content.ClaimRef{List: list, Index: n, Pos: r.Pos}, true
}

// claims says how many items a claim list has: "no events", "1 event",
// "3 events".
func claims(n int, list string) string {
	switch n {
	case 0:
		return "no " + list
	case 1:
		return "1 " + strings.TrimSuffix(list, "s")
	}
	return fmt.Sprintf("%d %s", n, list)
}

// list names the allowed values for a message: "a, b or c".
func list[T ~string](vs []T) string {
	var b strings.Builder
	for i, v := range vs {
		switch {
		case i == len(vs)-1 && i > 0:
			b.WriteString(" or ")
		case i > 0:
			b.WriteString(", ")
		}
		b.WriteString(string(v))
	}
	return b.String()
}
