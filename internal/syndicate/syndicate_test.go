package syndicate

import (
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/config"
	"github.com/briefing-dev/briefing/internal/content"
)

const base = "https://example.org/briefings/riyadh/"

func day(s string) content.Date {
	d, err := content.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// testSite is a small resolved site made by hand: a home page with two
// updates on one day, two topics, a person who is quoted, an event, a
// figure and a source.
func testSite() *content.Site {
	lavrov := &content.Page{ID: "participants/sergei-lavrov", PersonID: "sergei-lavrov", Kind: content.KindPerson, URL: "participants/sergei-lavrov/",
		Title: "Sergei Lavrov", Summary: "Russia's foreign minister.",
		Person: &content.Person{Name: "Sergei Lavrov", Role: "Foreign Minister", Side: content.Ref{ID: "russia"}, Aliases: []string{"Lavrov"}}}
	talks := &content.Page{ID: "talks", Kind: content.KindTopic, URL: "talks/", Title: "The talks", Summary: "What happened.",
		Date: day("2025-02-18"), Updated: day("2025-02-20"), Participants: []content.Ref{{ID: "sergei-lavrov"}}}
	money := &content.Page{ID: "money", Kind: content.KindTopic, URL: "money/", Title: "Money & <assets>", Date: day("2025-02")}
	home := &content.Page{ID: "", Kind: content.KindHome, URL: "", Title: "Riyadh",
		Takeaways: []content.Takeaway{{Text: "It is over.", Page: content.Ref{ID: "talks"}}},
		Updates: []content.Update{
			{Date: day("2025-02-19"), Text: "First published."},
			{Date: day("2025-02-21"), Text: "Added figures."},
			{Date: day("2025-02-21"), Text: "Corrected a date."},
		}}
	talks.Quotes = []content.Quote{{By: content.Ref{ID: "sergei-lavrov"}, Text: "We listened.", Source: content.Ref{ID: "tass"}}}
	talks.Events = []content.Event{{Date: day("2025-02-18"), Title: "Delegations meet"}}
	money.Figures = []content.Figure{{Value: "$300 billion", Label: "Russian assets frozen"}}
	s := &content.Site{
		Config: content.Config{Title: "Riyadh", Description: "The talks", Language: "en", Publisher: "Desk",
			Sides: []content.Side{{ID: "russia", Label: "Russia"}}},
		Pages:     []*content.Page{home, money, lavrov, talks},
		Home:      home,
		Topics:    []*content.Page{talks, money},
		People:    []*content.Page{lavrov},
		Quotes:    []content.QuoteRef{{Quote: &talks.Quotes[0], Speaker: lavrov, Page: talks}},
		Timeline:  []content.EventRef{{Event: &talks.Events[0], Page: talks}},
		Figures:   []content.FigureRef{{Figure: &money.Figures[0], Page: money}},
		Sources:   []content.SourceRef{{Source: content.Source{ID: "tass", Title: "TASS report", URL: "https://tass.com/x"}, Page: talks, CitedBy: []*content.Page{talks}}},
		Generated: content.GeneratedPages(),
		Updated:   day("2025-02-21"),
	}
	s.SetIndex(content.SiteIndex{
		ByID:    map[string]*content.Page{"": home, "talks": talks, "money": money, lavrov.ID: lavrov},
		Persons: map[string]*content.Page{"sergei-lavrov": lavrov},
		Sources: map[string]int{"tass": 0},
	})
	return s
}

func files(t *testing.T, s *content.Site, baseURL string) map[string][]byte {
	t.Helper()
	if baseURL != "" {
		b, err := config.ParseBaseURL(baseURL)
		if err != nil {
			t.Fatal(err)
		}
		c := *s
		c.Config.BaseURL = b
		s = &c
	}
	fs, err := Site(s)
	if err != nil {
		t.Fatalf("Site: %v", err)
	}
	out := map[string][]byte{}
	for i, f := range fs {
		if i > 0 && fs[i-1].Path >= f.Path {
			t.Errorf("files not sorted: %q before %q", fs[i-1].Path, f.Path)
		}
		out[f.Path] = f.Data
	}
	return out
}

// atom is what TestFeed reads of a feed.
type atom struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func TestFeed(t *testing.T) {
	var f atom
	data := files(t, testSite(), base)[FeedPath]
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, data)
	}
	if f.ID != base || f.Title != "Riyadh" || f.Author != "Desk" || f.Lang != "en" {
		t.Errorf("feed id, title, author, lang = %q, %q, %q, %q", f.ID, f.Title, f.Author, f.Lang)
	}
	if f.Updated != "2025-02-21T00:00:00Z" {
		t.Errorf("feed updated = %q; want the newest content date", f.Updated)
	}
	if len(f.Links) != 2 || f.Links[0].Rel != "self" || f.Links[0].Href != base+"feed.xml" {
		t.Errorf("feed links = %+v; want self %sfeed.xml first", f.Links, base)
	}
	want := []struct{ id, updated string }{
		{base + "#update-2025-02-21", "2025-02-21T00:00:00Z"},
		{base + "#update-2025-02-21-2", "2025-02-21T00:00:00Z"},
		{base + "talks/", "2025-02-20T00:00:00Z"},
		{base + "#update-2025-02-19", "2025-02-19T00:00:00Z"},
		{base + "money/", "2025-02-01T00:00:00Z"},
	}
	if len(f.Entries) != len(want) {
		t.Fatalf("feed has %d entries; want %d (topics and updates)", len(f.Entries), len(want))
	}
	for i, e := range f.Entries {
		if e.ID != want[i].id || e.Updated != want[i].updated {
			t.Errorf("entry %d = %q updated %q; want %q updated %q", i, e.ID, e.Updated, want[i].id, want[i].updated)
		}
		if !strings.HasPrefix(e.Link.Href, base) || e.Title == "" {
			t.Errorf("entry %d: link %q, title %q; want an absolute link under the base URL and a title", i, e.Link.Href, e.Title)
		}
	}
	if !strings.Contains(string(data), "Money &amp; &lt;assets&gt;") {
		t.Errorf("feed does not escape a title with markup:\n%s", data)
	}
}

