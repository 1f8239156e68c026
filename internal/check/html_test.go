package check

import (
	"reflect"
	"sort"
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
