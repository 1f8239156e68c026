// Package parse is the second stage: it turns loaded files into typed pages.
// Front matter is decoded strictly through yaml.Node, so every diagnostic
// carries the line and column of the key or value at fault; bodies are parsed
// into Markdown documents whose headings and links are kept with positions.
// Parse checks what one file can tell about itself; references between pages
// are resolve's job. It never reads the disk.
//
// Size: parse is a little over 500 lines because it is the one place each
// front-matter key is checked; the checks read best beside the decode.
package parse

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/markdown"
	"github.com/briefing-dev/briefing/internal/parallel"
	"github.com/briefing-dev/briefing/internal/strict"
)

// frontMatter is every key a page may have. Which keys suit which kind of
// page is checked after decoding.
type frontMatter struct {
	Title         string
	ShortTitle    string
	Summary       string
	Date          content.Date
	Updated       content.Date
	Draft         bool
	Weight        int
	Participants  []content.Ref
	Quotes        []content.Quote
	Events        []content.Event
	Figures       []content.Figure
	Sources       []content.Source
	OpenQuestions []string
	Known         []string
	Takeaways     []content.Takeaway
	Updates       []content.Update
	Glance        *content.Glance
	Outcome       *outcomeFM
	Type          content.WorkType
	Corrections   []correction
	// values decodes the trust values again with their positions, for
	// messages about a wrong one (see trust).
	values func() *trustValues `yaml:"-"`

	// Person pages.
	Name        string
	Role        string
	Affiliation string
	Side        content.Ref
	AtTable     *atTable
	Aliases     []string
	Photo       *content.Photo
}

// CodePersonKey is the code of the error for a person's key (name, role,
// ...) on a page outside the people section; the build reads it to tell
// a renamed people_section from pages that are wrong one by one.
const CodePersonKey = "person-key"

// personKeys are the keys only person pages may have; homeKeys the ones
// only the home page may have.
var (
	personKeys = []string{"name", "role", "affiliation", "side", "at_table", "aliases", "photo"}
	homeKeys   = []string{"takeaways", "updates", "glance"}
)

// Pages parses files in parallel. peopleSection names the folder under
// content/ whose pages are people; published are the files the site
// publishes beside its pages, which images take their size from. The
// result keeps the order of files and
// leaves out files that could not be parsed at all; bodies holds the body
// of every page that has one. parsed, when set, is called with each file
// (in files, so it may let go of the file's text) and its body (nil when
// it has none) as soon as the file is parsed: the build moves the body's
// texts out of memory then (Body.Spill).
func Pages(ctx context.Context, files []content.File, peopleSection string, md *markdown.Markdown, published content.Files, parsed func(*content.File, *content.Body)) (pages []*content.Page, bodies map[*content.Page]*content.Body, l diag.List) {
	all := make([]*content.Page, len(files))
	bs := make([]*content.Body, len(files))
	lists := make([]diag.List, len(files))
	parallel.Each(ctx, len(files), 0, func(i int) {
		all[i], bs[i], lists[i] = safePage(files[i], peopleSection, md, published)
		if parsed != nil {
			parsed(&files[i], bs[i])
		}
	})
	pages = make([]*content.Page, 0, len(files))
	bodies = make(map[*content.Page]*content.Body, len(files))
	for i := range files {
		l.Add(lists[i]...)
		if all[i] != nil {
			pages = append(pages, all[i])
			if bs[i] != nil {
				bodies[all[i]] = bs[i]
			}
		}
	}
	return pages, bodies, l
}

// safePage is Page with a guard: a panic inside a library on some odd input
// becomes a diagnostic on that file instead of crashing the build.
func safePage(f content.File, peopleSection string, md *markdown.Markdown, published content.Files) (p *content.Page, b *content.Body, l diag.List) {
	defer func() {
		if r := recover(); r != nil {
			p, b = nil, nil
			l.Errorf(diag.Pos{File: f.Path}, "internal error while parsing this file: %v; please report it with the file", r)
		}
	}()
	return page(f, peopleSection, md, published)
}

