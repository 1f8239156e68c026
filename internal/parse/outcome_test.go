package parse

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/markdown"
)

func TestOutcomeErrors(t *testing.T) {
	md := markdown.New()
	tests := []struct {
		name  string
		path  string
		front string
		want  []string
	}{
		{
			name:  "misspelt status",
			front: "title: T\noutcome:\n  status: agred\n",
			want:  []string{`content/t.md:4:11: outcome.status must be agreed, to-be-discussed or not-addressed, not "agred"; did you mean "agreed"?`},
		},
		{
			name:  "status far from any",
			front: "title: T\noutcome:\n  status: maybe\n",
			want:  []string{`content/t.md:4:11: outcome.status must be agreed, to-be-discussed or not-addressed, not "maybe"`},
		},
		{
			name:  "no status",
			front: "title: T\noutcome:\n  next: \"talk again\"\n",
			want:  []string{`content/t.md:4:3: outcome has no status; add "status: agreed, to-be-discussed or not-addressed"`},
		},
		{
			name:  "unknown key",
			front: "title: T\noutcome:\n  status: agreed\n  due: 2025-03-01\n",
			want:  []string{`content/t.md:5:3: unknown key "due" in outcome`},
		},
		{
			name:  "bad deadline",
			front: "title: T\noutcome:\n  status: agreed\n  deadline: 2025-02-30\n",
			want:  []string{`content/t.md:5:13: outcome.deadline: "2025-02-30" is not a real date; date must be YYYY, YYYY-MM or YYYY-MM-DD`},
		},
		{
			name:  "off a topic page",
			path:  "content/_index.md",
			front: "title: T\noutcome:\n  status: agreed\n",
			want:  []string{`content/_index.md:3:1: "outcome" belongs on topic pages (content/<name>.md) only; remove it here`},
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

func TestOutcomeDecodes(t *testing.T) {
	front := "title: T\noutcome:\n  status: to-be-discussed\n  next: \" Teams meet \"\n  owner: marco-rubio\n  deadline: 2025-03\n  updated: 2025-02-20\n"
	p, _, diags := Page(file("content/t.md", front, ""), "participants", markdown.New())
	if len(diags) != 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diags.Error())
	}
	o := p.Outcome
	if o == nil {
		t.Fatal("Outcome = nil")
	}
	got := []string{string(o.Status), o.Status.Label(), o.Next, o.Owner.ID, o.Owner.Pos.String(), o.Deadline.String(), o.Due().String(), o.Updated.String()}
	want := []string{"to-be-discussed", "To be discussed", "Teams meet", "marco-rubio", "content/t.md:6:10", "2025-03", "2025-03-31", "2025-02-20"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Outcome = %q; want %q", got, want)
	}
}

func TestOutcomeDue(t *testing.T) {
	for _, tc := range []struct{ deadline, want string }{
		{"", ""}, {"2025", "2025-12-31"}, {"2024-02", "2024-02-29"}, {"2025-12", "2025-12-31"}, {"2025-03-01", "2025-03-01"},
	} {
		var d content.Date
		if tc.deadline != "" {
			var err error
			if d, err = content.ParseDate(tc.deadline); err != nil {
				t.Fatal(err)
			}
		}
		o := &content.Outcome{Deadline: d}
		if got := o.Due().String(); got != tc.want {
			t.Errorf("Outcome{Deadline: %q}.Due() = %q; want %q", tc.deadline, got, tc.want)
		}
	}
}
