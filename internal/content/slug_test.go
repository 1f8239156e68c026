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

func TestPublishedPath(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"static/images/map.png", "images/map.png", true},
		{"static/", "", true},
		{"content/talks/map.png", "talks/map.png", true},
		{"content/map.png", "map.png", true},
		{"content/Team Photos/Lead.JPG", "team-photos/Lead.JPG", true},
		{"content/participants/", "participants/", true},
		{"content", "", true},
		{"briefing.yaml", "", false},
		{"static", "", false},
		{"../x.png", "", false},
		{"contents/x.png", "", false},
	} {
		if got, ok := PublishedPath(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("PublishedPath(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
