package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wantFixtureDiff is the report of the fixture site (testdata/site)
// against the earlier snapshot testdata/diff/old.json.
const wantFixtureDiff = `new quote on meeting (The meeting): 2025-01-10 Boris South: “Nothing was agreed.”
new figure on meeting (The meeting): about 40 people in the <North> delegation
new figure on meeting (The meeting): about 2.5 people in the South delegation, on average
new correction on followup (The follow-up): 2025-01-13 The second round is planned, not agreed.
new correction on meeting (The meeting): 2025-01-13 They arrived on 9 January.
changed page followup: The follow-up; outcome "" -> "{\"deadline\":\"2025-02\",\"next\":\"A second round, not yet agreed\",\"owner\":\"ana-north…", type "" -> "analysis"
changed page meeting: The meeting; known "" -> "[\"They met on 10 January \\u0026 talked \\u003cin private\\u003e.\"]", outcome "" -> "{\"next\":\"Keep talking\",\"owner\":\"North \\u0026 \\u003cSouth\\u003e\",\"status\":\"agreed…"
changed person ana-north: Ana North; photo "" -> "{\"credit\":\"Photo: Fixture Agency, CC BY 4.0\",\"height\":8,\"url\":\"https://example.o…"
changed person boris-south: Boris South; presence "no" -> "outside"
changed event on meeting (The meeting): 2025-01-09 Delegations arrive; corrected "" -> "2025-01-13", date "2025-01-08" -> "2025-01-09"
removed person carl-west: Carl West
removed figure on followup (The follow-up): 3 meetings planned
5 new, 5 changed, 2 removed
`

// runDiff runs "briefing diff" with client for URLs, as main would.
func runDiff(t *testing.T, client *http.Client, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := newDiffCmd(&stdout, &stderr, func(string) string { return "" }, client)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(context.Background())
	f, _ := os.CreateTemp(t.TempDir(), "stderr")
	code := exitCode(err, f)
	f.Close()
	extra, _ := os.ReadFile(f.Name())
	return code, stdout.String(), stderr.String() + string(extra)
}

func TestDiffCommand(t *testing.T) {
	fixture := filepath.Join("..", "..", "testdata", "site")
	old := filepath.Join("..", "..", "testdata", "diff", "old.json")
	oldData, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/briefing.json":
			w.Header().Set("Content-Type", "application/json")
			w.Write(oldData)
		case "/huge.json":
			chunk := bytes.Repeat([]byte(" "), 1<<20)
			for range maxSnapshot>>20 + 1 {
				w.Write(chunk)
			}
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // exact stdout, when not empty
		wantErr  string // substring of stderr
	}{
		{"file", []string{"-s", fixture, old}, 0, wantFixtureDiff, ""},
		{"https URL", []string{"-s", fixture, srv.URL + "/api/briefing.json"}, 0, wantFixtureDiff, ""},
		{"draft updates", []string{"-s", fixture, old, "--draft-updates", "--date", "2025-01-13"}, 0,
			"updates:\n  - date: 2025-01-13\n    text: \"Corrected “The follow-up”: The second round is planned, not agreed.\"\n", ""},
		{"json", []string{"-s", fixture, old, "--format", "json"}, 0, "{\n  \"old_updated\": \"2025-01-12\",\n", ""},
		{"not found", []string{"-s", fixture, srv.URL + "/old.json"}, 1, "", "fetch " + srv.URL + "/old.json: 404 Not Found"},
		{"too large", []string{"-s", fixture, srv.URL + "/huge.json"}, 1, "", "read " + srv.URL + "/huge.json: larger than 64 MB; is it a briefing's /api/briefing.json?"},
		{"plain http", []string{"-s", fixture, "http://example.org/api/briefing.json"}, 2, "", "fetch http://example.org/api/briefing.json: only https:// URLs are fetched; download the file and give its path"},
		{"no snapshot", []string{"-s", fixture}, 2, "", "diff needs one snapshot: a file or an https:// URL of /api/briefing.json, got 0 arguments"},
		{"missing file", []string{"-s", fixture, "nope.json"}, 1, "", "open nope.json: no such file or directory"},
		{"not an API", []string{"-s", fixture, filepath.Join(fixture, "briefing.yaml")}, 1, "", "the old snapshot: not a briefing's JSON API (/api/briefing.json)"},
		{"bad date", []string{"-s", fixture, old, "--draft-updates", "--date", "13 January"}, 2, "", `--date must be YYYY-MM-DD, not "13 January"`},
		{"bad format", []string{"-s", fixture, old, "--format", "yaml"}, 2, "", `--format must be text or json, not "yaml"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runDiff(t, srv.Client(), tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit code = %d; want %d\nstdout: %s\nstderr: %s", code, tc.wantCode, out, errOut)
			}
			if tc.wantOut != "" && !strings.HasPrefix(out, tc.wantOut) {
				t.Errorf("stdout:\n%s\nwant it to start with:\n%s", out, tc.wantOut)
			}
			if tc.wantOut == wantFixtureDiff && out != wantFixtureDiff {
				t.Errorf("stdout:\n%s\nwant:\n%s", out, wantFixtureDiff)
			}
			if !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tc.wantErr)
			}
		})
	}
}
