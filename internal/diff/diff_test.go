package diff

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// The two snapshots in testdata/diff: new.json is the fixture site's API
// (testdata/site); old.json is an earlier state of it, published under
// another base URL: the follow-up had no type, Boris South was "not
// there", the delegations arrived on 8 January, a quote and the
// corrections were missing, and a person and a figure have since gone.
func snapshots(t *testing.T) (old, cur []byte) {
	t.Helper()
	old, err := os.ReadFile("../../testdata/diff/old.json")
	if err != nil {
		t.Fatal(err)
	}
	cur, err = os.ReadFile("../../testdata/diff/new.json")
	if err != nil {
		t.Fatal(err)
	}
	return old, cur
}

func TestText(t *testing.T) {
	old, cur := snapshots(t)
	r, err := Compare(old, cur)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Text(&b); err != nil {
		t.Fatal(err)
	}
	want := `new quote on meeting (The meeting): 2025-01-10 Boris South: “Nothing was agreed.”
new correction on followup (The follow-up): 2025-01-13 The second round is planned, not agreed.
new correction on meeting (The meeting): 2025-01-13 They arrived on 9 January.
changed page followup: The follow-up; type "" -> "analysis"
changed person boris-south: Boris South; presence "no" -> "outside"
changed event on meeting (The meeting): 2025-01-09 Delegations arrive; corrected "" -> "2025-01-13", date "2025-01-08" -> "2025-01-09"
removed person carl-west: Carl West
removed figure on followup (The follow-up): 3 meetings planned
3 new, 3 changed, 2 removed
`
	if b.String() != want {
		t.Errorf("Text:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestDraftUpdates(t *testing.T) {
	old, cur := snapshots(t)
	r, err := Compare(old, cur)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.DraftUpdates(&b, "2025-01-13"); err != nil {
		t.Fatal(err)
	}
	want := `updates:
  - date: 2025-01-13
    text: "Corrected “The follow-up”: The second round is planned, not agreed."
  - date: 2025-01-13
    text: "Updated the type of the page “The follow-up”."
  - date: 2025-01-13
    text: "Updated the presence in the profile of Boris South."
  - date: 2025-01-13
    text: "Corrected the date of the event “Delegations arrive” on “The meeting”."
  - date: 2025-01-13
    text: "Removed the profile of Carl West."
  - date: 2025-01-13
    text: "Added 1 quote to “The meeting”."
  - date: 2025-01-13
    text: "Removed 1 figure from “The follow-up”."
`
	if b.String() != want {
		t.Errorf("DraftUpdates:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestJSON(t *testing.T) {
	old, cur := snapshots(t)
	r, err := Compare(old, cur)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.JSON(&b); err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("JSON output does not read back: %v\n%s", err, b.String())
	}
	if back.OldUpdated != "2025-01-12" || back.NewUpdated != "2025-01-13" || len(back.Changes) != 8 {
		t.Errorf("JSON = %+v; want updated 2025-01-12 -> 2025-01-13 and 8 changes", back)
	}
	ev := back.Changes[5]
	if ev.Op != Changed || ev.Kind != "event" || ev.Key != "meeting / Delegations arrive" ||
		len(ev.Fields) != 2 || ev.Fields[1] != (Field{Name: "date", Old: "2025-01-08", New: "2025-01-09"}) {
		t.Errorf("changes[5] = %+v; want the event's date from 2025-01-08 to 2025-01-09", ev)
	}
}

func TestSameSnapshot(t *testing.T) {
	_, cur := snapshots(t)
	r, err := Compare(cur, cur)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	r.Text(&b)
	if b.String() != "no changes\n" {
		t.Errorf("Text of a snapshot with itself = %q; want \"no changes\\n\"", b.String())
	}
	b.Reset()
	r.DraftUpdates(&b, "2025-01-13")
	if b.String() != "updates:\n  # nothing changed since the snapshot\n" {
		t.Errorf("DraftUpdates with no changes = %q", b.String())
	}
}

// TestRetitledEvent pairs an event whose title was edited by its date and
// detail, so it is changed, not removed and added.
func TestRetitledEvent(t *testing.T) {
	doc := func(title string) []byte {
		return []byte(`{"people": [], "events": [{"date": "2025-02-18", "title": "` + title + `", "detail": "At Mar-a-Lago.", "page": "talks", "status": "reported"}]}`)
	}
	r, err := Compare(doc("Trump speaks"), doc("Trump speaks to reporters"))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	r.Text(&b)
	want := "changed event on talks: 2025-02-18 Trump speaks to reporters; title \"Trump speaks\" -> \"Trump speaks to reporters\"\n0 new, 1 changed, 0 removed\n"
	if b.String() != want {
		t.Errorf("Text = %q; want %q", b.String(), want)
	}
}

func TestNotAnAPI(t *testing.T) {
	_, cur := snapshots(t)
	tests := []struct {
		name, old, want string
	}{
		{"not JSON", "<html>", "the old snapshot: not a briefing's JSON API (/api/briefing.json): invalid character '<' looking for beginning of value"},
		{"other JSON", `{"name": "x"}`, "the old snapshot: not a briefing's JSON API (/api/briefing.json): it has no people, topics, quotes or events"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compare([]byte(tc.old), cur)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Errorf("Compare(%q) error = %v; want %q", tc.old, err, tc.want)
			}
		})
	}
}
