package syndicate

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode/utf8"
)

// This file is the lookup static/js/search.js does, written in Go for
// tests and benchmarks: the same files fetched in the same order, the same
// scores. search_test.mjs runs the script over an index that
// TestSearchFixture writes with this code's answers beside it.

// SearchBudget is the most one query may download: the manifest, the term
// shards and prefix file it needs, and the chunks of the results shown.
// Shards of completions of the last word are fetched only while they fit.
const SearchBudget = 300 << 10

// SearchShown is how many results a query shows first, whose chunks it
// fetches.
const SearchShown = 10

// Searcher runs queries over a built search index. It is not safe for
// concurrent use.
type Searcher struct {
	get      func(path string) ([]byte, error)
	man      searchManifest
	docs     int
	chunkEnd []int // chunkEnd[i] is one past the last document of chunk i
	files    map[string]bool
	shards   map[int]map[string][]uint32 // doc<<4 | weight
	prefixes map[int]map[string][]string
	chunks   map[int][]searchRecord
	manBytes int
	// Bytes counts what the searcher downloaded: each file once.
	Bytes int
}

// SearchHit is a document a query found.
type SearchHit struct {
	Doc   int
	Kind  string
	Score float64
	// Record is set by Searcher.Records.
	Title, URL, Text, Body string
}

// OpenSearch reads the manifest (search/index.json) through get, which
// returns a built file by its path in the site.
func OpenSearch(get func(path string) ([]byte, error)) (*Searcher, error) {
	s := &Searcher{get: get, files: map[string]bool{}, shards: map[int]map[string][]uint32{},
		prefixes: map[int]map[string][]string{}, chunks: map[int][]searchRecord{}}
	if err := s.fetch(SearchIndexPath, &s.man); err != nil {
		return nil, err
	}
	s.manBytes = s.Bytes
	for _, k := range s.man.Kinds {
		s.docs += k.N
	}
	end := 0
	for _, n := range s.man.Chunks {
		end += n
		s.chunkEnd = append(s.chunkEnd, end)
	}
	return s, nil
}

func (s *Searcher) fetch(path string, v any) error {
	data, err := s.get(path)
	if err != nil {
		return err
	}
	if !s.files[path] {
		s.files[path] = true
		s.Bytes += len(data)
	}
	return json.Unmarshal(data, v)
}

func (s *Searcher) file(kind string, i int) string {
	return fmt.Sprintf("%s%s/%s%d.json", searchDir, s.man.Version, kind, i)
}

// shardOf returns the shard that holds term, if any term is there.
func (s *Searcher) shardOf(term string) int {
	return sort.Search(len(s.man.Shards), func(i int) bool { return s.man.Shards[i] > term }) - 1
}

func (s *Searcher) loadShard(i int) error {
	if i < 0 || s.shards[i] != nil {
		return nil
	}
	var raw [][2]json.RawMessage
	if err := s.fetch(s.file("t", i), &raw); err != nil {
		return err
	}
	m := make(map[string][]uint32, len(raw))
	for _, e := range raw {
		var term string
		var post []uint32
		if err := json.Unmarshal(e[0], &term); err != nil {
			return err
		}
		if err := json.Unmarshal(e[1], &post); err != nil {
			return err
		}
		doc := uint32(0)
		for j, p := range post {
			doc += p >> 4
			post[j] = doc<<4 | p&15
		}
		m[term] = post
	}
	s.shards[i] = m
	return nil
}

