package i18n

import (
	"html/template"
	"maps"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// TestCataloguesHaveEnglishKeys keeps every built-in catalogue to the
// keys of en.yaml: none missing, none extra, plural messages plural, and
// each plural message with the forms its language's rules use.
func TestCataloguesHaveEnglishKeys(t *testing.T) {
	en, ok := Builtin(Fallback)
	if !ok {
		t.Fatal("no English catalogue")
	}
	base := keys(en)
	for _, lang := range Languages() {
		data, err := builtin.ReadFile("catalogues/" + lang + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		c, l := Parse(lang+".yaml", data, en)
		for _, d := range l {
			t.Errorf("%s", d)
		}
		got := keys(c)
		for _, k := range base {
			if !slices.Contains(got, k) {
				t.Errorf("%s.yaml has no %q", lang, k)
			}
		}
		for _, k := range got {
			if !slices.Contains(base, k) {
				t.Errorf("%s.yaml has %q, which en.yaml does not", lang, k)
			}
		}
		// A message fills the same {names} as the English one (a plural
		// form may leave out {n}: "كلمة واحدة").
		for k, msg := range c {
			want, ok := en[k]
			if !ok {
				base, _, _ := strings.Cut(k, "#")
				want = en[base+"#other"]
			}
			got, need := names(msg), names(want)
			if strings.Contains(k, "#") {
				delete(need, "n")
				delete(got, "n")
			}
			if !maps.Equal(got, need) {
				t.Errorf("%s.yaml: %q fills %v; en.yaml's fills %v", lang, k, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(need)))
			}
		}
		for k := range en {
			if !strings.HasSuffix(k, "#other") {
				continue
			}
			name := strings.TrimSuffix(k, "#other")
			tx := New(lang, c)
			for n := range 120 {
				if f := tx.form(name, n); f == name {
					t.Errorf("%s.yaml: %q has no form for %d", lang, name, n)
				}
			}
		}
	}
}

// names returns the {names} a message fills.
func names(msg string) map[string]bool {
	out := map[string]bool{}
	for _, m := range regexp.MustCompile(`\{([a-z_]+)\}`).FindAllStringSubmatch(msg, -1) {
		out[m[1]] = true
	}
	return out
}

// keys returns a catalogue's keys without plural forms, sorted.
func keys(c Catalogue) []string {
	var out []string
	for k := range c {
		k, _, _ = strings.Cut(k, "#")
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func TestDates(t *testing.T) {
	d := content.Date{Year: 2025, Month: 2, Day: 18}
	for _, tc := range []struct{ lang, full, month, axis string }{
		{"en", "18 February 2025", "February 2025", "18 February"},
		{"en-GB", "18 February 2025", "February 2025", "18 February"},
		{"fr", "18 février 2025", "février 2025", "18 février"},
		{"fr-CA", "18 février 2025", "février 2025", "18 février"},
		{"de", "18. Februar 2025", "Februar 2025", "18. Februar"},
		{"es", "18 de febrero de 2025", "febrero de 2025", "18 de febrero"},
		{"ru", "18 февраля 2025", "февраль 2025", "18 февраля"},
		{"uk", "18 лютого 2025", "лютий 2025", "18 лютого"},
		{"ar", "18 فبراير 2025", "فبراير 2025", "18 فبراير"},
		{"ar-EG", "18 فبراير 2025", "فبراير 2025", "18 فبراير"},
	} {
		words, _ := Words(tc.lang, diag.Pos{}, nil, nil)
		tx := New(tc.lang, words)
		if got := tx.Date(d); got != tc.full {
			t.Errorf("Date(%s, 2025-02-18) = %q; want %q", tc.lang, got, tc.full)
		}
		if got := tx.Date(content.Date{Year: 2025, Month: 2}); got != tc.month {
			t.Errorf("Date(%s, 2025-02) = %q; want %q", tc.lang, got, tc.month)
		}
		if got := tx.DayMonth(d); got != tc.axis {
			t.Errorf("DayMonth(%s, 2025-02-18) = %q; want %q", tc.lang, got, tc.axis)
		}
		if got := tx.Date(content.Date{Year: 2014}); got != "2014" {
			t.Errorf("Date(%s, 2014) = %q; want %q", tc.lang, got, "2014")
		}
	}
}

func TestPlurals(t *testing.T) {
	for _, tc := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 1, "1 year later"},
		{"en", 6, "6 years later"},
		{"fr", 1, "1 an plus tard"},
		{"fr", 6, "6 ans plus tard"},
		{"de", 6, "6 Jahre später"},
		{"es", 1, "1 año después"},
		{"ru", 2, "2 года спустя"},
		{"ru", 5, "5 лет спустя"},
		{"ru", 21, "21 год спустя"},
		{"uk", 3, "через 3 роки"},
		{"uk", 11, "через 11 років"},
		{"ar", 2, "بعد سنتين"},
		{"ar", 3, "بعد 3 سنوات"},
		{"ar", 11, "بعد 11 سنة"},
	} {
		words, _ := Words(tc.lang, diag.Pos{}, nil, nil)
		if got := New(tc.lang, words).Count("timeline.gap", tc.n); got != tc.want {
			t.Errorf("Count(%s, timeline.gap, %d) = %q; want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestHTMLEscapesAllButHTMLArguments(t *testing.T) {
	tx := New("en", Catalogue{"k": `<b>{x}</b> & {t} {n}`})
	got := tx.HTML("k", "x", `<i>"`, "t", template.HTML(`<time>1</time>`))
	want := template.HTML(`&lt;b&gt;&lt;i&gt;&#34;&lt;/b&gt; &amp; <time>1</time> {n}`)
	if got != want {
		t.Errorf("HTML = %q; want %q", got, want)
	}
	if got := tx.HTML("missing"); got != "missing" {
		t.Errorf("HTML(missing) = %q; want the key", got)
	}
}

func TestWords(t *testing.T) {
	site := []content.Asset{
		{Path: "i18n/fr.yaml", Data: []byte("toc.title: \"Sommaire\"\nmeta.words:\n  other: \"{n} mots en tout\"\n")},
		{Path: "i18n/de.yaml", Data: []byte("toc.titel: \"Inhalt\"\nmeta.words: \"Wörter\"\ntimeline.gap:\n  one: \"x\"\n  sevral: \"y\"\n")},
	}
	words, l := Words("fr", diag.Pos{File: "briefing.yaml", Line: 3, Col: 11}, site, map[string]string{"side.others": "Analystes"})
	var got []string
	for _, d := range l {
		got = append(got, d.String())
	}
	want := []string{
		`i18n/de.yaml:1:1: unknown key "toc.titel"; did you mean "toc.title"? (docs/translating.md lists the keys)`,
		`i18n/de.yaml:2:13: "meta.words" counts something: give one message per plural form, as "other: ..." with "one: ..." and the forms the language uses under it`,
		`i18n/de.yaml:5:3: "sevral" is not a plural form; use zero, one, two, few, many or other`,
		`i18n/de.yaml:3:1: "timeline.gap" has no "other" form; add "other: ...", the form used when no other applies`,
	}
	if len(got) != 4 {
		t.Fatalf("Words: got %d diagnostics, want 4:\n%s", len(got), strings.Join(got, "\n"))
	}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("diagnostic %d = %s\nwant %s", i, got[i], w)
		}
	}
	tx := New("fr", words)
	if g := tx.Get("toc.title"); g != "Sommaire" {
		t.Errorf("site override: toc.title = %q; want %q", g, "Sommaire")
	}
	if g := tx.Count("meta.words", 1); g != "1 mots en tout" {
		t.Errorf("a site's plural message replaces all forms: %q; want %q", g, "1 mots en tout")
	}
	if g := tx.Get("side.others"); g != "Analystes" {
		t.Errorf("wording: side.others = %q; want %q", g, "Analystes")
	}
	if g := tx.Get("home.takeaways"); g != "Points clés" {
		t.Errorf("built-in French: home.takeaways = %q; want %q", g, "Points clés")
	}
}

func TestUnknownLanguageWarnsOnce(t *testing.T) {
	words, l := Words("eo", diag.Pos{File: "briefing.yaml", Line: 4, Col: 11}, nil, nil)
	want := `briefing.yaml:4:11: warning: no built-in translation of the theme for language "eo", so its words are in English; add i18n/eo.yaml to translate them (docs/translating.md), or use one of ar, de, en, es, fr, ru, uk`
	if len(l) != 1 || l[0].String() != want {
		t.Fatalf("Words(eo) = %v; want one warning:\n%s", l, want)
	}
	if g := New("eo", words).Get("home.takeaways"); g != "Key takeaways" {
		t.Errorf("Words(eo): home.takeaways = %q; want English", g)
	}
	// A site that translates the theme itself is not warned.
	if _, l := Words("eo", diag.Pos{}, []content.Asset{{Path: "i18n/eo.yaml", Data: []byte(`toc.title: "Enhavo"`)}}, nil); len(l) != 0 {
		t.Errorf("Words(eo) with i18n/eo.yaml: %v; want nothing", l)
	}
}

func TestIsRTL(t *testing.T) {
	for lang, want := range map[string]bool{
		"ar": true, "ar-EG": true, "he": true, "he-IL": true, "fa": true, "fa-IR": true, "ur": true, "ur-PK": true,
		"en": false, "fr": false, "ru": false, "uk": false, "az-Arab": true, "xx-!!": false,
	} {
		if got := IsRTL(lang); got != want {
			t.Errorf("IsRTL(%q) = %v; want %v", lang, got, want)
		}
	}
}

// TestTranslatingDocsListsEveryKey keeps docs/translating.md's table of
// keys whole: every key of en.yaml (but the month names) is in it, and it
// names no key the catalogue does not have.
func TestTranslatingDocsListsEveryKey(t *testing.T) {
	data, err := os.ReadFile("../../docs/translating.md")
	if err != nil {
		t.Fatal(err)
	}
	en, _ := Builtin(Fallback)
	doc := string(data)
	for _, k := range keys(en) {
		if strings.HasPrefix(k, "month") {
			continue
		}
		if !strings.Contains(doc, "| `"+k+"` |") {
			t.Errorf("docs/translating.md does not list %q; add a row with its English message", k)
		}
	}
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`]+)` \\|").FindAllStringSubmatch(doc, -1) {
		if _, ok := en[m[1]]; !ok {
			if _, ok := en[m[1]+"#other"]; !ok {
				t.Errorf("docs/translating.md lists %q, which en.yaml does not have", m[1])
			}
		}
	}
}
