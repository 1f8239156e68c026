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
		events = append(events, content.EventRef{Event: &content.Event{Date: d, Title: s}})
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

// TestTimelineTopics checks what the timeline's filter offers: the topics
// with events, in the topics' order, each with its number among all
// topics; nothing for fewer than two, or for a topic numbered past the
// style sheet's rules.
func TestTimelineTopics(t *testing.T) {
	var topics []*content.Page
	for i := range filterTopics + 1 {
		topics = append(topics, &content.Page{ID: fmt.Sprintf("t%d", i+1), Kind: content.KindTopic})
	}
	person := &content.Page{ID: "people/x", Kind: content.KindPerson}
	ev := func(p *content.Page) content.EventRef { return content.EventRef{Page: p} }
	got := timelineTopics(topics, []content.EventRef{ev(topics[2]), ev(person), ev(topics[0]), ev(topics[2])})
	var names []string
	for _, ft := range got {
		names = append(names, fmt.Sprintf("%s=%d", ft.ID, ft.N))
	}
	if want := []string{"t1=1", "t3=3"}; !slices.Equal(names, want) {
		t.Errorf("timelineTopics = %q; want %q", names, want)
	}
	if got := timelineTopics(topics, []content.EventRef{ev(topics[0]), ev(person)}); got != nil {
		t.Errorf("one topic with events: timelineTopics = %v; want none (nothing to filter)", got)
	}
	if got := timelineTopics(topics, []content.EventRef{ev(topics[0]), ev(topics[filterTopics])}); got != nil {
		t.Errorf("a topic numbered %d: timelineTopics = %v; want none (the style sheet has rules up to %d)", filterTopics+1, got, filterTopics)
	}
}
