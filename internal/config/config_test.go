package config

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestParse(t *testing.T) {
	cfg, l := Parse(content.Asset{Path: "briefing.yaml", Data: []byte("title: T\nbase_url: https://example.org/sub\nsides:\n  - id: us\n    label: United States\n")})
	if len(l) != 0 {
		t.Fatalf("diagnostics: %s", l.Error())
	}
	if cfg.BaseURL != (content.BaseURL{URL: "https://example.org/sub/", Path: "/sub/", Decoded: "/sub/"}) || cfg.Language != "en" || cfg.PeopleSection != "participants" {
		t.Errorf("Parse = %+v", cfg)
	}
	if s, ok := cfg.Side("us"); !ok || s.Label != "United States" || s.Pos.Line != 4 {
		t.Errorf("Side(us) = %+v, %v", s, ok)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"unknown key", "title: T\nbaseurl: x\n", `briefing.yaml:2:1: unknown key "baseurl"; did you mean "base_url"?`},
		{"no title", "language: en\n", `briefing.yaml:1:1: briefing.yaml has no title; add "title: ..." with the briefing's name`},
		{"relative base", "title: T\nbase_url: /x/\n", `briefing.yaml:2:1: base URL "/x/" must be absolute, like "https://example.org/" or "https://example.org/briefings/riyadh/"`},
		{"duplicate side", "title: T\nsides:\n  - id: a\n  - id: a\n", `briefing.yaml:4:5: side "a" is declared twice; keep one`},
		{"bad language", "title: T\nlanguage: english language\n", `briefing.yaml:2:1: language "english language" is not a language tag; use one such as "en" or "en-GB"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, l := Parse(content.Asset{Path: "briefing.yaml", Data: []byte(tc.yaml)})
			if got := l.Error(); got != tc.want {
				t.Errorf("Parse(%q) = %q; want %q", tc.yaml, got, tc.want)
			}
		})
	}
}

func TestParseBaseURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org", "https://example.org/"},
		{"https://example.org/briefings/riyadh", "https://example.org/briefings/riyadh/"},
		{"http://127.0.0.1:1313/", "http://127.0.0.1:1313/"},
	}
	if b, _ := ParseBaseURL("https://example.org/a%20b"); b.Path != "/a%20b/" || b.Decoded != "/a b/" {
		t.Errorf("ParseBaseURL with an escape = %+v; want the escaped and the decoded path", b)
	}
	for _, tc := range tests {
		if got, err := ParseBaseURL(tc.in); err != nil || got.URL != tc.want {
			t.Errorf("ParseBaseURL(%q) = %q, %v; want %q", tc.in, got.URL, err, tc.want)
		}
	}
	for _, bad := range []string{"example.org", "ftp://x.org/", "https://x.org/?q=1", "javascript:alert(1)"} {
		if _, err := ParseBaseURL(bad); err == nil || !strings.Contains(err.Error(), "base URL") {
			t.Errorf("ParseBaseURL(%q) error = %v; want one", bad, err)
		}
	}
}

func TestParseMissing(t *testing.T) {
	cfg, l := Parse(content.Asset{})
	if len(l) != 0 || cfg.Language != "en" || cfg.PeopleSection != "participants" {
		t.Errorf("Parse(missing) = %+v, %v; want the defaults and no diagnostics", cfg, l)
	}
}

// TestEmptySide: an empty item under sides: is reported at the sides key,
// with a file and line (the fuzzer found it reported at no position).
func TestEmptySide(t *testing.T) {
	_, l := Parse(content.Asset{Path: "briefing.yaml", Data: []byte("title: x\nsides:\n  -\n")})
	if len(l) != 1 || l[0].String() != `briefing.yaml:2:1: sides[1] has no id; add "id: ..."` {
		t.Errorf("Parse with an empty side = %q; want one error at the sides key", l.Error())
	}
}
