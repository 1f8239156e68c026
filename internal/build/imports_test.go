package build

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

const module = "github.com/briefing-dev/briefing"

// allowedImports lists, for each package of the module, the module packages
// it may import. Stages never import each other; only build imports stages;
// serve sits on build; the command sits on build, serve and the root package.
// Add an edge here only with a reason in docs/architecture.md.
var allowedImports = map[string][]string{
	"":                  {},
	"internal/diag":     {},
	"internal/content":  {"internal/diag"},
	"internal/strict":   {"internal/content", "internal/diag"},
	"internal/markdown": {},
	"internal/parallel": {},
	"internal/config":   {"internal/content", "internal/diag", "internal/strict"},
	"internal/load":     {"internal/content", "internal/diag", "internal/parallel"},
	"internal/parse":    {"internal/content", "internal/diag", "internal/markdown", "internal/parallel", "internal/strict"},
	"internal/resolve":  {"internal/content", "internal/diag"},
	"internal/render":   {"internal/content", "internal/deps", "internal/diag", "internal/i18n", "internal/parallel"},
	"internal/i18n":     {"internal/content", "internal/diag", "internal/strict"},
	"internal/deps":     {"internal/content"},
	"internal/write":    {"internal/content", "internal/parallel"},
	"internal/check":    {"internal/content", "internal/diag", "internal/markdown"},
	"internal/cache":    {"internal/content", "internal/deps", "internal/diag"},
	"internal/build": {"internal/cache", "internal/deps", "internal/check", "internal/config", "internal/content", "internal/diag",
		"internal/i18n", "internal/load", "internal/markdown", "internal/parse", "internal/render",
		"internal/resolve", "internal/strict", "internal/write", "internal/assets", "internal/syndicate", "internal/parallel"},
	"internal/assets":           {"internal/content", "internal/diag", "internal/parallel"},
	"internal/syndicate":        {"internal/content", "internal/i18n", "internal/parallel"},
	"internal/corpus":           {},
	"internal/corpus/corpusgen": {"internal/corpus"},
	"internal/serve":            {"internal/build", "internal/content", "internal/diag"},
	"internal/diff":             {},
	"cmd/briefing":              {"", "internal/build", "internal/serve", "internal/content", "internal/diag", "internal/diff"},
}

// TestImports fails when a package imports a module package it should not,
// or when a new package appears without an entry in allowedImports.
func TestImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		pkg := rel(fields[0])
		allowed, ok := allowedImports[pkg]
		if !ok {
			t.Errorf("package %q has no entry in allowedImports; add one with the imports it needs", pkg)
			continue
		}
		var bad []string
		for _, imp := range fields[1:] {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			if r := rel(imp); !contains(allowed, r) {
				bad = append(bad, r)
			}
		}
		sort.Strings(bad)
		if len(bad) > 0 {
			t.Errorf("%s imports %s; allowed: %v", label(pkg), strings.Join(bad, ", "), allowed)
		}
	}
}

func rel(importPath string) string {
	return strings.TrimPrefix(strings.TrimPrefix(importPath, module), "/")
}

func label(pkg string) string {
	if pkg == "" {
		return "the root package"
	}
	return pkg
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
