package parse

import (
	"testing"

	"github.com/briefing-dev/briefing/internal/markdown"
)

func TestPlacementErrors(t *testing.T) {
	md := markdown.New()
	tests := []struct{ name, front, want string }{
		{"after on an exact date", "events:\n  - date: 2025-02-18\n    after: 2025-02-17\n    title: E\n",
			`content/t.md:4:5: events[1].after places an event dated by year or month, but this one is dated 2025-02-18; to order events within a day, use "order: N"`},
		{"after a month", "events:\n  - date: 2022\n    after: 2022-02\n    title: E\n",
			`content/t.md:4:5: events[1].after must be a day (YYYY-MM-DD), found 2022-02`},
		{"before outside the period", "events:\n  - date: 2025-02\n    before: 2025-03-01\n    title: E\n",
			`content/t.md:4:5: events[1].before is 2025-03-01, outside the event's date 2025-02; give a day within it`},
		{"both", "events:\n  - date: 2022\n    after: 2022-02-24\n    before: 2022-03-01\n    title: E\n",
			`content/t.md:4:5: events[1] has both after and before; keep one`},
		{"negative order", "events:\n  - date: 2022-02-24\n    order: -1\n    title: E\n",
			`content/t.md:4:5: events[1].order must be 1 or more (lower comes first), found -1`},
		{"counted as written, not as sorted", "events:\n  - {date: 2025, title: A}\n  - {date: 2022}\n",
			`content/t.md:5:5: events[2] has no title; add "title: ..."`},
		{"fine", "events:\n  - date: 2022\n    after: 2022-02-24\n    order: 2\n    title: E\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := diagLines(md, "content/t.md", "title: T\n"+tc.front, "", false); got != tc.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestPageEventsOrder: a page's own events are in timeline order once the
// page is made.
func TestPageEventsOrder(t *testing.T) {
	front := "title: T\nevents:\n" +
		"  - {date: 2025-02-18, title: c}\n" +
		"  - {date: 2022, title: b, after: 2022-02-24}\n" +
		"  - {date: 2025-02-18, title: d, order: 1}\n" +
		"  - {date: 2022-02-24, title: a}\n"
	p, _, diags := Page(file("content/t.md", front, ""), "participants", markdown.New())
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	var got string
	for _, e := range p.Events {
		got += e.Title
	}
	if got != "abdc" {
		t.Errorf("events in order %q, want abdc", got)
	}
}
