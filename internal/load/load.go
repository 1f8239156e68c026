// Package load is the first stage: it walks a site through an fs.FS and
// returns its bytes as content.Input, with front matter split from the body
// and line offsets kept. It applies the path policy (which names become URLs,
// which symlinks are followed) and reads nothing outside the site and the
// built-in theme. It never parses YAML or Markdown and never writes.
package load

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/parallel"
)

// The site layout.
const (
	ConfigFile   = "briefing.yaml"
	ContentDir   = "content"
	TemplatesDir = "templates"
	StaticDir    = "static"
	I18nDir      = "i18n"
)

// Limits that keep one bad file from exhausting the machine.
const (
	// MaxFileSize is the largest file the build reads.
	MaxFileSize = 8 << 20
	// MaxNameLen is the longest file or folder name, in runes, that becomes
	// part of a URL.
	MaxNameLen = 100
)

// Site reads the site in site, with the built-in theme in theme (a tree
// holding templates/ and static/; nil for none). Files of the site's own
// templates/ and static/ replace the theme's file by file.
func Site(site, theme fs.FS) (*content.Input, diag.List) {
	var l diag.List
	src := &content.Input{}

	cfg, err := readFile(site, ConfigFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.Errorf(diag.Pos{File: ConfigFile}, "no briefing.yaml in the site folder: run \"briefing init\" to start a site, or pass --source with the site's folder")
	case err != nil:
		l.Errorf(diag.Pos{File: ConfigFile}, "%v", err)
	default:
		data, pos, msg := clean(cfg)
		if msg != "" {
			// Left unset, like a missing file: the one error is this one,
			// not the settings an unreadable file seems to lack.
			l.Errorf(diag.Pos{File: ConfigFile, Line: pos.Line, Col: pos.Col}, "%s", msg)
			break
		}
		src.Config = content.Asset{Path: ConfigFile, Origin: content.Origin{Path: ConfigFile}, Data: data}
	}

	src.Files, src.Bundle = contentFiles(site, &l)
	src.Templates = overlay(site, theme, TemplatesDir, &l)
	src.Static = overlay(site, theme, StaticDir, &l)
	src.I18n = catalogues(site, &l)
	return src, l
}

// catalogues reads the site's own catalogues, the .yaml files of i18n/
// (package i18n checks them); no folder is no catalogue.
func catalogues(site fs.FS, l *diag.List) []content.Asset {
	ents, err := fs.ReadDir(site, I18nDir)
	if err != nil {
		return nil
	}
	var out []content.Asset
	for _, e := range ents {
		p := I18nDir + "/" + e.Name()
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
			l.Warnf(diag.Pos{File: p}, "ignored: i18n/ holds one <language>.yaml per language, such as i18n/fr.yaml")
			continue
		}
		data, err := readFile(site, p)
		if err != nil {
			l.Errorf(diag.Pos{File: p}, "%v", err)
			continue
		}
		data, pos, msg := clean(data)
		if msg != "" {
			l.Errorf(diag.Pos{File: p, Line: pos.Line, Col: pos.Col}, "%s", msg)
			continue
		}
		out = append(out, content.Asset{Path: p, Origin: content.Origin{Path: p}, Data: data})
	}
	return out
}

