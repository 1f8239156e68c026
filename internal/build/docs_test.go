package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestArchitectureListsEveryPackage keeps docs/architecture.md true: its
// package table must name exactly the module's packages.
func TestArchitectureListsEveryPackage(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "docs", "architecture.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(data), "## Packages")
	if !ok {
		t.Fatal("docs/architecture.md has no \"## Packages\" section")
	}
	table, _, _ = strings.Cut(table, "\n## ")
	row := regexp.MustCompile("(?m)^\\| `([^`]+)`")
	var documented []string
	for _, m := range row.FindAllStringSubmatch(table, -1) {
		name := m[1]
		if name == "briefing" {
			name = "" // the root package
		}
		documented = append(documented, name)
	}
	out, err := exec.Command("go", "list", module+"/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var tree []string
	for _, p := range strings.Fields(string(out)) {
		tree = append(tree, rel(p))
	}
	for _, p := range tree {
		if !slices.Contains(documented, p) {
			t.Errorf("package %q is not in docs/architecture.md's package table; add a row for it", label(p))
		}
	}
	for _, p := range documented {
		if !slices.Contains(tree, p) {
			t.Errorf("docs/architecture.md lists %q, which is not in the tree; remove or rename its row", label(p))
		}
	}
	slices.Sort(documented)
	for i := 1; i < len(documented); i++ {
		if documented[i] == documented[i-1] {
			t.Errorf("docs/architecture.md lists %q twice", label(documented[i]))
		}
	}
}
