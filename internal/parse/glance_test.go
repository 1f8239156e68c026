package parse

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/markdown"
)

func TestGlanceAndReasonErrors(t *testing.T) {
	md := markdown.New()
	tests := []struct {
		name  string
		path  string
		front string
		want  []string
	}{
		{
			name:  "glance off the home page",
			path:  "content/t.md",
			front: "title: T\nglance:\n  when: today\n",
			want:  []string{`content/t.md:3:1: "glance" belongs on the home page (content/_index.md) only; move it there`},
		},
		{
			name:  "unknown glance key",
			front: "title: T\nglance:\n  when: today\n  who: us\n",
			want:  []string{`content/_index.md:5:3: unknown key "who" in glance; did you mean "when"?`},
		},
		{
			name:  "glance with no rows",
			front: "title: T\nglance:\n  when: \" \"\n",
			want:  []string{`content/_index.md:3:1: warning: glance has no rows; add when, where, who_met, agreed, left_open or absent, or remove it`},
		},
		{
			name:  "unknown reason",
			path:  "content/participants/x.md",
			front: "name: X\nside: us\nat_table:\n  present: no\n  reason: busy\n",
			want:  []string{`content/participants/x.md:6:11: at_table.reason must be not-invited, absent or not-involved, not "busy"`},
		},
		{
			name:  "reason for someone at the table",
			path:  "content/participants/x.md",
			front: "name: X\nside: us\nat_table:\n  present: yes\n  reason: absent\n",
			want:  []string{`content/participants/x.md:6:11: at_table.reason says why someone was not there; remove it, or set "present: no"`},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.path
			if path == "" {
				path = "content/_index.md"
			}
			if got, want := diagLines(md, path, tc.front, "", false), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("Page(%q) diagnostics:\n%s\nwant:\n%s", tc.front, got, want)
			}
		})
	}
}

func TestGlanceDecodes(t *testing.T) {
	front := "title: T\nglance:\n  when: \" Tuesday \"\n  who_met: \"A and B\"\n  left_open: \"C\"\n"
	p, _, diags := Page(file("content/_index.md", front, ""), "participants", markdown.New())
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	var got []string
	for _, r := range p.Glance.Rows() {
		got = append(got, r.Label+"="+r.Text)
	}
	if want := "When=Tuesday|Who met=A and B|Left open=C"; strings.Join(got, "|") != want {
		t.Errorf("Glance.Rows() = %q; want %q", strings.Join(got, "|"), want)
	}
}

func TestReason(t *testing.T) {
	front := "name: X\nside: us\nat_table:\n  present: no\n  reason: not-invited\n"
	p, _, diags := Page(file("content/participants/x.md", front, ""), "participants", markdown.New())
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	if got := p.Person.AtTable; got.Reason != content.AbsentNotInvited || got.Label() != "Not invited" || got.State() != content.PresentNo {
		t.Errorf("AtTable = %+v (label %q); want reason not-invited, label \"Not invited\", state no", got, got.Label())
	}
}