func TestFeedStable(t *testing.T) {
	a := files(t, testSite(), base)
	b := files(t, testSite(), base)
	for p := range a {
		if string(a[p]) != string(b[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
}

type urlsetDoc struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

func TestSitemap(t *testing.T) {
	var set urlsetDoc
	data := files(t, testSite(), base)[SitemapPath]
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatalf("sitemap does not parse: %v\n%s", err, data)
	}
	got := map[string]string{}
	for _, u := range set.URLs {
		got[u.Loc] = u.Lastmod
	}
	want := map[string]string{
		base:                                 "2025-02-21", // home: the briefing's date
		base + "talks/":                      "2025-02-20",
		base + "money/":                      "2025-02-01", // a month stands for its first day
		base + "participants/sergei-lavrov/": "2025-02-21",
		base + "timeline/":                   "2025-02-21",
		base + "search/":                     "2025-02-21",
	}
	for loc, mod := range want {
		if got[loc] != mod {
			t.Errorf("sitemap lastmod of %s = %q; want %q", loc, got[loc], mod)
		}
	}
	if _, ok := got[base+"404.html"]; ok {
		t.Errorf("sitemap lists the 404 page")
	}
	if n := len(testSite().Pages) + len(content.GeneratedPages()) - 1; len(set.URLs) != n {
		t.Errorf("sitemap lists %d pages; want %d", len(set.URLs), n)
	}
}

func TestRobots(t *testing.T) {
	got := string(files(t, testSite(), base)[RobotsPath])
	if !strings.Contains(got, "\nSitemap: "+base+"sitemap.xml\n") || !strings.Contains(got, "User-agent: *\n") {
		t.Errorf("robots.txt = %q; want it to name %ssitemap.xml", got, base)
	}
}

func TestNoBaseURL(t *testing.T) {
	got := files(t, testSite(), "")
	for _, p := range []string{FeedPath, SitemapPath, RobotsPath} {
		if _, ok := got[p]; ok {
			t.Errorf("%s written without a base URL; its format needs absolute URLs", p)
		}
	}
	hits := find(t, got, "Lavrov")
	if len(hits) == 0 || hits[0].URL != "/participants/sergei-lavrov/" {
		t.Errorf("search index URLs = %+v; want a path from the host's root", hits)
	}
}

func TestAPI(t *testing.T) {
	data := files(t, testSite(), base)[APIPath]
	var doc apiDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.People) != 1 || doc.People[0].URL != base+"participants/sergei-lavrov/" || doc.People[0].ID != "sergei-lavrov" {
		t.Errorf("people = %+v", doc.People)
	}
	if len(doc.Quotes) != 1 || doc.Quotes[0].SpeakerURL != base+"participants/sergei-lavrov/" || doc.Quotes[0].URL != base+"talks/" {
		t.Errorf("quotes = %+v", doc.Quotes)
	}
	if len(doc.Sources) != 1 || doc.Sources[0].URL != base+"sources/#source-tass" || doc.Sources[0].Link != "https://tass.com/x" {
		t.Errorf("sources = %+v", doc.Sources)
	}
	if len(doc.Takeaways) != 1 || doc.Takeaways[0].URL != base+"talks/" {
		t.Errorf("takeaways = %+v", doc.Takeaways)
	}
	if strings.Contains(string(data), "<assets>") {
		t.Errorf("API holds unescaped markup from the content")
	}
}
