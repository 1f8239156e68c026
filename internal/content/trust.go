package content

import (
	"fmt"
	"strings"

	"github.com/briefing-dev/briefing/internal/diag"
)

// This file holds the trust model: what kind of source a claim rests on,
// the status a reader is shown for each quote, event and figure, the
// corrections a page records, and the type of work a page is. See
// docs/trust.md for the rules in editors' words.

// SourceKind says what a source is, which decides how far a claim resting
// on it can be trusted without a declared status.
type SourceKind string

// The source kinds, as written after "kind:".
const (
	SourceNews        SourceKind = "news"                // a news report
	SourceTranslation SourceKind = "machine-translation" // a machine translation of a news report
	SourceOfficial    SourceKind = "official"            // an official statement or transcript
	SourceRecord      SourceKind = "record"              // a public record
	SourceAnalysis    SourceKind = "analysis"            // analysis or commentary
)

// SourceKinds lists the source kinds in the order messages name them.
var SourceKinds = []SourceKind{SourceNews, SourceTranslation, SourceOfficial, SourceRecord, SourceAnalysis}

// Valid reports whether k is one of SourceKinds.
func (k SourceKind) Valid() bool { return oneOf(k, SourceKinds) }

// Label is the source kind as readers see it.
func (k SourceKind) Label() string {
	switch k {
	case SourceNews:
		return "News report"
	case SourceTranslation:
		return "Machine translation"
	case SourceOfficial:
		return "Official statement"
	case SourceRecord:
		return "Public record"
	case SourceAnalysis:
		return "Analysis"
	}
	return ""
}

// Status is how well a claim is established.
type Status string

// The statuses, as written after "status:".
const (
	StatusConfirmed  Status = "confirmed"  // on the record, or independently confirmed
	StatusReported   Status = "reported"   // reported by a source, not confirmed
	StatusDisputed   Status = "disputed"   // contested by a party or another source
	StatusUnverified Status = "unverified" // no source we can point to
)

// Statuses lists the statuses in the order messages name them.
var Statuses = []Status{StatusConfirmed, StatusReported, StatusDisputed, StatusUnverified}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return oneOf(s, Statuses) }

// Label is the status as readers see it on a badge.
func (s Status) Label() string {
	switch s {
	case StatusConfirmed:
		return "Confirmed"
	case StatusReported:
		return "Reported"
	case StatusDisputed:
		return "Disputed"
	case StatusUnverified:
		return "Unverified"
	}
	return ""
}

// DefaultStatus is the status of a claim that declares none, from its
// source: no source (or one that is not declared) makes it unverified; a
// public record confirms it; an official statement or transcript confirms
// a quote (the words were said) but only reports an event or a figure
// (one party's account); a news report, a machine translation or an
// analysis reports it.
func DefaultStatus(src *Source, quote bool) Status {
	if src == nil {
		return StatusUnverified
	}
	switch src.Kind {
	case SourceRecord:
		return StatusConfirmed
	case SourceOfficial:
		if quote {
			return StatusConfirmed
		}
	}
	return StatusReported
}

// Trust is what a reader is told of a claim: its status (declared or
// from its source), whether it was declared, the editor's "how we know"
// note, the kind of its source and the corrections that concern it.
type Trust struct {
	Status      Status
	Declared    bool
	Note        string
	Source      SourceKind
	Corrections []Correction
	// Corrected is the date of the latest correction, or the zero Date.
	// It is a field, made with the trust, because the partials of every
	// claim test it: a template reads a field without a reflective call.
	Corrected Date
}

// claimTrust returns the Trust of a claim with the given declared status,
// note and corrections, resting on src (nil when it names none or an
// unknown one). quote says whether the claim is a quote (DefaultStatus).
func claimTrust(status Status, note string, cs []Correction, src *Source, quote bool) Trust {
	t := Trust{Status: status, Declared: status != "", Note: note, Corrections: cs}
	for _, c := range cs {
		if c.Date.Compare(t.Corrected) > 0 {
			t.Corrected = c.Date
		}
	}
	if !t.Declared {
		t.Status = DefaultStatus(src, quote)
	}
	if src != nil {
		t.Source = src.Kind
	}
	return t
}

// TrustOf returns what a reader is told of the quote, given the source
// its Source names (nil when none); templates call it as
// {{.TrustOf (source .Source.ID)}}, so that the read of the source is
// noted.
func (q Quote) TrustOf(src *SourceRef) Trust {
	return claimTrust(q.Status, q.Note, q.Corrections, sourceOf(src), true)
}

// TrustOf returns what a reader is told of the event; see Quote.TrustOf.
func (e Event) TrustOf(src *SourceRef) Trust {
	return claimTrust(e.Status, e.Note, e.Corrections, sourceOf(src), false)
}

// TrustOf returns what a reader is told of the figure; see Quote.TrustOf.
func (f Figure) TrustOf(src *SourceRef) Trust {
	return claimTrust(f.Status, f.Note, f.Corrections, sourceOf(src), false)
}

func sourceOf(r *SourceRef) *Source {
	if r == nil {
		return nil
	}
	return &r.Source
}

// ClaimList names a page's list of claims.
type ClaimList string

// The lists a correction may point into.
const (
	ListQuotes  ClaimList = "quotes"
	ListEvents  ClaimList = "events"
	ListFigures ClaimList = "figures"
)

