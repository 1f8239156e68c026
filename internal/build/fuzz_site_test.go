package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/load"
)

// fuzzPerson is where FuzzSitePerson puts its page; fuzzRefs is a topic
// that names that person every way a page can (participants, a quote's
// speaker, a link), so references to a page that cannot be read are
// exercised too.
const (
	fuzzPerson = "content/participants/fuzz.md"
	fuzzRefs   = "content/about-fuzz.md"
)

var fuzzRefsPage = []byte(`---
title: "About the fuzzed person"
summary: "Names the fuzzed person every way a page can."
participants: [fuzz, jane-doe]
quotes:
  - by: fuzz
    text: "Words."
    source: article
---

[The person](participants/fuzz.md#bio) and [again](<participants/fuzz.md>).
`)

// FuzzSitePerson builds the whole base site of testdata/bad with one person
// page made of arbitrary bytes, seeded with every Markdown file of
// testdata/bad. See fuzzSite for what must hold.
func FuzzSitePerson(f *testing.F) {
	addBadFiles(f, func(p string) bool { return strings.HasSuffix(p, ".md") })
	f.Add([]byte("---\nname: \"<script>pwned()</script>\"\nside: us\naliases: [\"<b onmouseover=x>\"]\nat_table: {present: yes, note: \"<iframe>\"}\nrole: '<img src=x onerror=y>'\n---\n\n<script>x()</script> [a](javascript:x)\n"))
	f.Add([]byte("---\nname: Jane Doe\nside: nowhere\n---\n"))
	f.Add([]byte("---\nname: Doe\nside: us\naliases: [Jane Doe, Doe]\n---\n"))
	f.Add([]byte("---\nname: \"x\"\nside: us\n\tat_table: {present: yes}\n---\n"))
	f.Add([]byte("---\n- a list\n---\n"))
	f.Add([]byte("---\nname: \"unclosed\n---\n"))
	site := fuzzBase(f)
	site[fuzzRefs] = &fstest.MapFile{Data: fuzzRefsPage}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSite(t, site, fuzzPerson, data)
	})
}

// FuzzSiteConfig builds the whole base site of testdata/bad with a
// briefing.yaml made of arbitrary bytes, seeded with the base's own, the
// files the bad-input cases place in briefing.yaml and every YAML file of
// testdata/bad. See fuzzSite for what must hold.
func FuzzSiteConfig(f *testing.F) {
	addBadFiles(f, func(p string) bool { return strings.HasSuffix(p, ".yaml") })
	for _, s := range []string{
		"title: \"<script>pwned()</script>\"\ndescription: \"<img src=x onerror=y>\"\npublisher: \"</script><script>x()</script>\"\n",
		"title: x\nbase_url: \"javascript:alert(1)//\"\n",
		"title: x\nbase_url: \"https://example.org/a b/<x>/\"\n",
		"title: x\nlanguage: \"en\\\"><script>x()</script>\"\n",
		"title: x\npeople_section: ../../etc\n",
		"title: x\npeople_section: talks\n",
		"title: x\nsides:\n  - id: us\n    label: \"<b onmouseover=x>US</b>\"\n  - id: us\n",
		"\xef\xbb\xbftitle: x\r\nsides:\r\n  - id: us\r\n    label: US\r\n",
		"title:\n\t- x\n", "", "---", "- a\n- b\n", "title: [x\n",
	} {
		f.Add([]byte(s))
	}
	entries, err := os.ReadDir(badDir)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(badDir, e.Name(), "want.config.txt")); err == nil {
			for _, n := range caseSubjects(f, e.Name()) {
				data, err := os.ReadFile(filepath.Join(badDir, e.Name(), "content", n))
				if err == nil {
					f.Add(data)
				}
			}
		}
	}
	site := fuzzBase(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzSite(t, site, load.ConfigFile, data)
	})
}

// fuzzSite builds base with the file at name replaced by data, through
// every stage but write and then the editorial checks. It must not panic;
// every diagnostic must name a file of the site (or a folder of it) at a
// position inside it; and no output may hold markup from the input: HTML
// pages no risky markup the base site's pages lack, JSON no "<" at all.
func fuzzSite(t *testing.T, base fstest.MapFS, name string, data []byte) {
	site := make(fstest.MapFS, len(base)+1)
	for p, f := range base {
		site[p] = f
	}
	site[name] = &fstest.MapFile{Data: data}
	theme := badTheme()
	in, l := load.Site(site, theme)
	res, ds := Pipeline(context.Background(), in, Options{})
	l.Add(ds...)
	l.Add(check.Site(res.Site, check.RenderedFiles(res.Files), in.Files)...)

	for _, d := range l {
		if !fuzzInside(site, theme, d.Pos) {
			t.Fatalf("diagnostic %q is not inside a file of the site\n%s", d, data)
		}
	}
	for _, o := range res.Files {
		switch {
		case strings.HasSuffix(o.Path, ".html"):
			for _, r := range riskyMarkup(o.Data) {
				if !fuzzBaseline[r] {
					t.Fatalf("output %s holds %s, from the input:\n%s", o.Path, r, data)
				}
			}
		case strings.HasSuffix(o.Path, ".json"):
			if i := bytes.IndexByte(o.Data, '<'); i >= 0 {
				t.Fatalf("output %s holds an unescaped \"<\" at byte %d, from the input:\n%s", o.Path, i, data)
			}
		}
	}
}

// fuzzInside reports whether pos names a file or folder of the site (or of
// the theme, for templates) and, when it gives a line, a line of that file
// and a column at most one past the line's last rune.
func fuzzInside(site fstest.MapFS, theme fs.FS, pos diag.Pos) bool {
	name := strings.TrimPrefix(pos.File, "(built-in) ")
	f, ok := site[name]
	if !ok {
		if _, err := fs.Stat(site, name); err == nil {
			return pos.Line == 0 // a folder
		}
		data, err := fs.ReadFile(theme, name)
		if err != nil {
			return false
		}
		f = &fstest.MapFile{Data: data}
	}
	if pos.Line == 0 {
		return pos.Col == 0
	}
	src := bytes.TrimPrefix(f.Data, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	lines := bytes.Split(src, []byte("\n"))
	if pos.Line < 1 || pos.Line > len(lines) {
		return false
	}
	return pos.Col >= 0 && pos.Col <= utf8.RuneCount(lines[pos.Line-1])+1
}

// fuzzBaseline is the risky markup the theme itself puts in the base
// site's pages; fuzzBase fills it.
var fuzzBaseline map[string]bool

// fuzzBase reads testdata/bad/_base into memory and builds it once, to
// learn what markup the theme itself writes.
func fuzzBase(f *testing.F) fstest.MapFS {
	f.Helper()
	root := filepath.Join(badDir, "_base")
	site := fstest.MapFS{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		site[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	in, l := load.Site(site, badTheme())
	res, ds := Pipeline(context.Background(), in, Options{})
	if l.Add(ds...); l.HasErrors() {
		f.Fatalf("building the base site: %s", l.Error())
	}
	fuzzBaseline = map[string]bool{}
	for _, o := range res.Files {
		for _, r := range riskyMarkup(o.Data) {
			fuzzBaseline[r] = true
		}
	}
	return site
}

// addBadFiles adds every file of testdata/bad that keep accepts to the
// fuzz corpus.
func addBadFiles(f *testing.F, keep func(path string) bool) {
	f.Helper()
	err := filepath.WalkDir(badDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !keep(p) {
			return err
		}
		data, err := os.ReadFile(p)
		f.Add(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
}
