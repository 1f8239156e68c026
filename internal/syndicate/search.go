package syndicate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/bits"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/i18n"
	"github.com/briefing-dev/briefing/internal/parallel"
)

// The search index that static/js/search.js reads on the /search/ page,
// split the way Pagefind splits one so that a query downloads a few
// hundred kilobytes whatever the size of the site (docs/search.md):
//
//   - search/index.json, the manifest: the build's version, how many
//     documents of each kind, the first term of each term shard with its
//     size, and how many documents each document chunk holds;
//   - search/<version>/t<i>.json, term shards: terms in byte order with
//     their postings, cut into files of about searchShardTarget bytes;
//     a query fetches the shards of its words only;
//   - search/<version>/p<i>.json, prefix files: the most common terms
//     that start with each one- and two-letter prefix, so a query
//     whose last word is still being typed fetches the shards of a few
//     likely completions, not every term under "s";
//   - search/<version>/d<i>.json, document chunks: consecutive documents'
//     titles, links, shown text, body text (cut to searchBodyMax) and
//     headings, in files of about searchChunkTarget bytes, fetched for
//     the results shown.
//
// A document is a topic, person, page, quote, event, figure or source,
// numbered in that order (kinds are ranges of numbers, so the manifest
// tells a result's kind without a chunk). A posting is one number,
// delta<<4 | weight: the distance from the previous posting's document
// and the term's weight in the document, 1 to 15 (searchWeight).
// The version is a hash of every file, so after a rebuild no cache can
// serve an old shard with a new manifest. The files are made before it
// is known: each waits in Dest.Hold (on a large site, the build's scratch
// file) until then.

const (
	searchShardTarget = 16 << 10
	searchChunkTarget = 12 << 10
	// searchBodyMax bounds the body text a chunk keeps for excerpts: the
	// whole body is indexed, but an excerpt comes from its start. At
	// 10,000 pages the chunks are most of the index, held in memory until
	// written.
	searchBodyMax      = 1500
	searchCompletions  = 8
	searchPrefixTarget = 8 << 10
	// searchBatch documents are read at once on the workers; their
	// terms are folded into the postings before the next batch, so only
	// a batch of page texts is ever held.
	searchBatch = 256
)

// Weights of a word by where it occurs, before searchWeight.
const (
	inTitle   = 8
	inHeading = 4
	inMeta    = 2
	inBody    = 1
)

// searchKinds are the kinds of documents in the order they are numbered
// and shown.
var searchKinds = []string{"topic", "person", "page", "quote", "event", "figure", "source"}

// searchManifest is search/index.json.
type searchManifest struct {
	// Version is the folder of the other files.
	Version string `json:"v"`
	// Kinds counts the documents of each kind, in numbering order.
	Kinds []searchKindCount `json:"kinds"`
	// Shards is the first term of each term shard; Sizes their bytes.
	Shards []string `json:"shards"`
	Sizes  []int    `json:"sizes"`
	// Chunks is how many documents each chunk holds; ChunkMax the bytes
	// of the largest.
	Chunks   []int `json:"chunks"`
	ChunkMax int   `json:"chunkMax"`
	// Prefixes is the first letter of the terms each prefix file holds
	// (it holds the letters up to the next file's); PrefixSizes their
	// bytes.
	Prefixes    []string `json:"prefixes"`
	PrefixSizes []int    `json:"prefixSizes"`
}

type searchKindCount struct {
	Kind string `json:"kind"`
	N    int    `json:"n"`
}

// searchRecord is a document as a chunk holds it.
type searchRecord struct {
	Title string `json:"t"`
	// URL is a path from the host's root, so it works under any base path.
	URL string `json:"u"`
	// Text is shown under the title: a summary, a role, a quote, a date.
	Text string `json:"s,omitempty"`
	// Body is the text of the page's body, cut to searchBodyMax bytes,
	// for an excerpt around the words found.
	Body string `json:"b,omitempty"`
	// Headings are the body's headings as [id, text], so a result can
	// link to the section whose heading matched.
	Headings [][2]string `json:"h,omitempty"`
	// Status is, for a quote, event or figure, its status (confirmed,
	// reported, disputed or unverified); Corrected the date of its latest
	// correction.
	Status    string `json:"st,omitempty"`
	Corrected string `json:"c,omitempty"`
}

// searchDoc is a document before its text is read: the record without
// its body, the fields with their weights, and the page whose body to read.
type searchDoc struct {
	rec    searchRecord
	fields []searchField
	page   *content.Page
}

type searchField struct {
	text   string
	weight int
}