// Page parses one file: its front matter into typed fields, its body into
// HTML plus the headings, links and word count the other stages need. The
// Markdown AST is dropped once the HTML is made: it is the largest thing a
// build would hold. When the front matter cannot be read at all, the page
// comes back marked Invalid and without a body, with the diagnostics that
// say why.
func Page(f content.File, peopleSection string, md *markdown.Markdown) (*content.Page, *content.Body, diag.List) {
	return page(f, peopleSection, md, nil)
}

// page is Page with the files the site publishes, which images and
// photos take their size from.
func page(f content.File, peopleSection string, md *markdown.Markdown, published content.Files) (*content.Page, *content.Body, diag.List) {
	var l diag.List
	p := &content.Page{File: f.Path, Pos: diag.Pos{File: f.Path, Line: 1, Col: 1}}
	placePage(p, peopleSection)
	if f.Invalid {
		return invalid(p), nil, l // load has said why
	}

	var fm frontMatter
	keys, ds := strict.Decode(f.Path, f.FrontLine, f.Front, &fm)
	l.Add(ds...)
	if keys == nil && ds.HasErrors() {
		return invalid(p), nil, l
	}
	p.Faulty = faulty(keys, ds)
	fm.values = func() *trustValues { return decodeTrustValues(f) }
	fill(p, &fm, keys, &l)
	if p.Person != nil && fm.Photo != nil {
		p.Person.Photo = photo(p, fm.Photo, published, &l)
	}
	lines := diag.NewLines(f.Body)
	at := func(off int) diag.Pos {
		pos := lines.Pos(f.Path, off)
		pos.Line += f.BodyLine - 1
		return pos
	}
	if off, n := markdown.TooManyFootnotes(f.Body); off >= 0 {
		l.Errorf(at(off), "the body has %d footnote marks ([^...]); the limit is %d a page, since footnotes take time that grows with the square of their number: split the page, or cite sources in the front matter", n, markdown.MaxFootnoteMarks)
		return invalid(p), nil, l
	}
	b := &content.Body{}

	doc := md.Parse(f.Body)
	headings, links, words := doc.Outline()
	// Both made to their length: the links are kept for every page until
	// resolve, the headings for as long as the body's texts are in
	// memory; lists grown by doubling were up to twice as long.
	var hs []content.Heading
	if len(headings) > 0 {
		hs = make([]content.Heading, 0, len(headings))
	}
	for _, h := range headings {
		hs = append(hs, content.Heading{Level: h.Level, Text: h.Text, ID: h.ID})
	}
	if len(links) > 0 {
		b.Links = make([]content.Link, 0, len(links))
	}
	for _, ln := range links {
		b.Links = append(b.Links, content.Link{Dest: ln.Dest, Pos: at(ln.Offset), Image: ln.Image, Alt: ln.Alt})
	}
	altText(b.Links, &l)
	b.Words = words
	if err := renderBody(p, b, hs, doc, md, published); err != nil {
		l.Errorf(diag.Pos{File: f.Path}, "render Markdown: %v", err)
	}
	return p, b, l
}

// invalid marks p as a page that is known by its file, id and URL but
// holds no data, because its file or front matter could not be read.
func invalid(p *content.Page) *content.Page {
	p.Invalid = true
	p.Title = path.Base(p.URL)
	if p.Kind == content.KindPerson {
		p.Person = &content.Person{}
	}
	return p
}

// faulty returns the top-level keys whose values strict reported as wrong
// (by each diagnostic's Key; an unknown or repeated key is not a value).
func faulty(keys map[string]diag.Pos, ds diag.List) map[string]bool {
	var out map[string]bool
	for _, d := range ds {
		if d.Key == "" || d.Code == strict.CodeUnknownKey || d.Code == strict.CodeDuplicateKey {
			continue
		}
		top, _, _ := strings.Cut(d.Key, ".")
		top, _, _ = strings.Cut(top, "[")
		if _, ok := keys[top]; ok {
			if out == nil {
				out = map[string]bool{}
			}
			out[top] = true
		}
	}
	return out
}

