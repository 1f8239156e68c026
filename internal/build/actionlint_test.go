package build

import (
	"io"
	"testing"

	"github.com/rhysd/actionlint"
)

// lintWorkflow runs actionlint (as a library, without shellcheck or
// pyflakes, so the test needs no other tools) over one workflow file and
// returns its findings as "file:line:col: message" lines.
func lintWorkflow(t *testing.T, name string, data []byte) []string {
	t.Helper()
	l, err := actionlint.NewLinter(io.Discard, &actionlint.LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	errs, err := l.Lint(name, data, nil)
	if err != nil {
		t.Fatalf("actionlint: %v", err)
	}
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Error()
	}
	return out
}

// TestLintWorkflowFails makes sure the workflow check can fail.
func TestLintWorkflowFails(t *testing.T) {
	bad := []byte("on: push\njobs:\n  build:\n    steps:\n      - uses: actions/checkout@v4\n        with:\n          path: ${{ steps.nope.outputs.x }}\n")
	if errs := lintWorkflow(t, "bad.yml", bad); len(errs) == 0 {
		t.Errorf("actionlint found nothing wrong with a job without runs-on")
	}
}
