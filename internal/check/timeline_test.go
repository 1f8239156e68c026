package check

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

func TestPlacement(t *testing.T) {
	at := func(line int) diag.Pos { return diag.Pos{File: "content/talks.md", Line: line, Col: 5} }
	day := func(y, m, d int) content.Date { return content.Date{Year: y, Month: m, Day: d} }
	p := &content.Page{ID: "talks", File: "content/talks.md"}
	ev := []content.Event{
		{Title: "Crimea", Date: content.Date{Year: 2014}, Pos: at(10)},                          // alone in its year
		{Title: "Freeze", Date: content.Date{Year: 2022}, Pos: at(12)},                          // warned
		{Title: "Placed", Date: content.Date{Year: 2022}, After: day(2022, 2, 24), Pos: at(14)}, // placed
		{Title: "Invasion", Date: day(2022, 2, 24), Pos: at(16)},                                //
		{Title: "March", Date: day(2022, 3, 1), Pos: at(18)},                                    //
		{Title: "Exchange", Date: content.Date{Year: 2025, Month: 2}, Pos: at(20)},              // warned
		{Title: "Talks", Date: day(2025, 2, 18), Pos: at(22)},                                   //
		{Title: "Later", Date: content.Date{Year: 2025, Month: 3}, Pos: at(24)},                 // no exact date in March
	}
	site := &content.Site{Pages: []*content.Page{p}}
	for i := range ev {
		site.Timeline = append(site.Timeline, content.EventRef{Event: &ev[i], Page: p})
	}
	var l diag.List
	placement(site, &l)
	var got []string
	for _, d := range l {
		got = append(got, d.Rule+": "+d.String())
	}
	want := []string{
		`placement: content/talks.md:12:5: warning: event "Freeze" is dated 2022, and the timeline has events on exact days of that period (2022-02-24 to 2022-03-01); add "after: YYYY-MM-DD" or "before: YYYY-MM-DD" to place it among them`,
		`placement: content/talks.md:20:5: warning: event "Exchange" is dated 2025-02, and the timeline has events on exact days of that period (2025-02-18); add "after: YYYY-MM-DD" or "before: YYYY-MM-DD" to place it among them`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("placement findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestWrittenIndex: findings count a page's events as written, though
// the page holds them in timeline order.
func TestWrittenIndex(t *testing.T) {
	at := func(line int) diag.Pos { return diag.Pos{File: "content/talks.md", Line: line, Col: 5} }
	p := &content.Page{ID: "talks", File: "content/talks.md", Date: content.Date{Year: 2025, Month: 2, Day: 19}, Events: []content.Event{
		{Title: "Earlier, written second", Date: content.Date{Year: 2022, Month: 2, Day: 24}, Source: content.Ref{ID: "a"}, Pos: at(12)},
		{Title: "Later, written first", Date: content.Date{Year: 2025, Month: 3, Day: 1}, Pos: at(8)},
	}}
	var l diag.List
	completeness(&content.Site{Pages: []*content.Page{p}}, &l)
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	want := []string{
		`content/talks.md:8:5: warning: events[1] names no source; add "source: <id>"`,
		`content/talks.md:8:5: warning: events[1] is dated 2025-03-01, after the page itself (2025-02-19); check the date`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
