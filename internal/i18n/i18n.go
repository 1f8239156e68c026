// Package i18n holds the words of the built-in theme in every language it
// ships (catalogues/*.yaml, embedded), merges a site's own i18n/<lang>.yaml
// and briefing.yaml's wording over them, and formats what readers see:
// messages with their arguments and plural forms, and dates.
//
// The build calls Words once, after config, and stores the result in
// content.Config.Words; render and syndicate make a Text from the config
// to use it. Plural rules and language matching come from
// golang.org/x/text (CLDR data), never from hand-written tables. The
// package reads only the bytes it is handed and never touches the disk.
package i18n

import (
	"embed"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/strict"
)

//go:embed catalogues/*.yaml
var builtin embed.FS

// Dir is the folder of a site's own catalogues.
const Dir = "i18n"

// Fallback is the language of the catalogue every other follows key for
// key, and the one a site with no catalogue for its language is built in.
const Fallback = "en"

// forms are the CLDR plural forms a plural message may give, in CLDR's
// order; "other" is required.
var forms = []string{"zero", "one", "two", "few", "many", "other"}

// Languages returns the languages with a built-in catalogue, sorted.
func Languages() []string {
	ents, _ := fs.ReadDir(builtin, "catalogues")
	var out []string
	for _, e := range ents {
		out = append(out, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(out)
	return out
}

// Catalogue is one catalogue as written: each key's message, a plural
// message as key + "#" + form ("meta.words#one").
type Catalogue map[string]string

// Builtin returns the built-in catalogue of lang ("fr"), or false when
// there is none.
func Builtin(lang string) (Catalogue, bool) {
	data, err := builtin.ReadFile("catalogues/" + lang + ".yaml")
	if err != nil {
		return nil, false
	}
	c, l := Parse("(built-in) catalogues/"+lang+".yaml", data, nil)
	if l.HasErrors() {
		// The tests keep the built-in catalogues valid.
		return nil, false
	}
	return c, true
}

// Parse reads a catalogue file: "key: message" lines, or "key:" followed
// by one message per plural form. With known (the English catalogue's
// keys) set, a key it does not have is an error with the nearest key.
func Parse(file string, data []byte, known Catalogue) (Catalogue, diag.List) {
	var l diag.List
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		// strict reads yaml.v3's message into a position; the empty
		// struct is never filled.
		_, l = strict.Decode(file, 1, data, &struct{}{})
		return nil, l
	}
	c := Catalogue{}
	if len(root.Content) == 0 {
		return c, l
	}
	doc := root.Content[0]
	pos := func(n *yaml.Node) diag.Pos { return diag.Pos{File: file, Line: n.Line, Col: n.Column} }
	if doc.Kind != yaml.MappingNode {
		l.Errorf(pos(doc), "a catalogue is a list of \"key: message\" lines")
		return c, l
	}
	var names []string
	for k := range known {
		k, _, _ = strings.Cut(k, "#")
		names = append(names, k)
	}
	sort.Strings(names)
	names = compact(names)
	seen := map[string]bool{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		key := k.Value
		switch {
		case k.Kind != yaml.ScalarNode:
			l.Errorf(pos(k), "a key must be a word such as \"home.takeaways\"")
			continue
		case seen[key]:
			l.Errorf(pos(k), "%q is given twice; keep one", key)
			continue
		}
		seen[key] = true
		if known != nil {
			_, single := known[key]
			_, many := known[key+"#other"]
			switch {
			case !single && !many:
				l.Add(diag.Diagnostic{Pos: pos(k), Severity: diag.Error, Code: strict.CodeUnknownKey, Key: key,
					Msg: fmt.Sprintf("unknown key %q%s (docs/translating.md lists the keys)", key, diag.Hint(key, names))})
				continue
			case single && v.Kind != yaml.ScalarNode:
				l.Errorf(pos(v), "%q takes one message in quotes, found %s", key, describe(v))
				continue
			case many && v.Kind != yaml.MappingNode:
				l.Errorf(pos(v), "%q counts something: give one message per plural form, as \"other: ...\" with \"one: ...\" and the forms the language uses under it", key)
				continue
			}
		}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag != "!!str" {
				l.Errorf(pos(v), "%q must be a message in quotes, found %s", key, describe(v))
				continue
			}
			c[key] = v.Value
		case yaml.MappingNode:
			got := map[string]bool{}
			for j := 0; j+1 < len(v.Content); j += 2 {
				f, m := v.Content[j], v.Content[j+1]
				if !oneOf(f.Value, forms) {
					l.Errorf(pos(f), "%q is not a plural form%s; use zero, one, two, few, many or other", f.Value, diag.Hint(f.Value, forms))
					continue
				}
				if m.Kind != yaml.ScalarNode || m.Tag != "!!str" {
					l.Errorf(pos(m), "%s.%s must be a message in quotes, found %s", key, f.Value, describe(m))
					continue
				}
				got[f.Value] = true
				c[key+"#"+f.Value] = m.Value
			}
			if !got["other"] {
				l.Errorf(pos(k), "%q has no \"other\" form; add \"other: ...\", the form used when no other applies", key)
			}
		default:
			l.Errorf(pos(v), "%q must be a message in quotes, found %s", key, describe(v))
		}
	}
	return c, l
}

