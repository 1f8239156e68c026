package render

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestAcross(t *testing.T) {
	person := func(name, side string, at content.AtTable) *content.Page {
		return &content.Page{Kind: content.KindPerson, Person: &content.Person{Name: name, Side: content.Ref{ID: side}, AtTable: at}}
	}
	cfg := content.Config{Sides: []content.Side{{ID: "us", Label: "US"}, {ID: "ru", Label: "Russia"}, {ID: "ua", Label: "Ukraine"}}}
	people := []*content.Page{
		person("Rubio", "us", content.AtTable{Present: true}),
		person("Waltz", "us", content.AtTable{Present: true}),
		person("Kellogg", "us", content.AtTable{Reason: content.AbsentAway}),
		person("Trump", "us", content.AtTable{}),
		person("Lavrov", "ru", content.AtTable{Present: true}),
		person("Dmitriev", "ru", content.AtTable{Outside: true}),
		person("Zelensky", "ua", content.AtTable{Reason: content.AbsentNotInvited}),
	}
	a := across(cfg, people)
	var got []string
	for _, s := range a.Sides {
		got = append(got, s.Label)
	}
	for _, row := range a.Rows {
		var cells []string
		for _, p := range row {
			if p == nil {
				cells = append(cells, "-")
			} else {
				cells = append(cells, p.Person.Name)
			}
		}
		got = append(got, strings.Join(cells, "/"))
	}
	for _, g := range a.Others {
		var names []string
		for _, p := range g.People {
			names = append(names, p.Person.Name)
		}
		got = append(got, g.Label+": "+strings.Join(names, ", "))
	}
	want := []string{"US", "Russia", "Rubio/Lavrov", "Waltz/-",
		"Not invited: Zelensky", "Absent: Kellogg", "Present, not at the table: Dmitriev", "Not at the table: Trump"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("across() =\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
