package check

// This file keeps the name screen as it was before the index
// (names_index.go): every window compared with every name by edit distance,
// with its own copy of the word splitter. It is the oracle the indexed
// screen must agree with, finding for finding (TestScreenMatchesBrute and
// its siblings in names_test.go), and the "brute" side of BenchmarkNames.
// Its time grows with the text times the names; only tests call it.

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// bruteProse screens text from outside the site (an incoming article, plain text
// or Markdown) for names that nearly match a person of the site but are not
// one of their spellings. name is how the text is named in diagnostics;
// people are the site's person pages. The findings are warnings with the
// rule "names".
func bruteProse(name string, text []byte, people []*content.Page) diag.List {
	var l diag.List
	bruteScreen(&l, name, text, 1, brutePersonNames(people))
	l.Sort()
	return l
}

// brutePersonName is one spelling of a person's name: their full name or an
// alias.
type brutePersonName struct {
	text  string   // as the person page writes it
	words []string // lower-case
	id    string   // the person id
}

// brutePersonNames lists the spellings of every person's name, sorted so that
// ties between equally near names always go the same way.
func brutePersonNames(people []*content.Page) []brutePersonName {
	var out []brutePersonName
	for _, p := range people {
		if p.Person == nil {
			continue
		}
		id := path.Base(p.ID)
		for _, s := range append([]string{p.Person.Name}, p.Person.Aliases...) {
			ws := bruteWords([]byte(s))
			if len(ws) == 0 {
				continue
			}
			n := brutePersonName{text: strings.TrimSpace(s), id: id}
			for _, w := range ws {
				n.words = append(n.words, w.key)
			}
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].text != out[j].text {
			return out[i].text < out[j].text
		}
		return out[i].id < out[j].id
	})
	return out
}

// bruteWord is a word of prose.
type bruteWord struct {
	key        string // lower-case, without a possessive "'s"
	start, end int    // byte offsets of the bruteWord as written, possessive left out
	upper      bool   // starts with an upper-case letter
	joined     bool   // only spaces (and at most one line break) separate it from the bruteWord before
}

// bruteWords splits text into words: letters and combining marks, with
// apostrophes and hyphens inside a word ("O'Brien", "Jean-Paul").
func bruteWords(text []byte) []bruteWord {
	var out []bruteWord
	prevEnd := -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		start := i
		for i < len(text) {
			r, size := utf8.DecodeRune(text[i:])
			if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
				i += size
				continue
			}
			if r == '\'' || r == '’' || r == '-' {
				if next, _ := utf8.DecodeRune(text[i+size:]); unicode.IsLetter(next) {
					i += size
					continue
				}
			}
			break
		}
		end := i
		s := string(text[start:end])
		for _, suffix := range []string{"'s", "’s", "'S", "’S"} {
			if strings.HasSuffix(s, suffix) && len(s) > len(suffix) {
				end -= len(suffix)
				s = s[:len(s)-len(suffix)]
				break
			}
		}
		first, _ := utf8.DecodeRuneInString(s)
		out = append(out, bruteWord{
			key: strings.ToLower(s), start: start, end: end,
			upper:  unicode.IsUpper(first) || unicode.IsTitle(first),
			joined: prevEnd >= 0 && bruteOnlySpace(text[prevEnd:start]),
		})
		prevEnd = i
	}
	return out
}

// bruteOnlySpace reports whether gap is blanks with at most one line break,
// the space between two words of one name.
func bruteOnlySpace(gap []byte) bool {
	breaks := 0
	for _, c := range gap {
		switch c {
		case ' ', '\t':
		case '\n':
			breaks++
		default:
			return false
		}
	}
	return breaks <= 1 && len(gap) > 0
}

// bruteScreen reports the capitalised word runs of text (which starts on line
// line0 of file) that nearly match a known name. In each run it looks at
// windows of as many words as a name has, longest first: a window that is
// a known spelling is accepted, one within a few edits of a known spelling
// is reported, and either way its words are settled.
func bruteScreen(l *diag.List, file string, text []byte, line0 int, names []brutePersonName) {
	if len(names) == 0 || len(text) == 0 {
		return
	}
	longest := 0
	for _, n := range names {
		longest = max(longest, len(n.words))
	}
	var lines *diag.Lines
	ws := bruteWords(text)
	for i := 0; i < len(ws); {
		if !ws[i].upper {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) && ws[j].upper && ws[j].joined {
			j++
		}
		for _, f := range bruteScreenRun(ws[i:j], names, longest) {
			if lines == nil {
				lines = diag.NewLines(text)
			}
			pos := lines.Pos(file, f.start)
			pos.Line += line0 - 1
			add(l, pos, diag.Warning, RuleNames, fmt.Sprintf("%q looks like %q (%s)", string(text[f.start:f.end]), f.name.text, f.name.id))
		}
		i = j
	}
}

// finding is a window of words that nearly matches a name.
type bruteFinding struct {
	start, end int
	name       brutePersonName
}

func bruteScreenRun(run []bruteWord, names []brutePersonName, longest int) []bruteFinding {
	var out []bruteFinding
	settled := make([]bool, len(run))
	free := func(i, size int) bool {
		for k := i; k < i+size; k++ {
			if settled[k] {
				return false
			}
		}
		return true
	}
	settle := func(i, size int) {
		for k := i; k < i+size; k++ {
			settled[k] = true
		}
	}
	for size := min(longest, len(run)); size >= 1; size-- {
		for i := 0; i+size <= len(run); i++ {
			if free(i, size) && bruteExact(run[i:i+size], names) {
				settle(i, size)
			}
		}
		for i := 0; i+size <= len(run); i++ {
			if !free(i, size) {
				continue
			}
			if n, ok := bruteNearest(run[i:i+size], names); ok {
				settle(i, size)
				out = append(out, bruteFinding{start: run[i].start, end: run[i+size-1].end, name: n})
			}
		}
	}
	return out
}

func bruteExact(ws []bruteWord, names []brutePersonName) bool {
	for _, n := range names {
		if len(n.words) == len(ws) && bruteDistance(ws, n) == 0 {
			return true
		}
	}
	return false
}

// bruteNearest returns the closest name to ws that is a few edits away: every
// word within a third of its length, the whole within a fifth (at least
// one edit), and a one-word name only when it has five letters or more and
// differs by one edit.
func bruteNearest(ws []bruteWord, names []brutePersonName) (brutePersonName, bool) {
	best, bestDist := brutePersonName{}, -1
	for _, n := range names {
		if len(n.words) != len(ws) {
			continue
		}
		d := bruteDistance(ws, n)
		if d <= 0 {
			continue
		}
		length := utf8.RuneCountInString(n.text)
		limit := max(1, length/5)
		if len(ws) == 1 && length < 5 {
			limit = 0
		}
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = n, d
		}
	}
	return best, bestDist > 0
}

// bruteDistance is the edit distance from ws to n summed over words, or -1 when
// one word is too far from its counterpart to be a misspelling of it.
func bruteDistance(ws []bruteWord, n brutePersonName) int {
	total := 0
	for i, w := range ws {
		if w.key == n.words[i] {
			continue
		}
		d := diag.Distance(w.key, n.words[i])
		if d > max(1, utf8.RuneCountInString(n.words[i])/3) {
			return -1
		}
		total += d
	}
	return total
}