// ClaimRef points to one claim of a page: "events[2]" is the second event
// as written in the front matter (counting from 1, like the messages do).
// The zero ClaimRef points to the page as a whole.
type ClaimRef struct {
	List  ClaimList
	Index int
	Pos   diag.Pos
}

// String returns the reference as written: "events[2]", or "" for the page.
func (r ClaimRef) String() string {
	if r.List == "" {
		return ""
	}
	return fmt.Sprintf("%s[%d]", r.List, r.Index)
}

// Correction is an entry of a page's "corrections:" list: on Date, what
// was wrong (Was) became what is right (Now), in the claim Claim names.
type Correction struct {
	Date  Date
	Was   string
	Now   string
	Claim ClaimRef
	// ID is the correction's anchor on its page and the last part of its
	// feed entry's id: "correction-DATE", then "-2", "-3" for further
	// corrections of one day on the page, in the order written. It stays
	// the same as long as corrections are only appended.
	ID  string
	Pos diag.Pos
}

// WorkType says what kind of work a page is.
type WorkType string

// The types of work, as written after "type:".
const (
	WorkNews      WorkType = "news"
	WorkAnalysis  WorkType = "analysis"
	WorkExplainer WorkType = "explainer"
	WorkProfile   WorkType = "profile"
)

// WorkTypes lists the types of work in the order messages name them.
var WorkTypes = []WorkType{WorkNews, WorkAnalysis, WorkExplainer, WorkProfile}

// Valid reports whether w is one of WorkTypes.
func (w WorkType) Valid() bool { return oneOf(w, WorkTypes) }

// Label is the type as readers see it near the title; "" when none.
func (w WorkType) Label() string {
	switch w {
	case WorkNews:
		return "News"
	case WorkAnalysis:
		return "Analysis"
	case WorkExplainer:
		return "Explainer"
	case WorkProfile:
		return "Profile"
	}
	return ""
}

// SchemaType is the schema.org type of an article of this type:
// AnalysisNewsArticle for analysis, BackgroundNewsArticle for explainers
// and profiles, NewsArticle for news and for a page that says nothing.
func (w WorkType) SchemaType() string {
	switch w {
	case WorkAnalysis:
		return "AnalysisNewsArticle"
	case WorkExplainer, WorkProfile:
		return "BackgroundNewsArticle"
	}
	return "NewsArticle"
}

// Presence is the third state of AtTable: where a person who was not at
// the table was.
type Presence string

// The values of "at_table: {present: ...}".
const (
	PresentYes     Presence = "yes"     // at the table
	PresentNo      Presence = "no"      // not there
	PresentOutside Presence = "outside" // in the city (at the venue), not at the table
)

// State returns the person's presence: PresentYes, PresentNo or
// PresentOutside.
func (a AtTable) State() Presence {
	switch {
	case a.Present:
		return PresentYes
	case a.Outside:
		return PresentOutside
	}
	return PresentNo
}

// Absence is why someone was not there ("at_table: {present: no,
// reason: ...}"); the empty Absence gives no reason.
type Absence string

// The values of "at_table.reason".
const (
	AbsentNotInvited  Absence = "not-invited"  // was not invited
	AbsentAway        Absence = "absent"       // expected, or in the role to be there, but absent
	AbsentNotInvolved Absence = "not-involved" // not part of the talks at all
)

// Absences are the reasons in the order readers see them.
var Absences = []Absence{AbsentNotInvited, AbsentAway, AbsentNotInvolved}

// Label is the reason as readers see it; "" for no reason.
func (r Absence) Label() string {
	switch r {
	case AbsentNotInvited:
		return "Not invited"
	case AbsentAway:
		return "Absent"
	case AbsentNotInvolved:
		return "Not part of the talks"
	}
	return ""
}

// Label is the presence as readers see it: for someone who was not
// there, the reason when one is given.
func (a AtTable) Label() string {
	switch a.State() {
	case PresentYes:
		return "At the table"
	case PresentOutside:
		return "Present, not at the table"
	}
	if l := a.Reason.Label(); l != "" {
		return l
	}
	return "Not at the table"
}

func oneOf[T comparable](v T, list []T) bool {
	for _, x := range list {
		if v == x {
			return true
		}
	}
	return false
}

// ClaimTitle names, for readers, the claim a correction of p concerns: a
// quote's first words, an event's title or a figure's label, with what it
// is ("the event “Delegations arrive”"); "" for a correction of the page
// as a whole. It finds the claim by the correction attached to it, so it
// does not depend on the order events are sorted in.
func (p *Page) ClaimTitle(c Correction) string {
	has := func(cs []Correction) bool {
		for _, x := range cs {
			if x.ID == c.ID {
				return true
			}
		}
		return false
	}
	switch c.Claim.List {
	case ListQuotes:
		for _, q := range p.Quotes {
			if has(q.Corrections) {
				return "the quote “" + ClipWords(q.Text, 12) + "”"
			}
		}
	case ListEvents:
		for _, e := range p.Events {
			if has(e.Corrections) {
				return "the event “" + e.Title + "”"
			}
		}
	case ListFigures:
		for _, f := range p.Figures {
			if has(f.Corrections) {
				return "the figure “" + f.Value + " " + f.Label + "”"
			}
		}
	}
	return ""
}

// ClipWords returns the first n words of s, with "…" when it cut any.
func ClipWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) <= n {
		return strings.Join(words, " ")
	}
	return strings.Join(words[:n], " ") + "…"
}
