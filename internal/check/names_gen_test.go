package check

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/corpus"
)

// This file makes inputs for the name screen's benchmark and for the tests
// that hold the indexed screen to the brute-force one (names_brute_test.go).

// corpusSite writes the synthetic corpus of n pages (n/10 people) under a
// temporary folder and reads it back as the check stage gets it: the people
// and every content file split into front matter and body.
func corpusSite(tb testing.TB, n int) ([]*content.Page, []content.File) {
	tb.Helper()
	dir := tb.TempDir()
	if err := corpus.Write(dir, n); err != nil {
		tb.Fatal(err)
	}
	var people []*content.Page
	var files []content.File
	root := filepath.Join(dir, "content")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		f := splitFile(filepath.ToSlash(rel), data)
		files = append(files, f)
		if strings.HasPrefix(f.Path, "content/people/person-") {
			id := strings.TrimSuffix(strings.TrimPrefix(f.Path, "content/"), ".md")
			people = append(people, frontPerson(id, string(f.Front)))
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return people, files
}

// splitFile cuts a generated page into front matter and body, as load does
// for well-formed files.
func splitFile(path string, data []byte) content.File {
	s := string(data)
	front, body, _ := strings.Cut(strings.TrimPrefix(s, "---\n"), "\n---\n")
	front += "\n"
	return content.File{
		Path: path, Front: []byte(front), FrontLine: 2,
		Body: []byte(body), BodyLine: 3 + strings.Count(front, "\n"),
	}
}

// frontPerson reads the name and aliases of a person from front matter
// that writes them on one line each: name: "X" and aliases: [A, "B C"].
func frontPerson(id, front string) *content.Page {
	var name string
	var aliases []string
	for _, line := range strings.Split(front, "\n") {
		if v, ok := strings.CutPrefix(line, "name:"); ok {
			name = strings.Trim(strings.TrimSpace(v), `"`)
		}
		if v, ok := strings.CutPrefix(line, "aliases:"); ok {
			v = strings.Trim(strings.TrimSpace(v), "[]")
			for _, a := range strings.Split(v, ",") {
				if a = strings.Trim(strings.TrimSpace(a), `"`); a != "" {
					aliases = append(aliases, a)
				}
			}
		}
	}
	return person(id, name, aliases...)
}

// proseGen makes people with varied names and prose that mentions them,
// rightly and wrongly, among other capitalised words.
type proseGen struct {
	r     *rand.Rand
	hard  bool // short, long and non-Latin words, odd spellings, dense misspellings
	names []string
}

var (
	syllables   = []string{"al", "an", "ar", "ba", "be", "bo", "da", "de", "di", "el", "er", "fa", "ga", "go", "ha", "in", "ka", "ko", "la", "le", "li", "lo", "ma", "mi", "mo", "na", "ne", "ni", "no", "or", "pa", "ra", "re", "ri", "ro", "sa", "se", "si", "ta", "te", "ti", "to", "va", "vi", "vo", "ya", "za", "zo", "sch", "tr", "ck", "ov", "ev", "sky", "son", "ez"}
	hardParts   = []string{"é", "ö", "ñ", "ß", "ł", "дми", "три", "ев", "ка", "'", "-", "’", "j", "x", "q", "ü", "ı", "İ", "e\u0301", "ǅ"}
	capitalised = []string{"The", "Moscow", "Washington", "Riyadh", "Kyiv", "Ukraine", "Russia", "Saudi", "Arabia", "President", "Minister", "Foreign", "Ministry", "State", "Department", "White", "House", "Kremlin", "European", "Union", "Monday", "Tuesday", "February", "March", "Officials", "Analysts", "In", "On", "After", "But", "Secretary", "Envoy", "Special", "National", "Security", "Adviser", "Ambassador", "Embassy", "Sanctions", "Reuters", "Council", "Geneva", "Istanbul", "Ankara", "Doha"}
	lowerWords  = []string{"the", "talks", "said", "met", "with", "and", "of", "a", "delegation", "in", "on", "after", "hours", "reporters", "told", "that", "would", "meet", "again", "week", "sanctions", "relief", "embassy", "staff", "ceasefire", "terms", "de", "van", "al", "von"}
)

func newProseGen(seed uint64, hard bool) *proseGen {
	return &proseGen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), hard: hard}
}

