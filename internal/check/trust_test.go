package check

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

func TestTrust(t *testing.T) {
	at := func(line int) diag.Pos { return diag.Pos{File: "content/talks.md", Line: line, Col: 5} }
	talks := &content.Page{ID: "talks", Kind: content.KindTopic, File: "content/talks.md",
		Sources: []content.Source{
			{ID: "mt", Title: "Translated report", Kind: content.SourceTranslation},
			{ID: "wire", Title: "Wire report", Kind: content.SourceNews},
		},
		Quotes: []content.Quote{
			{By: content.Ref{ID: "a"}, Text: "One", Source: content.Ref{ID: "mt"}, Pos: at(10)},
			{By: content.Ref{ID: "a"}, Text: "Two", Source: content.Ref{ID: "mt"}, Translated: true, Pos: at(14)},
			{By: content.Ref{ID: "a"}, Text: "Three", Source: content.Ref{ID: "wire"}, Status: content.StatusDisputed, Pos: at(18)},
			{By: content.Ref{ID: "a"}, Text: "Four", Source: content.Ref{ID: "wire"}, Status: content.StatusDisputed, Note: "Denied.", Pos: at(22)},
		},
		Events:  []content.Event{{Title: "E", Status: content.StatusDisputed, Pos: at(30)}},
		Figures: []content.Figure{{Value: "1", Label: "L", Status: content.StatusReported, Pos: at(40)}},
	}
	site := &content.Site{Pages: []*content.Page{talks},
		Sources: []content.SourceRef{{Source: talks.Sources[0], Page: talks}, {Source: talks.Sources[1], Page: talks}}}
	site.SetIndex(content.SiteIndex{Sources: map[string]int{"mt": 0, "wire": 1}})
	var l diag.List
	trust(site, &l)
	var got []string
	for _, d := range l {
		got = append(got, d.Rule+": "+d.String())
	}
	want := []string{
		`translation: content/talks.md:10:5: warning: quote rests only on a machine translation (source "mt"); add "translated: true" to the quote, or cite the words in their original language`,
		`status: content/talks.md:18:5: warning: disputed quote has no note; add "note: ..." saying who disputes it and on what grounds`,
		`status: content/talks.md:30:5: warning: disputed event has no note; add "note: ..." saying who disputes it and on what grounds`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("trust findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
