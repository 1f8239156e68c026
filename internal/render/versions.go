package render

import (
	"encoding/binary"
	"hash/fnv"
	"strings"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
)

// Fingerprints tell the versions of a page's parts: Front changes when the
// page's file changes anywhere but its body (its front matter, its path),
// Body when its body does. The caller, who has the files, computes them;
// they are used for pages with a file only.
type Fingerprints struct {
	Front func(p *content.Page) uint64
	Body  func(p *content.Page) uint64
}

// Versions gives the version, for one resolved site, of every key a render
// can note (see SiteView). A page rendered for an earlier site may be kept
// when every key it read has the same version in both sites. Versions are
// computed on first use and kept; Of is safe for concurrent use.
type Versions struct {
	s    *content.Site
	fp   Fingerprints
	mu   sync.Mutex
	memo map[string]uint64
}

// NewVersions returns the versions of site's keys.
func NewVersions(site *content.Site, fp Fingerprints) *Versions {
	return &Versions{s: site, fp: fp, memo: map[string]uint64{}}
}

// Of returns the version of key. It reports false for a key it does not
// know, which a page that read it must take as changed.
func (v *Versions) Of(key string) (uint64, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.of(key)
}

func (v *Versions) of(key string) (uint64, bool) {
	if h, ok := v.memo[key]; ok {
		return h, true
	}
	h, ok := v.compute(key)
	if ok {
		v.memo[key] = h
	}
	return h, ok
}

func (v *Versions) compute(key string) (uint64, bool) {
	s := v.s
	var h hasher
	switch key {
	case keyPages:
		h.pages(v, s.Pages)
	case keyHome:
		h.page(v, s.Home)
	case keyTopics:
		h.pages(v, s.Topics)
	case keyPeople:
		h.pages(v, s.People)
	case keySections:
		h.pages(v, s.Sections)
	case keyGenerated:
		h.pages(v, s.Generated)
	case keyUpdated:
		h.str(s.Updated.String())
	case keyNav:
		for _, n := range nav(s) {
			h.str(string(n.Kind))
			h.str(n.URL)
			h.str(n.Title)
		}
	case keyTimeline:
		for _, e := range s.Timeline {
			h.page(v, e.Page) // the event is part of its page's front matter
		}
	case keyQuotes:
		for _, q := range s.Quotes {
			h.page(v, q.Page)
			h.page(v, q.Speaker)
		}
	case keyFigures:
		for _, f := range s.Figures {
			h.page(v, f.Page)
		}
	case keySources:
		for _, src := range s.Sources {
			h.key(v, keySource+src.ID)
		}
	default:
		prefix, arg, ok := strings.Cut(key, ":")
		if !ok {
			return 0, false
		}
		switch prefix + ":" {
		case keyPage:
			h.page(v, s.Page(arg))
		case keyBody:
			p := s.Page(arg)
			h.page(v, p)
			if p != nil && p.File != "" {
				h.u64(v.fp.Body(p))
			}
		case keyPerson:
			h.page(v, s.Person(arg))
		case keySource:
			if src := s.Source(arg); src != nil {
				h.page(v, src.Page)
				h.pages(v, src.CitedBy)
			}
		case keyMentions:
			h.pages(v, s.Mentions(arg))
		case keyQuotesBy:
			for _, q := range s.QuotesBy(arg) {
				h.page(v, q.Page)
				h.page(v, q.Speaker)
			}
		case keyMembers:
			h.pages(v, s.Members(arg))
		case keySide:
			h.pages(v, s.PeopleOnSide(arg))
		case keyCited:
			if p := s.Page(arg); p != nil {
				h.page(v, p)
				for _, src := range s.CitedSources(p) {
					h.key(v, keySource+src.ID)
				}
			}
		case keyPrev:
			if p := s.Page(arg); p != nil {
				h.page(v, s.PrevTopic(p))
			}
		case keyNext:
			if p := s.Page(arg); p != nil {
				h.page(v, s.NextTopic(p))
			}
		default:
			return 0, false
		}
	}
	return h.sum(), true
}

// hasher folds page fingerprints and strings into one version.
type hasher struct{ b []byte }

func (h *hasher) u64(x uint64) { h.b = binary.LittleEndian.AppendUint64(h.b, x) }

func (h *hasher) str(s string) {
	h.u64(uint64(len(s)))
	h.b = append(h.b, s...)
}

// page adds the version of p's front matter; nil counts too.
func (h *hasher) page(v *Versions, p *content.Page) {
	switch {
	case p == nil:
		h.u64(0)
	case p.File != "":
		h.u64(1)
		h.str(p.ID)
		h.u64(v.fp.Front(p))
	default:
		// A page the build made (a generated page, a section without
		// an _index.md): what it is follows from these.
		h.u64(2)
		h.str(p.ID)
		h.str(string(p.Kind))
		h.str(p.URL)
		h.str(p.Title)
	}
}

func (h *hasher) pages(v *Versions, ps []*content.Page) {
	h.u64(uint64(len(ps)))
	for _, p := range ps {
		h.page(v, p)
	}
}

// key adds the version of another key (which is always known).
func (h *hasher) key(v *Versions, k string) {
	x, _ := v.of(k)
	h.u64(x)
}

func (h *hasher) sum() uint64 {
	f := fnv.New64a()
	f.Write(h.b)
	return f.Sum64()
}
