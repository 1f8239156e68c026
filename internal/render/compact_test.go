package render

import (
	"html/template"
	"strings"
	"testing"
)

func TestCompact(t *testing.T) {
	tests := []struct {
		name, tmpl, data, want string
	}{
		{"indentation between blocks", "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n", "", "<ul><li>a</li><li>b</li></ul>"},
		{"space between inline elements", "<p><a href=\"/a\">a</a> <a href=\"/b\">b</a>\n  <a href=\"/c\">c</a></p>", "", "<p><a href=\"/a\">a</a> <a href=\"/b\">b</a>\n<a href=\"/c\">c</a></p>"},
		{"words", "<p>one   two\n\n   three</p>", "", "<p>one two\nthree</p>"},
		{"space next to an action", "<p>\n  {{.}}\n  <em>x</em>\n</p>", "v", "<p>v\n<em>x</em></p>"},
		{"action beside action", "<span>{{.}}  {{.}}</span>", "v", "<span>v v</span>"},
		{"pre", "<div>\n<pre>\n  a\n    b  </pre>\n</div>", "", "<div><pre>\n  a\n    b  </pre></div>"},
		{"pre with tags and actions", "<pre><code>  {{.}}  \n  x</code>  </pre>", "v", "<pre><code>  v  \n  x</code>  </pre>"},
		{"textarea", "<textarea>  a\n  b</textarea>", "", "<textarea>  a\n  b</textarea>"},
		{"script", "<script>\n  var a  =  1;\n</script>", "", "<script>\n  var a  =  1;\n</script>"},
		{"style", "<style>\n  p  { }\n</style>", "", "<style>\n  p  { }\n</style>"},
		{"attribute values", "<p class=\"a   b\"  title='x\n  y'\n   id=\"i\"  >t</p>", "", "<p class=\"a   b\" title='x\n  y' id=\"i\">t</p>"},
		{"attribute after an action", "<a href=\"{{.}}\"{{if .}} class=\"on\"{{end}}>x</a>", "/v", "<a href=\"/v\" class=\"on\">x</a>"},
		{"string in an action", "<p>{{\"  a  \"}}\n</p>", "", "<p>  a  </p>"},
		{"doctype and head", "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title> T </title>\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n", "",
			"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title> T </title></head><body><p>x</p></body></html>"},
		{"non-breaking space", "<p>a\u00a0\u00a0b</p>", "", "<p>a\u00a0\u00a0b</p>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmpl := template.Must(template.New("t").Parse(tc.tmpl))
			compactSets([]*template.Template{tmpl})
			var b strings.Builder
			if err := tmpl.Execute(&b, tc.data); err != nil {
				t.Fatal(err)
			}
			if got := b.String(); got != tc.want {
				t.Errorf("compacted %q gives %q; want %q", tc.tmpl, got, tc.want)
			}
		})
	}
}

// TestCompactUnevenBranches leaves a template alone when its branches end
// in different places of the HTML.
func TestCompactUnevenBranches(t *testing.T) {
	src := "<div>\n  {{if .}}<a href=\"x\"\n  {{else}}<b\n  {{end}}>\n  x</div>"
	tmpl := template.Must(template.New("t").Parse(src))
	compactSets([]*template.Template{tmpl})
	var b strings.Builder
	if err := tmpl.Execute(&b, true); err != nil {
		t.Fatal(err)
	}
	if want := "<div>\n  <a href=\"x\"\n  >\n  x</div>"; b.String() != want {
		t.Errorf("got %q; want it as written, %q", b.String(), want)
	}
}

// TestCompactKeepsPositions: an execution error names the line and column
// of the action in the file, as before compacting.
func TestCompactKeepsPositions(t *testing.T) {
	src := "<div>\n  <p>\n    {{.Missing}}\n  </p>\n</div>\n"
	tmpl := template.Must(template.New("t.html").Parse(src))
	compactSets([]*template.Template{tmpl})
	err := tmpl.Execute(new(strings.Builder), struct{}{})
	if err == nil {
		t.Fatal("no error for a missing field")
	}
	name, line, col, _ := templateErrorPos(err)
	if name != "t.html" || line != 3 || col != 6 {
		t.Errorf("error at %s:%d:%d; want t.html:3:6 (%v)", name, line, col, err)
	}
}

func TestCompactRange(t *testing.T) {
	tmpl := template.Must(template.New("t").Parse("<ol>\n  {{- range .}}\n  <li>{{.}}</li>\n  {{- end}}\n</ol>"))
	compactSets([]*template.Template{tmpl})
	var b strings.Builder
	if err := tmpl.Execute(&b, []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	if want := "<ol><li>a</li><li>b</li></ol>"; b.String() != want {
		t.Errorf("got %q; want %q", b.String(), want)
	}
}

// TestCompactCalledOutsideText leaves a template as written when it is
// called where its white space may show (inside <pre>, an attribute value),
// and so everything it calls, whether by {{template}} or by name in a
// function call.
func TestCompactCalledOutsideText(t *testing.T) {
	src := `{{define "code"}}  a
    b {{template "inner"}}{{end}}` +
		`{{define "inner"}}  c
  d{{end}}` +
		`{{define "title"}}x  y{{end}}` +
		`{{define "card"}}<li>
  <b>z</b>
</li>{{end}}` +
		"<div>\n  <pre>{{template \"code\"}}</pre>\n  <p title=\"{{call .F \"title\"}}\">t</p>\n  <ul>\n    {{template \"card\"}}\n  </ul>\n</div>"
	tmpl := template.Must(template.New("t").Parse(src))
	compactSets([]*template.Template{tmpl})
	var b strings.Builder
	data := map[string]any{"F": func(name string) (string, error) {
		var s strings.Builder
		err := tmpl.ExecuteTemplate(&s, name, nil)
		return s.String(), err
	}}
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	want := "<div><pre>  a\n    b   c\n  d</pre><p title=\"x  y\">t</p><ul><li><b>z</b></li></ul></div>"
	if got := b.String(); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
