package check

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

func person(id, name string, aliases ...string) *content.Page {
	return &content.Page{ID: "participants/" + id, PersonID: id, Kind: content.KindPerson, Person: &content.Person{Name: name, Aliases: aliases}}
}

var testPeople = []*content.Page{
	person("volodymyr-zelensky", "Volodymyr Zelensky", "Zelensky", "Zelenskyy"),
	person("kirill-dmitriev", "Kirill Dmitriev", "Dmitriev"),
	person("sam-greene", "Sam Greene", "Greene"),
	person("marc-fogel", "Marc Fogel", "Fogel"),
	person("donald-trump", "Donald Trump", "Trump", "President Trump"),
	person("jane-doe", "Jane Doe", "Doe"),
}

func TestProse(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"right spellings", "Volodymyr Zelensky met Kirill Dmitriev. Zelenskyy and Greene; President Trump's envoy; ZELENSKY.", nil},
		{"possessive", "Kiril Dmitriev's fund", []string{`t:1:1: warning: "Kiril Dmitriev" looks like "Kirill Dmitriev" (kirill-dmitriev)`}},
		{"first name wrong", "Ukrainian President Voldymir Zelensky said", []string{`t:1:21: warning: "Voldymir Zelensky" looks like "Volodymyr Zelensky" (volodymyr-zelensky)`}},
		{"both words wrong", "the American Mark Vogel in Moscow", []string{`t:1:14: warning: "Mark Vogel" looks like "Marc Fogel" (marc-fogel)`}},
		{"one-word alias", "Green, an analyst, said", []string{`t:1:1: warning: "Green" looks like "Greene" (sam-greene)`}},
		{"short alias is never guessed", "Doe and Dee and Joe", nil},
		{"name over a line break", "said Sam\nGreen today", []string{`t:1:6: warning: "Sam\nGreen" looks like "Sam Greene" (sam-greene)`}},
		{"punctuation splits runs", "Sam. Greene", nil},
		{"columns count runes", "Über Kiril Dmitriev", []string{`t:1:6: warning: "Kiril Dmitriev" looks like "Kirill Dmitriev" (kirill-dmitriev)`}},
		{"far from every name", "Riyadh, Moscow, Washington, Ankara, Kyiv, Russia, Ukraine", nil},
		{"lower-case words are not names", "green dmitriev", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range Prose("t", []byte(tc.text), testPeople) {
				got = append(got, d.String())
				if d.Rule != RuleNames {
					t.Errorf("rule = %q; want %q", d.Rule, RuleNames)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Prose(%q) =\n%s\nwant\n%s", tc.text, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// screenAll screens every file against people as Site does, with the index
// or with the brute-force screen of names_brute_test.go, and returns the
// findings one a line.
func screenAll(people []*content.Page, files []content.File, brute bool) string {
	var l diag.List
	if brute {
		names := brutePersonNames(people)
		for _, f := range files {
			bruteScreen(&l, f.Path, f.Front, f.FrontLine, names)
			bruteScreen(&l, f.Path, f.Body, f.BodyLine, names)
		}
	} else {
		names := personNames(people)
		for _, f := range files {
			screen(&l, f.Path, f.Front, f.FrontLine, names)
			screen(&l, f.Path, f.Body, f.BodyLine, names)
		}
	}
	l.Sort()
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// sameFindings fails when the indexed screen and the brute-force one
// disagree on people and files, showing the first line that differs.
func sameFindings(t *testing.T, people []*content.Page, files []content.File) (findings int) {
	t.Helper()
	got, want := screenAll(people, files, false), screenAll(people, files, true)
	if got != want {
		g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := 0; i < len(g) || i < len(w); i++ {
			var gl, wl string
			if i < len(g) {
				gl = g[i]
			}
			if i < len(w) {
				wl = w[i]
			}
			if gl != wl {
				t.Fatalf("finding %d differs (%d findings, brute force %d):\nindex: %s\nbrute: %s", i+1, len(g)-1, len(w)-1, gl, wl)
			}
		}
	}
	return strings.Count(got, "\n")
}

// TestScreenMatchesBrute holds the indexed screen to the brute-force screen
// it replaced, finding for finding, on generated people and prose: varied
// names with misspellings, and "hard" ones with one-letter, long, non-Latin
// and shared words, names in capitals and dense misspellings.
func TestScreenMatchesBrute(t *testing.T) {
	total := 0
	for seed := uint64(1); seed <= 30; seed++ {
		for _, hard := range []bool{false, true} {
			people := []int{1, 3, 10, 30, 80}[seed%5]
			ps, files := proseSite(seed, hard, people, 6, 300)
			t.Run(fmt.Sprintf("seed=%d,hard=%v,people=%d", seed, hard, people), func(t *testing.T) {
				total += sameFindings(t, ps, files)
			})
		}
	}
	t.Logf("%d findings", total)
	if total < 500 {
		t.Errorf("the generated prose gave %d findings in all; want enough to compare", total)
	}
}

// TestScreenMatchesBruteShipped compares the screens on the shipped
// briefing's content and on the machine-translated article behind it.
func TestScreenMatchesBruteShipped(t *testing.T) {
	root := filepath.Join("..", "..")
	var people []*content.Page
	var files []content.File
	err := filepath.WalkDir(filepath.Join(root, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		f := splitFile(filepath.ToSlash(rel), data)
		files = append(files, f)
		if strings.Contains(f.Path, "/participants/") && !strings.HasSuffix(f.Path, "_index.md") {
			people = append(people, frontPerson(strings.TrimSuffix(strings.TrimPrefix(f.Path, "content/"), ".md"), string(f.Front)))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(people) < 10 {
		t.Fatalf("found %d people in the shipped briefing; want its participants", len(people))
	}
	article, err := os.ReadFile(filepath.Join(root, "testdata", "prose", "riyadh-article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sameFindings(t, people, files)
	prose := []content.File{{Path: "testdata/prose/riyadh-article.txt", Body: article, BodyLine: 1}}
	if n := sameFindings(t, people, prose); n != 6 {
		t.Errorf("the article gave %d findings; want 6", n)
	}
}

// TestScreenMatchesBruteCorpus compares the screens on the synthetic
// corpus the benchmarks use, with a misspelt name put into each page.
func TestScreenMatchesBruteCorpus(t *testing.T) {
	people, files := corpusSite(t, 200)
	g := newProseGen(7, false)
	for i := range files {
		name := people[i%len(people)].Person.Name
		files[i].Body = append(files[i].Body, "\nThen "+g.misspell(name)+" spoke.\n"...)
	}
	if n := sameFindings(t, people, files); n == 0 {
		t.Errorf("no findings in the corpus; want the misspelt names")
	}
}

// TestScreenMatchesBruteLongWords compares the screens on names of very
// long words, which allow many edits and so are cut into many pieces.
func TestScreenMatchesBruteLongWords(t *testing.T) {
	g := newProseGen(3, false)
	long := func(n int) string {
		var b strings.Builder
		for b.Len() < n {
			b.WriteString(g.pick(syllables))
		}
		return "X" + b.String()
	}
	var people []*content.Page
	for i := 0; i < 8; i++ {
		people = append(people, person(fmt.Sprintf("p%d", i), long(20+i*10)+" "+long(5+i), long(30+i*12)))
		g.names = append(g.names, people[i].Person.Name, people[i].Person.Aliases[0])
	}
	g.hard = true // dense misspellings
	var files []content.File
	for i := 0; i < 4; i++ {
		files = append(files, content.File{Path: fmt.Sprintf("p%d.md", i), Body: g.page(150), BodyLine: 1})
	}
	if n := sameFindings(t, people, files); n == 0 {
		t.Errorf("no findings; want the misspelt long names")
	}
}
