package render

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestAxisDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022-02-24", "24 February"},
		{"2023-10", "October"},
		{"2014", ""},
	}
	for _, tc := range tests {
		d, err := content.ParseDate(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := (AxisDate{d}).Human(); got != tc.want {
			t.Errorf("AxisDate(%s).Human() = %q; want %q", tc.in, got, tc.want)
		}
		if got := (AxisDate{d}).String(); got != tc.in {
			t.Errorf("AxisDate(%s).String() = %q; want the full date", tc.in, got)
		}
	}
}

// TestGroupTimeline: one group per year, the year printed once (in the
// group), gaps of two years or more named, and the home page's date placed
// after the events of its day.
func TestGroupTimeline(t *testing.T) {
	var events []content.EventRef
	for _, s := range []string{"2014", "2020", "2021", "2022", "2022-02-24", "2025-02", "2025-02-18", "2025-02-19", "2025-03"} {
		d, err := content.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		events = append(events, content.EventRef{Event: content.Event{Date: d, Title: s}})
	}
	main, _ := content.ParseDate("2025-02-19")
	got := show(groupTimeline(events, &content.Page{Date: main}))
	want := "2014: 2014 | 6 years later 2020: 2020 | 2021: 2021 | 2022: 2022, 2022-02-24 | 3 years later 2025: 2025-02, 2025-02-18, 2025-02-19, MAIN 2025-02-19, 2025-03"
	if got != want {
		t.Errorf("groupTimeline =\n%s\nwant\n%s", got, want)
	}
	// The briefing's date after every event, in a year of its own.
	late, _ := content.ParseDate("2030-01-01")
	got = show(groupTimeline(events[:2], &content.Page{Date: late}))
	if want := "2014: 2014 | 6 years later 2020: 2020 | 10 years later 2030: MAIN 2030-01-01"; got != want {
		t.Errorf("groupTimeline with a late main date = %s; want %s", got, want)
	}
	if got := show(groupTimeline(events[:1], nil)); got != "2014: 2014" {
		t.Errorf("groupTimeline without a home page = %s", got)
	}
	if got := groupTimeline(nil, &content.Page{Date: main}); got != nil {
		t.Errorf("groupTimeline of no events = %v; want nil", got)
	}
}

func show(groups []YearGroup) string {
	var parts []string
	for _, g := range groups {
		var items []string
		for _, it := range g.Items {
			if it.Main {
				items = append(items, "MAIN "+it.Date.String())
			} else {
				items = append(items, it.Title)
			}
		}
		gap := ""
		if g.Gap != 0 {
			gap = fmt.Sprintf("%d years later ", g.Gap)
		}
		parts = append(parts, fmt.Sprintf("%s%d: %s", gap, g.Year, strings.Join(items, ", ")))
	}
	return strings.Join(parts, " | ")
}

// TestTimelinePages checks each year's list of topics for the filter: the
// topic pages its events are on, each once in order of first event, and no
// other kind of page (a site of 10,000 pages would write them all).
func TestTimelinePages(t *testing.T) {
	talks := &content.Page{ID: "talks", Kind: content.KindTopic}
	teams := &content.Page{ID: "teams", Kind: content.KindTopic}
	person := &content.Page{ID: "people/x", Kind: content.KindPerson}
	ev := func(y int, p *content.Page) content.EventRef {
		return content.EventRef{Event: content.Event{Date: content.Date{Year: y}}, Page: p}
	}
	groups := groupTimeline([]content.EventRef{
		ev(2020, teams), ev(2020, talks), ev(2020, teams), ev(2020, person),
		ev(2021, person), ev(2022, talks),
	}, nil)
	var got []string
	for _, g := range groups {
		got = append(got, g.Pages)
	}
	want := []string{"teams talks", "", "talks"}
	if !slices.Equal(got, want) {
		t.Errorf("Pages by year = %q; want %q", got, want)
	}
	if topics := timelineTopics([]*content.Page{talks, teams}, []content.EventRef{ev(2020, teams), ev(2021, person)}); len(topics) != 1 || topics[0] != teams {
		t.Errorf("timelineTopics = %v; want the one topic with events", topics)
	}
}
