package build

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/briefing-dev/briefing/internal/syndicate"
)

// subBase is a base URL with a sub-path, as a briefing is often served.
const subBase = "https://example.org/briefings/riyadh/"

// shippedSite builds the briefing in the repository root in memory, with
// the base URL given, with --minify (the strictest way to build it).
func shippedSite(t *testing.T, baseURL string) map[string][]byte {
	t.Helper()
	res, diags, err := Render(context.Background(), Options{Source: repoRoot, BaseURL: baseURL, Theme: theme(), Minify: true})
	if err != nil || diags.HasErrors() {
		t.Fatalf("build the shipped site: %v\n%s", err, diags.Error())
	}
	out := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		out[f.Path] = f.Data
	}
	return out
}

var (
	linkAttr    = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	integrityOf = regexp.MustCompile(`<(?:link|script)\s[^>]*?(?:href|src)="([^"]*)"[^>]*?\sintegrity="([^"]*)"`)
	cssURL      = regexp.MustCompile(`url\(\s*["']?([^"')]+)["']?\s*\)`)
)

// TestSubPathLinks serves the shipped site, built for a base URL with a
// sub-path, under that path, and follows every link and asset of every
// page, the feed and the sitemap: none may be missing, and every
// integrity value must match the file it names.
func TestSubPathLinks(t *testing.T) {
	files := shippedSite(t, subBase)
	prefix := "/briefings/riyadh/"
	mux := http.NewServeMux()
	mux.Handle(prefix, http.StripPrefix(prefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write(data)
	})))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	host := "https://example.org"

	fetched := map[string][]byte{}
	get := func(from, link string) ([]byte, bool) {
		ref, err := url.Parse(html.UnescapeString(link))
		if err != nil {
			t.Errorf("%s: link %q does not parse: %v", from, link, err)
			return nil, false
		}
		page, _ := url.Parse(host + prefix + from)
		abs := page.ResolveReference(ref)
		if abs.Scheme+"://"+abs.Host != host {
			return nil, false // another site
		}
		abs.Fragment = ""
		if data, ok := fetched[abs.Path]; ok {
			return data, true
		}
		if !strings.HasPrefix(abs.Path, prefix) {
			t.Errorf("%s: link %q leaves the base path %s", from, link, prefix)
			return nil, false
		}
		resp, err := http.Get(srv.URL + abs.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: link %q gives %d", from, link, resp.StatusCode)
			return nil, false
		}
		fetched[abs.Path] = b.Bytes()
		return b.Bytes(), true
	}

	pages := 0
	for _, p := range sortedKeys(files) {
		data := files[p]
		switch path.Ext(p) {
		case ".html":
			pages++
			for _, m := range linkAttr.FindAllSubmatch(data, -1) {
				get(p, string(m[1]))
			}
			for _, m := range integrityOf.FindAllSubmatch(data, -1) {
				body, ok := get(p, string(m[1]))
				sum := sha512.Sum384(body)
				if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); ok && html.UnescapeString(string(m[2])) != want {
					t.Errorf("%s: integrity of %s is %s; the file's is %s", p, m[1], m[2], want)
				}
			}
		case ".css":
			for _, m := range cssURL.FindAllSubmatch(data, -1) {
				if u := string(m[1]); !strings.HasPrefix(u, "data:") {
					get(p, u)
				}
			}
		case ".xml":
			for _, m := range regexp.MustCompile(`<loc>([^<]*)</loc>|\shref="([^"]*)"|<id>([^<]*)</id>`).FindAllSubmatch(data, -1) {
				link := string(bytes.Join(m[1:], nil))
				if i := strings.IndexByte(link, '#'); i >= 0 {
					link = link[:i]
				}
				get(p, link)
			}
		}
	}
	if pages < 20 {
		t.Errorf("followed the links of %d pages; want the whole shipped site", pages)
	}
	for _, want := range []string{"feed.xml", "sitemap.xml", "robots.txt", "api/briefing.json", "api/briefing.schema.json", "search/index.json", "search/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("%s was not built", want)
		}
	}
	if _, ok := fetched[prefix+"search/"]; !ok {
		t.Errorf("no page links the search page")
	}
	if !bytes.Contains(files["index.html"], []byte(`href="`+subBase+`feed.xml"`)) {
		t.Errorf("the home page does not link the feed at %sfeed.xml", subBase)
	}
	if !bytes.Contains(files["robots.txt"], []byte("Sitemap: "+subBase+"sitemap.xml")) {
		t.Errorf("robots.txt does not name %ssitemap.xml:\n%s", subBase, files["robots.txt"])
	}
}

