package build

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// pngOf returns a PNG of w x h pixels.
func pngOf(t *testing.T, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// imageSite writes a small site whose topic shows an image beside it.
func imageSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := map[string]string{
		"briefing.yaml":     "title: Images\nbase_url: https://example.org/sub/\n",
		"content/_index.md": "---\ntitle: Home\nsummary: Home.\n---\nSee [the talks](talks.md).\n",
		"content/talks.md":  "---\ntitle: Talks\nsummary: Talks.\n---\n![The venue](talks/venue.png \"The venue\")\n",
	}
	for k, v := range files {
		all[k] = v
	}
	for rel, s := range all {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestBundleFiles publishes a file beside its page and sizes its image; a
// file beside the pages whose path a page has is an error on the file.
func TestBundleFiles(t *testing.T) {
	dir := imageSite(t, map[string]string{"content/talks/venue.png": pngOf(t, 30, 20)})
	files := fullBuild(t, dir, Options{Theme: theme()})
	if _, ok := files["talks/venue.png"]; !ok {
		t.Errorf("talks/venue.png not published")
	}
	want := `<figure><img src="../talks/venue.png" alt="The venue" width="30" height="20" loading="lazy" decoding="async"><figcaption>The venue</figcaption></figure>`
	if !strings.Contains(string(files["talks/index.html"]), want) {
		t.Errorf("talks/index.html lacks %s", want)
	}

	dir = imageSite(t, map[string]string{"content/talks/venue.png": pngOf(t, 30, 20), "content/talks/index.html": "<p>x</p>"})
	_, l, err := Render(context.Background(), Options{Source: dir, Theme: theme()})
	if err != nil {
		t.Fatal(err)
	}
	wantMsg := "content/talks/index.html: this file would be published at /talks/index.html, which the page /talks/ has already; rename or move it"
	if got := l.Error(); !strings.Contains(got, wantMsg) {
		t.Errorf("diagnostics:\n%s\nwant them to hold:\n%s", got, wantMsg)
	}
}

// TestIncrementalImages adds, resizes and removes the image a page shows
// in a preview: each rebuild is the full build, and the page's <img>
// follows the file.
func TestIncrementalImages(t *testing.T) {
	dir := imageSite(t, nil)
	opts := Options{Source: dir, Theme: theme()}
	inc := NewIncremental(opts)
	_, l, err := inc.Build(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := `content/talks.md:5:1: image "talks/venue.png" not found: the site publishes nothing at /talks/venue.png; add the file (beside the page in content/, or in static/) or correct the path`; l.Error() != want {
		t.Fatalf("first build:\n%s\nwant:\n%s", l.Error(), want)
	}
	img := filepath.Join(dir, "content", "talks", "venue.png")
	if err := os.MkdirAll(filepath.Dir(img), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, size := range [][2]int{{30, 20}, {60, 45}} {
		if err := os.WriteFile(img, []byte(pngOf(t, size[0], size[1])), 0o644); err != nil {
			t.Fatal(err)
		}
		up, l, err := inc.Build(context.Background(), []string{"content/talks/venue.png"})
		if err != nil || l.HasErrors() {
			t.Fatalf("rebuild: %v\n%v", err, l)
		}
		sameFiles(t, "an image edit", up.Files, fullBuild(t, dir, opts))
		want := `width="` + strconv.Itoa(size[0]) + `" height="` + strconv.Itoa(size[1]) + `"`
		if !strings.Contains(string(up.Files["talks/index.html"]), want) {
			t.Errorf("talks/index.html lacks %s after the image became %dx%d", want, size[0], size[1])
		}
	}
	if err := os.Remove(img); err != nil {
		t.Fatal(err)
	}
	if _, l, _ := inc.Build(context.Background(), []string{"content/talks/venue.png"}); !l.HasErrors() {
		t.Errorf("removing the image: no error")
	}
}
