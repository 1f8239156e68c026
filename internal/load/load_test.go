package load

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestContentNames holds the name policy under content/: names that are
// not their own URL form build, with a warning that names the URL; names
// that cannot make a URL at all are errors; a file that cannot be loaded
// stays in the list, marked Invalid.
func TestContentNames(t *testing.T) {
	page := &fstest.MapFile{Data: []byte("---\ntitle: x\n---\n")}
	site := fstest.MapFS{
		"briefing.yaml":                               {Data: []byte("title: x\n")},
		"content/Meeting notes.md":                    page,
		"content/My Notes/a.md":                       page,
		"content/ok.md":                               page,
		"content/!!!.md":                              page,
		"content/open.md":                             {Data: []byte("---\ntitle: x\n")},
		"content/latin1.md":                           {Data: []byte("---\ntitle: caf\xe9\n---\n")},
		"static/My Photo.jpg":                         {Data: []byte("x")},
		"content/" + strings.Repeat("a", 101) + ".md": page,
	}
	in, l := Site(site, nil)
	want := []string{
		`content/!!!.md: name "!!!.md" has no letter or digit to make a URL from; rename the file`,
		`content/Meeting notes.md: warning: file name "Meeting notes.md" has a space; the page is published at /meeting-notes/: rename the file to "meeting-notes.md"`,
		`content/My Notes: warning: folder name "My Notes" has a space; its pages are published under /my-notes/: rename the folder to "my-notes"`,
		`content/` + strings.Repeat("a", 101) + `.md: name is 104 characters long; shorten it to at most 100`,
		`content/latin1.md:2:11: invalid UTF-8 (byte 0xe9); save the file as UTF-8`,
		`content/open.md:1:1: front matter is not closed; add a line "---" after its last key`,
		`static/My Photo.jpg: name "My Photo.jpg" has a space; use "-" instead (My-Photo.jpg)`,
	}
	l.Sort()
	if got := strings.TrimSpace(l.Error()); got != strings.Join(want, "\n") {
		t.Errorf("Site diagnostics:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
	var files []string
	for _, f := range in.Files {
		s := f.Path
		if f.Invalid {
			s += " (invalid)"
		}
		files = append(files, s)
	}
	wantFiles := "content/!!!.md (invalid), content/Meeting notes.md, content/My Notes/a.md, content/" + strings.Repeat("a", 101) + ".md (invalid), content/latin1.md (invalid), content/ok.md, content/open.md (invalid)"
	if got := strings.Join(files, ", "); got != wantFiles {
		t.Errorf("Files = %s\nwant %s", got, wantFiles)
	}
}
