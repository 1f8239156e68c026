package check

import (
	"fmt"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// trust checks what readers are told of how we know each claim: a
// disputed claim says why (its note), and a quote whose only source is a
// machine translation says that its words are translated.
func trust(site *content.Site, l *diag.List) {
	for _, p := range site.Pages {
		if p.Invalid {
			continue // its front matter could not be read; the build said why
		}
		disputed := func(kind string, st content.Status, note string, pos diag.Pos) {
			if st == content.StatusDisputed && note == "" && decoded(pos) {
				add(l, pos, diag.Warning, RuleStatus, fmt.Sprintf("disputed %s has no note; add \"note: ...\" saying who disputes it and on what grounds", kind))
			}
		}
		for _, q := range p.Quotes {
			disputed("quote", q.Status, q.Note, q.Pos)
			src := site.Source(q.Source.ID)
			if src != nil && src.Kind == content.SourceTranslation && !q.Translated && decoded(q.Pos) {
				add(l, q.Pos, diag.Warning, RuleTranslation, fmt.Sprintf("quote rests only on a machine translation (source %q); add \"translated: true\" to the quote, or cite the words in their original language", src.ID))
			}
		}
		for _, e := range p.Events {
			disputed("event", e.Status, e.Note, e.Pos)
		}
		for _, f := range p.Figures {
			disputed("figure", f.Status, f.Note, f.Pos)
		}
	}
}
