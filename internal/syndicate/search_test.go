package syndicate

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

var update = flag.Bool("update", false, "rewrite testdata/search, the index search_test.mjs reads")

// find runs query over built files as static/js/search.js does and
// returns the shown hits with their records.
func find(t *testing.T, files map[string][]byte, query string) []SearchHit {
	t.Helper()
	s := searcher(t, files)
	hits, err := s.Find(query)
	if err != nil {
		t.Fatalf("Find(%q): %v", query, err)
	}
	if err := s.Records(hits); err != nil {
		t.Fatalf("Records(%q): %v", query, err)
	}
	return hits
}

func searcher(t testing.TB, files map[string][]byte) *Searcher {
	t.Helper()
	s, err := OpenSearch(func(p string) ([]byte, error) {
		if d, ok := files[p]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("%s: not built", p)
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

type kindRecord struct {
	kind string
	searchRecord
}

// records returns every document of the index in numbering order.
func records(t *testing.T, files map[string][]byte) []kindRecord {
	t.Helper()
	s := searcher(t, files)
	var out []kindRecord
	for c := range s.man.Chunks {
		var recs []searchRecord
		if err := s.fetch(s.file("d", c), &recs); err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			out = append(out, kindRecord{s.kindOf(len(out)), r})
		}
	}
	return out
}

// searchSite is testSite with bodies, in English, Russian and Arabic.
func searchSite() *content.Site {
	s := testSite()
	body := func(text string, hs ...content.Heading) *content.Body {
		b := &content.Body{}
		b.SetTexts(content.Texts{Plain: text, Headings: hs})
		return b
	}
	bodies := map[*content.Page]*content.Body{}
	for _, p := range s.Pages {
		switch p.ID {
		case "talks":
			bodies[p] = body("Who met Sergei Lavrov met Marco Rubio in Riyadh. The delegations talked for four hours. Lavrov said the talks were useful.",
				content.Heading{Level: 2, Text: "Who met", ID: "who-met"})
		case "money":
			bodies[p] = body("Замороженные активы: Лавров говорит о санкциях. الأصول المجمدة: قال لافروف إن العقوبات ظالمة. Café crème, naïve résumé.")
		case "participants/sergei-lavrov":
			bodies[p] = body("Sergei Viktorovich Lavrov has been foreign minister since 2004.")
		}
	}
	s.SetIndex(content.SiteIndex{
		Bodies:  bodies,
		ByID:    map[string]*content.Page{"": s.Home, "talks": s.Topics[0], "money": s.Topics[1], "participants/sergei-lavrov": s.People[0]},
		Persons: map[string]*content.Page{"sergei-lavrov": s.People[0]},
		Sources: map[string]int{"tass": 0},
	})
	return s
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Lavrov met Rubio.", []string{"lavrov", "met", "rubio"}},
		{"U.S.-Russia talks, 18 Feb 2025", []string{"u", "s", "russia", "talks", "18", "feb", "2025"}},
		{"$300 billion", []string{"300", "billion"}},
		{"Russia’s “frozen” assets", []string{"russia", "s", "frozen", "assets"}},
		{"Café crème, naïve RÉSUMÉ", []string{"cafe", "creme", "naive", "resume"}},
		{"Cafe\u0301 (decomposed)", []string{"cafe", "decomposed"}},
		{"Сергей Лавров, МИД России", []string{"сергеи", "лавров", "мид", "россии"}},
		{"Ёлка и ёж", []string{"елка", "и", "еж"}},
		{"قال لافروف: العقوبات", []string{"قال", "لافروف", "العقوبات"}},
		{"لافْرُوف", []string{"لافروف"}},
		{"ΣΟΦΟΣ σοφός", []string{"σοφοσ", "σοφοσ"}},
		{"İstanbul STRASSE straße", []string{"istanbul", "strasse", "straße"}},
		{"  ", nil},
		{"\u0301", nil},
	}
	for _, tc := range tests {
		if got := Tokens(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokens(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestSearch(t *testing.T) {
	got := files(t, searchSite(), base)
	tests := []struct {
		query string
		want  []string // kind + " " + url of each hit, best first
	}{
		// The profile first (his name is its title), then the topic
		// that discusses him, then his quote (his name is its title too,
		// but the quote has fewer words).
		{"Lavrov", []string{"person /briefings/riyadh/participants/sergei-lavrov/", "quote /briefings/riyadh/talks/", "topic /briefings/riyadh/talks/"}},
		{"lavrov ", []string{"person /briefings/riyadh/participants/sergei-lavrov/", "quote /briefings/riyadh/talks/", "topic /briefings/riyadh/talks/"}},
		{"lav", []string{"person /briefings/riyadh/participants/sergei-lavrov/", "quote /briefings/riyadh/talks/", "topic /briefings/riyadh/talks/"}},
		{"Rubio Riyadh", []string{"topic /briefings/riyadh/talks/"}},
		{"300 billion", []string{"figure /briefings/riyadh/money/"}},
		{"foreign MINISTER", []string{"person /briefings/riyadh/participants/sergei-lavrov/"}},
		{"delegations", []string{"event /briefings/riyadh/talks/", "topic /briefings/riyadh/talks/"}},
		{"who met", []string{"topic /briefings/riyadh/talks/"}},
		{"лавров", []string{"topic /briefings/riyadh/money/"}},
		{"Лав", []string{"topic /briefings/riyadh/money/"}},
		{"لافروف", []string{"topic /briefings/riyadh/money/"}},
		{"resume cafe", []string{"topic /briefings/riyadh/money/"}},
		{"TASS", []string{"source /briefings/riyadh/sources/#source-tass"}},
		{"nothing like this", nil},
		{"   ", nil},
	}
	for _, tc := range tests {
		var hits []string
		for _, h := range find(t, got, tc.query) {
			hits = append(hits, h.Kind+" "+h.URL)
		}
		if strings.Join(hits, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("search %q = %q; want %q", tc.query, hits, tc.want)
		}
	}
}

// TestSearchRecords checks what a chunk holds of a page: its headings
// for links into it, its body text for excerpts, escaped like any JSON.
func TestSearchRecords(t *testing.T) {
	var talks, money kindRecord
	for _, r := range records(t, files(t, searchSite(), base)) {
		switch r.URL {
		case "/briefings/riyadh/talks/":
			if r.kind == "topic" {
				talks = r
			}
		case "/briefings/riyadh/money/":
			if r.kind == "topic" {
				money = r
			}
		}
	}
	if want := [][2]string{{"who-met", "Who met"}}; !reflect.DeepEqual(talks.Headings, want) || !strings.HasPrefix(talks.Body, "Who met Sergei Lavrov") {
		t.Errorf("talks record = %+v; want its heading and body text", talks)
	}
	if money.Title != "Money & <assets>" {
		t.Errorf("money title = %q", money.Title)
	}
}

// bigSite is a site of n topic pages whose words repeat across pages, so
// that the index has terms in every page and terms in one.
func bigSite(n int) *content.Site {
	s := &content.Site{Generated: content.GeneratedPages()}
	bodies := map[*content.Page]*content.Body{}
	for i := range n {
		p := &content.Page{ID: fmt.Sprintf("p%d", i), Kind: content.KindTopic, URL: fmt.Sprintf("p%d/", i),
			Title: fmt.Sprintf("Page %d on talks", i), Summary: "What the delegations said."}
		var b strings.Builder
		for w := range 200 {
			fmt.Fprintf(&b, "word%d common%d unique%dx%d ", (i*7+w)%1000, w%20, i, w%3)
		}
		s.Pages = append(s.Pages, p)
		s.Topics = append(s.Topics, p)
		body := &content.Body{}
		body.SetTexts(content.Texts{Plain: b.String()})
		bodies[p] = body
	}
	s.SetIndex(content.SiteIndex{Bodies: bodies})
	return s
}

// TestSearchSplit checks that shards and chunks keep to their sizes,
// that every term is in the shard the manifest names for it, and that
// two builds are byte for byte the same while a change makes a new
// version.
func TestSearchSplit(t *testing.T) {
	site := bigSite(1500)
	out, err := SearchIndex(site)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := SearchIndex(site)
	if !reflect.DeepEqual(out, again) {
		t.Fatalf("two builds of the same site made different search files")
	}
	fs := map[string][]byte{}
	for _, f := range out {
		fs[f.Path] = f.Data
	}
	s := searcher(t, fs)
	if len(s.man.Shards) < 10 || len(s.man.Chunks) < 10 {
		t.Fatalf("%d shards and %d chunks for 1,500 pages; want the index split", len(s.man.Shards), len(s.man.Chunks))
	}
	for i := range s.man.Shards {
		data := fs[s.file("t", i)]
		if len(data) != s.man.Sizes[i] {
			t.Errorf("shard %d is %d bytes; the manifest says %d", i, len(data), s.man.Sizes[i])
		}
		var entries [][2]json.RawMessage
		if err := json.Unmarshal(data, &entries); err != nil {
			t.Fatal(err)
		}
		if len(data) > searchShardTarget && len(entries) > 1 {
			t.Errorf("shard %d is %d bytes with %d terms; want at most %d unless one term fills it", i, len(data), len(entries), searchShardTarget)
		}
		for _, e := range entries {
			var term string
			json.Unmarshal(e[0], &term)
			if s.shardOf(term) != i {
				t.Errorf("term %q is in shard %d; the manifest leads to %d", term, i, s.shardOf(term))
			}
		}
	}
	for i := range s.man.Chunks {
		if data := fs[s.file("d", i)]; len(data) > searchChunkTarget && s.man.Chunks[i] > 1 {
			t.Errorf("chunk %d is %d bytes with %d documents; want at most %d", i, len(data), s.man.Chunks[i], searchChunkTarget)
		}
	}
	for _, q := range []string{"common3", "unique1234x1", "word5 common7", "w", "u", "talks 12"} {
		s := searcher(t, fs)
		hits, err := s.Find(q)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Errorf("search %q found nothing", q)
		}
		if err := s.Records(hits[:min(len(hits), SearchShown)]); err != nil {
			t.Fatal(err)
		}
		if s.Bytes > SearchBudget {
			t.Errorf("search %q downloaded %d bytes; want at most %d", q, s.Bytes, SearchBudget)
		}
	}
	site.Topics[0].Title = "Changed"
	changed, _ := SearchIndex(site)
	if bytes.Equal(changed[0].Data, out[0].Data) {
		t.Errorf("a changed title left the manifest (and its version) as it was")
	}
}

// TestSearchFixture writes, with -update, the index of searchSite and
// what Find answers for some queries to testdata/search, where
// search_test.mjs checks that static/js/search.js answers the same;
// without -update it checks that the files there are current.
func TestSearchFixture(t *testing.T) {
	got := files(t, searchSite(), base)
	want := map[string][]byte{}
	for p, d := range got {
		if strings.HasPrefix(p, searchDir) {
			want[p] = d
		}
	}
	type answer struct {
		Query string   `json:"query"`
		Hits  []string `json:"hits"` // kind url score
		Bytes int      `json:"bytes"`
	}
	var answers []answer
	for _, q := range []string{"Lavrov", "lav", "l", "Rubio Riyadh", "delegations", "Лав", "لافروف", "resume cafe", "300 billion", "sergei l", "nothing"} {
		s := searcher(t, got)
		hits, err := s.Find(q)
		if err != nil {
			t.Fatal(err)
		}
		hits = hits[:min(len(hits), SearchShown)]
		if err := s.Records(hits); err != nil {
			t.Fatal(err)
		}
		a := answer{Query: q, Hits: []string{}, Bytes: s.Bytes}
		for _, h := range hits {
			a.Hits = append(a.Hits, fmt.Sprintf("%s %s %.6f", h.Kind, h.URL, h.Score))
		}
		answers = append(answers, a)
	}
	data, err := json.MarshalIndent(answers, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	want["answers.json"] = append(data, '\n')
	dir := filepath.Join("testdata", "search")
	if *update {
		os.RemoveAll(dir)
		for p, d := range want {
			full := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, d, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var have []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			have = append(have, filepath.ToSlash(rel))
		}
		return nil
	})
	var names []string
	for p := range want {
		names = append(names, p)
	}
	sort.Strings(names)
	if !reflect.DeepEqual(have, names) {
		t.Fatalf("testdata/search holds %q; want %q (go test ./internal/syndicate -run SearchFixture -update)", have, names)
	}
	for _, p := range names {
		d, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if !bytes.Equal(d, want[p]) {
			t.Errorf("testdata/search/%s is stale (go test ./internal/syndicate -run SearchFixture -update)", p)
		}
	}
}

// BenchmarkSearchIndex makes the search index of 3,000 generated pages;
// BenchmarkSearch10k in internal/build measures the synthetic corpus.
func BenchmarkSearchIndex(b *testing.B) {
	site := bigSite(3000)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := SearchIndex(site); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time the process used so far, in nanoseconds: what
// the benchmarks report beside wall time, which another busy process
// stretches.
func cpuTime() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// TestWriteStreams checks that Write hands a large site's files over as it
// makes them: the JSON API through Create, each part of the search index
// to Hold before any is emitted (their folder is named after them all),
// nothing twice, and the same bytes as Site.
func TestWriteStreams(t *testing.T) {
	site := bigSite(600)
	site.Config.BaseURL = content.BaseURL{URL: "https://example.org/b/", Path: "/b/", Decoded: "/b/"}
	want, err := Site(site)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	var held, created int
	var emittedPart bool
	put := func(path string, data []byte) error {
		if _, ok := got[path]; ok {
			t.Errorf("%s handed over twice", path)
		}
		got[path] = bytes.Clone(data)
		return nil
	}
	err = Write(site, Dest{
		Emit: func(path string, data []byte) error {
			if strings.HasPrefix(path, searchDir) && path != SearchIndexPath {
				emittedPart = true
			}
			return put(path, data)
		},
		Create: func(path string) (io.WriteCloser, error) {
			created++
			return &memFile{path: path, out: &[]content.Output{}}, nil
		},
		Hold: func(data []byte) (func() ([]byte, error), error) {
			if emittedPart {
				t.Errorf("a part was held after parts were emitted")
			}
			held++
			return func() ([]byte, error) { return data, nil }, nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created != 1 {
		t.Errorf("Create was called %d times; want once, for %s", created, APIPath)
	}
	parts := 0
	for _, f := range want {
		if strings.HasPrefix(f.Path, searchDir) && f.Path != SearchIndexPath {
			parts++
		}
		if f.Path == APIPath {
			continue // written through Create
		}
		if !bytes.Equal(got[f.Path], f.Data) {
			t.Errorf("%s: Write and Site differ", f.Path)
		}
	}
	if held != parts || parts < 3 {
		t.Errorf("%d parts held, %d made; want each held", held, parts)
	}
	if len(got) != len(want)-1 {
		t.Errorf("Write emitted %d files; Site made %d besides the API", len(got), len(want)-1)
	}
}

// TestWriteFails checks that Write returns the error of a file it could
// not hand over, and stops there.
func TestWriteFails(t *testing.T) {
	full := errors.New("no space left on device")
	var m memory
	d := m.dest()
	d.Emit = func(string, []byte) error { return full }
	if err := Write(bigSite(50), d); !errors.Is(err, full) {
		t.Fatalf("Write: %v; want %v", err, full)
	}
	d = m.dest()
	d.Create = func(string) (io.WriteCloser, error) { return failing{full}, nil }
	if err := Write(bigSite(50), d); !errors.Is(err, full) {
		t.Fatalf("Write with a failing API file: %v; want %v", err, full)
	}
}

type failing struct{ err error }

func (f failing) Write([]byte) (int, error) { return 0, f.err }
func (f failing) Close() error              { return nil }
