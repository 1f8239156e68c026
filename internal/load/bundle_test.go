package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestBundle holds what load makes of files under content/ that are not
// pages: each is read to be published at its path, folder names made
// slugs as pages' are, file names kept; a file name that could not be a
// URL is refused as in static/.
func TestBundle(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("---\ntitle: x\n---\n")}
	site := fstest.MapFS{
		"briefing.yaml":                    {Data: []byte("title: x\n")},
		"content/talks.md":                 page,
		"content/talks/map.png":            {Data: []byte("png")},
		"content/Team Photos/lead_v2.jpg":  {Data: []byte("jpg")},
		"content/participants/a.md":        page,
		"content/participants/a/photo.jpg": {Data: []byte("jpg")},
		"content/notes/My Plan.pdf":        {Data: []byte("pdf")},
		"content/.DS_Store":                {Data: []byte("x")},
	}
	in, l := Site(site, nil)
	want := []string{
		`content/Team Photos: warning: folder name "Team Photos" has a space; its pages are published under /team-photos/: rename the folder to "team-photos"`,
		`content/notes/My Plan.pdf: name "My Plan.pdf" has a space; use "-" instead (My-Plan.pdf)`,
	}
	l.Sort()
	if got := strings.TrimSpace(l.Error()); got != strings.Join(want, "\n") {
		t.Errorf("Site diagnostics:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	var got []string
	for _, a := range in.Bundle {
		got = append(got, a.Origin.Path+" -> "+a.Path+" ("+string(a.Data)+")")
	}
	wantBundle := []string{
		"content/participants/a/photo.jpg -> participants/a/photo.jpg (jpg)",
		"content/talks/map.png -> talks/map.png (png)",
		"content/Team Photos/lead_v2.jpg -> team-photos/lead_v2.jpg (jpg)",
	}
	if strings.Join(got, "\n") != strings.Join(wantBundle, "\n") {
		t.Errorf("Bundle:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantBundle, "\n"))
	}
	if len(in.Files) != 2 {
		t.Errorf("Files = %d; want the 2 pages", len(in.Files))
	}
}
