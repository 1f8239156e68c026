package write

import (
	"github.com/briefing-dev/briefing/internal/content"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSiteWritesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := Site(dest, []content.Output{{Path: "index.html", Data: []byte("one")}, {Path: "a/b/index.html", Data: []byte("two")}}); err != nil {
		t.Fatal(err)
	}
	if err := Site(dest, []content.Output{{Path: "index.html", Data: []byte("three")}}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "three" {
		t.Errorf("index.html = %q; want the new build", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "a")); !os.IsNotExist(err) {
		t.Errorf("a file of the old build survived the swap")
	}
	assertOnly(t, dir, "public")
}

// TestSiteFailureHalfway fails on the third file: the old output must stay
// as it was and no staging folder may be left.
func TestSiteFailureHalfway(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if err := Site(dest, []content.Output{{Path: "index.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	err := Site(dest, []content.Output{
		{Path: "index.html", Data: []byte("new")},
		{Path: "x/index.html", Data: []byte("new")},
		{Path: "../escape.html", Data: []byte("evil")},
		{Path: "y/index.html", Data: []byte("new")},
	})
	if err == nil || !strings.Contains(err.Error(), "escape.html") {
		t.Fatalf("Site with a bad path: err = %v; want an error naming it", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(b) != "old" {
		t.Errorf("index.html = %q after a failed write; want the old output", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "escape.html")); !os.IsNotExist(err) {
		t.Errorf("a file was written outside the destination")
	}
	assertOnly(t, dir, "public")
}

func TestSiteRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Site(dir, []content.Output{{Path: "index.html", Data: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Fatalf("Site over a folder of other files: err = %v; want a refusal", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Errorf("foreign file changed")
	}
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("folder holds %v; want only %v", got, names)
	}
}
