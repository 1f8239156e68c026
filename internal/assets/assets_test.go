package assets

import (
	"context"
	"crypto/sha512"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestFingerprint(t *testing.T) {
	in := []content.Asset{
		{Path: "css/site.css", Data: []byte("body{color:red}")},
		{Path: "img/logo.png", Data: []byte("png")},
		{Path: "js/search.js", Data: []byte("var a=1")},
	}
	out, refs := Fingerprint(in)
	if len(out) != 3 || len(refs) != 2 {
		t.Fatalf("Fingerprint made %d files and %d refs; want 3 and 2", len(out), len(refs))
	}
	name := regexp.MustCompile(`^css/site\.[0-9a-f]{12}\.css$`)
	css := refs["css/site.css"]
	if !name.MatchString(css.Path) {
		t.Errorf("css/site.css renamed to %q; want css/site.<12 hex digits>.css", css.Path)
	}
	sum := sha512.Sum384([]byte("body{color:red}"))
	if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); css.Integrity != want {
		t.Errorf("integrity = %q; want %q", css.Integrity, want)
	}
	if _, ok := refs["img/logo.png"]; ok {
		t.Errorf("an image was fingerprinted; only style sheets and scripts are")
	}
	for i := 1; i < len(out); i++ {
		if out[i-1].Path >= out[i].Path {
			t.Errorf("files not sorted: %q before %q", out[i-1].Path, out[i].Path)
		}
	}
	if in[0].Path != "css/site.css" {
		t.Errorf("Fingerprint changed its input")
	}
	// The name follows the content: same bytes, same name; new bytes, new name.
	_, again := Fingerprint([]content.Asset{{Path: "css/site.css", Data: []byte("body{color:red}")}})
	_, changed := Fingerprint([]content.Asset{{Path: "css/site.css", Data: []byte("body{color:blue}")}})
	if again["css/site.css"] != css || changed["css/site.css"].Path == css.Path {
		t.Errorf("fingerprints: %v, again %v, changed %v", css, again["css/site.css"], changed["css/site.css"])
	}
}

func TestMinify(t *testing.T) {
	in := []content.Asset{
		{Path: "index.html", Data: []byte("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>T</title>\n<script type=\"application/ld+json\">{ \"a\": 1 }</script>\n</head>\n<body>\n  <p>One   two</p>\n  <pre>  keep\n   this</pre>\n</body>\n</html>\n")},
		{Path: "css/site.css", Data: []byte("body {\n  color : red ;\n}\n")},
		{Path: "js/a.js", Data: []byte("function f ( a ) {\n  return a + 1 ;\n}\n")},
		{Path: "api/x.json", Data: []byte("{\n  \"a\": [1, 2]\n}\n")},
		{Path: "robots.txt", Data: []byte("User-agent: *\n\n")},
	}
	out, l := Minify(context.Background(), in)
	if len(l) > 0 {
		t.Fatalf("Minify: %v", l)
	}
	want := map[string][]string{
		"index.html":   {`<p>One two</p>`, "<pre>  keep\n   this</pre>", `{"a":1}`, `<html lang="en">`},
		"css/site.css": {"body{color:red}"},
		"js/a.js":      {"function f(e){return e+1}"},
		"api/x.json":   {`{"a":[1,2]}`},
		"robots.txt":   {"User-agent: *\n\n"},
	}
	for i, f := range out {
		for _, w := range want[f.Path] {
			if !strings.Contains(string(f.Data), w) {
				t.Errorf("%s minified to %q; want it to hold %q", f.Path, f.Data, w)
			}
		}
		if f.Path != in[i].Path {
			t.Errorf("file %d is %q; want %q", i, f.Path, in[i].Path)
		}
	}
	if string(in[1].Data) != "body {\n  color : red ;\n}\n" {
		t.Errorf("Minify changed its input")
	}
}

func TestMinifyError(t *testing.T) {
	in := []content.Asset{{Path: "js/bad.js", Origin: content.Origin{Path: "static/js/bad.js", BuiltIn: true}, Data: []byte("function (")}}
	out, l := Minify(context.Background(), in)
	if !l.HasErrors() || !strings.HasPrefix(l[0].String(), "static/js/bad.js: ") {
		t.Fatalf("Minify of broken JavaScript reported %v; want an error at static/js/bad.js", l)
	}
	if string(out[0].Data) != "function (" {
		t.Errorf("a file that cannot be minified changed: %q", out[0].Data)
	}
}