// contentFiles reads every Markdown file under content/, and every other
// file there as a file to publish beside the pages (bundle). A Markdown
// file that cannot be loaded is reported and kept, marked Invalid and
// without data, so that the later stages know its path and do not report
// links and references to it again.
func contentFiles(site fs.FS, l *diag.List) (files []content.File, bundle []content.Asset) {
	// The walk lists the files; they are read and split on several
	// goroutines (reading is bound by system calls: serial reading was
	// about a tenth of a large site's build), and their diagnostics
	// follow the walk's order.
	type entry struct {
		p       string
		depth   int
		refused bool
		ds      diag.List
		file    *content.File
		asset   *content.Asset
	}
	var entries []*entry
	walk(site, ContentDir, true, l, func(p string, depth int, refused bool) {
		entries = append(entries, &entry{p: p, depth: depth, refused: refused})
	})
	parallel.Each(context.Background(), len(entries), readers, func(i int) {
		e := entries[i]
		p := e.p
		if !strings.HasSuffix(p, ".md") {
			if e.refused {
				return
			}
			data, err := readFile(site, p)
			if err != nil {
				e.ds.Errorf(diag.Pos{File: p}, "%v", err)
				return
			}
			at, _ := content.PublishedPath(p)
			e.asset = &content.Asset{Path: at, Origin: content.Origin{Path: p}, Data: data}
			return
		}
		if e.refused {
			e.file = &content.File{Path: p, Invalid: true}
			return
		}
		if e.depth > 2 {
			e.ds.Errorf(diag.Pos{File: p}, "pages sit at most one folder deep (content/<section>/<page>.md); move this file up")
			return
		}
		data, err := readFile(site, p)
		if err != nil {
			e.ds.Errorf(diag.Pos{File: p}, "%v", err)
			e.file = &content.File{Path: p, Invalid: true}
			return
		}
		f, ds := Split(p, data)
		e.ds.Add(ds...)
		if ds.HasErrors() {
			f = content.File{Path: p, Invalid: true}
		}
		e.file = &f
	})
	for _, e := range entries {
		l.Add(e.ds...)
		if e.file != nil {
			files = append(files, *e.file)
		}
		if e.asset != nil {
			bundle = append(bundle, *e.asset)
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	sort.Slice(bundle, func(i, j int) bool { return bundle[i].Path < bundle[j].Path })
	return files, bundle
}

// readers is how many files are read at once.
const readers = 8

// overlay reads dir from theme, then from site, the site's files winning.
func overlay(site, theme fs.FS, dir string, l *diag.List) []content.Asset {
	byPath := map[string]content.Asset{}
	if theme != nil {
		var themeDiags diag.List
		walk(theme, dir, false, &themeDiags, func(p string, _ int, refused bool) {
			if refused {
				return
			}
			data, err := fs.ReadFile(theme, p)
			if err != nil {
				themeDiags.Errorf(diag.Pos{File: p}, "built-in theme: %v", err)
				return
			}
			rel := strings.TrimPrefix(p, dir+"/")
			byPath[rel] = content.Asset{Path: rel, Origin: content.Origin{Path: p, BuiltIn: true}, Data: data}
		})
		l.Add(themeDiags...)
	}
	walk(site, dir, false, l, func(p string, _ int, refused bool) {
		if refused {
			return
		}
		data, err := readFile(site, p)
		if err != nil {
			l.Errorf(diag.Pos{File: p}, "%v", err)
			return
		}
		rel := strings.TrimPrefix(p, dir+"/")
		byPath[rel] = content.Asset{Path: rel, Origin: content.Origin{Path: p}, Data: data}
	})
	out := make([]content.Asset, 0, len(byPath))
	for _, a := range byPath {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// walk calls fn for each file under dir, in lexical order, with its depth
// below dir (1 for dir's own files). It applies the name and symlink policy
// and skips hidden files; a file the policy refuses is reported and handed
// to fn with refused set, so that its path stays known. With slugs set
// (content/), a name that is not its own URL form is a warning, not an
// error: the URL is made from its slug. A missing dir is not an error.
func walk(fsys fs.FS, dir string, slugs bool, l *diag.List, fn func(p string, depth int, refused bool)) {
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			l.Errorf(diag.Pos{File: p}, "cannot read: %v", unwrapPath(err))
			if d != nil && !d.IsDir() && utf8.ValidString(p) {
				fn(p, 0, true)
			}
			return nil
		}
		if p == dir {
			return nil
		}
		name := d.Name()
		if skipName(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		depth := strings.Count(strings.TrimPrefix(p, dir+"/"), "/") + 1
		// Only folders and pages become URLs made of slugs; other files
		// under content/ keep their names, as static files do.
		slugged := slugs && (d.IsDir() || strings.HasSuffix(name, ".md"))
		if msg, warn := checkName(p, d.IsDir(), slugged); msg != "" {
			if !warn {
				l.Errorf(diag.Pos{File: p}, "%s", msg)
				if d.IsDir() {
					return fs.SkipDir
				}
				if utf8.ValidString(p) {
					fn(p, depth, true)
				}
				return nil
			}
			l.Warnf(diag.Pos{File: p}, "%s", msg)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, p)
			if err != nil {
				l.Errorf(diag.Pos{File: p}, "symlink points outside the site folder, to nothing, or into a loop; replace it with the file itself")
				fn(p, depth, true)
				return nil
			}
			if info.IsDir() {
				l.Errorf(diag.Pos{File: p}, "symlinked folders are not followed; move the folder into the site instead")
				return nil
			}
			fn(p, depth, false)
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			l.Errorf(diag.Pos{File: p}, "not a regular file; remove it")
			fn(p, depth, true)
			return nil
		}
		fn(p, depth, false)
		return nil
	})
	if err != nil {
		l.Errorf(diag.Pos{File: dir}, "cannot read: %v", err)
	}
}

// skipName reports names the walk ignores: hidden files and editors'
// backup and swap files.
func skipName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasPrefix(name, "#")
}

