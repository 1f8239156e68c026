package check

import (
	"hash/fnv"
	"testing"
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
