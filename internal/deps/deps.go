// Package deps is the dependency tracking of incremental builds: the keys
// that name what a page's render can read of a site, the Recorder that
// collects a page's keys while it renders, and Versions, which gives each
// key its version for one resolved site. A page rendered for an earlier site
// is still right when every key it read has the same version now.
//
// Render notes keys (through the site view templates see); the cache
// compares versions. The keys are defined here, once, for both.
package deps

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
	"strings"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
)

// The keys of what a render can read. A key without an argument names a
// list of the site; one that ends in ":" takes an id. Versions gives each
// key its version for a site.
const (
	Pages     = "pages"
	Home      = "home"
	Topics    = "topics"
	People    = "people"
	Sections  = "sections"
	Timeline  = "timeline"
	Quotes    = "quotes"
	Figures   = "figures"
	Sources   = "sources"
	Generated = "generated"
	Updated   = "updated"
	Nav       = "nav"
	Page      = "page:"     // + page id: the page's front matter
	Body      = "body:"     // + page id: the page's body
	Person    = "person:"   // + person id
	Source    = "source:"   // + source id
	Mentions  = "mentions:" // + person id
	QuotesBy  = "quotesby:" // + person id
	Members   = "members:"  // + section
	Side      = "side:"     // + side id
	Cited     = "cited:"    // + page id: the sources the page cites
	Prev      = "prev:"     // + page id: the topic before it
	Next      = "next:"     // + page id: the topic after it
)

// Recorder collects the keys one page's render read. A nil *Recorder
// records nothing (a full build has no use for the keys). A Recorder is not
// safe for concurrent use: one page's render at a time.
type Recorder struct{ keys map[string]struct{} }

// NewRecorder returns an empty Recorder.
func NewRecorder() *Recorder { return &Recorder{keys: map[string]struct{}{}} }

// Note records that key was read.
func (r *Recorder) Note(key string) {
	if r != nil {
		r.keys[key] = struct{}{}
	}
}

// Merge records keys.
func (r *Recorder) Merge(keys []string) {
	for _, k := range keys {
		r.Note(k)
	}
}

// Keys returns the keys recorded, sorted.
func (r *Recorder) Keys() []string {
	if r == nil {
		return nil
	}
	out := make([]string, 0, len(r.keys))
	for k := range r.keys {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

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
	case Pages:
		h.pages(v, s.Pages)
	case Home:
		h.page(v, s.Home)
	case Topics:
		h.pages(v, s.Topics)
	case People:
		h.pages(v, s.People)
	case Sections:
		h.pages(v, s.Sections)
	case Generated:
		h.pages(v, s.Generated)
	case Updated:
		h.str(s.Updated.String())
	case Nav:
		for _, n := range s.Nav() {
			h.str(string(n.Kind))
			h.str(n.URL)
			h.str(n.Title)
		}
	case Timeline:
		for _, e := range s.Timeline {
			h.page(v, e.Page) // the event is part of its page's front matter
		}
	case Quotes:
		for _, q := range s.Quotes {
			h.page(v, q.Page)
			h.page(v, q.Speaker)
		}
	case Figures:
		for _, f := range s.Figures {
			h.page(v, f.Page)
		}
	case Sources:
		for _, src := range s.Sources {
			h.key(v, Source+src.ID)
		}
	default:
		prefix, arg, ok := strings.Cut(key, ":")
		if !ok {
			return 0, false
		}
		switch prefix + ":" {
		case Page:
			h.page(v, s.Page(arg))
		case Body:
			p := s.Page(arg)
			h.page(v, p)
			if p != nil && p.File != "" {
				h.u64(v.fp.Body(p))
			}
		case Person:
			h.page(v, s.Person(arg))
		case Source:
			if src := s.Source(arg); src != nil {
				h.page(v, src.Page)
				h.pages(v, src.CitedBy)
			}
		case Mentions:
			h.pages(v, s.Mentions(arg))
		case QuotesBy:
			for _, q := range s.QuotesBy(arg) {
				h.page(v, q.Page)
				h.page(v, q.Speaker)
			}
		case Members:
			h.pages(v, s.Members(arg))
		case Side:
			h.pages(v, s.PeopleOnSide(arg))
		case Cited:
			if p := s.Page(arg); p != nil {
				h.page(v, p)
				for _, src := range s.CitedSources(p) {
					h.key(v, Source+src.ID)
				}
			}
		case Prev:
			if p := s.Page(arg); p != nil {
				h.page(v, s.PrevTopic(p))
			}
		case Next:
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
