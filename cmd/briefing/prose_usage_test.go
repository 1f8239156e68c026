package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestProseUsage: --help, the README and docs/check.md show --prose the
// same way, as a switch followed by the files to screen, never as a flag
// that takes them ("[--prose FILE...]").
func TestProseUsage(t *testing.T) {
	code, help, _ := run(t, nil, "check", "--help")
	if code != 0 {
		t.Fatalf("check --help: exit %d", code)
	}
	texts := map[string]string{"briefing check --help": help}
	for _, name := range []string{"README.md", filepath.Join("docs", "check.md")} {
		data, err := os.ReadFile(filepath.Join("..", "..", name))
		if err != nil {
			t.Fatal(err)
		}
		texts[name] = string(data)
	}
	usage := regexp.MustCompile(`(?m)^\s*briefing check +--prose \[[^\n]*\] FILE\.\.\.$`)
	for name, text := range texts {
		if !usage.MatchString(text) {
			t.Errorf("%s has no usage line \"briefing check --prose [...] FILE...\"", name)
		}
		for _, wrong := range []string{"[--prose FILE", "--prose=", "--prose string"} {
			if strings.Contains(text, wrong) {
				t.Errorf("%s shows --prose as %q; it is a switch, and the files are the arguments", name, wrong)
			}
		}
	}
}
