package check

import (
	"math"
	"reflect"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// TestKeepLinks checks that the link rules read the same addresses and
// positions from the links KeepLinks takes as from the bodies' own, that
// the bodies let go of theirs, and that a body whose links do not fit the
// smaller form keeps its own.
func TestKeepLinks(t *testing.T) {
	at := func(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }
	talks := &content.Page{ID: "talks", File: "content/talks.md"}
	teams := &content.Page{ID: "teams", File: "content/teams.md"}
	odd := &content.Page{ID: "odd", File: "content/odd.md"}
	far := &content.Page{ID: "far", File: "content/far.md"}
	bare := &content.Page{ID: "bare", File: "content/bare.md"}
	bodies := map[*content.Page]*content.Body{
		talks: {Links: []content.Link{
			{Dest: "people/jane.md", Target: "content/people/jane.md", Href: "../people/jane/", Alt: "x", Pos: at("content/talks.md", 7, 3)},
			{Dest: "#part", Href: "#part", Pos: at("content/talks.md", 9, 12)},
			{Dest: "javascript:alert(1)", Pos: at("content/talks.md", 11, 1)},
		}},
		teams: {Links: []content.Link{{Dest: "https://example.org/", Href: "https://example.org/", Pos: at("content/teams.md", 4, 5)}}},
		odd: {Links: []content.Link{
			{Dest: "a.md", Pos: at("content/odd.md", 1, 1)},
			{Dest: "b.md", Pos: at("content/other.md", 2, 2)},
		}},
		far:  {Links: []content.Link{{Dest: "c.md", Pos: at("content/far.md", math.MaxInt32+1, 1)}}},
		bare: {},
	}
	site := &content.Site{Pages: []*content.Page{talks, teams, odd, far, bare}}
	site.SetIndex(content.SiteIndex{Bodies: bodies})

	// What the rules read of each link: its address as written and as
	// rendered, and its position.
	read := func(links []content.Link) []content.Link {
		out := make([]content.Link, len(links))
		for i, ln := range links {
			out[i] = content.Link{Dest: ln.Dest, Href: ln.Href, Pos: ln.Pos}
		}
		return out
	}
	want := map[*content.Page][]content.Link{}
	for _, p := range site.Pages {
		want[p] = read(bodies[p].Links)
	}

	r := NewRendered()
	var before diag.List
	unsafeLinks(site, r, &before)
	r.KeepLinks(site)
	for _, p := range []*content.Page{talks, teams} {
		if bodies[p].Links != nil {
			t.Errorf("%s: the body still holds its links", p.ID)
		}
	}
	for _, p := range []*content.Page{odd, far} {
		if bodies[p].Links == nil {
			t.Errorf("%s: the body let go of links the smaller form cannot hold", p.ID)
		}
	}
	for _, p := range site.Pages {
		if got := read(r.bodyLinks(site, p)); len(got)+len(want[p]) > 0 && !reflect.DeepEqual(got, want[p]) {
			t.Errorf("%s: links read back\n%+v\nwant\n%+v", p.ID, got, want[p])
		}
	}
	var after diag.List
	unsafeLinks(site, r, &after)
	if len(before) != 1 || !reflect.DeepEqual(before, after) {
		t.Errorf("unsafe links before KeepLinks:\n%v\nafter:\n%v", before, after)
	}
}
