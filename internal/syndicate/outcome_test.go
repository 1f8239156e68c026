package syndicate

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/briefing-dev/briefing/internal/content"
)

// TestAPIOutcome: a topic's outcome in the JSON API, with owner_person
// only when the owner names a person, valid against the schema, which
// rejects a status that is none.
func TestAPIOutcome(t *testing.T) {
	s := testSite()
	s.Topics[0].Outcome = &content.Outcome{Status: content.OutcomeToDiscuss, Next: "Name the teams",
		Owner: content.Ref{ID: "sergei-lavrov"}, Deadline: content.Date{Year: 2025, Month: 3}}
	s.Topics[1].Outcome = &content.Outcome{Status: content.OutcomeAgreed, Owner: content.Ref{ID: "Both sides"},
		Updated: content.Date{Year: 2025, Month: 2, Day: 20}}
	data := files(t, s, base)[APIPath]
	var doc apiDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal([]*apiOutcome{doc.Topics[0].Outcome, doc.Topics[1].Outcome})
	want := `[{"status":"to-be-discussed","next":"Name the teams","owner":"sergei-lavrov","owner_person":"sergei-lavrov","deadline":"2025-03"},` +
		`{"status":"agreed","owner":"Both sides","updated":"2025-02-20"}]`
	if string(got) != want {
		t.Errorf("outcomes in the API:\n%s\nwant:\n%s", got, want)
	}

	raw, err := os.ReadFile("../../static/api/briefing.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("briefing.schema.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("briefing.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(d); err != nil {
		t.Fatalf("the API does not match its schema: %v", err)
	}
	item(d, "topics")["outcome"].(map[string]any)["status"] = "done"
	if err := sch.Validate(d); err == nil {
		t.Error("the schema accepts an outcome status that is none")
	}
}
