package resolve

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

// TestInvalidPages holds that a page that could not be read (no data, not
// even a Person) is known by its id and file: references and links to it
// resolve, and nothing more is reported about it.
func TestInvalidPages(t *testing.T) {
	cfg, pages := fixture()
	broken := &content.Page{ID: "participants/jane-roe", PersonID: "jane-roe", File: "content/participants/jane-roe.md", Kind: content.KindPerson,
		Section: "participants", URL: "participants/jane-roe/", Invalid: true}
	topic := &content.Page{ID: "broken", File: "content/broken.md", Kind: content.KindTopic, URL: "broken/", Invalid: true}
	pages[1].Participants = append(pages[1].Participants, ref("jane-roe", 20))
	pages[1].Quotes = append(pages[1].Quotes, content.Quote{By: ref("jane-roe", 21), Text: "q", Source: ref("from-broken", 22)})
	bodies := map[*content.Page]*content.Body{pages[1]: {Links: []content.Link{
		{Dest: "participants/jane-roe.md", Target: "content/participants/jane-roe.md", Pos: at("content/talks.md", 23, 1)},
		{Dest: "broken.md#x", Target: "content/broken.md", Pos: at("content/talks.md", 24, 1)}}}}
	pages[0].Takeaways = []content.Takeaway{{Text: "t", Page: content.Ref{ID: "broken", Pos: at("content/_index.md", 3, 9)}}}
	pages = append(pages, broken, topic)

	s, l := Site(cfg, pages, bodies, nil)
	if len(l) != 0 {
		t.Errorf("Site reported follow-on errors about pages that could not be read:\n%s", l.Error())
	}
	if s.Person("jane-roe") != broken || broken.Person == nil {
		t.Errorf("the unreadable person page is not indexed with an empty Person")
	}
}

func TestDuplicateNames(t *testing.T) {
	cfg, pages := fixture()
	person := func(id, name string, aliases ...string) *content.Page {
		return &content.Page{ID: "participants/" + id, PersonID: id, File: "content/participants/" + id + ".md", Kind: content.KindPerson,
			Section: "participants", URL: "participants/" + id + "/", Title: name,
			Person: &content.Person{Name: name, NamePos: at("content/participants/"+id+".md", 2, 7), Side: content.Ref{ID: "us"}, Aliases: aliases}}
	}
	pages = append(pages,
		person("zz-lavrov", "sergei  LAVROV"),
		person("zz-rubio", "Rubio"),
		person("marco", "Marco", "Rubio", "Marco"))
	_, l := Site(cfg, pages, nil, nil)
	want := []string{
		`content/participants/zz-lavrov.md:2:7: person name "sergei  LAVROV" is also the name of content/participants/sergei-lavrov.md; give each person a name of their own, or merge the two pages`,
		`content/participants/zz-rubio.md:2:7: person name "Rubio" is an alias of content/participants/marco.md; remove the alias there, or rename this person`,
	}
	if got := strings.TrimSpace(l.Error()); got != strings.Join(want, "\n") {
		t.Errorf("Site diagnostics:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
