package check

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

func TestOutcomes(t *testing.T) {
	at := func(line int) diag.Pos { return diag.Pos{File: "content/talks.md", Line: line, Col: 3} }
	day := func(y, m, d int) content.Date { return content.Date{Year: y, Month: m, Day: d} }
	rubio := &content.Page{ID: "participants/marco-rubio", PersonID: "marco-rubio", Kind: content.KindPerson, Person: &content.Person{Name: "Marco Rubio"}}
	topic := func(id string, o content.Outcome) *content.Page {
		o.Status = content.OutcomeToDiscuss
		return &content.Page{ID: id, Kind: content.KindTopic, File: "content/" + id + ".md", Outcome: &o}
	}
	topics := []*content.Page{
		topic("passed", content.Outcome{Deadline: day(2025, 3, 1), Pos: at(10)}),                                             // warned: no update
		topic("stale", content.Outcome{Deadline: day(2025, 3, 1), Updated: day(2025, 2, 28), Pos: at(20)}),                   // warned: updated before it
		topic("looked", content.Outcome{Deadline: day(2025, 3, 1), Updated: day(2025, 3, 1), Pos: at(30)}),                   // updated on the day
		topic("month", content.Outcome{Deadline: content.Date{Year: 2025, Month: 3}, Updated: day(2025, 3, 2), Pos: at(40)}), // within the month
		topic("ahead", content.Outcome{Deadline: day(2025, 3, 31), Pos: at(50)}),                                             // not yet
		topic("open", content.Outcome{Deadline: content.Date{Year: 2025}, Pos: at(60)}),                                      // ends 2025-12-31
		topic("owners", content.Outcome{Owner: content.Ref{ID: "marco-rubi", Pos: at(71)}, Pos: at(70)}),                     // warned: near an id
		topic("words", content.Outcome{Owner: content.Ref{ID: "Both foreign ministries", Pos: at(81)}, Pos: at(80)}),
		topic("person", content.Outcome{Owner: content.Ref{ID: "marco-rubio", Pos: at(91)}, Pos: at(90)}),
	}
	site := &content.Site{Topics: topics, People: []*content.Page{rubio}, Updated: day(2025, 3, 10)}
	site.SetIndex(content.SiteIndex{Persons: map[string]*content.Page{"marco-rubio": rubio}})
	var l diag.List
	outcomes(site, &l)
	var got []string
	for _, d := range l {
		got = append(got, d.Rule+": "+d.String())
	}
	want := []string{
		`outcome: content/talks.md:10:3: warning: outcome deadline 2025-03-01 has passed (the briefing is as of 2025-03-10) and the outcome has no update since; say what came of it and add "updated: YYYY-MM-DD"`,
		`outcome: content/talks.md:20:3: warning: outcome deadline 2025-03-01 has passed (the briefing is as of 2025-03-10) and the outcome was last updated 2025-02-28, before it; say what came of it and add "updated: YYYY-MM-DD"`,
		`outcome: content/talks.md:71:3: warning: outcome.owner "marco-rubi" is written like a person id but names no one; write a person id, or the owner in words ("Both foreign ministries"); did you mean "marco-rubio"?`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outcome findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// The same site a month earlier, or with a month as its "as of"
	// date, has passed no deadline.
	for _, asOf := range []content.Date{day(2025, 2, 10), {Year: 2025, Month: 3}} {
		site.Updated = asOf
		var l diag.List
		outcomes(site, &l)
		for _, d := range l {
			if strings.Contains(d.Msg, "has passed") {
				t.Errorf("as of %s: %s", asOf, d)
			}
		}
	}
}
