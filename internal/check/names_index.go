package check

import (
	"cmp"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/content"
)

// nameIndex holds the spellings of every person's name, indexed so that the
// screen finds the names near a window of prose without comparing the
// window with every name.
//
// A window is reported only when each of its words is a few edits from the
// word of the name in the same place, so the index works word by word. Each
// distinct word of the names (its vocabulary) has a budget k, the most edits
// any name could allow it, and is cut into k+1 segments: a word within k edits
// of it keeps one segment intact, shifted by at most k letters (the
// pigeonhole filter of PassJoin, Li et al. 2011). A prose word is looked up
// by its substrings at those places, the few words that share one are
// measured exactly, and the answer is kept for the word's next appearance.
//
// A nameIndex caches what it has looked up, so one goroutine at a time may
// use it.
type nameIndex struct {
	names   []personName // sorted by text, then id: ties go to the first
	longest int          // the most words in a name
	exact   map[string]bool

	vocab []vocabWord // the distinct words of the names
	ids   [][]int32   // by name: the vocabulary index of each word
	limit []int       // by name: the most edits a near spelling may have

	groups []segGroup          // one for each length and budget in the vocabulary
	segs   map[segment][]int32 // a segment of a vocabulary word -> the words
	tiny   []int32             // one-letter words allowed an edit: too short to cut

	// What the screen has learnt and its scratch space, kept from one
	// text to the next.
	near    map[string][]wordMatch // prose word -> the vocabulary words near it
	keys    map[string]string      // a capitalised word as written -> lower-case
	seen    []uint32               // by vocabulary word: the lookup that last measured it
	epoch   uint32
	offs    []int // rune offsets of the word being looked up
	key     []byte
	matches [][]wordMatch
	dist    distance
	run     []word
	settled []bool
}

// vocabWord is a distinct word of the names.
type vocabWord struct {
	text   string
	length int // in runes
	k      int // the most edits any name allows this word
	slots  []wordSlot
}

// wordSlot lists the names of size words that have a vocabulary word at
// position pos.
type wordSlot struct {
	size, pos int
	names     []int32 // ascending
}

// in returns the names of size words with v at position pos.
func (v *vocabWord) in(size, pos int) []int32 {
	for _, s := range v.slots {
		if s.size == size && s.pos == pos {
			return s.names
		}
	}
	return nil
}

// segGroup is the vocabulary words of one length and budget, which are cut
// alike: k+1 segments, the last length%(k+1) of them a letter longer.
type segGroup struct {
	length, k int
	words     []int32
}

// segment is piece i of the words of group g.
type segment struct {
	g, i int32
	text string
}

// wordMatch is a vocabulary word near a prose word, and how near.
type wordMatch struct {
	id   int32
	dist int
}

// personNames lists the spellings of every person's name, sorted so that
// ties between equally near names always go the same way, and indexes them
// for the screen.
func personNames(people []*content.Page) *nameIndex {
	var names []personName
	for _, p := range people {
		if p.Person == nil {
			continue
		}
		id := path.Base(p.ID)
		for _, s := range append([]string{p.Person.Name}, p.Person.Aliases...) {
			if ws := keys(s); len(ws) > 0 {
				names = append(names, personName{text: strings.TrimSpace(s), words: ws, id: id})
			}
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if names[i].text != names[j].text {
			return names[i].text < names[j].text
		}
		return names[i].id < names[j].id
	})
	return newNameIndex(names)
}

func newNameIndex(names []personName) *nameIndex {
	x := &nameIndex{
		names: names,
		exact: map[string]bool{},
		segs:  map[segment][]int32{},
		near:  map[string][]wordMatch{},
		keys:  map[string]string{},
	}
	vocab := map[string]int32{}
	for ni, n := range names {
		x.longest = max(x.longest, len(n.words))
		x.exact[strings.Join(n.words, " ")] = true
		// The rules of nearest: the whole within a fifth of the name's
		// length, each word within a third of its own.
		length := utf8.RuneCountInString(n.text)
		limit := max(1, length/5)
		if len(n.words) == 1 && length < 5 {
			limit = 0
		}
		x.limit = append(x.limit, limit)
		ids := make([]int32, len(n.words))
		for pos, w := range n.words {
			id, ok := vocab[w]
			if !ok {
				id = int32(len(x.vocab))
				vocab[w] = id
				x.vocab = append(x.vocab, vocabWord{text: w, length: utf8.RuneCountInString(w)})
			}
			v := &x.vocab[id]
			v.k = max(v.k, min(limit, max(1, v.length/3)))
			ids[pos] = id
			slot := slices.IndexFunc(v.slots, func(s wordSlot) bool { return s.size == len(n.words) && s.pos == pos })
			if slot < 0 {
				slot = len(v.slots)
				v.slots = append(v.slots, wordSlot{size: len(n.words), pos: pos})
			}
			v.slots[slot].names = append(v.slots[slot].names, int32(ni))
		}
		x.ids = append(x.ids, ids)
	}
	groups := map[[2]int]int32{}
	for id, v := range x.vocab {
		if v.length <= v.k {
			x.tiny = append(x.tiny, int32(id))
			continue
		}
		g, ok := groups[[2]int{v.length, v.k}]
		if !ok {
			g = int32(len(x.groups))
			groups[[2]int{v.length, v.k}] = g
			x.groups = append(x.groups, segGroup{length: v.length, k: v.k})
		}
		gk := &x.groups[g]
		gk.words = append(gk.words, int32(id))
		runes := []rune(v.text)
		for i := 0; i <= v.k; i++ {
			start, size := gk.segment(i)
			s := segment{g: g, i: int32(i), text: string(runes[start : start+size])}
			x.segs[s] = append(x.segs[s], int32(id))
		}
	}
	x.seen = make([]uint32, len(x.vocab))
	return x
}

