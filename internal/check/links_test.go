package check

import (
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestResolve(t *testing.T) {
	files := []content.Output{
		{Path: "index.html", Data: []byte(`<h1 id="top">`)},
		{Path: "talks/index.html", Data: []byte(`<h2 id="who-was-there">`)},
		{Path: "переговоры/index.html", Data: []byte(`<h2 id="кто">`)},
		{Path: "css/site.css"},
		{Path: "404.html"},
	}
	k := newLinker(content.BaseURL{URL: "https://example.org/sub/", Path: "/sub/", Decoded: "/sub/"}, RenderedFiles(files))
	tests := []struct {
		from, href string
		internal   bool
		problem    string
	}{
		{"talks/index.html", "/sub/talks/#who-was-there", true, ""},
		{"talks/index.html", "#who-was-there", true, ""},
		{"talks/index.html", "#nowhere", true, `leads to #nowhere, but /sub/talks/ has no heading or anchor with that id`},
		{"talks/index.html", "../", true, ""},
		{"talks/index.html", "../#top", true, ""},
		{"talks/index.html", "/sub/", true, ""},
		{"talks/index.html", "/sub", true, ""},
		{"talks/index.html", "/sub/css/site.css", true, ""},
		{"talks/index.html", "/sub/talks", true, ""},
		{"talks/index.html", "/sub/%D0%BF%D0%B5%D1%80%D0%B5%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B/#%D0%BA%D1%82%D0%BE", true, ""},
		{"talks/index.html", "/sub/ghost/", true, "leads to /sub/ghost/, which the site does not have"},
		{"talks/index.html", "/elsewhere/", true, "leads to /elsewhere/, outside the site's base path /sub/"},
		{"talks/index.html", "../../up.html", true, "leads above the site's root"},
		{"talks/index.html", "/sub/../../etc/", true, "leads above the site's root"},
		{"talks/index.html", "https://example.org/sub/talks/", true, ""},
		{"talks/index.html", "https://example.org/sub/gone/", true, "leads to /sub/gone/, which the site does not have"},
		{"talks/index.html", "https://other.example/", false, ""},
		{"talks/index.html", "//cdn.example/x.js", false, ""},
		{"talks/index.html", "mailto:desk@example.org", false, ""},
		{"talks/index.html", "javascript:alert(1)", false, ""},
		{"talks/index.html", "", false, ""},
		{"talks/index.html", "#", false, ""},
	}
	for _, tc := range tests {
		internal, problem := k.resolve(tc.from, tc.href)
		if internal != tc.internal || problem != tc.problem {
			t.Errorf("resolve(%q, %q) = %v, %q; want %v, %q", tc.from, tc.href, internal, problem, tc.internal, tc.problem)
		}
	}
}

func TestUnsafeScheme(t *testing.T) {
	tests := map[string]string{
		"javascript:alert(1)":            "javascript",
		"  JavaScript:alert(1)":          "javascript",
		"java\tscript:alert(1)":          "javascript",
		"\x01javascript:x":               "javascript",
		"&#106;avascript:x":              "javascript",
		"vbscript:x":                     "vbscript",
		"file:///etc/passwd":             "file",
		"data:text/html;base64,AAAA":     "data",
		"data:image/svg+xml;base64,AAAA": "data",
		"data:image/png;base64,AAAA":     "",
		"https://example.org/":           "",
		"talks.md":                       "",
		"#javascript:x":                  "",
	}
	for dest, want := range tests {
		if got := unsafeScheme(dest); got != want {
			t.Errorf("unsafeScheme(%q) = %q; want %q", dest, got, want)
		}
	}
}