// Words returns the words of a site in language lang: the English
// catalogue, the built-in catalogue of lang over it, the site's own
// i18n/<lang>.yaml (one of files) over that, and wording (briefing.yaml's
// wording:, by catalogue key) over all. langPos is where briefing.yaml
// sets the language. A language with no built-in catalogue and no file of
// the site's builds in English with one warning. Every file of the site's
// i18n/ folder is checked, not only the one of lang.
func Words(lang string, langPos diag.Pos, files []content.Asset, wording map[string]string) (map[string]string, diag.List) {
	var l diag.List
	if lang == "" {
		lang = Fallback // briefing.yaml could not be read: config said why
	}
	en, _ := Builtin(Fallback)
	out := make(map[string]string, len(en))
	for k, v := range en {
		out[k] = v
	}
	name, ok := match(lang)
	if ok {
		c, _ := Builtin(name)
		for k, v := range c {
			out[k] = v
		}
	}
	own := false
	for _, f := range files {
		c, ds := Parse(f.Path, f.Data, en)
		l.Add(ds...)
		if strings.EqualFold(strings.TrimSuffix(path.Base(f.Path), ".yaml"), lang) {
			own = true
			for k := range c {
				if base, _, form := strings.Cut(k, "#"); form {
					// A plural message replaces all of its forms.
					clearForms(out, base)
				}
			}
			for k, v := range c {
				out[k] = v
			}
		}
	}
	if !ok && !own {
		l.Warnf(langPos, "no built-in translation of the theme for language %q, so its words are in English; add %s/%s.yaml to translate them (docs/translating.md), or use one of %s",
			lang, Dir, lang, strings.Join(Languages(), ", "))
	}
	for k, v := range wording {
		out[k] = v
	}
	return out, l
}

// clearForms removes every plural form of key from m.
func clearForms(m map[string]string, key string) {
	for _, f := range forms {
		delete(m, key+"#"+f)
	}
}

// match returns the built-in catalogue for a language tag: its own, or
// the one of the language it belongs to ("fr-CA" reads "fr"), through
// x/text's matcher; false when no catalogue is close enough.
func match(lang string) (string, bool) {
	tag, err := language.Parse(lang)
	if err != nil {
		return "", false
	}
	names := Languages()
	tags := make([]language.Tag, len(names))
	for i, n := range names {
		tags[i] = language.MustParse(n)
	}
	_, i, conf := language.NewMatcher(tags).Match(tag)
	// The matcher offers English for languages CLDR has no data for
	// ("eo"); only a catalogue of the same language is a match.
	want, _ := tag.Base()
	got, _ := tags[i].Base()
	if conf < language.High || want != got {
		return "", false
	}
	return names[i], true
}

// IsRTL reports whether lang is written right to left: Arabic, Hebrew,
// Persian, Urdu and every language whose likely script is one of the
// right-to-left scripts.
func IsRTL(lang string) bool {
	tag, err := language.Parse(lang)
	if err != nil {
		return false
	}
	script, _ := tag.Script()
	switch script.String() {
	case "Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr":
		return true
	}
	return false
}

// Text formats a site's words for readers. Its zero value is not usable;
// make one with New. A Text is read-only and safe for concurrent use.
type Text struct {
	tag   language.Tag
	words map[string]string
}