// renderBody writes the page's body as HTML (and, for topics, the variant
// embedded in the brief), with links to other pages' files turned into
// URLs relative to the page, as are links and images to other files of the
// site (sitePath), and images sized from published. Resolve checks later
// that each target exists.
func renderBody(p *content.Page, b *content.Body, headings []content.Heading, doc *markdown.Doc, md *markdown.Markdown, published content.Files) error {
	targets := map[string]string{}
	frags := map[string]string{}
	for i, ln := range b.Links {
		b.Links[i].Href = ln.Dest
		b.Links[i].Target = mdFile(p, ln.Dest)
		if u, ok := linkURL(p, ln.Dest); ok {
			targets[ln.Dest] = u
			b.Links[i].Href = u
		} else if sitePath(p, &b.Links[i]) && !b.Links[i].Outside {
			targets[ln.Dest] = b.Links[i].Href
		}
		if len(ln.Dest) > 1 && ln.Dest[0] == '#' {
			frags[ln.Dest] = "#" + p.ID + "--" + ln.Dest[1:]
		}
	}
	doc.SizeImages(imageSizes(b.Links, published))
	doc.RewriteLinks(targets)
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	if err := md.Render(buf, doc); err != nil {
		return err
	}
	t := content.Texts{HTML: buf.String(), Headings: headings}
	t.Plain = plainText(t.HTML)
	if p.Kind != content.KindTopic {
		b.SetTexts(t)
		return nil
	}
	buf.Reset()
	doc.RewriteLinks(frags)
	doc.Embed(p.ID+"--", 1)
	if err := md.Render(buf, doc); err != nil {
		return err
	}
	t.Embedded = buf.String()
	b.SetTexts(t)
	return nil
}

// renderBuffers are the buffers bodies are rendered into before their
// HTML is copied out: reused, they spare a 10,000-page build about 100 MB
// of garbage.
var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// linkURL maps a link to a content file ("participants/x.md#bio", relative
// to the linking page's file) to the target page's URL relative to the
// linking page's URL ("../participants/x/#bio"). It reports false for
// links that do not name a .md file.
func linkURL(p *content.Page, dest string) (string, bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasSuffix(u.Path, ".md") || strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	target := &content.Page{File: path.Join(path.Dir(p.File), u.Path)}
	if !strings.HasPrefix(target.File, "content/") {
		return "", false
	}
	placePage(target, "")
	rel := relativeURL(p.URL, target.URL)
	if u.Fragment != "" {
		rel += "#" + u.Fragment
	}
	return rel, true
}

// mdFile returns the file a link to a .md file names, from the site root
// ("content/talks.md"), or the path as written when it starts with "/";
// "" when dest names no .md file.
func mdFile(p *content.Page, dest string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasSuffix(u.Path, ".md") {
		return ""
	}
	if strings.HasPrefix(u.Path, "/") {
		return u.Path
	}
	return path.Join(path.Dir(p.File), u.Path)
}

// relativeURL returns the URL of page to, relative to page from. Both are
// site paths without a leading slash ("", "talks/", "a/b/").
func relativeURL(from, to string) string {
	depth := strings.Count(from, "/")
	rel := strings.Repeat("../", depth) + to
	if rel == "" {
		return "./"
	}
	return rel
}

// placePage sets a page's id, kind, section and URL from its path. Each
// part of the path becomes its slug (content.Slug), so "content/Meeting
// notes.md" is the page "meeting-notes" at "meeting-notes/"; load has
// warned about such names.
func placePage(p *content.Page, peopleSection string) {
	rel := strings.TrimSuffix(strings.TrimPrefix(p.File, "content/"), ".md")
	dir, name := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	if dir != "" {
		dir = content.Slug(dir)
	}
	if name != "_index" {
		name = content.Slug(name)
	}
	if dir != "" {
		rel = dir + "/" + name
	} else {
		rel = name
	}
	switch {
	case dir == "" && name == "_index":
		p.Kind, p.ID, p.URL = content.KindHome, "", ""
	case dir == "":
		p.Kind, p.ID, p.URL = content.KindTopic, name, name+"/"
	case name == "_index":
		p.Kind, p.ID, p.URL, p.Section = content.KindSection, dir, dir+"/", dir
		if dir == peopleSection {
			p.Kind = content.KindPeople
		}
	default:
		p.Kind, p.ID, p.URL, p.Section = content.KindPage, rel, rel+"/", dir
		if dir == peopleSection {
			p.Kind, p.PersonID = content.KindPerson, name
		}
	}
}