// checkName returns what is wrong with the last name of path p, or "" when
// nothing is. warn is set when the problem is only a warning: with slugs
// set, a name that is not its own slug still builds (its URL is the slug).
func checkName(p string, dir, slugs bool) (msg string, warn bool) {
	name := path.Base(p)
	if n := utf8.RuneCountInString(name); n > MaxNameLen {
		return fmt.Sprintf("name is %d characters long; shorten it to at most %d", n, MaxNameLen), false
	}
	if !utf8.ValidString(name) {
		return "name is not valid UTF-8; rename the file", false
	}
	what := "file"
	if dir {
		what = "folder"
	}
	stem := name
	if !dir {
		stem = strings.TrimSuffix(name, ".md")
	}
	if !slugs {
		for _, r := range name {
			switch {
			case unicode.IsLetter(r), unicode.IsDigit(r), unicode.In(r, unicode.Mn, unicode.Mc), r == '-', r == '_', r == '.':
			case r == ' ':
				return fmt.Sprintf("name %q has a space; use \"-\" instead (%s)", name, strings.ReplaceAll(name, " ", "-")), false
			default:
				return fmt.Sprintf("name %q has the character %q; use letters, digits, \"-\" and \"_\" only", name, r), false
			}
		}
		return "", false
	}
	slug := content.Slug(stem)
	if slug == stem || stem == "_index" {
		return "", false
	}
	if slug == "" {
		return fmt.Sprintf("name %q has no letter or digit to make a URL from; rename the %s", name, what), false
	}
	reason := fmt.Sprintf("is not the same as its URL form %q", slug)
	for _, r := range stem {
		if r == ' ' {
			reason = "has a space"
			break
		}
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.In(r, unicode.Mn, unicode.Mc) && r != '_' && r != '.' && r != '-' {
			reason = fmt.Sprintf("has the character %q", r)
			break
		}
		if unicode.ToLower(r) != r {
			reason = "has upper-case letters"
		}
	}
	if dir {
		return fmt.Sprintf("folder name %q %s; its pages are published under /%s/: rename the folder to %q", name, reason, slugPath(p), slug), true
	}
	return fmt.Sprintf("file name %q %s; the page is published at /%s: rename the file to %q", name, reason, slugURL(p), slug+".md"), true
}

// slugPath returns the URL path of a content folder: the slugs of its
// names below content/.
func slugPath(p string) string {
	parts := strings.Split(strings.TrimPrefix(p, ContentDir+"/"), "/")
	for i, s := range parts {
		parts[i] = content.Slug(s)
	}
	return strings.Join(parts, "/")
}

// slugURL returns the URL (below the base URL) of the page in content
// file p, as parse makes it.
func slugURL(p string) string {
	dir, name := path.Split(strings.TrimSuffix(p, ".md"))
	u := ""
	if d := strings.TrimSuffix(dir, "/"); d != ContentDir {
		u = slugPath(d) + "/"
	}
	if name != "_index" {
		u += content.Slug(name) + "/"
	}
	return u
}

// readFile reads a file, refusing ones over MaxFileSize.
func readFile(fsys fs.FS, p string) ([]byte, error) {
	info, err := fs.Stat(fsys, p)
	if err != nil {
		return nil, unwrapPath(err)
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("file is %.1f MB; the limit is %d MB: split it into several pages", float64(info.Size())/(1<<20), MaxFileSize>>20)
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, unwrapPath(err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("file grew past the %d MB limit while being read", MaxFileSize>>20)
	}
	return data, nil
}

// unwrapPath drops the *fs.PathError wrapper, whose path repeats the one
// the diagnostic already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// isFrontDelim reports whether line is a front-matter delimiter "---",
// allowing trailing spaces.
func isFrontDelim(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// Split cleans a content file's bytes (byte-order mark, CRLF, UTF-8) and
// splits its front matter from its body. The front matter sits between a
// first line "---" and the next line "---".
func Split(p string, data []byte) (content.File, diag.List) {
	var l diag.List
	f := content.File{Path: p}
	data, bad, msg := clean(data)
	if msg != "" {
		l.Errorf(diag.Pos{File: p, Line: bad.Line, Col: bad.Col}, "%s", msg)
		return f, l
	}
	if len(bytes.TrimSpace(data)) == 0 {
		l.Errorf(diag.Pos{File: p}, "file is empty; start it with front matter: a line \"---\", \"title: ...\", and another \"---\"")
		return f, l
	}
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if !isFrontDelim(first) {
		l.Errorf(diag.Pos{File: p, Line: 1, Col: 1}, "file has no front matter; start it with a line \"---\", then \"title: ...\", then another \"---\"")
		return f, l
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var ln []byte
		if end < 0 {
			ln = rest[off:]
		} else {
			ln = rest[off : off+end]
		}
		if isFrontDelim(ln) {
			f.Front = rest[:off]
			f.FrontLine = 2
			if end < 0 {
				f.Body = nil
			} else {
				f.Body = rest[off+end+1:]
			}
			f.BodyLine = line + 1
			return f, l
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	l.Errorf(diag.Pos{File: p, Line: 1, Col: 1}, "front matter is not closed; add a line \"---\" after its last key")
	return f, l
}

// clean strips a UTF-8 byte-order mark, turns CRLF and lone CR line ends
// into LF (lines and columns stay the same) and checks that the text is
// UTF-8. On invalid UTF-8 it returns the position of the first bad byte and
// a message.
func clean(data []byte) ([]byte, diag.Pos, string) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		// A lone CR ends a line too (old Mac files), for YAML and editors
		// alike; make it LF so that every stage counts lines the same way.
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	if !utf8.Valid(data) {
		i := 0
		for i < len(data) {
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		pos := diag.NewLines(data).Pos("", i)
		return nil, pos, fmt.Sprintf("invalid UTF-8 (byte 0x%02x); save the file as UTF-8", data[i])
	}
	if bytes.IndexByte(data, 0) >= 0 {
		i := bytes.IndexByte(data, 0)
		pos := diag.NewLines(data).Pos("", i)
		return nil, pos, "the file holds a NUL byte; is it a binary file? save it as UTF-8 text"
	}
	return data, diag.Pos{}, ""
}
