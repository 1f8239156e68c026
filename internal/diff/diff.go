// Package diff compares two snapshots of a briefing's JSON API
// (/api/briefing.json): what was published then and what the site holds
// now. It lists the people, pages, quotes, events and figures that are new,
// changed or removed, and drafts "updates:" entries for the home page.
//
// It works on the API's JSON alone, so a snapshot from any earlier build
// (or another host) compares with the current one. It sits outside the
// pipeline: the command builds the current site, hands both documents
// here, and prints the report. It imports no stage and does no I/O.
//
// Size: diff is a little over 500 lines: comparing each kind of item and
// drafting updates are one job.
package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Op says how an item changed.
type Op string

// The changes, in the order a report lists them.
const (
	New     Op = "new"
	Changed Op = "changed"
	Removed Op = "removed"
)

// The kinds of item a report compares, in the order it lists them.
var kinds = []string{"page", "person", "quote", "event", "figure", "correction"}

// Change is one item that is new, changed or removed.
type Change struct {
	Op   Op     `json:"change"`
	Kind string `json:"kind"`
	// Key identifies the item in both snapshots: a person's or page's id,
	// or the page id with what identifies a claim on it.
	Key string `json:"key"`
	// Title names the item for a reader: a name, a title, a quote's
	// speaker and first words.
	Title string `json:"title"`
	// Date is the date of a quote, an event or a correction, as written.
	Date string `json:"date,omitempty"`
	// Claim is, for a correction, the claim it concerns ("events[2]").
	Claim string `json:"claim,omitempty"`
	// Page is the id of the page a claim is on, and PageTitle its title.
	Page      string `json:"page,omitempty"`
	PageTitle string `json:"page_title,omitempty"`
	// Fields are, for a changed item, the fields that differ.
	Fields []Field `json:"fields,omitempty"`
}

