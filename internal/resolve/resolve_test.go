package resolve

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

func at(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }

func ref(id string, line int) content.Ref {
	return content.Ref{ID: id, Pos: at("content/talks.md", line, 5)}
}

func fixture() (content.Config, []*content.Page) {
	cfg := content.Config{Title: "T", PeopleSection: "participants", Sides: []content.Side{{ID: "us", Label: "US"}, {ID: "ru", Label: "Russia"}}}
	home := &content.Page{ID: "", File: "content/_index.md", Kind: content.KindHome, Title: "Home",
		Sources: []content.Source{{ID: "article", Title: "A", Pos: at("content/_index.md", 4, 5)}},
		Updates: []content.Update{{Date: content.Date{Year: 2025, Month: 2, Day: 20}, Text: "x"}},
		Updated: content.Date{Year: 2025, Month: 2, Day: 20}} // parse takes it from the updates
	talks := &content.Page{ID: "talks", File: "content/talks.md", Kind: content.KindTopic, URL: "talks/", Title: "Talks", Weight: 2,
		Participants: []content.Ref{ref("sergei-lavrov", 3)},
		Quotes:       []content.Quote{{By: ref("marco-rubio", 5), Text: "q", Source: ref("article", 6)}},
		Events: []content.Event{
			{Date: content.Date{Year: 2025, Month: 2, Day: 18}, Title: "b", Source: ref("article", 8)},
			{Date: content.Date{Year: 2014}, Title: "a"},
		}}
	teams := &content.Page{ID: "teams", File: "content/teams.md", Kind: content.KindTopic, URL: "teams/", Title: "Teams", Weight: 1}
	person := func(id, name, side string, present bool) *content.Page {
		return &content.Page{ID: "participants/" + id, PersonID: id, File: "content/participants/" + id + ".md", Kind: content.KindPerson,
			Section: "participants", URL: "participants/" + id + "/", Title: name,
			Person: &content.Person{Name: name, Side: content.Ref{ID: side}, AtTable: content.AtTable{Present: present}}}
	}
	return cfg, []*content.Page{home, talks, teams,
		person("sergei-lavrov", "Sergei Lavrov", "ru", true),
		person("marco-rubio", "Marco Rubio", "us", true),
		person("donald-trump", "Donald Trump", "us", false)}
}

// talksLinks gives the talks page of fixture a body with one link.
func talksLinks(pages []*content.Page) map[*content.Page]*content.Body {
	return map[*content.Page]*content.Body{pages[1]: {Links: []content.Link{
		{Dest: "participants/marco-rubio.md#bio", Target: "content/participants/marco-rubio.md", Href: "../participants/marco-rubio/#bio", Pos: at("content/talks.md", 12, 3)}}}}
}

func TestSite(t *testing.T) {
	cfg, pages := fixture()
	s, l := Site(cfg, pages, talksLinks(pages), nil)
	if len(l) != 0 {
		t.Fatalf("diagnostics:\n%s", l.Error())
	}
	var people []string
	for _, p := range s.People {
		people = append(people, p.Person.Name)
	}
	if got := strings.Join(people, ", "); got != "Marco Rubio, Donald Trump, Sergei Lavrov" {
		t.Errorf("People order = %s", got)
	}
	if s.Topics[0].ID != "teams" || s.NextTopic(s.Topics[0]).ID != "talks" || s.PrevTopic(s.Topics[0]) != nil {
		t.Errorf("topic order wrong: %s, %s", s.Topics[0].ID, s.Topics[1].ID)
	}
	if s.Timeline[0].Title != "a" {
		t.Errorf("timeline not in date order: first is %q", s.Timeline[0].Title)
	}
	if ms := s.Mentions("marco-rubio"); len(ms) != 1 || ms[0].ID != "talks" {
		t.Errorf("Mentions(marco-rubio) = %v", ms)
	}
	if qs := s.QuotesBy("marco-rubio"); len(qs) != 1 || qs[0].Page.ID != "talks" {
		t.Errorf("QuotesBy(marco-rubio) = %v", qs)
	}
	if src := s.Source("article"); src == nil || len(src.CitedBy) != 1 {
		t.Errorf("Source(article) = %+v", src)
	}
	if s.Updated != (content.Date{Year: 2025, Month: 2, Day: 20}) {
		t.Errorf("Updated = %v; want the newest update", s.Updated)
	}
	if s.Page("participants") == nil || s.Page("participants").Kind != content.KindPeople {
		t.Errorf("missing generated people list page")
	}
}

func TestSiteErrors(t *testing.T) {
	cfg, pages := fixture()
	pages[1].Participants = append(pages[1].Participants, ref("sergey-lavrov", 20))
	pages[1].Quotes[0].Source = ref("artcle", 21)
	bodies := map[*content.Page]*content.Body{pages[1]: {Links: []content.Link{{Dest: "team.md", Target: "content/team.md", Pos: at("content/talks.md", 22, 1)},
		{Dest: "../../etc/passwd.md", Target: "../etc/passwd.md", Pos: at("content/talks.md", 23, 1)}}}}
	pages[3].Person.Side = content.Ref{ID: "russia", Pos: at("content/participants/sergei-lavrov.md", 4, 7)}
	dup := &content.Page{ID: "timeline", File: "content/timeline.md", Kind: content.KindTopic, URL: "timeline/", Title: "T", Pos: at("content/timeline.md", 1, 1)}
	pages = append(pages, dup)
	_, l := Site(cfg, pages, bodies, nil)
	want := []string{
		`content/participants/sergei-lavrov.md:4:7: unknown side "russia"; did you mean "ru"? (sides are declared in briefing.yaml)`,
		`content/talks.md:20:5: unknown person "sergey-lavrov"; did you mean "sergei-lavrov"?`,
		`content/talks.md:21:5: unknown source "artcle"; did you mean "article"?`,
		`content/talks.md:22:1: link to missing page "team.md"; did you mean "teams.md"?`,
		`content/talks.md:23:1: link "../../etc/passwd.md" points outside content/; link to pages by their path relative to this file`,
		`content/timeline.md:1:1: this page's URL /timeline/ is made by the build for the Timeline page; rename the file`,
	}
	if got := l.Error(); got != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
