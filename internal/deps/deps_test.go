package deps

import (
	"slices"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

// site returns a small resolved site whose pages have the given front and
// body fingerprints.
func site() (*content.Site, map[string]uint64, map[string]uint64) {
	talks := &content.Page{ID: "talks", File: "content/talks.md", Kind: content.KindTopic, URL: "talks/", Title: "Talks"}
	teams := &content.Page{ID: "teams", File: "content/teams.md", Kind: content.KindTopic, URL: "teams/", Title: "Teams"}
	s := &content.Site{Pages: []*content.Page{talks, teams}, Topics: []*content.Page{talks, teams}}
	s.SetIndex(content.SiteIndex{ByID: map[string]*content.Page{"talks": talks, "teams": teams}})
	return s, map[string]uint64{"talks": 1, "teams": 2}, map[string]uint64{"talks": 10, "teams": 20}
}

func versions(s *content.Site, front, body map[string]uint64) *Versions {
	return NewVersions(s, Fingerprints{
		Front: func(p *content.Page) uint64 { return front[p.ID] },
		Body:  func(p *content.Page) uint64 { return body[p.ID] },
	})
}

func TestVersions(t *testing.T) {
	s, front, body := site()
	before := versions(s, front, body)
	tests := []struct {
		name       string
		change     func(front, body map[string]uint64)
		changed    []string
		notChanged []string
	}{
		{"a body edit", func(f, b map[string]uint64) { b["talks"]++ },
			[]string{Body + "talks"}, []string{Topics, Page + "talks", Nav, Body + "teams"}},
		{"a front-matter edit", func(f, b map[string]uint64) { f["teams"]++ },
			[]string{Topics, Page + "teams", Next + "talks", Body + "teams"}, []string{Nav, Page + "talks", Body + "talks"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, b := clone(front), clone(body)
			tc.change(f, b)
			after := versions(s, f, b)
			for _, k := range tc.changed {
				x, _ := before.Of(k)
				y, ok := after.Of(k)
				if !ok || x == y {
					t.Errorf("Of(%q) did not change", k)
				}
			}
			for _, k := range tc.notChanged {
				x, _ := before.Of(k)
				if y, _ := after.Of(k); x != y {
					t.Errorf("Of(%q) changed", k)
				}
			}
		})
	}
	if _, ok := before.Of("nonsense:x"); ok {
		t.Errorf("an unknown key has a version; a page that read it would never render again")
	}
}

func clone(m map[string]uint64) map[string]uint64 {
	out := map[string]uint64{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func TestRecorder(t *testing.T) {
	var none *Recorder
	none.Note(Topics) // a nil Recorder records nothing and does not panic
	if none.Keys() != nil {
		t.Errorf("nil Recorder has keys")
	}
	r := NewRecorder()
	r.Note(Topics)
	r.Merge([]string{Page + "b", Topics, Page + "a"})
	if got, want := r.Keys(), []string{Page + "a", Page + "b", Topics}; !slices.Equal(got, want) {
		t.Errorf("Keys() = %q; want %q", got, want)
	}
}
