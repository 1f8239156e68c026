// Package check holds the editorial checks: what an editor wants caught
// before readers do, beyond what the build itself refuses. It reads the
// resolved site, the rendered files and the loaded content files, and returns
// diagnostics; it sits beside render in the pipeline (build runs it on the
// render stage's in-memory output) and never writes, renders or parses
// Markdown itself. Every diagnostic it makes carries a Rule name (rules.go
// lists the build's rules too: together they are what "briefing check"
// reports).
//
// Size: check is over 500 lines because each editorial check is a file of
// its own (links, form, names and the name index, trust); they share the
// finding helpers and nothing else.
package check

import (
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// The rule names of the diagnostics this package makes, as printed by
// "briefing check --format json".
const (
	RuleLink        = "link"        // a link or #fragment that leads nowhere, or an unsafe link
	RuleTakeaways   = "takeaways"   // the home page's takeaways: 2 to 5, short
	RuleSource      = "source"      // a quote, event or figure that names no source
	RuleMention     = "mention"     // a person no page mentions
	RuleSummary     = "summary"     // a topic page without a summary
	RuleFutureDate  = "future-date" // an event dated after the page that reports it
	RuleNames       = "names"       // a name in prose that nearly matches a known person
	RuleStatus      = "status"      // a disputed claim that does not say why
	RuleTranslation = "translation" // a quote from a machine translation not marked translated
	RulePlacement   = "placement"   // a year- or month-only event among exact dates, not placed
	RuleOutcome     = "outcome"     // a topic's outcome: a deadline passed with no update, an owner id that names no one
)

// Rules lists every rule name this package uses, for documentation and for
// callers that tell the build's findings from the checks'.
var Rules = []string{RuleLink, RuleTakeaways, RuleSource, RuleMention, RuleSummary, RuleFutureDate, RuleNames, RuleStatus, RuleTranslation, RulePlacement, RuleOutcome}

// Site runs every editorial check over a resolved site. files are the
// rendered output (pages and static files; empty when rendering failed, in
// which case links are not checked); sources are the loaded content files,
// whose text is screened for misspelt names. Site only reads its arguments
// and may be called while nothing else changes them.
func Site(site *content.Site, rendered *Rendered, sources []content.File) diag.List {
	var l diag.List
	if site == nil {
		return l
	}
	form(site, &l)
	completeness(site, &l)
	trust(site, &l)
	placement(site, &l)
	outcomes(site, &l)
	unsafeLinks(site, rendered, &l)
	if rendered != nil && len(rendered.files) > 0 {
		links(site, rendered, &l)
	}
	l.Add(Names(site, sources)...)
	l.Sort()
	return l
}

// Names screens the site's files for names that nearly match a person's
// name or alias but are not one of them (rule names). Site runs it over
// the sources it is given; a caller may run it earlier instead, as soon as
// the site is resolved, and let go of the files' text.
func Names(site *content.Site, sources []content.File) diag.List {
	return NamesOf(site, len(sources), func(i int) content.File { return sources[i] })
}

// NamesOf is Names over n files, each got from file as it is screened,
// so that a caller may keep the files' text in another form until then.
func NamesOf(site *content.Site, n int, file func(i int) content.File) diag.List {
	var l diag.List
	names := personNames(site.People)
	for i := range n {
		f := file(i)
		screen(&l, f.Path, f.Front, f.FrontLine, names)
		screen(&l, f.Path, f.Body, f.BodyLine, names)
	}
	return l
}

// add appends a diagnostic with its rule.
func add(l *diag.List, pos diag.Pos, sev diag.Severity, rule, msg string) {
	l.Add(diag.Diagnostic{Pos: pos, Severity: sev, Rule: rule, Msg: msg})
}
