package build

import (
	"context"
	"fmt"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/corpus"
	"github.com/briefing-dev/briefing/internal/syndicate"
)

// searchCorpus renders the synthetic corpus of 10,000 pages in dir for
// the search benchmarks: its built files by path, and its resolved site.
func searchCorpus(b *testing.B, dir string) (map[string][]byte, *content.Site) {
	if err := corpus.Write(dir, 10000); err != nil {
		b.Fatal(err)
	}
	res, diags, err := Render(context.Background(), Options{Source: dir, Destination: filepath.Join(dir, "public"), Theme: theme()})
	if err != nil || diags.HasErrors() {
		b.Fatalf("render: %v\n%s", err, diags.Error())
	}
	files := make(map[string][]byte, len(res.Files))
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	return files, res.Site
}

// searchQueries are the queries BenchmarkSearch10k measures: a word on
// every page, a rare name, two words, a word still being typed and one
// letter.
var searchQueries = []struct{ name, query string }{
	{"common", "delegations"},
	{"rare-name", "Number432"},
	{"two-words", "frozen assets"},
	{"prefix", "sanct"},
	{"one-letter", "s"},
	{"name-and-letter", "person n"},
}

// BenchmarkSearch10k measures search over the synthetic corpus of 10,000
// pages. Its "index" part makes the search index (part of the build's
// machine step) and reports its size: every file, the manifest, the
// largest file, how many files, and the bodies' plain text parse keeps
// for it (Body.Text). Then it runs the lookup of static/js/search.js in
// Go (syndicate.Searcher); for each query it reports what the query downloads
// (manifest, shards, prefix file, chunks of the first results: at most
// syndicate.SearchBudget) as "bytes", how many documents match, and as
// ns/op the time to compute the first results once their files are in
// memory (scoring, ranking and the first results' records).
func BenchmarkSearch10k(b *testing.B) {
	files, site := searchCorpus(b, b.TempDir())
	b.Run("index", func(b *testing.B) { benchSearchIndex(b, site) })
	get := func(p string) ([]byte, error) {
		if d, ok := files[p]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("%s: not built", p)
	}
	for _, q := range searchQueries {
		b.Run(q.name, func(b *testing.B) {
			s, err := syndicate.OpenSearch(get)
			if err != nil {
				b.Fatal(err)
			}
			hits, err := s.Find(q.query)
			if err != nil {
				b.Fatal(err)
			}
			if err := s.Records(hits[:min(len(hits), syndicate.SearchShown)]); err != nil {
				b.Fatal(err)
			}
			if s.Bytes > syndicate.SearchBudget {
				b.Errorf("search %q downloads %d bytes; want at most %d", q.query, s.Bytes, syndicate.SearchBudget)
			}
			bytes := s.Bytes
			for b.Loop() {
				hits, _ := s.Find(q.query)
				s.Records(hits[:min(len(hits), syndicate.SearchShown)])
			}
			b.ReportMetric(float64(bytes), "bytes")
			b.ReportMetric(float64(len(hits)), "hits")
		})
	}
}

func benchSearchIndex(b *testing.B, site *content.Site) {

	var out []content.Output
	b.ReportAllocs()
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	for b.Loop() {
		var err error
		if out, err = syndicate.SearchIndex(site); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time beside wall time: other processes on the machine stretch
	// the latter.
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano()
	b.ReportMetric(float64(cpu)/1e6/float64(b.N), "cpu-ms/op")
	total, largest := 0, 0
	for _, f := range out {
		total += len(f.Data)
		largest = max(largest, len(f.Data))
		if f.Path == syndicate.SearchIndexPath {
			b.ReportMetric(float64(len(f.Data)), "manifest-bytes")
		}
	}
	text := 0
	for _, p := range site.Pages {
		t, _ := site.Body(p).Text()
		text += len(t)
	}
	b.ReportMetric(float64(total)/1e6, "index-MB")
	b.ReportMetric(float64(largest), "largest-bytes")
	b.ReportMetric(float64(len(out)), "files")
	b.ReportMetric(float64(text)/1e6, "body-text-MB")
}
