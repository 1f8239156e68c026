package render

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

// TestJSONLD checks the structured data of a topic and a profile, and that
// markup in the content cannot end the <script> element it goes in.
func TestJSONLD(t *testing.T) {
	s := &content.Site{Config: content.Config{Title: "Riyadh", Language: "en", Publisher: "Desk"}}
	home := &content.Page{Kind: content.KindHome, URL: ""}
	topic := &content.Page{Kind: content.KindTopic, URL: "talks/", Title: "</script><script>alert(1)</script>", Summary: "a & b",
		Date: content.Date{Year: 2025, Month: 2, Day: 18}}
	person := &content.Page{Kind: content.KindPerson, URL: "p/x/", Title: "X",
		Person: &content.Person{Name: "Sergei Lavrov", Role: "Minister", Aliases: []string{"Lavrov"}}}
	s.Home = home
	u := newURLs(content.BaseURL{URL: "https://example.org/b/", Path: "/b/", Decoded: "/b/"})
	tests := []struct {
		page  *content.Page
		types []string
		holds string
	}{
		{topic, []string{"NewsArticle", "BreadcrumbList"}, `"datePublished":"2025-02-18"`},
		{person, []string{"Person", "BreadcrumbList"}, `"alternateName":["Lavrov"]`},
		{home, []string{"WebSite"}, `"url":"https://example.org/b/"`},
		{&content.Page{Kind: content.KindNotFound, URL: "404.html"}, nil, ""},
	}
	for _, tc := range tests {
		v := &View{Site: &SiteView{s: s, w: &worker{site: s}}, Page: tc.page, Canonical: u.abs(tc.page.URL)}
		js, err := jsonLD(u, v)
		if err != nil {
			t.Fatal(err)
		}
		if tc.types == nil {
			if js != "" {
				t.Errorf("jsonLD(%s) = %s; want none", tc.page.Kind, js)
			}
			continue
		}
		if strings.Contains(strings.ToLower(string(js)), "</script") || strings.Contains(string(js), "<") {
			t.Errorf("jsonLD(%s) holds markup that could end its script element: %s", tc.page.Kind, js)
		}
		var doc struct {
			Context string `json:"@context"`
			Graph   []struct {
				Type string `json:"@type"`
			} `json:"@graph"`
		}
		if err := json.Unmarshal([]byte(js), &doc); err != nil {
			t.Fatalf("jsonLD(%s) is not JSON: %v", tc.page.Kind, err)
		}
		var types []string
		for _, g := range doc.Graph {
			types = append(types, g.Type)
		}
		if doc.Context != "https://schema.org" || strings.Join(types, " ") != strings.Join(tc.types, " ") {
			t.Errorf("jsonLD(%s) = %s, types %v; want %v", tc.page.Kind, doc.Context, types, tc.types)
		}
		if !strings.Contains(string(js), tc.holds) {
			t.Errorf("jsonLD(%s) = %s; want it to hold %s", tc.page.Kind, js, tc.holds)
		}
	}
}

func TestAssetFuncs(t *testing.T) {
	u := newURLs(content.BaseURL{URL: "https://example.org/b/", Path: "/b/", Decoded: "/b/"})
	if got, _ := u.asset("css/site.css"); got != "/b/css/site.css" {
		t.Errorf("asset without a table = %q; want the plain path", got)
	}
	u.assets = map[string]content.AssetRef{"css/site.css": {Path: "css/site.0123456789ab.css", Integrity: "sha384-x"}}
	if got, _ := u.asset("css/site.css"); got != "/b/css/site.0123456789ab.css" {
		t.Errorf("asset = %q; want the fingerprinted path under the base path", got)
	}
	if got := u.integrity("css/site.css"); got != "sha384-x" {
		t.Errorf("integrity = %q", got)
	}
	if _, err := u.asset("css/missing.css"); err == nil {
		t.Errorf("asset of a missing file gave no error")
	}
}

// TestJSONLDInvalidPerson holds that a person page that could not be read
// (no Person at all) is described without a crash, on its own page and
// where a topic names it.
func TestJSONLDInvalidPerson(t *testing.T) {
	broken := &content.Page{ID: "participants/x", PersonID: "x", Kind: content.KindPerson, URL: "participants/x/", Title: "x", Invalid: true}
	topic := &content.Page{ID: "talks", Kind: content.KindTopic, URL: "talks/", Title: "Talks", Participants: []content.Ref{{ID: "x"}}}
	s := &content.Site{Config: content.Config{Title: "T"}, Pages: []*content.Page{topic, broken}}
	s.SetIndex(content.SiteIndex{Persons: map[string]*content.Page{"x": broken}})
	u := newURLs(content.BaseURL{URL: "https://example.org/", Path: "/", Decoded: "/"})
	for _, p := range []*content.Page{broken, topic} {
		if _, err := jsonLD(u, &View{Site: &SiteView{s: s, w: &worker{site: s}}, Page: p, Canonical: u.abs(p.URL)}); err != nil {
			t.Errorf("jsonLD(%s): %v", p.ID, err)
		}
	}
}
