package parse

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/markdown"
)

func TestTrustErrors(t *testing.T) {
	md := markdown.New()
	tests := []struct {
		name  string
		path  string
		front string
		want  []string
	}{
		{
			name:  "unknown type of work",
			front: "title: T\ntype: opinion\n",
			want:  []string{`content/t.md:3:7: type "opinion" is not a type of work; use news, analysis, explainer or profile`},
		},
		{
			name:  "unknown source kind",
			front: "title: T\nsources:\n  - id: a\n    title: A\n    kind: blog\n",
			want:  []string{`content/t.md:6:11: sources[1].kind "blog" is not a source kind; use news, machine-translation, official, record or analysis`},
		},
		{
			name:  "unknown status",
			front: "title: T\nfigures:\n  - value: \"1\"\n    label: L\n    status: likely\n",
			want:  []string{`content/t.md:6:13: figures[1].status "likely" is not a status; use confirmed, reported, disputed or unverified`},
		},
		{
			name:  "correction without its parts",
			front: "title: T\ncorrections:\n  - claim: events[1]\nevents:\n  - date: 2025\n    title: E\n",
			want: []string{
				`content/t.md:4:5: corrections[1] has no date; add "date: ..."`,
				`content/t.md:4:5: corrections[1] has no was; add "was: ..."`,
				`content/t.md:4:5: corrections[1] has no now; add "now: ..."`,
			},
		},
		{
			name:  "claim of the wrong form",
			front: "title: T\ncorrections:\n  - {date: 2025-02-20, was: a, now: b, claim: \"the third event\"}\n",
			want:  []string{`content/t.md:4:47: corrections[1].claim "the third event" must name a claim of this page as quotes[N], events[N] or figures[N], counting from 1 as written`},
		},
		{
			name:  "claim out of range",
			front: "title: T\ncorrections:\n  - date: 2025-02-20\n    was: a\n    now: b\n    claim: events[2]\nevents:\n  - date: 2025\n    title: E\n",
			want:  []string{`content/t.md:7:12: corrections[1].claim "events[2]": this page has 1 event; count from 1 in the order written`},
		},
		{
			name:  "unknown key in a correction",
			front: "title: T\ncorrections:\n  - date: 2025-02-20\n    was: a\n    right: b\n",
			want: []string{
				`content/t.md:6:5: unknown key "right" in corrections[1]`,
				`content/t.md:4:5: corrections[1] has no now; add "now: ..."`,
			},
		},
		{
			name:  "presence outside is fine",
			path:  "content/participants/x.md",
			front: "name: X\nside: us\nat_table:\n  present: outside\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if path == "" {
				path = "content/t.md"
			}
			if got, want := diagLines(md, path, tc.front, "", false), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("Page(%q) diagnostics:\n%s\nwant:\n%s", tc.front, got, want)
			}
		})
	}
}

func TestTrustDecodes(t *testing.T) {
	front := `title: Talks
type: analysis
sources:
  - id: tr
    title: Translated
    kind: machine-translation
    language: en
quotes:
  - by: a
    text: "Words"
    source: tr
    translated: yes
    status: disputed
    note: "Denied the next day."
events:
  - date: 2025-02-19
    title: Later
  - date: 2025-02-18
    title: Earlier
    note: "The public record."
corrections:
  - date: 2025-02-20
    was: "Dated 19 February."
    now: "18 February."
    claim: events[2]
  - date: 2025-02-20
    was: "x"
    now: "y"
`
	p, _, diags := Page(file("content/talks.md", front, ""), "participants", markdown.New())
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"type", p.Type, content.WorkAnalysis},
		{"kind", p.Sources[0].Kind, content.SourceTranslation},
		{"language", p.Sources[0].Language, "en"},
		{"translated", p.Quotes[0].Translated, true},
		{"status", p.Quotes[0].Status, content.StatusDisputed},
		{"note", p.Quotes[0].Note, "Denied the next day."},
		// events[2] as written is the 18 February event, first once sorted.
		{"corrected event", p.Events[0].Title, "Earlier"},
		{"its corrections", len(p.Events[0].Corrections), 1},
		{"the other event's", len(p.Events[1].Corrections), 0},
		{"claim", p.Corrections[0].Claim.String(), "events[2]"},
		{"claim line", p.Corrections[0].Claim.Pos.Line, 26},
		{"page corrections", len(p.Corrections), 2},
		{"first id", p.Corrections[0].ID, "correction-2025-02-20"},
		{"second id", p.Corrections[1].ID, "correction-2025-02-20-2"},
		{"page-wide claim", p.Corrections[1].Claim.String(), ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v; want %v", c.name, c.got, c.want)
		}
	}
}

func TestPresence(t *testing.T) {
	for _, tc := range []struct {
		present string
		want    content.Presence
	}{{"yes", content.PresentYes}, {"true", content.PresentYes}, {"no", content.PresentNo}, {"off", content.PresentNo}, {"outside", content.PresentOutside}} {
		front := "name: X\nside: us\nat_table:\n  present: " + tc.present + "\n"
		p, _, diags := Page(file("content/participants/x.md", front, ""), "participants", markdown.New())
		if len(diags) != 0 {
			t.Fatalf("present: %s: unexpected diagnostics:\n%s", tc.present, diags.Error())
		}
		if got := p.Person.AtTable.State(); got != tc.want {
			t.Errorf("present: %s: State() = %q; want %q", tc.present, got, tc.want)
		}
	}
}

func TestDefaultStatus(t *testing.T) {
	tests := []struct {
		kind  content.SourceKind
		quote bool
		want  content.Status
	}{
		{content.SourceNews, false, content.StatusReported},
		{content.SourceTranslation, true, content.StatusReported},
		{content.SourceOfficial, true, content.StatusConfirmed},
		{content.SourceOfficial, false, content.StatusReported},
		{content.SourceRecord, false, content.StatusConfirmed},
		{content.SourceAnalysis, false, content.StatusReported},
		{"", false, content.StatusReported},
	}
	for _, tc := range tests {
		if got := content.DefaultStatus(&content.Source{Kind: tc.kind}, tc.quote); got != tc.want {
			t.Errorf("DefaultStatus(%q, quote=%v) = %q; want %q", tc.kind, tc.quote, got, tc.want)
		}
	}
	if got := content.DefaultStatus(nil, true); got != content.StatusUnverified {
		t.Errorf("DefaultStatus(nil) = %q; want %q", got, content.StatusUnverified)
	}
}
