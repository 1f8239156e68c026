package render

import (
	"context"
	"html/template"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// citeSite is a home page that declares three sources and a topic that
// cites them: its figure cites "b", its two quotes "a", its events "b"
// and "c".
func citeSite() *content.Site {
	at := func(line int) diag.Pos { return diag.Pos{File: "content/t.md", Line: line} }
	src := func(id, title string) content.Source { return content.Source{ID: id, Title: title} }
	home := &content.Page{Kind: content.KindHome, File: "content/_index.md", Title: "Home",
		Sources: []content.Source{src("a", "Title A"), src("b", "Title B"), src("c", "Title C"), src("d", "Title D")}}
	topic := &content.Page{ID: "t", Kind: content.KindTopic, File: "content/t.md", URL: "t/", Title: "Topic",
		Figures: []content.Figure{{Value: "1", Label: "one", Source: content.Ref{ID: "b"}, Pos: at(3)}},
		Quotes: []content.Quote{{Text: "q1", Source: content.Ref{ID: "a"}, Pos: at(5)},
			{Text: "q2", Source: content.Ref{ID: "a"}, Pos: at(7)}},
		Events: []content.Event{{Title: "e1", Source: content.Ref{ID: "b"}, Pos: at(9)},
			{Title: "e2", Source: content.Ref{ID: "c"}, Pos: at(11)}, {Title: "e3", Pos: at(13)}}}
	s := &content.Site{Config: content.Config{Title: "T", Language: "en"}, Pages: []*content.Page{home, topic}, Home: home, Topics: []*content.Page{topic}}
	ix := content.SiteIndex{ByID: map[string]*content.Page{"": home, "t": topic}, Sources: map[string]int{}}
	for i, sc := range home.Sources {
		s.Sources = append(s.Sources, content.SourceRef{Source: sc, Page: home})
		ix.Sources[sc.ID] = i
	}
	s.SetIndex(ix)
	return s
}

var citeTemplates = []content.Asset{
	asset("layout.html", `{{block "main" .}}{{end}}{{if not citationsShown}}{{template "partials/sources-list.html" .}}{{end}}`),
	asset("partials/cite.html", `{{with cite .}}[{{.N}}:{{.ID}}]{{end}}`),
	asset("partials/sources-list.html", `{{range citations .}}<li id="src-{{.N}}">{{.Source.Title}}{{range .Backlinks}} {{.Label}}={{.ID}}{{end}}</li>{{end}}`),
	asset("home.html", `{{define "main"}}home{{end}}`),
	asset("topic.html", `{{define "main"}}{{range .Page.Figures}}F{{template "partials/cite.html" .Source}} {{end}}`+
		`{{range .Page.Quotes}}Q{{template "partials/cite.html" .Source}} {{end}}`+
		`{{range .Page.Events}}E{{template "partials/cite.html" .Source}} {{end}}|{{end}}`),
}

func TestCitationNumbering(t *testing.T) {
	reads := map[string][]string{}
	var mu sync.Mutex // Reads is called from every rendering goroutine
	out, l := Site(context.Background(), citeSite(), citeTemplates, Options{Reads: func(path string, keys []string) {
		mu.Lock()
		reads[path] = keys
		mu.Unlock()
	}})
	if len(l) != 0 {
		t.Fatal(l.Error())
	}
	pages := map[string]string{}
	for _, o := range out {
		pages[o.Path] = string(o.Data)
	}
	// Numbered in order of first citation: b (the figure), a (the quotes),
	// c; one number per source however often it is cited; an event
	// without a source gets none. Each title is listed once, with a
	// back-link to each of its citations.
	want := `F[1:cite-1-1] Q[2:cite-2-1] Q[2:cite-2-2] E[1:cite-1-2] E[3:cite-3-1] E |` +
		`<li id="src-1">Title B a=cite-1-1 b=cite-1-2</li><li id="src-2">Title A a=cite-2-1 b=cite-2-2</li><li id="src-3">Title C a=cite-3-1</li>`
	if got := pages["t/index.html"]; got != want {
		t.Errorf("topic page =\n%s\nwant:\n%s", got, want)
	}
	// The home page cites nothing and lists the sources it declares, in
	// the order written.
	wantHome := `home<li id="src-1">Title A</li><li id="src-2">Title B</li><li id="src-3">Title C</li><li id="src-4">Title D</li>`
	if got := pages["index.html"]; got != wantHome {
		t.Errorf("home page =\n%s\nwant:\n%s", got, wantHome)
	}
	// The numbering reads the sources through the site view.
	got := strings.Join(reads["t/index.html"], " ")
	for _, k := range []string{"source:a", "source:b", "source:c"} {
		if !strings.Contains(" "+got+" ", " "+k+" ") {
			t.Errorf("reads of the topic page = %s; want %s among them", got, k)
		}
	}
	if strings.Contains(got, "source:d") {
		t.Errorf("reads of the topic page = %s; it cites no source d", got)
	}
}

func TestCitationsNotCached(t *testing.T) {
	tpl := append([]content.Asset{}, citeTemplates...)
	tpl[4] = asset("topic.html", `{{define "main"}}{{range .Page.Quotes}}{{partialCached "partials/cite.html" .Source .Source.ID}}{{end}}{{end}}`)
	_, l := Site(context.Background(), citeSite(), tpl, Options{})
	want := `partial "partials/cite.html" cites a source, so its output differs from page to page: call it with template, not partialCached`
	if !strings.Contains(l.Error(), want) {
		t.Errorf("diagnostics:\n%s\nwant one that says:\n%s", l.Error(), want)
	}
}

func TestClaimID(t *testing.T) {
	for _, tc := range []struct {
		pos  diag.Pos
		want string
	}{
		{diag.Pos{File: "content/talks.md", Line: 47, Col: 5}, "claim-talks-47"},
		{diag.Pos{File: "content/participants/sam-greene.md", Line: 9}, "claim-participants-sam-greene-9"},
		{diag.Pos{File: "content/_index.md", Line: 3}, "claim-_index-3"},
	} {
		if got := claimID(tc.pos); got != tc.want {
			t.Errorf("claimID(%v) = %q; want %q", tc.pos, got, tc.want)
		}
		if !regexp.MustCompile(`^[A-Za-z][-_A-Za-z0-9]*$`).MatchString(claimID(tc.pos)) {
			t.Errorf("claimID(%v) = %q; not a plain id", tc.pos, claimID(tc.pos))
		}
	}
}

func TestSupports(t *testing.T) {
	s := citeSite()
	topic := s.Topics[0]
	person := &content.Page{ID: "people/x", Kind: content.KindPerson, URL: "people/x/", Title: "X", Person: &content.Person{Name: "X"}}
	figures := &content.Page{ID: "figures", Kind: content.KindFigures, URL: "figures/", Title: "Key figures"}
	sources := &content.Page{ID: "sources", Kind: content.KindSources, URL: "sources/", Title: "Sources"}
	s.Generated = []*content.Page{figures, sources}
	for i := range topic.Figures {
		s.Figures = append(s.Figures, content.FigureRef{Figure: &topic.Figures[i], Page: topic})
	}
	// A figure on the home page is shown on the figures page; a quote
	// on another page by a person, on the person's page.
	s.Figures = append(s.Figures, content.FigureRef{Figure: &content.Figure{Value: "2", Label: "two", Source: content.Ref{ID: "b"},
		Pos: diag.Pos{File: "content/_index.md", Line: 4}}, Page: s.Home})
	s.Quotes = append(s.Quotes, content.QuoteRef{Quote: &content.Quote{Text: "said it", Source: content.Ref{ID: "b"},
		Pos: diag.Pos{File: "content/_index.md", Line: 8}}, Speaker: person, Page: s.Home})
	for i := range topic.Events {
		s.Timeline = append(s.Timeline, content.EventRef{Event: &topic.Events[i], Page: topic})
	}
	tpl := append([]content.Asset{}, citeTemplates...)
	tpl = append(tpl, asset("sources.html", `{{define "main"}}{{range supports .Site "b"}}{{.Kind}} {{.Who}}{{.Value}}{{.Date}}|{{.Text}} @{{.Path}} ({{.Where}});{{end}}{{end}}`),
		asset("figures.html", `{{define "main"}}{{end}}`))
	out, l := Site(context.Background(), s, tpl, Options{})
	if len(l) != 0 {
		t.Fatal(l.Error())
	}
	want := `quote X|said it @people/x/#claim-_index-8 (X);` +
		`figure 1|one @t/#claim-t-3 (Topic);figure 2|two @figures/#claim-_index-4 (Key figures);` +
		`event |e1 @t/#claim-t-9 (Topic);`
	for _, o := range out {
		if o.Path == "sources/index.html" {
			if got := string(o.Data); got != want {
				t.Errorf("sources page =\n%s\nwant:\n%s", got, want)
			}
			return
		}
	}
	t.Fatal("no sources page")
}

func TestTiles(t *testing.T) {
	n := func(v float64) *float64 { return &v }
	figs := []content.Figure{
		{Value: "about $300 billion", Amount: n(300e9), Unit: "USD"},
		{Value: "about $5 billion", Amount: n(5e9), Unit: "USD"},
		{Value: "about 20%", Amount: n(20), Unit: "%"}, // alone in its unit: no bar
		{Value: "3 to 2"},
	}
	var got []string
	for _, tl := range tiles(figs, nil) {
		got = append(got, tl.Value+"="+tl.Bar)
	}
	want := "about $300 billion=100%|about $5 billion=1.67%|about 20%=|3 to 2="
	if strings.Join(got, "|") != want {
		t.Errorf("tiles() = %s; want %s", strings.Join(got, "|"), want)
	}
	for in, want := range map[string]string{"Marco Rubio": "MR", "Sergei Lavrov": "SL", "Lavrov": "L", "": "", "Марк ван Рютте": "МР"} {
		if got := initials(in); got != want {
			t.Errorf("initials(%q) = %q; want %q", in, got, want)
		}
	}
}

// sharedWorker is a worker of citeSite with the theme's way of citing: the
// marks and the links back of partials/cite-mark.html and
// partials/backlinks.html are shared when Shared; and a badge that shows
// all of its dot.
func sharedWorker(t *testing.T, sources int) (*worker, *fragments) {
	t.Helper()
	s := citeSite()
	home := s.Home
	ix := content.SiteIndex{ByID: map[string]*content.Page{"": home}, Sources: map[string]int{}}
	s.Sources = nil
	for i := range sources {
		sc := content.Source{ID: "s" + strconv.Itoa(i+1), Title: "Title " + strconv.Itoa(i+1)}
		s.Sources = append(s.Sources, content.SourceRef{Source: sc, Page: home})
		ix.Sources[sc.ID] = i
	}
	s.SetIndex(ix)
	tpl := []content.Asset{
		asset("layout.html", `{{block "main" .}}{{end}}`),
		asset("partials/cite.html", `{{with cite .}}{{if .Shared}}{{partialCached "partials/cite-mark.html" .Mark .Key}}{{else}}{{template "partials/cite-mark.html" .Mark}}{{end}}{{end}}`),
		asset("partials/cite-mark.html", `[{{.N}}:{{.ID}}]`),
		asset("partials/backlinks.html", `{{range .Backlinks}} {{.Label}}={{.ID}}{{end}}`),
		asset("partials/badge.html", `({{.Status}} {{.Declared}} {{.Source}} {{.Note}} {{len .Corrections}})`),
		asset("home.html", `{{define "main"}}{{end}}`),
	}
	u := newURLs(content.BaseURL{})
	frags := &fragments{}
	set, l := cachedTemplates(tpl, funcs(nil, u, frags))
	if len(l) != 0 {
		t.Fatal(l.Error())
	}
	return newWorker(set, s, u, frags), frags
}

func cached(f *fragments) (keys []string) {
	f.m.Range(func(k, _ any) bool {
		keys = append(keys, strings.ReplaceAll(k.(string), "\x00", " "))
		return true
	})
	sort.Strings(keys)
	return keys
}

// TestSharedMarks checks that a citation's mark and a source's links back
// are rendered once for the whole site for the first uses of the first
// sources, and for every use past them, with the page's own numbers.
func TestSharedMarks(t *testing.T) {
	w, frags := sharedWorker(t, 40)
	cite := func(ids ...string) string {
		var b strings.Builder
		for _, id := range ids {
			h, err := w.execute("partials/cite.html", content.Ref{ID: id})
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(string(h))
		}
		return b.String()
	}
	back := func() string {
		var b strings.Builder
		for _, c := range w.cites.list {
			bk := c.Back()
			var h template.HTML
			var err error
			if bk.Shared {
				h, err = frags.render(w, "partials/backlinks.html", bk, bk.Key)
			} else {
				h, err = w.execute("partials/backlinks.html", bk)
			}
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(strconv.Itoa(c.N) + ":" + string(h) + ";")
		}
		return b.String()
	}

	// Two pages cite the same sources in different orders: each numbers
	// them its own way, and the two share the marks and links back.
	w.cites = citations{}
	if got, want := cite("s2", "s1", "s2"), "[1:cite-1-1][2:cite-2-1][1:cite-1-2]"; got != want {
		t.Errorf("first page = %s; want %s", got, want)
	}
	if got, want := back(), "1: a=cite-1-1 b=cite-1-2;2: a=cite-2-1;"; got != want {
		t.Errorf("first page's links back = %s; want %s", got, want)
	}
	w.cites = citations{}
	if got, want := cite("s1", "s1", "s3"), "[1:cite-1-1][1:cite-1-2][2:cite-2-1]"; got != want {
		t.Errorf("second page = %s; want %s", got, want)
	}
	if got, want := back(), "1: a=cite-1-1 b=cite-1-2;2: a=cite-2-1;"; got != want {
		t.Errorf("second page's links back = %s; want %s", got, want)
	}
	want := "partials/backlinks.html 1-2|partials/backlinks.html 2-1|partials/cite-mark.html 1-1|partials/cite-mark.html 1-2|partials/cite-mark.html 2-1"
	if got := strings.Join(cached(frags), "|"); got != want {
		t.Errorf("kept fragments = %s; want %s", got, want)
	}

	// A page that cites 40 sources, as the brief does: the marks past
	// the 32nd source are right and are not kept.
	w.cites = citations{}
	ids := make([]string, 40)
	for i := range ids {
		ids[i] = "s" + strconv.Itoa(i+1)
	}
	got := cite(ids...)
	for _, m := range []string{"[32:cite-32-1]", "[33:cite-33-1]", "[40:cite-40-1]"} {
		if !strings.Contains(got, m) {
			t.Errorf("the page of 40 sources has no mark %s: %s", m, got)
		}
	}
	if !strings.Contains(back(), "40: a=cite-40-1;") {
		t.Errorf("the page of 40 sources has no links back to its 40th: %s", back())
	}
	for _, k := range cached(frags) {
		if strings.HasSuffix(k, " 33-1") || strings.HasSuffix(k, " 40-1") {
			t.Errorf("kept %s, past the shared marks", k)
		}
	}
}

// TestSharedBadges checks that a badge without a note is rendered once for
// each status, declaration and kind of source, a badge with a note each
// time, and that neither shows the claim's corrections.
func TestSharedBadges(t *testing.T) {
	w, frags := sharedWorker(t, 1)
	badge := func(tr content.Trust) string {
		h, err := frags.badge(w, tr)
		if err != nil {
			t.Fatal(err)
		}
		return string(h)
	}
	fixed := []content.Correction{{Now: "now", Was: "was"}}
	for _, tc := range []struct {
		trust content.Trust
		want  string
	}{
		{content.Trust{Status: content.StatusConfirmed, Source: content.SourceOfficial}, "(confirmed false official  0)"},
		{content.Trust{Status: content.StatusConfirmed, Source: content.SourceOfficial, Corrections: fixed}, "(confirmed false official  0)"},
		{content.Trust{Status: content.StatusConfirmed, Declared: true, Source: content.SourceOfficial}, "(confirmed true official  0)"},
		{content.Trust{Status: content.StatusReported, Source: content.SourceNews}, "(reported false news  0)"},
		{content.Trust{Status: content.StatusReported, Source: content.SourceNews, Note: "two reports"}, "(reported false news two reports 0)"},
		{content.Trust{Status: content.StatusReported, Source: content.SourceNews, Note: "one report", Corrections: fixed}, "(reported false news one report 0)"},
		{content.Trust{Status: content.StatusReported, Source: content.SourceNews}, "(reported false news  0)"},
	} {
		if got := badge(tc.trust); got != tc.want {
			t.Errorf("badge(%+v) = %s; want %s", tc.trust, got, tc.want)
		}
	}
	if got := len(cached(frags)); got != 3 {
		t.Errorf("kept %d badges: %s; want 3, one for each status, declaration and kind without a note", got, cached(frags))
	}
}
