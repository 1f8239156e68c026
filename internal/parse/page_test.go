package parse

import (
	"fmt"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/markdown"
)

// file builds a content.File whose front matter starts on line 2 and whose
// body follows the closing line, as load makes them.
func file(path, front, body string) content.File {
	return content.File{
		Path: path, Front: []byte(front), FrontLine: 2,
		Body: []byte(body), BodyLine: 3 + strings.Count(front, "\n"),
	}
}

func TestPageErrors(t *testing.T) {
	md := markdown.New()
	tests := []struct {
		name  string
		path  string
		front string
		body  string
		want  []string // exact diagnostics
	}{
		{
			name:  "unknown key with hint",
			path:  "content/talks.md",
			front: "title: Talks\nsumary: typo\n",
			want:  []string{`content/talks.md:3:1: unknown key "sumary"; did you mean "summary"?`},
		},
		{
			name:  "bad date in a list",
			path:  "content/talks.md",
			front: "title: Talks\nevents:\n  - date: 2025-02-30\n    title: X\n",
			want:  []string{`content/talks.md:4:11: events[1].date: "2025-02-30" is not a real date; date must be YYYY, YYYY-MM or YYYY-MM-DD`},
		},
		{
			name:  "too many footnotes",
			path:  "content/talks.md",
			front: "title: Talks\n",
			body:  strings.Repeat("A claim.[^n]\n", markdown.MaxFootnoteMarks) + "\nOne more.[^n]\n\n[^n]: The note.\n",
			want:  []string{fmt.Sprintf(`content/talks.md:%d:10: the body has %d footnote marks ([^...]); the limit is %d a page, since footnotes take time that grows with the square of their number: split the page, or cite sources in the front matter`, 5+markdown.MaxFootnoteMarks, markdown.MaxFootnoteMarks+2, markdown.MaxFootnoteMarks)},
		},
		{
			name:  "date form",
			path:  "content/talks.md",
			front: "title: Talks\ndate: 18 Feb 2025\n",
			want:  []string{`content/talks.md:3:7: date: not a date; date must be YYYY, YYYY-MM or YYYY-MM-DD`},
		},
		{
			name:  "scalar where a list is expected",
			path:  "content/talks.md",
			front: "title: Talks\nparticipants: marco-rubio\n",
			want:  []string{`content/talks.md:3:15: participants must be a list (lines starting with "- "), found "marco-rubio"`},
		},
		{
			name:  "participant listed twice",
			path:  "content/talks.md",
			front: "title: Talks\nparticipants: [a, b, a]\n",
			want:  []string{`content/talks.md:3:22: participants[3]: "a" is already listed as participants[1]; remove the repeat`},
		},
		{
			name:  "a wrong title is not also a missing one",
			path:  "content/talks.md",
			front: "title: [a, b]\n",
			want:  []string{`content/talks.md:2:8: title must be text, found a list`},
		},
		{
			name:  "a wrong name is not also a missing one",
			path:  "content/participants/x.md",
			front: "name: {a: b}\nside: us\nat_table: {present: yes}\n",
			want:  []string{`content/participants/x.md:2:7: name must be text, found a set of keys`},
		},
		{
			name:  "duplicate key",
			path:  "content/talks.md",
			front: "title: Talks\ntitle: Again\n",
			want:  []string{`content/talks.md:3:1: duplicate key "title" (first at line 2); keep one`},
		},
		{
			name:  "unclosed quote",
			path:  "content/talks.md",
			front: "title: \"Talks\nsummary: x\n",
			want:  []string{`content/talks.md:4: invalid YAML: found unexpected end of stream; check for an unclosed quote or bracket`},
		},
		{
			name:  "tab indentation",
			path:  "content/talks.md",
			front: "title: Talks\nquotes:\n\t- by: x\n",
			want:  []string{`content/talks.md:4: invalid YAML: found character that cannot start any token; YAML indents with spaces, not tabs: replace the tab`},
		},
		{
			name:  "missing title",
			path:  "content/talks.md",
			front: "summary: x\n",
			want:  []string{`content/talks.md:1:1: page has no title; add "title: ..." to its front matter`},
		},
		{
			name:  "person keys on a topic",
			path:  "content/talks.md",
			front: "title: Talks\nside: us\n",
			want:  []string{`content/talks.md:3:1: "side" belongs on person pages (content/<people section>/<id>.md) only; remove it here`},
		},
		{
			name:  "person without side",
			path:  "content/participants/x.md",
			front: "name: X\nat_table: {present: no}\n",
			want:  nil, // people with no side are grouped as "Others"
		},
		{
			name:  "bool that is not",
			path:  "content/participants/x.md",
			front: "name: X\nside: us\nat_table:\n  present: maybe\n",
			want:  []string{`content/participants/x.md:5:12: at_table.present must be yes, no or outside (there, but not at the table), not "maybe"`},
		},
		{
			name:  "alias",
			path:  "content/talks.md",
			front: "title: &t Talks\nsummary: *t\n",
			want:  []string{`content/talks.md:3:10: summary: YAML aliases (*t) are not supported here; write the value out in full`},
		},
		{
			name:  "quote without text, source url scheme",
			path:  "content/talks.md",
			front: "title: T\nquotes:\n  - by: a\nsources:\n  - id: s\n    title: S\n    url: javascript:alert(1)\n",
			want: []string{
				`content/talks.md:4:5: quotes[1] has no text; add "text: ..."`,
				`content/talks.md:6:5: source "s": url "javascript:alert(1)" must be an absolute http:// or https:// address`,
			},
		},
		{
			name:  "takeaways off the home page",
			path:  "content/talks.md",
			front: "title: T\ntakeaways:\n  - text: x\n    page: y\n",
			want:  []string{`content/talks.md:3:1: "takeaways" belongs on the home page (content/_index.md) only; move it there`},
		},
		{
			name:  "non-ASCII columns count runes",
			path:  "content/talks.md",
			front: "title: Переговоры\nсводка: x\n",
			want:  []string{`content/talks.md:3:1: unknown key "сводка"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got, want := diagLines(md, tc.path, tc.front, tc.body, true), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("Page(%q) diagnostics:\n%s\nwant:\n%s", tc.front, got, want)
			}
		})
	}
}

func TestPageDecodes(t *testing.T) {
	front := `name: "Sergei Lavrov"
role: Foreign Minister
side: russia
at_table:
  present: yes
  note: led the delegation
aliases: [Lavrov]
quotes:
  - by: sergei-lavrov
    text: "Words"
    date: 2025-02
    source: article
weight: 3
`
	p, b, diags := Page(file("content/participants/sergei-lavrov.md", front, "## Биография\n\nText with [a link](../talks.md#x).\n"), "participants", markdown.New())
	headings, err := b.Headings()
	if err != nil || len(headings) == 0 {
		t.Fatalf("headings: %v, %v", headings, err)
	}
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	html, _ := b.HTML()
	if !strings.Contains(html, `<h2 id="биография">`) || !strings.Contains(html, `href="../../talks/#x"`) {
		t.Errorf("Body = %q; want the heading with its id and the link relative to the page", html)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"kind", p.Kind, content.KindPerson},
		{"id", p.ID, "participants/sergei-lavrov"},
		{"url", p.URL, "participants/sergei-lavrov/"},
		{"title from name", p.Title, "Sergei Lavrov"},
		{"side", p.Person.Side.ID, "russia"},
		{"side line", p.Person.Side.Pos.Line, 4},
		{"present", p.Person.AtTable.Present, true},
		{"note", p.Person.AtTable.Note, "led the delegation"},
		{"alias", p.Person.Aliases[0], "Lavrov"},
		{"quote date", p.Quotes[0].Date, content.Date{Year: 2025, Month: 2}},
		{"quote source line", p.Quotes[0].Source.Pos.Line, 13},
		{"quote pos", p.Quotes[0].Pos.Line, 10},
		{"weight", p.Weight, 3},
		{"heading id keeps Cyrillic", headings[0].ID, "биография"},
		{"link dest", b.Links[0].Dest, "../talks.md#x"},
		{"link line counts front matter", b.Links[0].Pos.Line, 18},
		{"link col", b.Links[0].Pos.Col, 11},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v; want %v", c.name, c.got, c.want)
		}
	}
}

func TestPlacePage(t *testing.T) {
	tests := []struct {
		file string
		kind content.Kind
		id   string
		url  string
	}{
		{"content/_index.md", content.KindHome, "", ""},
		{"content/talks.md", content.KindTopic, "talks", "talks/"},
		{"content/participants/_index.md", content.KindPeople, "participants", "participants/"},
		{"content/participants/a.md", content.KindPerson, "participants/a", "participants/a/"},
		{"content/notes/_index.md", content.KindSection, "notes", "notes/"},
		{"content/notes/n.md", content.KindPage, "notes/n", "notes/n/"},
		{"content/Meeting notes.md", content.KindTopic, "meeting-notes", "meeting-notes/"},
		{"content/My Notes/_index.md", content.KindSection, "my-notes", "my-notes/"},
		{"content/Participants/Jane Doe.md", content.KindPerson, "participants/jane-doe", "participants/jane-doe/"},
	}
	for _, tc := range tests {
		p := &content.Page{File: tc.file}
		placePage(p, "participants")
		if p.Kind != tc.kind || p.ID != tc.id || p.URL != tc.url {
			t.Errorf("placePage(%q) = %s %q %q; want %s %q %q", tc.file, p.Kind, p.ID, p.URL, tc.kind, tc.id, tc.url)
		}
	}
}

// TestInvalidFile holds that a file load could not read becomes a page
// known by its place, with no data and no diagnostics of its own.
func TestInvalidFile(t *testing.T) {
	for _, path := range []string{"content/x.md", "content/participants/x.md", "content/_index.md"} {
		p, _, l := Page(content.File{Path: path, Invalid: true}, "participants", markdown.New())
		if len(l) != 0 || p == nil || !p.Invalid {
			t.Fatalf("Page(invalid %s) = %+v, %v; want an Invalid page and no diagnostics", path, p, l)
		}
		if p.Kind == content.KindPerson && p.Person == nil {
			t.Errorf("Page(invalid %s) has no Person", path)
		}
	}
	p, _, _ := Page(file("content/participants/x.md", "- a list\n", ""), "participants", markdown.New())
	if !p.Invalid || p.Person == nil {
		t.Errorf("a person page whose front matter is a list: Invalid %v, Person %v; want true, empty", p.Invalid, p.Person)
	}
}

// diagLines parses one file and returns its diagnostics as printed, the
// errors only when errorsOnly is set.
func diagLines(md *markdown.Markdown, path, front, body string, errorsOnly bool) string {
	_, _, diags := Page(file(path, front, body), "participants", md)
	var got []string
	for _, d := range diags {
		if !errorsOnly || d.Severity == diag.Error {
			got = append(got, d.String())
		}
	}
	return strings.Join(got, "\n")
}