func (g *proseGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

// word makes a name word: two to four syllables, capitalised.
func (g *proseGen) word() string {
	n := 2 + g.r.IntN(3)
	if g.hard {
		n = 1 + g.r.IntN(6)
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		if g.hard && g.r.IntN(6) == 0 {
			b.WriteString(g.pick(hardParts))
			continue
		}
		b.WriteString(g.pick(syllables))
	}
	s := strings.Trim(b.String(), "'-’")
	if s == "" {
		s = "x"
	}
	if g.hard && g.r.IntN(10) == 0 {
		return s // not capitalised
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// people makes n people with one to three name words and up to three
// aliases: the surname alone, a title and the surname, another spelling.
func (g *proseGen) people(n int) []*content.Page {
	var out []*content.Page
	var first []string
	for i := 0; i < 1+n/20; i++ {
		first = append(first, g.word()) // first names are shared
	}
	for i := 0; i < n; i++ {
		parts := []string{g.pick(first)}
		if g.r.IntN(8) == 0 {
			parts = append(parts, g.pick([]string{"de", "van", "al", g.word()}))
		}
		parts = append(parts, g.word())
		if g.hard && g.r.IntN(10) == 0 {
			parts = parts[:1]
		}
		name := strings.Join(parts, " ")
		last := parts[len(parts)-1]
		var aliases []string
		if g.r.IntN(3) > 0 {
			aliases = append(aliases, last)
		}
		if g.r.IntN(5) == 0 {
			aliases = append(aliases, g.pick([]string{"President", "Minister", "Envoy"})+" "+last)
		}
		if g.r.IntN(6) == 0 {
			aliases = append(aliases, g.misspell(name))
		}
		if g.hard && g.r.IntN(8) == 0 && len(g.names) > 0 {
			aliases = append(aliases, g.pick(g.names)) // another person's name
		}
		g.names = append(g.names, name)
		g.names = append(g.names, aliases...)
		out = append(out, person(fmt.Sprintf("p%d", i), name, aliases...))
	}
	return out
}

// misspell changes a few letters of s: drops, doubles, swaps or replaces.
func (g *proseGen) misspell(s string) string {
	r := []rune(s)
	edits := 1 + g.r.IntN(2)
	if g.hard {
		edits = g.r.IntN(5)
	}
	for e := 0; e < edits && len(r) > 1; e++ {
		i := g.r.IntN(len(r))
		switch g.r.IntN(4) {
		case 0:
			r = append(r[:i:i], r[i+1:]...)
		case 1:
			r = append(r[:i+1:i+1], r[i:]...)
		case 2:
			if i+1 < len(r) {
				r[i], r[i+1] = r[i+1], r[i]
			}
		default:
			r[i] = []rune("aeiouykstnv")[g.r.IntN(11)]
		}
	}
	return string(r)
}

// page writes about n words of prose: sentences of lower-case words with
// capitalised words, names, possessives, misspelt names and names broken
// over a line.
func (g *proseGen) page(n int) []byte {
	var b strings.Builder
	for w := 0; w < n; {
		switch k := g.r.IntN(20); {
		case k < 2 && len(g.names) > 0:
			name := g.pick(g.names)
			if g.r.IntN(3) == 0 {
				name += "'s"
			}
			b.WriteString(name)
			w += 2
		case k < 3 && len(g.names) > 0 || g.hard && k < 6 && len(g.names) > 0:
			name := g.misspell(g.pick(g.names))
			if g.r.IntN(4) == 0 {
				name = strings.Replace(name, " ", "\n", 1)
			}
			if g.hard && g.r.IntN(3) == 0 {
				name = strings.ToUpper(name)
			}
			b.WriteString(name)
			w += 2
		case k < 6:
			b.WriteString(g.pick(capitalised))
			w++
		case k < 7 && g.hard:
			b.WriteString(g.word())
			w++
		default:
			b.WriteString(g.pick(lowerWords))
			w++
		}
		switch k := g.r.IntN(16); {
		case k == 0:
			b.WriteString(". ")
		case k == 1:
			b.WriteString(", ")
		case k == 2:
			b.WriteString("\n")
		case k == 3 && g.hard:
			b.WriteString(g.pick([]string{"\n\n", " \t", " - ", " 12 ", "’s ", "'s ", "-", "'", " — ", "«", "\r\n", "\xff", " \u0301", "\u00a0"}))
		default:
			b.WriteString(" ")
		}
	}
	return []byte(b.String())
}

// proseSite makes people and pages of generated prose, the front matter of
// each page a few lines of it and the body the rest.
func proseSite(seed uint64, hard bool, people, pages, words int) ([]*content.Page, []content.File) {
	g := newProseGen(seed, hard)
	ps := g.people(people)
	var files []content.File
	for i := 0; i < pages; i++ {
		files = append(files, content.File{
			Path:  fmt.Sprintf("content/page-%d.md", i),
			Front: g.page(words / 10), FrontLine: 2,
			Body: g.page(words), BodyLine: 12,
		})
	}
	return ps, files
}