// searchDocs lists the documents of site in numbering order: it returns
// how many there are of each kind and a function that makes the i-th.
// Documents are made a batch at a time as the index reads them, not all
// at once: at 50,000 pages the list of them was the largest thing the
// build held while it made the index.
func searchDocs(s *content.Site, u links) (int, []searchKindCount, func(i int) searchDoc) {
	tx := i18n.New(s.Config.Language, s.Config.Words) // dates in the site's language
	var pages []*content.Page                         // the "page" kind: pages, then generated pages
	for _, p := range s.Pages {
		if p.Kind != content.KindTopic && p.Kind != content.KindPerson {
			pages = append(pages, p)
		}
	}
	generated := len(pages)
	for _, p := range s.Generated {
		if p.Kind != content.KindNotFound && p.Kind != content.KindSearch {
			pages = append(pages, p)
		}
	}
	sizes := []int{len(s.Topics), len(s.People), len(pages), len(s.Quotes), len(s.Timeline), len(s.Figures), len(s.Sources)}
	counts := make([]searchKindCount, len(searchKinds))
	n := 0
	for i, k := range searchKinds {
		counts[i] = searchKindCount{Kind: k, N: sizes[i]}
		n += sizes[i]
	}
	side := func(id string) string {
		if sd, ok := s.Config.Side(id); ok {
			return sd.Label
		}
		return id
	}
	status := func(r *searchRecord, t content.Trust) {
		r.Status, r.Corrected = string(t.Status), t.Corrected.String()
	}
	doc := func(i int) searchDoc {
		k := 0
		for i >= sizes[k] {
			i -= sizes[k]
			k++
		}
		switch searchKinds[k] {
		case "topic":
			p := s.Topics[i]
			return searchDoc{rec: searchRecord{Title: p.Title, Text: p.Summary, URL: u.rel(p.URL)},
				fields: []searchField{{p.Title, inTitle}, {p.Summary, inMeta}}, page: p}
		case "person":
			p := s.People[i]
			pr := p.Person
			return searchDoc{rec: searchRecord{Title: pr.Name, Text: pr.Role, URL: u.rel(p.URL)},
				fields: []searchField{{pr.Name, inTitle}, {strings.Join(pr.Aliases, " "), inTitle}, {pr.Role, inMeta},
					{pr.Affiliation, inMeta}, {side(pr.Side.ID), inMeta}, {p.Summary, inMeta}}, page: p}
		case "page":
			p := pages[i]
			d := searchDoc{rec: searchRecord{Title: p.Title, Text: p.Summary, URL: u.rel(p.URL)},
				fields: []searchField{{p.Title, inTitle}, {p.Summary, inMeta}}}
			if i < generated {
				d.page = p // a generated page has no body
			}
			return d
		case "quote":
			q := s.Quotes[i]
			name, aliases := q.By.ID, ""
			if q.Speaker != nil {
				name, aliases = q.Speaker.Person.Name, strings.Join(q.Speaker.Person.Aliases, " ")
			}
			d := searchDoc{rec: searchRecord{Title: name, Text: tx.Get("quote.marks", "text", q.Text), URL: u.rel(q.Page.URL)},
				fields: []searchField{{name, inTitle}, {aliases, inTitle}, {q.Text, inMeta}, {q.Context, inBody}, {q.Page.Title, inBody}}}
			status(&d.rec, q.TrustOf(s.Source(q.Source.ID)))
			return d
		case "event":
			e := s.Timeline[i]
			d := searchDoc{rec: searchRecord{Title: e.Title, Text: tx.Date(e.Date), URL: u.rel(e.Page.URL)},
				fields: []searchField{{e.Title, inTitle}, {e.Detail, inMeta}, {tx.Date(e.Date), inBody}, {e.Date.String(), inBody}}}
			status(&d.rec, e.TrustOf(s.Source(e.Source.ID)))
			return d
		case "figure":
			f := s.Figures[i]
			d := searchDoc{rec: searchRecord{Title: f.Value, Text: f.Label, URL: u.rel(f.Page.URL)},
				fields: []searchField{{f.Value, inTitle}, {f.Label, inTitle}, {f.Detail, inMeta}}}
			status(&d.rec, f.TrustOf(s.Source(f.Source.ID)))
			return d
		default: // "source"
			src := s.Sources[i]
			return searchDoc{rec: searchRecord{Title: src.Title, Text: src.Publisher, URL: u.rel("sources/") + "#source-" + src.ID},
				fields: []searchField{{src.Title, inTitle}, {src.Publisher, inMeta}, {src.ID, inBody}}}
		}
	}
	return n, counts, doc
}

// searchWeight turns a word's summed weights in a document into the 1 to
// 15 a posting holds: one more for each doubling, so a word in a title (8)
// counts as much as eight mentions in the body.
func searchWeight(raw int) uint32 {
	return uint32(min(15, 2*bits.Len(uint(raw))-1))
}

// searchRead is what a worker reads from one document: its terms with
// their weights and its record as JSON.
type searchRead struct {
	terms map[string]int
	rec   []byte
}

