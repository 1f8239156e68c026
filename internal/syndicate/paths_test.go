package syndicate

import (
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/config"
	"github.com/briefing-dev/briefing/internal/content"
)

// TestPaths keeps Paths equal to the files Site makes (but the search
// index's parts, named after their content), with and without a base URL.
func TestPaths(t *testing.T) {
	for _, base := range []string{"", "https://example.org/riyadh/"} {
		var made []string
		for p := range files(t, testSite(), base) {
			if strings.HasPrefix(p, "search/") && p != SearchIndexPath {
				continue
			}
			made = append(made, p)
		}
		sort.Strings(made)
		var b content.BaseURL
		if base != "" {
			var err error
			if b, err = config.ParseBaseURL(base); err != nil {
				t.Fatal(err)
			}
		}
		paths := slices.Clone(Paths(b))
		sort.Strings(paths)
		if !slices.Equal(paths, made) {
			t.Errorf("base URL %q: Paths = %v; Site makes %v", base, paths, made)
		}
	}
}