// plan returns the shards a query of words needs: those of every word,
// then, when the last word is a prefix, those of its likely completions
// while the query stays within SearchBudget (keeping room for SearchShown
// chunks). Every file counts at its size whether or not it was fetched
// before, so the plan does not depend on earlier queries.
func (s *Searcher) plan(words []string, prefix bool) ([]int, error) {
	var need []int
	seen := map[int]bool{}
	size := s.manBytes
	take := func(i int) {
		if i >= 0 && !seen[i] {
			seen[i] = true
			need = append(need, i)
			size += s.man.Sizes[i]
		}
	}
	for _, w := range words {
		take(s.shardOf(w))
	}
	if !prefix {
		return need, nil
	}
	last := words[len(words)-1]
	var extra []int
	if utf8.RuneCountInString(last) <= 2 {
		r, _ := utf8.DecodeRuneInString(last)
		pi := sort.Search(len(s.man.Prefixes), func(i int) bool { return s.man.Prefixes[i] > string(r) }) - 1
		if pi >= 0 {
			size += s.man.PrefixSizes[pi]
			if s.prefixes[pi] == nil {
				var m map[string][]string
				if err := s.fetch(s.file("p", pi), &m); err != nil {
					return nil, err
				}
				s.prefixes[pi] = m
			}
			for _, t := range s.prefixes[pi][last] {
				extra = append(extra, s.shardOf(t))
			}
		}
	} else {
		for j := s.shardOf(last) + 1; j < len(s.man.Shards) && strings.HasPrefix(s.man.Shards[j], last); j++ {
			extra = append(extra, j)
		}
	}
	room := SearchBudget - size - SearchShown*s.man.ChunkMax
	for _, i := range extra {
		if i < 0 || seen[i] || s.man.Sizes[i] > room {
			continue
		}
		room -= s.man.Sizes[i]
		take(i)
	}
	return need, nil
}

// Find returns the documents that match query, best first: every word of
// the query must occur in a document, the last one also as the start of
// a longer word unless the query ends with a space. A word scores its
// weight in the document times log(1 + documents / documents with the
// word); a completion of the last word scores half.
func (s *Searcher) Find(query string) ([]SearchHit, error) {
	words := Tokens(query)
	if len(words) == 0 {
		return nil, nil
	}
	r, _ := utf8.DecodeLastRuneInString(query)
	prefix := isWordRune(r)
	need, err := s.plan(words, prefix)
	if err != nil {
		return nil, err
	}
	for _, i := range need {
		if err := s.loadShard(i); err != nil {
			return nil, err
		}
	}
	return s.rank(words, prefix, need), nil
}

// rank scores the documents from the loaded shards need. Scores live in
// slices indexed by document (every score is above 0, so 0 is "not
// found"), as in the script.
func (s *Searcher) rank(words []string, prefix bool, need []int) []SearchHit {
	n := float64(s.docs)
	var total []float64
	for wi, w := range words {
		scores := make([]float64, s.docs)
		add := func(post []uint32, factor float64) {
			idf := math.Log(1 + n/float64(len(post)))
			for _, p := range post {
				if sc, d := factor*float64(p&15)*idf, p>>4; sc > scores[d] {
					scores[d] = sc
				}
			}
		}
		for _, i := range need {
			sh := s.shards[i]
			if post, ok := sh[w]; ok {
				add(post, 1)
			}
			if prefix && wi == len(words)-1 {
				for t, post := range sh {
					if len(t) > len(w) && strings.HasPrefix(t, w) {
						add(post, 0.5)
					}
				}
			}
		}
		if total == nil {
			total = scores
			continue
		}
		for d, sc := range total {
			if sc > 0 && scores[d] > 0 {
				total[d] = sc + scores[d]
			} else {
				total[d] = 0
			}
		}
	}
	var hits []SearchHit
	for d, sc := range total {
		if sc > 0 {
			hits = append(hits, SearchHit{Doc: d, Kind: s.kindOf(d), Score: sc})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].Score != hits[j].Score {
			return hits[i].Score > hits[j].Score
		}
		return hits[i].Doc < hits[j].Doc
	})
	return hits
}

func (s *Searcher) kindOf(doc int) string {
	for _, k := range s.man.Kinds {
		if doc < k.N {
			return k.Kind
		}
		doc -= k.N
	}
	return ""
}

// Records fetches the chunks of hits and fills in their titles, links and
// texts.
func (s *Searcher) Records(hits []SearchHit) error {
	for i := range hits {
		c := sort.SearchInts(s.chunkEnd, hits[i].Doc+1)
		if c >= len(s.chunkEnd) {
			return fmt.Errorf("search: document %d is in no chunk", hits[i].Doc)
		}
		if s.chunks[c] == nil {
			var recs []searchRecord
			if err := s.fetch(s.file("d", c), &recs); err != nil {
				return err
			}
			s.chunks[c] = recs
		}
		first := s.chunkEnd[c] - s.man.Chunks[c]
		r := s.chunks[c][hits[i].Doc-first]
		hits[i].Title, hits[i].URL, hits[i].Text, hits[i].Body = r.Title, r.URL, r.Text, r.Body
	}
	return nil
}
