package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestPublishingWorkflows lints the workflows docs/publishing.md gives
// editors to copy (Pages, checking pull requests) with actionlint, as
// "make lint-workflows" lints the repository's own.
func TestPublishingWorkflows(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go tool actionlint")
	}
	data, err := os.ReadFile(filepath.Join(repoRoot, "docs", "publishing.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var files []string
	rest := string(data)
	for {
		_, after, ok := strings.Cut(rest, "```yaml\n")
		if !ok {
			break
		}
		block, next, _ := strings.Cut(after, "```\n")
		name := filepath.Join(dir, "workflow"+strconv.Itoa(len(files))+".yml")
		if err := os.WriteFile(name, []byte(block), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
		rest = next
	}
	if len(files) != 2 {
		t.Fatalf("docs/publishing.md has %d yaml blocks; want 2 (Pages and check)", len(files))
	}
	for i, want := range []string{"briefing build --base-url", "briefing check --format github"} {
		b, _ := os.ReadFile(files[i])
		if !strings.Contains(string(b), want) || !strings.Contains(string(b), "go install github.com/briefing-dev/briefing/cmd/briefing@latest") {
			t.Errorf("workflow %d of docs/publishing.md does not install briefing and run %q", i+1, want)
		}
	}
	cmd := exec.Command("go", append([]string{"tool", "actionlint", "-shellcheck=", "-pyflakes="}, files...)...)
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint on the workflows of docs/publishing.md: %v\n%s", err, out)
	}
}
