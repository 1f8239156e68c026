package content

import "testing"

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"talks":            "talks",
		"Meeting notes":    "meeting-notes",
		"  a -- b  ":       "a-b",
		"O'Hara & Co.":     "o-hara-co",
		"Переговоры 2025":  "переговоры-2025",
		"v1.2_draft":       "v1.2_draft",
		"50% #1?":          "50-1",
		"!!!":              "",
		"_index":           "_index",
		"हिन्दी":           "हिन्दी",
		"Talks":            "talks",
		"a\tb\u00a0c":      "a-b-c",
		"--leading-dash--": "leading-dash",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q; want %q", in, got, want)
		}
	}
}
