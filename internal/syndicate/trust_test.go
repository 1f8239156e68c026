package syndicate

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/briefing-dev/briefing/internal/content"
)

// trustSite is testSite with the trust keys: a translated source, a
// disputed quote, an event corrected on 20 February and a correction of
// the page as a whole.
func trustSite() *content.Site {
	s := testSite()
	talks := s.Page("talks")
	talks.Type = content.WorkAnalysis
	s.Sources[0].Kind, s.Sources[0].Language = content.SourceTranslation, "en"
	fix := content.Correction{Date: day("2025-02-20"), Was: "Dated 19 February.", Now: "18 February.",
		Claim: content.ClaimRef{List: content.ListEvents, Index: 1}, ID: "correction-2025-02-20"}
	whole := content.Correction{Date: day("2025-02-20"), Was: "Said the talks lasted five hours.", Now: "They lasted four and a half.",
		ID: "correction-2025-02-20-2"}
	talks.Corrections = []content.Correction{fix, whole}
	s.Timeline[0].Corrections = []content.Correction{fix} // the event on the talks page
	s.Quotes[0].Status, s.Quotes[0].Note, s.Quotes[0].Translated = content.StatusDisputed, "The Kremlin denied it.", true
	return s
}

func TestAPITrust(t *testing.T) {
	data := files(t, trustSite(), base)[APIPath]
	var doc apiDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"source kind", doc.Sources[0].Kind, "machine-translation"},
		{"source language", doc.Sources[0].Language, "en"},
		{"quote status", doc.Quotes[0].Status, "disputed"},
		{"quote note", doc.Quotes[0].Note, "The Kremlin denied it."},
		{"quote translated", doc.Quotes[0].Translated, true},
		{"event status from no source", doc.Events[0].Status, "unverified"},
		{"event corrected", doc.Events[0].Corrected, "2025-02-20"},
		{"figure status", doc.Figures[0].Status, "unverified"},
		{"page type", doc.Topics[0].Type, "analysis"},
		{"presence", doc.People[0].Presence, "no"},
		{"corrections", len(doc.Corrections), 2},
		{"correction id", doc.Corrections[0].ID, "talks#correction-2025-02-20"},
		{"correction claim", doc.Corrections[0].Claim, "events[1]"},
		{"correction url", doc.Corrections[1].URL, base + "talks/#correction-2025-02-20-2"},
		{"page-wide claim", doc.Corrections[1].Claim, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v; want %v", c.name, c.got, c.want)
		}
	}
}

// TestAPISchemaTrust validates the trust fields against the schema the
// theme ships, and checks that the schema rejects wrong values.
func TestAPISchemaTrust(t *testing.T) {
	raw, err := os.ReadFile("../../static/api/briefing.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("briefing.schema.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("briefing.schema.json")
	if err != nil {
		t.Fatalf("compile the schema: %v", err)
	}
	data := files(t, trustSite(), base)[APIPath]
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("the API does not match its schema: %v", err)
	}
	breaks := []struct {
		name   string
		break_ func(d map[string]any)
	}{
		{"a status that is none", func(d map[string]any) { item(d, "quotes")["status"] = "likely" }},
		{"a claim without a status", func(d map[string]any) { delete(item(d, "events"), "status") }},
		{"a source kind that is none", func(d map[string]any) { item(d, "sources")["kind"] = "blog" }},
		{"a type of work that is none", func(d map[string]any) { item(d, "topics")["type"] = "opinion" }},
		{"a claim reference of the wrong form", func(d map[string]any) { item(d, "corrections")["claim"] = "events[0]" }},
		{"a correction without what is right", func(d map[string]any) { delete(item(d, "corrections"), "now") }},
		{"a presence that is none", func(d map[string]any) { item(d, "people")["presence"] = "nearby" }},
	}
	for _, b := range breaks {
		var d map[string]any
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatal(err)
		}
		b.break_(d)
		if err := sch.Validate(d); err == nil {
			t.Errorf("the schema accepts %s", b.name)
		}
	}
}

func item(d map[string]any, list string) map[string]any {
	return d[list].([]any)[0].(map[string]any)
}

func TestFeedCorrections(t *testing.T) {
	var f atom
	data := files(t, trustSite(), base)[FeedPath]
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, data)
	}
	var got []string
	for _, e := range f.Entries {
		if strings.Contains(e.ID, "#correction") {
			got = append(got, e.ID+" "+e.Updated+" "+e.Title)
		}
	}
	want := []string{
		base + "talks/#correction-2025-02-20 2025-02-20T00:00:00Z Correction: The talks",
		base + "talks/#correction-2025-02-20-2 2025-02-20T00:00:00Z Correction: The talks",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("correction entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(string(data), "Corrected 20 February 2025, the event “Delegations meet”: 18 February. Previously: Dated 19 February.") {
		t.Errorf("the correction's entry does not say what changed:\n%s", data)
	}
}

func TestSearchIndexTrust(t *testing.T) {
	var got []string
	for _, r := range records(t, files(t, trustSite(), base)) {
		if r.Status != "" || r.Corrected != "" {
			got = append(got, r.kind+" "+r.Status+" "+r.Corrected)
		}
	}
	want := []string{"quote disputed ", "event unverified 2025-02-20", "figure unverified "}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("search entries with a status:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
