package resolve

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

// TestTimelineOrder: the site's timeline interleaves the events of all
// pages by date and placement, whatever their precision, and leaves each
// page's own list as it was.
func TestTimelineOrder(t *testing.T) {
	cfg, pages := fixture()
	day := func(y, m, d int) content.Date { return content.Date{Year: y, Month: m, Day: d} }
	talks, teams := pages[1], pages[2]
	talks.Events = []content.Event{
		{Date: day(2022, 2, 24), Title: "invasion"},
		{Date: day(2025, 2, 18), Title: "Trump", Order: 3},
		{Date: day(2025, 2, 18), Title: "meet", Order: 1},
	}
	teams.Events = []content.Event{
		{Date: content.Date{Year: 2022}, After: day(2022, 2, 24), Title: "freeze"},
		{Date: content.Date{Year: 2025, Month: 2}, Before: day(2025, 2, 18), Title: "exchange"},
		{Date: day(2025, 2, 18), Title: "teams", Order: 2},
		{Date: content.Date{Year: 2022}, Title: "unplaced 2022"},
	}
	s, _ := Site(cfg, pages, nil, nil)
	var got []string
	for _, e := range s.Timeline {
		got = append(got, e.Title)
	}
	want := "unplaced 2022, invasion, freeze, exchange, meet, teams, Trump"
	if strings.Join(got, ", ") != want {
		t.Errorf("timeline: %s\nwant:     %s", strings.Join(got, ", "), want)
	}
	if talks.Events[1].Title != "Trump" || teams.Events[3].Title != "unplaced 2022" {
		t.Error("resolve reordered a page's own events")
	}
}