// readSearchDoc reads d into terms (cleared first, so a worker's map is
// reused from batch to batch and keeps its size).
func readSearchDoc(s *content.Site, d searchDoc, terms map[string]int) (searchRead, error) {
	if terms == nil {
		terms = map[string]int{}
	}
	clear(terms)
	for _, f := range d.fields {
		eachToken(f.text, func(t string) { terms[t] += f.weight })
	}
	rec := d.rec
	if d.page != nil {
		texts, err := s.Body(d.page).TextsOf(content.PartPlain | content.PartHeadings)
		if err != nil {
			return searchRead{}, err
		}
		text := texts.Plain
		eachToken(text, func(t string) { terms[t] += inBody })
		for _, h := range texts.Headings {
			eachToken(h.Text, func(t string) { terms[t] += inHeading })
			if h.ID != "" {
				rec.Headings = append(rec.Headings, [2]string{h.ID, h.Text})
			}
		}
		rec.Body = cut(text, searchBodyMax)
	}
	data, err := json.Marshal(rec)
	return searchRead{terms, data}, err
}

// searchIndex makes the search index of site and hands its files to d:
// each part to d.Hold as it is made, then, once the version that names
// their folder is known, the manifest and the parts to d.Emit.
func searchIndex(s *content.Site, u links, d Dest) error {
	ndocs, counts, doc := searchDocs(s, u)
	parts := searchParts{hold: d.Hold}
	// lists[ids[term]] is a term's postings, doc<<4 | weight, in
	// document order (one map look-up per term and document).
	ids := map[string]int{}
	var lists [][]uint32
	var chunks []int
	chunkMax := 0
	var chunk bytes.Buffer
	n := 0 // documents in chunk
	flush := func() {
		if n == 0 {
			return
		}
		chunk.WriteByte(']')
		parts.add("d", len(chunks), chunk.Bytes())
		chunks = append(chunks, n)
		chunkMax = max(chunkMax, chunk.Len())
		chunk.Reset()
		n = 0
	}
	reads := make([]searchRead, searchBatch)
	errs := make([]error, searchBatch)
	for start := 0; start < ndocs; start += searchBatch {
		size := min(searchBatch, ndocs-start)
		parallel.Each(context.Background(), size, 0, func(i int) {
			reads[i], errs[i] = readSearchDoc(s, doc(start+i), reads[i].terms)
		})
		for i := range size {
			if errs[i] != nil {
				return errs[i]
			}
			id := uint32(start + i)
			for t, raw := range reads[i].terms {
				i, ok := ids[t]
				if !ok {
					i = len(lists)
					// A copy: t is a slice of the document's text,
					// which the index would otherwise keep whole.
					ids[strings.Clone(t)] = i
					lists = append(lists, nil)
				}
				lists[i] = append(lists[i], id<<4|searchWeight(raw))
			}
			if n > 0 && chunk.Len()+1+len(reads[i].rec)+1 > searchChunkTarget {
				flush()
			}
			if n == 0 {
				chunk.WriteByte('[')
			} else {
				chunk.WriteByte(',')
			}
			chunk.Write(reads[i].rec)
			n++
			reads[i].rec = nil
		}
	}
	flush()

	terms := make([]string, 0, len(ids))
	for t := range ids {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	postings := func(t string) []uint32 { return lists[ids[t]] }
	man := searchManifest{Kinds: counts, Chunks: chunks, ChunkMax: chunkMax, Shards: []string{}, Sizes: []int{}, Prefixes: []string{}, PrefixSizes: []int{}}
	if man.Chunks == nil {
		man.Chunks = []int{}
	}
	searchShards(terms, postings, &man, &parts)
	searchPrefixes(terms, postings, &man, &parts)
	if parts.err != nil {
		return parts.err
	}
	man.Version = parts.version()
	manData, err := marshalJSON(man)
	if err != nil {
		return err
	}
	if err := d.Emit(SearchIndexPath, manData); err != nil {
		return err
	}
	for i, name := range parts.names {
		data, err := parts.gets[i]()
		if err != nil {
			return err
		}
		if err := d.Emit(searchDir+man.Version+"/"+name, data); err != nil {
			return err
		}
		parts.gets[i] = nil
	}
	return nil
}

// searchParts holds the index's versioned files (term shards, prefix
// files, document chunks) from when each is made until its folder's name,
// a hash of them all, is known.
type searchParts struct {
	hold  func([]byte) (func() ([]byte, error), error)
	names []string
	gets  []func() ([]byte, error)
	sum   []byte // "name size sha256\n" for each part, in the order made
	err   error
}

// add holds a copy of data as the file kind<i>.json.
func (ps *searchParts) add(kind string, i int, data []byte) {
	if ps.err != nil {
		return
	}
	name := kind + strconv.Itoa(i) + ".json"
	get, err := ps.hold(bytes.Clone(data))
	if err != nil {
		ps.err = err
		return
	}
	h := sha256.Sum256(data)
	ps.sum = fmt.Appendf(ps.sum, "%s %d %x\n", name, len(data), h)
	ps.names = append(ps.names, name)
	ps.gets = append(ps.gets, get)
}

// version names the folder: a hash of every part's name, size and
// contents, so that after a rebuild no cache can serve an old part with a
// new manifest.
func (ps *searchParts) version() string {
	h := sha256.Sum256(ps.sum)
	return fmt.Sprintf("%x", h[:6])
}

// searchDir is the folder of the search index's files.
const searchDir = "search/"

// searchShards encodes the postings of terms (sorted) into shards of about
// searchShardTarget bytes and lists them in man.
func searchShards(terms []string, postings func(string) []uint32, man *searchManifest, parts *searchParts) {
	var shard bytes.Buffer
	var entry []byte
	end := func() {
		shard.WriteByte(']')
		parts.add("t", len(man.Sizes), shard.Bytes())
		man.Sizes = append(man.Sizes, shard.Len())
		shard.Reset()
	}
	for _, t := range terms {
		entry = entry[:0]
		q, _ := json.Marshal(t)
		entry = append(entry, '[')
		entry = append(entry, q...)
		entry = append(entry, ",["...)
		prev := uint32(0)
		for i, p := range postings(t) {
			if i > 0 {
				entry = append(entry, ',')
			}
			doc := p >> 4
			entry = strconv.AppendUint(entry, uint64((doc-prev)<<4|p&15), 10)
			prev = doc
		}
		entry = append(entry, "]]"...)
		if shard.Len() > 0 && shard.Len()+1+len(entry)+1 > searchShardTarget {
			end()
		}
		if shard.Len() == 0 {
			shard.WriteByte('[')
			man.Shards = append(man.Shards, t)
		} else {
			shard.WriteByte(',')
		}
		shard.Write(entry)
	}
	if shard.Len() > 0 {
		end()
	}
}

// searchPrefixes makes the prefix files: objects that map each one- and
// two-letter prefix of the terms to its searchCompletions most common
// terms (most documents first, then in byte order). The prefixes of one
// first letter stay in one file; a file holds the letters from the one
// man.Prefixes names up to the next file's, and about searchPrefixTarget
// bytes.
func searchPrefixes(terms []string, postings func(string) []uint32, man *searchManifest, parts *searchParts) {
	type cand struct {
		term string
		df   int
	}
	byFirst := map[string]map[string][]cand{}
	var firsts []string
	for _, t := range terms {
		_, n1 := utf8.DecodeRuneInString(t)
		first := t[:n1]
		m := byFirst[first]
		if m == nil {
			m = map[string][]cand{}
			byFirst[first] = m
			firsts = append(firsts, first) // terms are sorted, so firsts are too
		}
		c := cand{t, len(postings(t))}
		m[first] = append(m[first], c)
		if n1 < len(t) {
			_, n2 := utf8.DecodeRuneInString(t[n1:])
			m[t[:n1+n2]] = append(m[t[:n1+n2]], c)
		}
	}
	var file bytes.Buffer
	end := func() {
		file.WriteByte('}')
		parts.add("p", len(man.PrefixSizes), file.Bytes())
		man.PrefixSizes = append(man.PrefixSizes, file.Len())
		file.Reset()
	}
	for _, first := range firsts {
		m := byFirst[first]
		keys := make([]string, 0, len(m))
		for p := range m {
			keys = append(keys, p)
		}
		sort.Strings(keys)
		var part bytes.Buffer
		for _, p := range keys {
			cs := m[p]
			sort.SliceStable(cs, func(i, j int) bool { return cs[i].df > cs[j].df })
			cs = cs[:min(len(cs), searchCompletions)]
			ts := make([]string, len(cs))
			for i, c := range cs {
				ts[i] = c.term
			}
			k, _ := json.Marshal(p)
			v, _ := json.Marshal(ts)
			if part.Len() > 0 {
				part.WriteByte(',')
			}
			part.Write(k)
			part.WriteByte(':')
			part.Write(v)
		}
		if file.Len() > 0 && file.Len()+1+part.Len()+1 > searchPrefixTarget {
			end()
		}
		if file.Len() == 0 {
			file.WriteByte('{')
			man.Prefixes = append(man.Prefixes, first)
		} else {
			file.WriteByte(',')
		}
		file.Write(part.Bytes())
	}
	if file.Len() > 0 {
		end()
	}
}

// SearchIndex returns the search index's files for site, as Site makes
// them: for benchmarks, which measure it apart from the other files.
func SearchIndex(site *content.Site) ([]content.Output, error) {
	var m memory
	err := searchIndex(site, newLinks(site.Config.BaseURL), m.dest())
	return m.sorted(), err
}
