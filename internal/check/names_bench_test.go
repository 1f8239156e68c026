package check

import (
	"fmt"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// BenchmarkNames runs the name screen as Site does (every content file's
// front matter and body against every person) on the synthetic corpus
// (n pages, n/10 people named "Person NumberN") and on generated prose
// (n pages of 500 words, 1,000 people with varied names), with the index
// ("index") and with the brute-force screen it replaced ("brute"), so that
// one run shows both. The brute-force screen takes minutes at 10k pages:
// leave it out with -bench 'Names/.*/index'.
func BenchmarkNames(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		for _, kind := range []string{"corpus", "prose"} {
			var people []*content.Page
			var files []content.File
			loaded := false
			load := func(b *testing.B) {
				if loaded {
					return
				}
				if kind == "corpus" {
					people, files = corpusSite(b, n)
				} else {
					people, files = proseSite(1, false, 1000, n, 500)
				}
				loaded = true
			}
			b.Run(fmt.Sprintf("%s-%dk/index", kind, n/1000), func(b *testing.B) {
				load(b)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					var l diag.List
					names := personNames(people)
					for _, f := range files {
						screen(&l, f.Path, f.Front, f.FrontLine, names)
						screen(&l, f.Path, f.Body, f.BodyLine, names)
					}
					l.Sort()
				}
			})
			b.Run(fmt.Sprintf("%s-%dk/brute", kind, n/1000), func(b *testing.B) {
				load(b)
				b.ReportAllocs()
				b.ResetTimer()
				for b.Loop() {
					var l diag.List
					names := brutePersonNames(people)
					for _, f := range files {
						bruteScreen(&l, f.Path, f.Front, f.FrontLine, names)
						bruteScreen(&l, f.Path, f.Body, f.BodyLine, names)
					}
					l.Sort()
				}
			})
		}
	}
}
