package check

import (
	"hash/fnv"
	"slices"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

// TestPageAnchors checks the id sums Rendered keeps: FNV-1a as hash/fnv
// makes it, and every id of a page found, and no other.
func TestPageAnchors(t *testing.T) {
	for _, id := range []string{"", "top", "claim-talks-12", "سياق", "src-1-title"} {
		h := fnv.New64a()
		h.Write([]byte(id))
		if got, want := idSum(id), h.Sum64(); got != want {
			t.Errorf("idSum(%q) = %x; want %x", id, got, want)
		}
	}
	r := NewRendered()
	r.Add("talks/index.html", []byte(`<h2 id="a">A</h2><p id="b">B</p><a id="a" href="/x/#a">x</a>`))
	a := r.anchors["talks/index.html"]
	if len(a.ids) != 2 {
		t.Errorf("%d id sums kept for two ids (one written twice); want 2", len(a.ids))
	}
	for id, want := range map[string]bool{"a": true, "b": true, "c": false, "": false, "A": false} {
		if got := a.has(id); got != want {
			t.Errorf("has(%q) = %v; want %v", id, got, want)
		}
	}
}

// TestSoundLinksNotKept checks that Rendered lets go of the links to a
// page's own ids that the page has, and keeps every other link for the
// link rule: a missing id, another page's id, a link with a path.
func TestSoundLinksNotKept(t *testing.T) {
	r := NewRendered()
	r.Add("talks/index.html", []byte(`<h2 id="who">Who</h2><a href="#who">1</a><a href=" #who ">2</a><a href="#">3</a>`+
		`<a href="#nowhere">4</a><a href="#WHO">5</a><a href="/talks/#who">6</a><a href="../#who">7</a><a href="?q#who">8</a>`))
	var kept []string
	for _, i := range r.anchors["talks/index.html"].links {
		kept = append(kept, r.links[i])
	}
	want := []string{"#nowhere", "#WHO", "/talks/#who", "../#who", "?q#who"}
	if !slices.Equal(kept, want) {
		t.Errorf("kept links %q; want %q", kept, want)
	}
	k := newLinker(content.BaseURL{}, r)
	if _, problem := k.resolve("talks/index.html", "#nowhere"); problem == "" {
		t.Errorf("a link to a missing id of the page passes")
	}
}
