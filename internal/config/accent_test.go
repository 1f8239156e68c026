package config

import (
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestAccent(t *testing.T) {
	tests := []struct {
		yaml, want, diag string
	}{
		{"title: T\n", content.DefaultAccent, ""},
		{"title: T\naccent: \"#A31D1D\"\n", "#a31d1d", ""},
		{"title: T\naccent: \"#0af\"\n", "#00aaff", ""},
		{"title: T\naccent: red\n", content.DefaultAccent, `briefing.yaml:2:1: accent "red" is not a colour; write it as "#rrggbb", like "#0b57a4"`},
		{"title: T\naccent: \"#12345\"\n", content.DefaultAccent, `briefing.yaml:2:1: accent "#12345" is not a colour; write it as "#rrggbb", like "#0b57a4"`},
		{"title: T\naccent: \"#ggg\"\n", content.DefaultAccent, `briefing.yaml:2:1: accent "#ggg" is not a colour; write it as "#rrggbb", like "#0b57a4"`},
	}
	for _, tc := range tests {
		cfg, l := Parse(content.Asset{Path: "briefing.yaml", Data: []byte(tc.yaml)})
		if cfg.Accent != tc.want || l.Error() != tc.diag {
			t.Errorf("Parse(%q) accent = %q, %q; want %q, %q", tc.yaml, cfg.Accent, l.Error(), tc.want, tc.diag)
		}
	}
	if cfg, _ := Parse(content.Asset{}); cfg.Accent != content.DefaultAccent {
		t.Errorf("Parse(missing) accent = %q; want %q", cfg.Accent, content.DefaultAccent)
	}
}
