package render

import (
	"errors"
	"hash/maphash"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// templateSet is the parsed theme: one template per page kind, each a clone
// of the layout and partials with the kind's file parsed into it.
type templateSet struct {
	base    *template.Template // layout and partials
	kinds   map[content.Kind]*template.Template
	origins map[string]string // template name -> file for messages
}

// kindFiles are the page kinds and the template file each uses.
var kindFiles = []content.Kind{
	content.KindHome, content.KindTopic, content.KindSection, content.KindPeople,
	content.KindPerson, content.KindPage, content.KindTimeline, content.KindFigures,
	content.KindQuotes, content.KindSources, content.KindBrief, content.KindNotFound,
	content.KindSearch,
}

// lastSet is the template set parseTemplates made last, and the key of the
// templates it was made from. The preview server renders again after every
// save, nearly always with the same templates, and parsing and compacting
// them was about a quarter of the time to show an edited page of a large
// site. A set is only ever cloned, never executed, so builds may share it.
var lastSet struct {
	sync.Mutex
	key uint64
	set *templateSet
	l   diag.List
}

var templateSeed = maphash.MakeSeed()

// cachedTemplates returns parseTemplates(assets, fm), parsing only when
// the templates differ from the last ones parsed. fm gives only the
// functions' names here: each worker binds its own (newWorker).
func cachedTemplates(assets []content.Asset, fm template.FuncMap) (*templateSet, diag.List) {
	var h maphash.Hash
	h.SetSeed(templateSeed)
	for _, a := range assets {
		h.WriteString(a.Path)
		h.WriteByte(0)
		h.WriteString(a.Origin.Path)
		h.WriteByte(0)
		h.Write(a.Data)
		h.WriteByte(0)
	}
	key := h.Sum64()
	lastSet.Lock()
	defer lastSet.Unlock()
	if lastSet.set == nil || lastSet.key != key {
		lastSet.set, lastSet.l = parseTemplates(assets, fm)
		lastSet.key = key
	}
	return lastSet.set, slices.Clone(lastSet.l)
}

// parseTemplates parses layout.html, partials/*.html and one file per page
// kind, and compacts the templates' text (compact.go), so that pages come
// out without the indentation of the template files. A template file for a
// kind that is missing leaves that kind without a template; Site reports it
// only if a page of that kind exists.
func parseTemplates(assets []content.Asset, fm template.FuncMap) (*templateSet, diag.List) {
	var l diag.List
	ts := &templateSet{kinds: map[content.Kind]*template.Template{}, origins: map[string]string{}}
	byPath := map[string]content.Asset{}
	for _, a := range assets {
		byPath[a.Path] = a
		ts.origins[a.Path] = originFile(a)
	}
	layout, ok := byPath["layout.html"]
	if !ok {
		l.Errorf(diag.Pos{File: "templates/layout.html"}, "no layout template; add templates/layout.html")
		return ts, l
	}
	base := template.New("layout.html").Funcs(fm)
	if _, err := base.Parse(string(layout.Data)); err != nil {
		l.Add(parseError(err, layout))
		return ts, l
	}
	for _, a := range assets {
		if !strings.HasPrefix(a.Path, "partials/") || !strings.HasSuffix(a.Path, ".html") {
			continue
		}
		if _, err := base.New(a.Path).Parse(string(a.Data)); err != nil {
			l.Add(parseError(err, a))
		}
	}
	if l.HasErrors() {
		return ts, l
	}
	for _, k := range kindFiles {
		if ts.base == nil {
			b, err := base.Clone()
			if err != nil {
				l.Add(parseError(err, layout))
				return ts, l
			}
			ts.base = b
		}
		a, ok := byPath[string(k)+".html"]
		if !ok {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.New(a.Path).Parse(string(a.Data))
		}
		if err != nil {
			l.Add(parseError(err, a))
			continue
		}
		ts.kinds[k] = t
	}
	sets := []*template.Template{ts.base}
	for _, k := range kindFiles {
		if t := ts.kinds[k]; t != nil {
			sets = append(sets, t)
		}
	}
	compactSets(sets)
	return ts, l
}

func originFile(a content.Asset) string {
	return a.Origin.Path
}

// parseError turns html/template's "template: NAME:LINE: msg" into a
// diagnostic at the template file's line.
func parseError(err error, a content.Asset) diag.Diagnostic {
	_, line, col, msg := templateErrorPos(err)
	return diag.Diagnostic{Pos: diag.Pos{File: originFile(a), Line: line, Col: col}, Severity: diag.Error, Msg: "template: " + msg}
}

// templateErrorPos reads the shapes html/template gives its errors:
// "template: NAME:LINE: msg" when parsing and "template: NAME:LINE:COL:
// executing ..." when executing. This is the one place that reads template
// positions from a string.
//
// A partial run through a function (partialCached, badge) fails inside
// the call: "template: CALLER:L:C: executing ... at <badge $trust>: error
// calling badge: template: PARTIAL:L:C: executing ...". The fault is the
// innermost template's, so that is the place given, and the message ends
// with where it was called from.
func templateErrorPos(err error) (name string, line, col int, msg string) {
	s := strings.TrimPrefix(err.Error(), "html/template:")
	s = strings.TrimPrefix(strings.TrimSpace(s), "template: ")
	if i := strings.LastIndex(s, ": template: "); i >= 0 && strings.Contains(s[:i], "error calling ") {
		outer, oline, ocol, _ := templateErrorPos(errors.New(s[:i]))
		if n, l, c, m := templateErrorPos(errors.New(s[i+2:])); n != "" && outer != "" {
			at := outer + ":" + strconv.Itoa(oline)
			if ocol > 0 {
				at += ":" + strconv.Itoa(ocol)
			}
			return n, l, c, m + " (called from " + at + ")"
		}
	}
	parts := strings.SplitN(s, ":", 4)
	if len(parts) < 3 {
		return "", 0, 0, s
	}
	name = parts[0]
	n, err1 := strconv.Atoi(parts[1])
	if err1 != nil {
		return "", 0, 0, s
	}
	line = n
	rest := strings.Join(parts[2:], ":")
	if len(parts) == 4 {
		if c, err := strconv.Atoi(parts[2]); err == nil {
			col = c
			rest = parts[3]
		}
	}
	return name, line, col, strings.TrimSpace(rest)
}