// TestAPISchema validates the shipped site's JSON API against the JSON
// Schema the theme ships, and checks the schema catches a broken document.
func TestAPISchema(t *testing.T) {
	files := shippedSite(t, subBase)
	schemaData := files[syndicate.SchemaPath]
	if schemaData == nil {
		t.Fatalf("%s was not built", syndicate.SchemaPath)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schemaData))
	if err != nil {
		t.Fatalf("schema: %v", err)
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
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(files[syndicate.APIPath]))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", syndicate.APIPath, err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s does not match its schema: %v", syndicate.APIPath, err)
	}

	var api struct {
		People []struct{ ID, URL string }
		Topics []struct{ URL string }
		Quotes []struct{ URL string }
		Events []struct{ URL string }
		Figures,
		Sources []struct{ URL string }
		Takeaways []struct{ URL string }
	}
	if err := json.Unmarshal(files[syndicate.APIPath], &api); err != nil {
		t.Fatal(err)
	}
	if len(api.People) < 10 || len(api.Topics) < 4 || len(api.Quotes) == 0 || len(api.Events) == 0 ||
		len(api.Figures) == 0 || len(api.Sources) == 0 || len(api.Takeaways) == 0 {
		t.Errorf("the API misses part of the briefing: %d people, %d topics, %d quotes, %d events, %d figures, %d sources, %d takeaways",
			len(api.People), len(api.Topics), len(api.Quotes), len(api.Events), len(api.Figures), len(api.Sources), len(api.Takeaways))
	}
	for _, p := range api.People {
		if !strings.HasPrefix(p.URL, subBase) {
			t.Errorf("person %s has URL %q; want one under %s", p.ID, p.URL, subBase)
		}
	}

	// The schema must be able to fail.
	var broken map[string]any
	json.Unmarshal(files[syndicate.APIPath], &broken)
	broken["people"] = []any{map[string]any{"id": "x"}}
	if err := sch.Validate(broken); err == nil {
		t.Errorf("the schema accepts a person without a name")
	}
}

// TestSearchShippedSite runs the lookup of static/js/search.js
// (syndicate.Searcher) over the shipped site's search index.
func TestSearchShippedSite(t *testing.T) {
	files := shippedSite(t, subBase)
	search := func(q string) (kinds map[string][]string) {
		s, err := syndicate.OpenSearch(func(p string) ([]byte, error) {
			if d, ok := files[p]; ok {
				return d, nil
			}
			return nil, fmt.Errorf("%s: not built", p)
		})
		if err != nil {
			t.Fatal(err)
		}
		hits, err := s.Find(q)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Records(hits); err != nil {
			t.Fatal(err)
		}
		kinds = map[string][]string{}
		for _, h := range hits {
			kinds[h.Kind] = append(kinds[h.Kind], h.Title+" "+h.Text+" "+h.URL)
		}
		return kinds
	}
	lavrov := search("Lavrov")
	if len(lavrov["person"]) == 0 || !strings.Contains(lavrov["person"][0], "/briefings/riyadh/participants/sergei-lavrov/") {
		t.Errorf(`search "Lavrov" finds people %q; want his profile first`, lavrov["person"])
	}
	// The topic page that discusses him, from its text, and the other
	// people's profiles that name him.
	if len(lavrov["person"]) < 4 {
		t.Errorf(`search "Lavrov" finds people %q; want the profiles that name him too`, lavrov["person"])
	}
	for _, topic := range []string{"/briefings/riyadh/talks/"} {
		found := false
		for _, h := range lavrov["topic"] {
			found = found || strings.HasSuffix(h, " "+topic)
		}
		if !found {
			t.Errorf(`search "Lavrov" finds topics %q; want %s, which discusses him`, lavrov["topic"], topic)
		}
	}
	// Every quote of his, whatever page it is on, and the events that
	// name him.
	var api struct {
		Quotes []struct{ By, Text string }
	}
	if err := json.Unmarshal(files[syndicate.APIPath], &api); err != nil {
		t.Fatal(err)
	}
	var his []string
	for _, q := range api.Quotes {
		if q.By == "sergei-lavrov" {
			his = append(his, q.Text)
		}
	}
	if len(lavrov["quote"]) < len(his) {
		t.Errorf(`search "Lavrov" finds quotes %q; want his %q`, lavrov["quote"], his)
	}
	if len(lavrov["event"]) == 0 {
		t.Errorf(`search "Lavrov" finds no events; the talks page has events that name him`)
	}
	billion := search("300 billion")
	if len(billion["figure"]) != 1 || !strings.Contains(billion["figure"][0], "frozen") {
		t.Errorf(`search "300 billion" finds figures %q; want the frozen-assets figure`, billion["figure"])
	}
	// The search page works without the script: it links everything.
	page := files["search/index.html"]
	for _, want := range []string{`href="/briefings/riyadh/participants/sergei-lavrov/"`, "300 billion", `data-index="/briefings/riyadh/search/index.json"`} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("search/index.html does not hold %s", want)
		}
	}
}