// fill copies decoded front matter into the page and checks what one page
// can check alone: required keys, keys that suit the page's kind, ids and
// URLs.
func fill(p *content.Page, fm *frontMatter, keys map[string]diag.Pos, l *diag.List) {
	p.Title, p.Summary = strings.TrimSpace(fm.Title), strings.TrimSpace(fm.Summary)
	p.ShortTitle = strings.TrimSpace(fm.ShortTitle)
	p.Date, p.Updated, p.Draft, p.Weight = fm.Date, fm.Updated, fm.Draft, fm.Weight
	p.Participants, p.Quotes, p.Events, p.Figures = fm.Participants, fm.Quotes, fm.Events, fm.Figures
	p.Sources, p.OpenQuestions, p.Takeaways, p.Updates = fm.Sources, fm.OpenQuestions, fm.Takeaways, fm.Updates
	p.Type = fm.Type
	p.Known = fm.Known
	if p.Kind == content.KindHome {
		p.Glance = glance(fm.Glance, keys, l)
	}
	p.Outcome = outcome(p, fm.Outcome, keys, l)
	trust(p, fm, keys, l) // before the sort: corrections count events as written
	// A page's events in timeline order (at the end of fill, once every
	// message has counted them as written), and the home page's last
	// update as its Updated date, are settled here, where the page is
	// made: no later stage changes a page.
	if p.Kind == content.KindHome && p.Updated.IsZero() {
		for _, u := range p.Updates {
			if u.Date.Compare(p.Updated) > 0 {
				p.Updated = u.Date
			}
		}
	}
	p.TitlePos = keyPos(keys, "title", p.Pos)

	if p.Kind == content.KindPerson {
		p.Person = &content.Person{
			Name: strings.TrimSpace(fm.Name), NamePos: keyPos(keys, "name", p.Pos),
			Role: fm.Role, Affiliation: fm.Affiliation, Side: fm.Side, Aliases: fm.Aliases,
		}
		if fm.AtTable != nil {
			p.Person.AtTable = presence(fm.AtTable, l)
		}
		if p.Person.Name == "" && !p.Faulty["name"] {
			l.Errorf(p.Pos, "person page has no name; add \"name: Full Name\"")
		}
		// A person with no side is one of the "Others" (side.others, the
		// wording briefing.yaml may set): an analyst, a mediator.
		if _, ok := keys["at_table"]; !ok {
			l.Warnf(p.Pos, "person page does not say whether they were at the table; add \"at_table: {present: yes or no, note: ...}\"")
		}
		if p.Title == "" {
			p.Title, p.TitlePos = p.Person.Name, p.Person.NamePos
		}
	} else {
		for _, k := range personKeys {
			if pos, ok := keys[k]; ok {
				l.Add(diag.Diagnostic{Pos: pos, Severity: diag.Error, Code: CodePersonKey, Key: k,
					Msg: fmt.Sprintf("%q belongs on person pages (content/<people section>/<id>.md) only; remove it here", k)})
			}
		}
		if p.Title == "" && !p.Faulty["title"] {
			l.Errorf(p.Pos, "page has no title; add \"title: ...\" to its front matter")
		}
	}
	first := map[string]int{}
	for i, r := range p.Participants {
		if r.ID == "" {
			continue
		}
		if j, dup := first[r.ID]; dup {
			l.Errorf(r.Pos, "participants[%d]: %q is already listed as participants[%d]; remove the repeat", i+1, r.ID, j+1)
			continue
		}
		first[r.ID] = i
	}
	if p.Kind != content.KindHome {
		for _, k := range homeKeys {
			if pos, ok := keys[k]; ok {
				l.Errorf(pos, "%q belongs on the home page (content/_index.md) only; move it there", k)
			}
		}
	}

	for i, q := range p.Quotes {
		need(l, q.Pos, "quotes", i, "by", q.By.ID)
		need(l, q.Pos, "quotes", i, "text", q.Text)
	}
	for i, e := range p.Events {
		need(l, e.Pos, "events", i, "date", e.Date.String())
		need(l, e.Pos, "events", i, "title", e.Title)
	}
	for i, f := range p.Figures {
		need(l, f.Pos, "figures", i, "value", f.Value)
		need(l, f.Pos, "figures", i, "label", f.Label)
		amount(l, f, i)
	}
	for i, s := range p.Sources {
		need(l, s.Pos, "sources", i, "id", s.ID)
		need(l, s.Pos, "sources", i, "title", s.Title)
		if s.ID != "" && !IsID(s.ID) {
			l.Errorf(s.Pos, "source id %q: use lower-case letters, digits and \"-\"", s.ID)
		}
		if s.URL != "" {
			if u, err := url.Parse(s.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				l.Errorf(s.Pos, "source %q: url %q must be an absolute http:// or https:// address", s.ID, s.URL)
				p.Sources[i].URL = ""
			}
		}
	}
	for i, t := range p.Takeaways {
		need(l, t.Pos, "takeaways", i, "text", t.Text)
		need(l, t.Pos, "takeaways", i, "page", t.Page.ID)
	}
	for i, u := range p.Updates {
		need(l, u.Pos, "updates", i, "date", u.Date.String())
		need(l, u.Pos, "updates", i, "text", u.Text)
	}
	placement(p.Events, l)
	slices.SortStableFunc(p.Events, content.CompareEvents)
}