// Field is one field of a changed item: its JSON name and its values,
// as JSON text ("" when absent).
type Field struct {
	Name string `json:"name"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// Report is the result of a comparison.
type Report struct {
	// OldUpdated and NewUpdated are the snapshots' "updated" dates.
	OldUpdated string   `json:"old_updated,omitempty"`
	NewUpdated string   `json:"new_updated,omitempty"`
	Changes    []Change `json:"changes"`
}

// Count returns how many changes of op the report holds.
func (r Report) Count(op Op) int {
	n := 0
	for _, c := range r.Changes {
		if c.Op == op {
			n++
		}
	}
	return n
}

// snapshot is what a comparison reads of an API document: each list as
// generic objects, so that a field added to the API later is compared
// without a change here.
type snapshot struct {
	Updated string           `json:"updated"`
	People  []map[string]any `json:"people"`
	Topics  []map[string]any `json:"topics"`
	Pages   []map[string]any `json:"pages"`
	Quotes  []map[string]any `json:"quotes"`
	Events  []map[string]any `json:"events"`
	Figures []map[string]any `json:"figures"`
	// Corrections is left empty by snapshots made before briefings had
	// corrections; then every correction of the current site is new.
	Corrections []map[string]any `json:"corrections"`
}

// ignored are fields that say where an item is served, not what it says:
// they differ between base URLs and are left out of every comparison.
var ignored = map[string]bool{"url": true, "speaker_url": true, "cited_by": true}

// Compare compares the API document old with cur and returns what changed.
// The error says which document could not be read.
func Compare(old, cur []byte) (Report, error) {
	var a, b snapshot
	if err := decode(old, &a); err != nil {
		return Report{}, fmt.Errorf("the old snapshot: %w", err)
	}
	if err := decode(cur, &b); err != nil {
		return Report{}, fmt.Errorf("the current site: %w", err)
	}
	r := Report{OldUpdated: a.Updated, NewUpdated: b.Updated, Changes: []Change{}}
	titles := pageTitles(b)
	for id, t := range pageTitles(a) {
		if _, ok := titles[id]; !ok {
			titles[id] = t
		}
	}
	people := personNames(b)
	for id, n := range personNames(a) {
		if _, ok := people[id]; !ok {
			people[id] = n
		}
	}
	add := func(kind string, olds, news []map[string]any, keys []keyFunc, title func(map[string]any) string) {
		for _, c := range compareList(olds, news, keys) {
			c.Kind = kind
			item := c.item
			c.Title = title(item)
			if kind == "quote" || kind == "event" || kind == "correction" {
				c.Date = str(item, "date")
			}
			c.Claim = str(item, "claim")
			if p, ok := item["page"].(string); ok && kind != "page" {
				c.Page, c.PageTitle = p, titles[p]
			}
			r.Changes = append(r.Changes, c.Change)
		}
	}
	add("page", append(a.Topics, a.Pages...), append(b.Topics, b.Pages...),
		[]keyFunc{fields("id")}, func(m map[string]any) string { return str(m, "title") })
	add("person", a.People, b.People, []keyFunc{fields("id")}, func(m map[string]any) string { return str(m, "name") })
	add("quote", a.Quotes, b.Quotes, []keyFunc{fields("page", "by", "text"), fields("page", "by", "date", "context")},
		func(m map[string]any) string {
			name := str(m, "speaker")
			if name == "" {
				name = people[str(m, "by")]
			}
			if name == "" {
				name = str(m, "by")
			}
			return name + ": “" + clip(str(m, "text"), 60) + "”"
		})
	add("event", a.Events, b.Events, []keyFunc{fields("page", "title"), fields("page", "date", "detail")},
		func(m map[string]any) string { return str(m, "title") })
	add("figure", a.Figures, b.Figures, []keyFunc{fields("page", "label"), fields("page", "value")},
		func(m map[string]any) string { return str(m, "value") + " " + str(m, "label") })
	add("correction", a.Corrections, b.Corrections, []keyFunc{fields("id")},
		func(m map[string]any) string { return str(m, "now") })
	sortChanges(r.Changes)
	return r, nil
}

func decode(data []byte, s *snapshot) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(s); err != nil {
		return fmt.Errorf("not a briefing's JSON API (/api/briefing.json): %v", err)
	}
	if s.People == nil && s.Topics == nil && s.Quotes == nil && s.Events == nil {
		return fmt.Errorf("not a briefing's JSON API (/api/briefing.json): it has no people, topics, quotes or events")
	}
	return nil
}

func pageTitles(s snapshot) map[string]string {
	out := map[string]string{}
	for _, p := range append(s.Topics, s.Pages...) {
		out[str(p, "id")] = str(p, "title")
	}
	return out
}

func personNames(s snapshot) map[string]string {
	out := map[string]string{}
	for _, p := range s.People {
		out[str(p, "id")] = str(p, "name")
	}
	return out
}

// keyFunc returns what identifies an item; items of two snapshots with the
// same key are the same item.
type keyFunc func(map[string]any) string

// fields returns a keyFunc that joins the values of the named fields.
func fields(names ...string) keyFunc {
	return func(m map[string]any) string {
		parts := make([]string, len(names))
		for i, n := range names {
			parts[i] = value(m, n)
		}
		return strings.Join(parts, "\x00")
	}
}

// change is a Change with the item it is about (the newer one).
type change struct {
	Change
	item map[string]any
}

// compareList pairs the items of olds and news by the first key, then the
// items left over by the next key (so an event whose title was edited but
// whose date and detail were not is changed, not removed and added), and
// reports the pairs that differ and the items left unpaired.
func compareList(olds, news []map[string]any, keys []keyFunc) []change {
	var out []change
	oldLeft, newLeft := olds, news
	for _, key := range keys {
		byKey := map[string][]int{}
		for i, m := range newLeft {
			k := key(m)
			byKey[k] = append(byKey[k], i)
		}
		used := make([]bool, len(newLeft))
		var rest []map[string]any
		for _, m := range oldLeft {
			k := key(m)
			if idx := byKey[k]; len(idx) > 0 {
				byKey[k] = idx[1:]
				used[idx[0]] = true
				n := newLeft[idx[0]]
				if fs := diffFields(m, n); len(fs) > 0 {
					out = append(out, change{Change{Op: Changed, Key: display(keys[0](n)), Fields: fs}, n})
				}
				continue
			}
			rest = append(rest, m)
		}
		var restNew []map[string]any
		for i, m := range newLeft {
			if !used[i] {
				restNew = append(restNew, m)
			}
		}
		oldLeft, newLeft = rest, restNew
	}
	for _, m := range newLeft {
		out = append(out, change{Change{Op: New, Key: display(keys[0](m))}, m})
	}
	for _, m := range oldLeft {
		out = append(out, change{Change{Op: Removed, Key: display(keys[0](m))}, m})
	}
	return out
}

// diffFields returns the fields whose values differ, by name.
func diffFields(a, b map[string]any) []Field {
	names := map[string]bool{}
	for k := range a {
		names[k] = true
	}
	for k := range b {
		names[k] = true
	}
	var out []Field
	for k := range names {
		if ignored[k] {
			continue
		}
		if va, vb := value(a, k), value(b, k); va != vb {
			out = append(out, Field{Name: k, Old: va, New: vb})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// value returns a field as text: a string as it is, anything else as
// JSON, "" when absent, empty or false (an omitted field and its zero value
// are the same to a reader).
func value(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case nil:
		return ""
	case string:
		return v
	case bool:
		if !v {
			return ""
		}
	case []any:
		if len(v) == 0 {
			return ""
		}
	}
	b, _ := json.Marshal(m[k])
	return string(b)
}

func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// display turns a key into text: its parts joined by " / ".
func display(k string) string { return strings.ReplaceAll(k, "\x00", " / ") }

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// sortChanges orders changes by op (new, changed, removed), kind, page and
// key, so a report never depends on the order of the documents' lists.
func sortChanges(cs []Change) {
	rank := func(list []string, s string) int {
		for i, x := range list {
			if x == s {
				return i
			}
		}
		return len(list)
	}
	ops := []string{string(New), string(Changed), string(Removed)}
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if x, y := rank(ops, string(a.Op)), rank(ops, string(b.Op)); x != y {
			return x < y
		}
		if x, y := rank(kinds, a.Kind), rank(kinds, b.Kind); x != y {
			return x < y
		}
		if a.Page != b.Page {
			return a.Page < b.Page
		}
		return a.Key < b.Key
	})
}