// TestFeedAndSitemap parses the shipped site's feed and sitemap with
// encoding/xml and checks the elements their formats require; make
// validate-feeds checks them against the schemas in testdata/schemas.
func TestFeedAndSitemap(t *testing.T) {
	files := shippedSite(t, subBase)
	var feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Author  string   `xml:"author>name"`
		Self    []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files[syndicate.FeedPath], &feed); err != nil {
		t.Fatalf("feed: %v", err)
	}
	if feed.ID != subBase || feed.Title == "" || feed.Author == "" || !isAtomDate(feed.Updated) {
		t.Errorf("feed id %q, title %q, author %q, updated %q; want all set", feed.ID, feed.Title, feed.Author, feed.Updated)
	}
	home := files["index.html"]
	updates := bytes.Count(home, []byte(`<li><time datetime=`)) // a rough lower bound
	if len(feed.Entries) < 5 || updates == 0 {
		t.Errorf("feed has %d entries; want one per topic and update", len(feed.Entries))
	}
	ids := map[string]bool{}
	for _, e := range feed.Entries {
		if ids[e.ID] || !strings.HasPrefix(e.ID, subBase) || e.Title == "" || !isAtomDate(e.Updated) || !strings.HasPrefix(e.Link.Href, subBase) {
			t.Errorf("entry %+v: want a unique id and a link under %s, a title and a date", e, subBase)
		}
		ids[e.ID] = true
	}

	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(files[syndicate.SitemapPath], &set); err != nil {
		t.Fatalf("sitemap: %v", err)
	}
	listed := map[string]bool{}
	for _, u := range set.URLs {
		listed[u.Loc] = true
		if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`).MatchString(u.Lastmod) {
			t.Errorf("sitemap: %s has lastmod %q; want YYYY-MM-DD", u.Loc, u.Lastmod)
		}
	}
	for p := range files {
		if !strings.HasSuffix(p, "index.html") {
			continue
		}
		if loc := subBase + strings.TrimSuffix(p, "index.html"); !listed[loc] {
			t.Errorf("sitemap does not list %s", loc)
		}
	}
}

func isAtomDate(s string) bool {
	return regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`).MatchString(s)
}

// TestPagesWorkflow checks that the GitHub Pages workflow builds and
// publishes the site; "make lint-workflows" lints it with actionlint.
func TestPagesWorkflow(t *testing.T) {
	name := filepath.Join(repoRoot, ".github", "workflows", "pages.yml")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"make site", "actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@",
		"BRIEFING_BASE_URL: ${{ steps.pages.outputs.base_url }}", "path: public"} {
		if !bytes.Contains(data, []byte(want)) {
			t.Errorf("pages.yml does not hold %q", want)
		}
	}
}
