package check

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestScanHTML(t *testing.T) {
	tests := []struct {
		name, src string
		ids       []string
		links     []string
	}{
		{"ids and links", `<h2 id="who">Who</h2><a href="/talks/#who">x</a><img src='a.png'>`, []string{"who"}, []string{"/talks/#who", "a.png"}},
		{"entities decoded", `<a href="/a/?x=1&amp;y=2" id="&#1082;">`, []string{"к"}, []string{"/a/?x=1&y=2"}},
		{"unquoted and upper case", `<A HREF=/x/ ID=top>`, []string{"top"}, []string{"/x/"}},
		{"named anchor", `<a name="old">`, []string{"old"}, nil},
		{"script and style skipped", `<script>var s = '<a href="/no/">';</script><style>a{}</style><a href="/yes/">`, nil, []string{"/yes/"}},
		{"comments and doctype skipped", `<!DOCTYPE html><!-- <a href="/no/"> --><a href="/yes/">`, nil, []string{"/yes/"}},
		{"text is not a tag", `1 < 2 and <3 <a href="/yes/">`, nil, []string{"/yes/"}},
		{"truncated tag", `<a href="/open`, nil, []string{"/open"}},
		{"truncated comment", `<!-- never closed <a href="/no/">`, nil, nil},
		{"empty", ``, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := scanHTML([]byte(tc.src))
			var ids []string
			for id := range a.ids {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			if !reflect.DeepEqual(ids, tc.ids) || !reflect.DeepEqual(a.links, tc.links) {
				t.Errorf("scanHTML(%q) = ids %q links %q; want ids %q links %q", tc.src, ids, a.links, tc.ids, tc.links)
			}
		})
	}
}

// scanDocs are documents whose every cut the piecewise scan must get
// through: raw text, comments, SVG, unclosed tags, entities.
var scanDocs = []string{
	`<!DOCTYPE html><html><head><title>a <a href="/no/"></title><style>p{}</style>` +
		`<script>if (a < b) { s = '<a href="/no2/">' } </script></head>` +
		`<body><h1 id="top">x</h1><p>1 < 2 and <3, </ 4 <a HREF=/x/ id=a1>y</a>` +
		`<!-- <a href="/no3/"> --><svg><a href="/in-svg/" id="s"/></svg>` +
		`<textarea><a href="/no4/"></textarea><img src='i.png' alt=""><br/>` +
		`<a href="/a/?x=1&amp;y=2" name="old">z</a><script/><a href="/raw/"></script>` +
		`<a href="/last/" id="end"></body></html>`,
	`<a href="/open`,
	`<!-- never closed <a href="/no/">`,
	`<p id=a>` + strings.Repeat(`<a href="/r/">r</a> `, 20) + `<a href="/tail/" id=b>`,
}

// TestScanPieces holds the piecewise scan equal to scanHTML's for every
// size of piece, as a page written through Rendered.Open is read.
func TestScanPieces(t *testing.T) {
	for _, doc := range scanDocs {
		want := scanHTML([]byte(doc))
		for k := 1; k <= len(doc); k++ {
			s := newScanner()
			var buf []byte
			for i := 0; i < len(doc); i += k {
				buf = append(buf, doc[i:min(i+k, len(doc))]...)
				n := s.scan(buf, false)
				buf = buf[:copy(buf, buf[n:])]
			}
			s.scan(buf, true)
			if !reflect.DeepEqual(s.a, want) {
				t.Fatalf("pieces of %d of %q: ids %v links %q; want ids %v links %q", k, doc, s.a.ids, s.a.links, want.ids, want.links)
			}
		}
	}
}

// TestRenderedOpen writes a page larger than scanPiece through Open, in
// the pieces a buffered writer makes, and holds what it records equal to
// Add's.
func TestRenderedOpen(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 6000; i++ {
		fmt.Fprintf(&b, `<section id="s%d"><script>var x = "<a href='/no/'>";</script><a href="/p%d/">p</a></section>`, i, i%500)
		if i == 10 || i == 3000 {
			// Longer than a piece: read only once it has ended.
			b.WriteString(`<script>` + strings.Repeat("x < y; ", 50000) + `</script>`)
		}
	}
	doc := []byte(b.String())
	whole, pieces := NewRendered(), NewRendered()
	whole.Add("big/index.html", append([]byte(nil), doc...))
	w, err := pieces.Open("big/index.html")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(doc); i += 64 << 10 {
		w.Write(doc[i:min(i+64<<10, len(doc))])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(whole.anchors, pieces.anchors) || !reflect.DeepEqual(whole.files, pieces.files) {
		t.Fatalf("Open recorded %d ids and %d links; Add %d and %d",
			len(pieces.anchors["big/index.html"].ids), len(pieces.anchors["big/index.html"].links),
			len(whole.anchors["big/index.html"].ids), len(whole.anchors["big/index.html"].links))
	}
	if a := whole.anchors["big/index.html"]; len(a.ids) != 6000 || len(a.links) != 500 {
		t.Fatalf("%d ids and %d links; want 6000 and 500", len(a.ids), len(a.links))
	}
}
