package render

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestTemplateErrorPos(t *testing.T) {
	tests := []struct {
		err       string
		name      string
		line, col int
		msg       string
	}{
		{`template: topic.html:12: function "nope" not defined`, "topic.html", 12, 0, `function "nope" not defined`},
		{`template: partials/quote.html:3:14: executing "partials/quote.html" at <.Nope>: can't evaluate field Nope`, "partials/quote.html", 3, 14, `executing "partials/quote.html" at <.Nope>: can't evaluate field Nope`},
		{`html/template:layout.html:5:2: no such template "x"`, "layout.html", 5, 2, `no such template "x"`},
		{`something else`, "", 0, 0, `something else`},
		// A partial run through a function: the place is the partial's,
		// and the message says where it was called from.
		{`template: partials/event.html:15:10: executing "partials/event.html" at <badge $trust>: error calling badge: template: partials/badge.html:2:22: executing "partials/badge.html" at <.Nope>: can't evaluate field Nope in type content.Trust`,
			"partials/badge.html", 2, 22, `executing "partials/badge.html" at <.Nope>: can't evaluate field Nope in type content.Trust (called from partials/event.html:15:10)`},
		{`template: layout.html:20:2: executing "layout.html" at <partialCached "partials/header.html" . (navKey .Page)>: error calling partialCached: template: partials/header.html:7:3: executing "partials/header.html" at <partialCached "partials/x.html" . "">: error calling partialCached: template: partials/x.html:1:5: executing "partials/x.html" at <.Nope>: can't evaluate field Nope`,
			"partials/x.html", 1, 5, `executing "partials/x.html" at <.Nope>: can't evaluate field Nope (called from partials/header.html:7:3)`},
		{`template: partials/quote.html:3:14: executing "partials/quote.html" at <t "x">: error calling t: the text has template: in it`,
			"partials/quote.html", 3, 14, `executing "partials/quote.html" at <t "x">: error calling t: the text has template: in it`},
	}
	for _, tc := range tests {
		name, line, col, msg := templateErrorPos(errors.New(tc.err))
		if name != tc.name || line != tc.line || col != tc.col || msg != tc.msg {
			t.Errorf("templateErrorPos(%q) = %q, %d, %d, %q; want %q, %d, %d, %q", tc.err, name, line, col, msg, tc.name, tc.line, tc.col, tc.msg)
		}
	}
}

func TestOutputPath(t *testing.T) {
	for in, want := range map[string]string{"": "index.html", "talks/": "talks/index.html", "404.html": "404.html", "a/b/": "a/b/index.html"} {
		if got := outputPath(in); got != want {
			t.Errorf("outputPath(%q) = %q; want %q", in, got, want)
		}
	}
}

func site() *content.Site {
	home := &content.Page{Kind: content.KindHome, File: "content/_index.md", Title: "Home <&>"}
	s := &content.Site{Config: content.Config{Title: "T", Language: "en"}, Pages: []*content.Page{home}, Home: home}
	s.SetIndex(content.SiteIndex{})
	return s
}

func asset(path, text string) content.Asset {
	return content.Asset{Path: path, Origin: content.Origin{Path: "templates/" + path}, Data: []byte(text)}
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name      string
		templates []content.Asset
		want      string
	}{
		{"parse error", []content.Asset{asset("layout.html", "{{block \"main\" .}}{{end}}"), asset("home.html", "{{define \"main\"}}\n{{if}}{{end}}")},
			`templates/home.html:2: template: missing value for if`},
		{"execution error", []content.Asset{asset("layout.html", "{{block \"main\" .}}{{end}}"), asset("home.html", "{{define \"main\"}}\n  {{.Page.Nope}}{{end}}")},
			`templates/home.html:2:9: rendering content/_index.md: executing "main" at <.Page.Nope>: can't evaluate field Nope in type *content.Page`},
		{"no layout", []content.Asset{asset("home.html", "x")},
			`templates/layout.html: no layout template; add templates/layout.html`},
		{"missing kind", []content.Asset{asset("layout.html", "x")},
			`templates/home.html: no template for home pages; add templates/home.html`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, l := Site(context.Background(), site(), tc.templates, Options{})
			if got := l.Error(); got != tc.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestEscapingAndCache(t *testing.T) {
	tpl := []content.Asset{
		asset("layout.html", `<title>{{.Page.Title}}</title>{{partialCached "partials/x.html" .Page.Title "k"}}{{partialCached "partials/x.html" "other" "k"}}`),
		asset("partials/x.html", `<b>{{.}}</b>`),
		asset("home.html", ``),
	}
	out, l := Site(context.Background(), site(), tpl, Options{BaseURL: content.BaseURL{URL: "https://example.org/sub/", Path: "/sub/", Decoded: "/sub/"}})
	if len(l) != 0 {
		t.Fatal(l.Error())
	}
	got := string(out[0].Data)
	want := `<title>Home &lt;&amp;&gt;</title><b>Home &lt;&amp;&gt;</b><b>Home &lt;&amp;&gt;</b>`
	if !strings.Contains(got, want) {
		t.Errorf("page = %q; want %q (escaped, and the second partial served from the cache)", got, want)
	}
}

// TestTemplatesParsedOnce checks the cache of the parsed templates: the
// same templates give the same set without parsing again, a change to any
// file (or to where it comes from) parses again, and a broken template's
// errors come back each time, in a list of the caller's own.
func TestTemplatesParsedOnce(t *testing.T) {
	fm := funcs(nil, newURLs(content.BaseURL{}), &fragments{})
	good := []content.Asset{asset("layout.html", `{{block "main" .}}{{end}}`), asset("home.html", `{{define "main"}}home{{end}}`)}
	a, _ := cachedTemplates(good, fm)
	b, _ := cachedTemplates([]content.Asset{asset("layout.html", `{{block "main" .}}{{end}}`), asset("home.html", `{{define "main"}}home{{end}}`)}, fm)
	if a != b {
		t.Errorf("the same templates were parsed again")
	}
	edited := []content.Asset{good[0], asset("home.html", `{{define "main"}}edited{{end}}`)}
	if c, _ := cachedTemplates(edited, fm); c == a {
		t.Errorf("an edited template gave the old set")
	}
	moved := []content.Asset{good[0], {Path: "home.html", Origin: content.Origin{Path: "theme/home.html"}, Data: good[1].Data}}
	if c, _ := cachedTemplates(moved, fm); c == a || c.origins["home.html"] != "theme/home.html" {
		t.Errorf("a template from another file gave the old set")
	}
	broken := []content.Asset{good[0], asset("home.html", "{{define \"main\"}}\n{{if}}{{end}}")}
	_, l1 := cachedTemplates(broken, fm)
	l1[0].Msg = "changed by the caller"
	_, l2 := cachedTemplates(broken, fm)
	if !l2.HasErrors() || l2[0].Msg == "changed by the caller" {
		t.Errorf("errors of a cached broken set: %v", l2)
	}
}