// segment returns where piece i of a word of the group starts and how many
// runes it has.
func (g segGroup) segment(i int) (start, size int) {
	n := g.k + 1
	short := n - g.length%n // the first pieces are a letter shorter
	size = g.length / n
	start = i * size
	if i >= short {
		start += i - short
		size++
	}
	return start, size
}

// lower returns w in lower case, the same string for the same bytes.
func (x *nameIndex) lower(w []byte) string {
	if k, ok := x.keys[string(w)]; ok {
		return k
	}
	k := strings.ToLower(string(w))
	x.keys[string(w)] = k
	return k
}

// isExact reports whether ws is a known spelling: the words of a name, in
// order.
func (x *nameIndex) isExact(ws []word) bool {
	x.key = x.key[:0]
	for i, w := range ws {
		if i > 0 {
			x.key = append(x.key, ' ')
		}
		x.key = append(x.key, w.key...)
	}
	return x.exact[string(x.key)]
}

// nearest returns the closest name to ws that is a few edits away: every
// word within a third of its length, the whole within a fifth (at least
// one edit), and a one-word name only when it has five letters or more and
// differs by one edit. Of equally near names it returns the first.
func (x *nameIndex) nearest(ws []word) (personName, bool) {
	size := len(ws)
	if size > x.longest {
		return personName{}, false
	}
	// Every word of a reported name is near the window's word in its
	// place; list the candidates from the place that has fewest.
	matches := x.matches[:0]
	from, fewest := -1, 0
	for pos, w := range ws {
		matches = append(matches, x.lookup(w.key))
		count := 0
		for _, m := range matches[pos] {
			count += len(x.vocab[m.id].in(size, pos))
		}
		if count == 0 {
			x.matches = matches[:0]
			return personName{}, false
		}
		if from < 0 || count < fewest {
			from, fewest = pos, count
		}
	}
	best, bestDist := -1, 0
	for _, m := range matches[from] {
	names:
		for _, ni := range x.vocab[m.id].in(size, from) {
			d := 0
			for pos, id := range x.ids[ni] {
				wd, ok := find(matches[pos], id)
				if !ok {
					continue names
				}
				d += wd
			}
			if d == 0 || d > x.limit[ni] {
				continue
			}
			if best < 0 || d < bestDist || d == bestDist && int(ni) < best {
				best, bestDist = int(ni), d
			}
		}
	}
	x.matches = matches[:0]
	if best < 0 {
		return personName{}, false
	}
	return x.names[best], true
}

// find returns the distance of vocabulary word id in ms, sorted by id.
func find(ms []wordMatch, id int32) (int, bool) {
	i := sort.Search(len(ms), func(i int) bool { return ms[i].id >= id })
	if i < len(ms) && ms[i].id == id {
		return ms[i].dist, true
	}
	return 0, false
}

// lookup returns the vocabulary words within their budget of edits of w,
// sorted by id, and remembers them for the next time w comes up.
func (x *nameIndex) lookup(w string) []wordMatch {
	if ms, ok := x.near[w]; ok {
		return ms
	}
	x.epoch++
	x.offs = x.offs[:0]
	for i := range w {
		x.offs = append(x.offs, i)
	}
	x.offs = append(x.offs, len(w))
	length := len(x.offs) - 1
	var ms []wordMatch
	measure := func(id int32) {
		if x.seen[id] == x.epoch {
			return
		}
		x.seen[id] = x.epoch
		v := x.vocab[id]
		if d, ok := x.dist.within(w, v.text, v.k); ok {
			ms = append(ms, wordMatch{id: id, dist: d})
		}
	}
	for g, gk := range x.groups {
		diff := length - gk.length
		if diff < -gk.k || diff > gk.k {
			continue
		}
		// Long words allow many edits, and are cut into many pieces
		// with many places to look for each: when there are fewer words
		// than places, measure the words.
		if len(gk.words) <= (gk.k+1)*(gk.k+1) {
			for _, id := range gk.words {
				measure(id)
			}
			continue
		}
		for i := 0; i <= gk.k; i++ {
			start, size := gk.segment(i)
			// A piece left intact moves by the letters put in or taken
			// out before it, shift, and the edits after it make up the
			// rest of the difference in length: |shift| + |diff-shift|
			// edits at least.
			for shift := -gk.k; shift <= gk.k; shift++ {
				if abs(shift)+abs(diff-shift) > gk.k {
					continue
				}
				p := start + shift
				if p < 0 || p+size > length {
					continue
				}
				for _, id := range x.segs[segment{g: int32(g), i: int32(i), text: w[x.offs[p]:x.offs[p+size]]}] {
					measure(id)
				}
			}
		}
	}
	for _, id := range x.tiny {
		if abs(length-x.vocab[id].length) <= x.vocab[id].k {
			measure(id)
		}
	}
	slices.SortFunc(ms, func(a, b wordMatch) int { return cmp.Compare(a.id, b.id) })
	x.near[w] = ms
	return ms
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