// glance trims the box's rows and warns about a "glance:" with none.
func glance(g *content.Glance, keys map[string]diag.Pos, l *diag.List) *content.Glance {
	if g == nil {
		return nil
	}
	for _, s := range []*string{&g.When, &g.Where, &g.WhoMet, &g.Agreed, &g.LeftOpen, &g.Absent} {
		*s = strings.TrimSpace(*s)
	}
	if len(g.Rows()) == 0 {
		l.Warnf(keyPos(keys, "glance", g.Pos), "glance has no rows; add when, where, who_met, agreed, left_open or absent, or remove it")
		return nil
	}
	return g
}

// need reports a missing required key of a list item, unless the key was
// written but its value was already reported as wrong.
func need(l *diag.List, pos diag.Pos, list string, i int, key, val string) {
	if pos.File == "" {
		return // the item could not be decoded at all, and strict has said why
	}
	if strings.TrimSpace(val) != "" {
		return
	}
	path := fmt.Sprintf("%s[%d].%s", list, i+1, key)
	for _, d := range *l {
		if d.Key == path || strings.HasPrefix(d.Key, path+".") || strings.HasPrefix(d.Key, path+"[") {
			return // strict has said what is wrong with the value
		}
	}
	l.Errorf(pos, "%s[%d] has no %s; add \"%s: ...\"", list, i+1, key, key)
}

// amount checks a figure's number: given with its unit, and not below
// zero (its bar is scaled to the largest of its unit).
func amount(l *diag.List, f content.Figure, i int) {
	unit := strings.TrimSpace(f.Unit)
	switch {
	case f.Amount != nil && unit == "":
		l.Errorf(f.Pos, "figures[%d] has an amount but no unit; add \"unit: ...\" (USD, %%, people, ...)", i+1)
	case f.Amount == nil && unit != "":
		l.Errorf(f.Pos, "figures[%d] has a unit but no amount; add \"amount: ...\" (the value as a number) or remove the unit", i+1)
	case f.Amount != nil && *f.Amount < 0:
		l.Errorf(f.Pos, "figures[%d]: amount %g is below zero; bars show sizes, so give the size and say in the label what it is", i+1, *f.Amount)
	}
}

func keyPos(keys map[string]diag.Pos, k string, def diag.Pos) diag.Pos {
	if p, ok := keys[k]; ok {
		return p
	}
	return def
}

// IsID reports whether s is a well-formed id: lower-case letters (of any
// script), digits and single hyphens, starting with a letter or digit.
func IsID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 127 && !isUpperOrSpace(r)) {
			return false
		}
	}
	return true
}

func isUpperOrSpace(r rune) bool {
	return strings.ToLower(string(r)) != string(r) || r == '\u00a0'
}