// New returns a Text for language lang with words (content.Config.Words).
// With no words (a Config made by hand, in tests) it uses the English
// catalogue.
func New(lang string, words map[string]string) Text {
	if words == nil {
		words, _ = Builtin(Fallback)
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return Text{tag: tag, words: words}
}

// Get returns the message of key with its {name} placeholders replaced:
// args are name, value pairs. A missing key comes back as the key, so a
// template that names one shows it rather than nothing.
func (t Text) Get(key string, args ...any) string {
	msg, ok := t.words[key]
	if !ok {
		return key
	}
	return fill(msg, args, func(v any) string { return fmt.Sprint(v) })
}

// Count returns the plural message of key for the number n, which fills
// {n}; args are further name, value pairs.
func (t Text) Count(key string, n int, args ...any) string {
	return fill(t.form(key, n), append([]any{"n", n}, args...), func(v any) string { return fmt.Sprint(v) })
}

// form returns the message of key for n in the language's plural rules,
// the "other" form when the rules' form is not given.
func (t Text) form(key string, n int) string {
	f := forms[5]
	switch plural.Cardinal.MatchPlural(t.tag, n, 0, 0, 0, 0) {
	case plural.Zero:
		f = "zero"
	case plural.One:
		f = "one"
	case plural.Two:
		f = "two"
	case plural.Few:
		f = "few"
	case plural.Many:
		f = "many"
	}
	if msg, ok := t.words[key+"#"+f]; ok {
		return msg
	}
	if msg, ok := t.words[key+"#other"]; ok {
		return msg
	}
	return key
}

// HTML returns the message of key as HTML: the message and the string
// arguments escaped, template.HTML arguments (a <time> or a link the
// template made) kept as they are. args are name, value pairs; an int
// first argument is a count for a plural message.
func (t Text) HTML(key string, args ...any) template.HTML {
	msg := ""
	if len(args) > 0 {
		if n, ok := args[0].(int); ok {
			msg = t.form(key, n)
			args = append([]any{"n", n}, args[1:]...)
		}
	}
	if msg == "" {
		var ok bool
		if msg, ok = t.words[key]; !ok {
			msg = key
		}
	}
	return template.HTML(fill(html.EscapeString(msg), args, func(v any) string {
		if h, ok := v.(template.HTML); ok {
			return string(h)
		}
		return html.EscapeString(fmt.Sprint(v))
	}))
}

// fill replaces each {name} of msg with the string of the value args
// gives it (name, value pairs); an unknown name is left as written.
func fill(msg string, args []any, str func(any) string) string {
	if !strings.Contains(msg, "{") || len(args) == 0 {
		return msg
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(msg, '{')
		j := strings.IndexByte(msg[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(msg)
			return b.String()
		}
		name := msg[i+1 : i+j]
		b.WriteString(msg[:i])
		done := false
		for a := 0; a+1 < len(args); a += 2 {
			if args[a] == name {
				b.WriteString(str(args[a+1]))
				done = true
				break
			}
		}
		if !done {
			b.WriteString(msg[i : i+j+1])
		}
		msg = msg[i+j+1:]
	}
}

// Date returns d for readers in the language: "18 February 2025",
// "February 2025" or "2025" as the date is precise.
func (t Text) Date(d content.Date) string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return strconv.Itoa(d.Year)
	case d.Day == 0:
		return t.date("date.month_year", d)
	}
	return t.date("date.full", d)
}

// DayMonth returns d without its year ("18 February", "February"), as a
// timeline shows it under the year's heading; "" for a year alone.
func (t Text) DayMonth(d content.Date) string {
	switch {
	case d.Month == 0:
		return ""
	case d.Day == 0:
		return t.Get("month." + strconv.Itoa(d.Month))
	}
	return t.date("date.day_month", d)
}

func (t Text) date(key string, d content.Date) string {
	m := strconv.Itoa(d.Month)
	return t.Get(key, "day", d.Day, "year", d.Year, "month", t.Get("month."+m), "month_of", t.Get("month_of."+m))
}

// Letter returns a list label in the language's letters: "a" to "z" are
// the first 26 letters of cite.letters ("أ", "ب", ... in Arabic); any
// other label comes back as it is.
func (t Text) Letter(label string) string {
	if len(label) != 1 || label[0] < 'a' || label[0] > 'z' {
		return label
	}
	letters := strings.Fields(t.Get("cite.letters"))
	if i := int(label[0] - 'a'); i < len(letters) {
		return letters[i]
	}
	return label
}

// ClaimTitle names, for readers, the claim a correction of p concerns:
// "the quote “…”" (its first twelve words), "the event “…”", "the
// figure “…”"; "" for a correction of the page as a whole. It finds the
// claim by the correction attached to it.
func (t Text) ClaimTitle(p *content.Page, c content.Correction) string {
	quoted := func(s string) string { return t.Get("quote.marks", "text", s) }
	has := func(cs []content.Correction) bool {
		for _, x := range cs {
			if x.ID == c.ID {
				return true
			}
		}
		return false
	}
	switch c.Claim.List {
	case content.ListQuotes:
		for _, q := range p.Quotes {
			if has(q.Corrections) {
				return t.Get("claim.quote", "text", quoted(content.ClipWords(q.Text, 12)))
			}
		}
	case content.ListEvents:
		for _, e := range p.Events {
			if has(e.Corrections) {
				return t.Get("claim.event", "title", quoted(e.Title))
			}
		}
	case content.ListFigures:
		for _, f := range p.Figures {
			if has(f.Corrections) {
				return t.Get("claim.figure", "text", quoted(f.Value+" "+f.Label))
			}
		}
	}
	return ""
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a list of keys"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

func oneOf(s string, list []string) bool {
	for _, x := range list {
		if s == x {
			return true
		}
	}
	return false
}

func compact(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}
