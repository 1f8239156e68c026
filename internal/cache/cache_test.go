package cache

import (
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// fakeParse makes a page per file and counts the files it was given.
func fakeParse(n *int) ParseFunc {
	return func(files []content.File) ([]*content.Page, map[*content.Page]*content.Body, diag.List) {
		*n += len(files)
		var pages []*content.Page
		bodies := map[*content.Page]*content.Body{}
		for _, f := range files {
			p := &content.Page{File: f.Path, ID: f.Path, Title: string(f.Front)}
			pages = append(pages, p)
			b := &content.Body{Links: []content.Link{{Dest: "x.md"}}}
			b.SetTexts(content.Texts{HTML: string(f.Body)})
			bodies[p] = b
		}
		return pages, bodies, nil
	}
}

func TestParseReuses(t *testing.T) {
	c := New()
	files := []content.File{{Path: "content/a.md", Front: []byte("A"), Body: []byte("a")}, {Path: "content/b.md", Front: []byte("B"), Body: []byte("b")}}
	n := 0
	pages, _, _ := c.Parse(files, "people", fakeParse(&n))
	if n != 2 {
		t.Fatalf("first Parse parsed %d files; want 2", n)
	}
	n = 0
	again, _, _ := c.Parse(files, "people", fakeParse(&n))
	if n != 0 || again[0] != pages[0] || again[1] != pages[1] {
		t.Errorf("Parse of unchanged files parsed %d and made new pages", n)
	}
	files[0].Body = []byte("a, edited")
	n = 0
	edited, bodies, _ := c.Parse(files, "people", fakeParse(&n))
	if n != 1 || edited[0] != pages[0] || html(bodies[edited[0]]) != "a, edited" {
		t.Errorf("a body edit: parsed %d, same page %v, body %q; want 1, the same page, the new body", n, edited[0] == pages[0], html(bodies[edited[0]]))
	}
	if !c.Edited(edited[0]) || c.Edited(edited[1]) {
		t.Errorf("Edited does not tell the edited page")
	}
	files[1].Front = []byte("B2")
	fronted, _, _ := c.Parse(files, "people", fakeParse(&n))
	if fronted[1] == pages[1] || fronted[1].Title != "B2" {
		t.Errorf("a front-matter edit kept the old page")
	}
	n = 0
	if _, _, _ = c.Parse(files, "other", fakeParse(&n)); n != 2 {
		t.Errorf("a new people section reparsed %d files; want all", n)
	}
}

func TestResolveReuses(t *testing.T) {
	c := New()
	n := 0
	files := []content.File{{Path: "content/a.md", Front: []byte("A"), Body: []byte("a")}}
	pages, bodies, _ := c.Parse(files, "", fakeParse(&n))
	resolves := 0
	resolve := func(ps []*content.Page, bs map[*content.Page]*content.Body) (*content.Site, diag.List) {
		resolves++
		s := &content.Site{Pages: ps}
		s.SetIndex(content.SiteIndex{Bodies: bs})
		return s, nil
	}
	first, _, reused := c.Resolve(1, pages, bodies, resolve)
	if reused || resolves != 1 {
		t.Fatalf("first Resolve reused a site")
	}
	gen := c.Generation()
	files[0].Body = []byte("a, edited") // the same link destinations
	pages, bodies, _ = c.Parse(files, "", fakeParse(&n))
	second, _, reused := c.Resolve(1, pages, bodies, resolve)
	if !reused || resolves != 1 || second == first || c.Generation() != gen {
		t.Errorf("a body edit: reused %v, %d resolves, new site %v; want the last site reused as a new value", reused, resolves, second != first)
	}
	if html(first.Body(pages[0])) != "a" || html(second.Body(pages[0])) != "a, edited" {
		t.Errorf("the reused site changed the last one, or lacks the new body")
	}
	if _, _, reused := c.Resolve(2, pages, bodies, resolve); reused || c.Generation() == gen {
		t.Errorf("new settings reused the site")
	}
}

func TestMemo(t *testing.T) {
	c := New()
	runs := 0
	make := func() (int, diag.List) { runs++; return runs, nil }
	Memo(c, "x", 1, make)
	if v, _ := Memo(c, "x", 1, make); v != 1 || runs != 1 {
		t.Errorf("Memo with the same key ran again")
	}
	if v, _ := Memo(c, "x", 2, make); v != 2 {
		t.Errorf("Memo with a new key reused the old result")
	}
	if v, _ := Memo[int](nil, "x", 2, make); v != 3 {
		t.Errorf("a nil Cache does not run the step")
	}
}

// html returns a body's HTML, which fakeParse keeps in memory.
func html(b *content.Body) string {
	h, _ := b.HTML()
	return h
}
