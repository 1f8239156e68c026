package config

import (
	"maps"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

func TestWording(t *testing.T) {
	cfg, l := Parse(content.Asset{Path: "briefing.yaml", Data: []byte("title: T\nlanguage: fr\nwording:\n  at_table: \"Dans la salle\"\n  others: \" Analystes \"\n")})
	if len(l) != 0 {
		t.Fatalf("diagnostics: %s", l.Error())
	}
	want := map[string]string{"presence.yes": "Dans la salle", "side.others": "Analystes"}
	if !maps.Equal(cfg.Wording, want) {
		t.Errorf("Wording = %v; want %v", cfg.Wording, want)
	}
	if cfg.LanguagePos != (diag.Pos{File: "briefing.yaml", Line: 2, Col: 1}) {
		t.Errorf("LanguagePos = %v; want briefing.yaml:2:1", cfg.LanguagePos)
	}
	if cfg, _ := Parse(content.Asset{Path: "briefing.yaml", Data: []byte("title: T\n")}); cfg.Wording != nil || cfg.LanguagePos != (diag.Pos{File: "briefing.yaml"}) {
		t.Errorf("no wording: Wording = %v, LanguagePos = %v; want nil and the file alone", cfg.Wording, cfg.LanguagePos)
	}
}

func TestWordingErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown key", "title: T\nwording:\n  at_tabel: x\n", `briefing.yaml:3:3: unknown key "at_tabel" in wording; did you mean "at_table"?`},
		{"not text", "title: T\nwording:\n  others: [a, b]\n", `briefing.yaml:3:11: wording.others must be text, found a list`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, l := Parse(content.Asset{Path: "briefing.yaml", Data: []byte(tc.yaml)})
			if got := l.Error(); got != tc.want {
				t.Errorf("Parse(%q) = %q; want %q", tc.yaml, got, tc.want)
			}
		})
	}
}
