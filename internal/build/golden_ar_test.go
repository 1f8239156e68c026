package build

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenArabic builds testdata/site-ar, a briefing in Arabic (right
// to left, the built-in Arabic catalogue with the site's own
// i18n/ar.yaml over it, wording from briefing.yaml, a person with no
// side, a scheduled event), and compares every file with
// testdata/site-ar.golden, as TestGolden does for testdata/site. Run
// "go test ./internal/build -run GoldenArabic -update" to rewrite them.
func TestGoldenArabic(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	opts := fixtureOptions(dest)
	opts.Source = filepath.Join(repoRoot, "testdata", "site-ar")
	_, diags, err := Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Fatalf("the Arabic fixture has findings:\n%s", diags.Error())
	}
	got := readTree(t, dest)
	home := string(got["index.html"])
	for _, want := range []string{
		`<html lang="ar" dir="rtl">`,
		`<p class="kicker">ملف خاص</p>`,               // i18n/ar.yaml over the built-in word
		`<h2 id="across-title">حول طاولة المجلس</h2>`, // briefing.yaml's wording
		`3 ديسمبر 2025`,
		`15 يناير 2026، مقرَّر`,
	} {
		if !strings.Contains(home, want) {
			t.Errorf("index.html has no %q", want)
		}
	}
	if people := string(got["people/index.html"]); !strings.Contains(people, `<h2 id="side-others">مراقبون</h2>`) {
		t.Errorf("people/index.html does not group the person with no side under briefing.yaml's others label")
	}
	compareGolden(t, got, filepath.Join(repoRoot, "testdata", "site-ar.golden"))
}
