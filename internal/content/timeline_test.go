package content

import (
	"slices"
	"strings"
	"testing"
)

// TestTimelineOrder sorts events of mixed precision: years and months
// placed with after and before among exact dates, and events on one day
// placed with order.
func TestTimelineOrder(t *testing.T) {
	d := func(s string) Date {
		t.Helper()
		v, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	events := []Event{ // in the order of their files, scrambled
		{Title: "talks meet, unordered", Date: d("2025-02-18")},
		{Title: "asset freeze", Date: d("2022"), After: d("2022-02-24")},
		{Title: "2022 unplaced", Date: d("2022")},
		{Title: "Trump in the evening", Date: d("2025-02-18"), Order: 3},
		{Title: "prisoner exchange", Date: d("2025-02"), Before: d("2025-02-18")},
		{Title: "invasion", Date: d("2022-02-24")},
		{Title: "delegations meet", Date: d("2025-02-18"), Order: 1},
		{Title: "February 2022 unplaced", Date: d("2022-02")},
		{Title: "UN expulsions", Date: d("2022"), After: d("2022-02-24"), Order: 2},
		{Title: "1 March 2022", Date: d("2022-03-01")},
		{Title: "call", Date: d("2025-02-12")},
		{Title: "late 2025", Date: d("2025"), After: d("2025-02-18")},
		{Title: "2014", Date: d("2014")},
		{Title: "1 January 2022", Date: d("2022-01-01")},
	}
	want := []string{
		"2014",
		"2022 unplaced", // before 1 January's events
		"1 January 2022",
		"February 2022 unplaced", // before 1 February's
		"invasion",
		"UN expulsions", // after 24 February, order 2
		"asset freeze",  // after 24 February, no order: last there
		"1 March 2022",
		"call",
		"prisoner exchange",     // before 18 February's events
		"delegations meet",      // order 1
		"Trump in the evening",  // order 3
		"talks meet, unordered", // no order: after the ordered
		"late 2025",             // after 18 February's events
	}
	for range 3 { // the result does not depend on the input order's rotation
		got := slices.Clone(events)
		slices.SortStableFunc(got, CompareEvents)
		var titles []string
		for _, e := range got {
			titles = append(titles, e.Title)
		}
		if strings.Join(titles, "\n") != strings.Join(want, "\n") {
			t.Fatalf("order:\n%s\nwant:\n%s", strings.Join(titles, "\n"), strings.Join(want, "\n"))
		}
		events = append(events[1:], events[0])
	}
}
