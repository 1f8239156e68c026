package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// Prose screens text from outside the site (an incoming article, plain text
// or Markdown) for names that nearly match a person of the site but are not
// one of their spellings. name is how the text is named in diagnostics;
// people are the site's person pages. The findings are warnings with the
// rule "names".
func Prose(name string, text []byte, people []*content.Page) diag.List {
	var l diag.List
	screen(&l, name, text, 1, personNames(people))
	l.Sort()
	return l
}

// personName is one spelling of a person's name: their full name or an
// alias.
type personName struct {
	text  string   // as the person page writes it
	words []string // lower-case
	id    string   // the person id
}

// word is a capitalised word of prose.
type word struct {
	key        string // lower-case, without a possessive "'s"
	start, end int    // byte offsets of the word as written, possessive left out
}

// keys returns the words of s in lower case, as nextWord finds them.
func keys(s string) []string {
	var out []string
	for i := 0; ; {
		start, end, next, ok := nextWord([]byte(s), i)
		if !ok {
			return out
		}
		out = append(out, strings.ToLower(s[start:end]))
		i = next
	}
}

// nextWord finds the first word of text at or after byte i: letters and
// combining marks, with apostrophes and hyphens inside a word ("O'Brien",
// "Jean-Paul"). The word is text[start:end], a possessive "'s" left out;
// next is the byte after it as written. ok is false when no word is left.
func nextWord(text []byte, i int) (start, end, next int, ok bool) {
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf { // most prose is ASCII
			if asciiLetter(c) {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if unicode.IsLetter(r) {
			break
		}
		i += size
	}
	if i >= len(text) {
		return 0, 0, 0, false
	}
	start = i
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r < utf8.RuneSelf {
			if asciiLetter(text[i]) {
				i++
				continue
			}
		} else if r, size = utf8.DecodeRune(text[i:]); unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
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
	end = i
	for _, suffix := range []string{"'s", "’s", "'S", "’S"} {
		if w := text[start:end]; len(w) > len(suffix) && string(w[len(w)-len(suffix):]) == suffix {
			end -= len(suffix)
			break
		}
	}
	return start, end, i, true
}

// asciiLetter reports whether c is an ASCII letter, the letters
// unicode.IsLetter finds below utf8.RuneSelf.
func asciiLetter(c byte) bool {
	return 'a' <= c|0x20 && c|0x20 <= 'z'
}

// isUpper reports whether w starts with an upper-case (or title-case)
// letter.
func isUpper(w []byte) bool {
	first, _ := utf8.DecodeRune(w)
	return unicode.IsUpper(first) || unicode.IsTitle(first)
}

// onlySpace reports whether gap is blanks with at most one line break,
// the space between two words of one name.
func onlySpace(gap []byte) bool {
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

// screen reports the capitalised word runs of text (which starts on line
// line0 of file) that nearly match a known name. In each run it looks at
// windows of as many words as a name has, longest first: a window that is
// a known spelling is accepted, one within a few edits of a known spelling
// is reported, and either way its words are settled.
func screen(l *diag.List, file string, text []byte, line0 int, names *nameIndex) {
	if len(names.names) == 0 || len(text) == 0 {
		return
	}
	var lines *diag.Lines
	report := func(run []word) {
		for _, f := range screenRun(run, names) {
			if lines == nil {
				lines = diag.NewLines(text)
			}
			pos := lines.Pos(file, f.start)
			pos.Line += line0 - 1
			add(l, pos, diag.Warning, RuleNames, fmt.Sprintf("%q looks like %q (%s)", string(text[f.start:f.end]), f.name.text, f.name.id))
		}
	}
	// A run is capitalised words with only spaces (and at most one line
	// break) between them. Only runs are kept, and only their words are
	// lower-cased: most words of prose are neither.
	run := names.run[:0]
	prevEnd := -1
	for i := 0; ; {
		start, end, next, ok := nextWord(text, i)
		if !ok {
			break
		}
		upper := isUpper(text[start:end])
		if len(run) > 0 && (!upper || !onlySpace(text[prevEnd:start])) {
			report(run)
			run = run[:0]
		}
		if upper {
			run = append(run, word{key: names.lower(text[start:end]), start: start, end: end})
		}
		prevEnd, i = next, next
	}
	if len(run) > 0 {
		report(run)
	}
	names.run = run[:0]
}

// finding is a window of words that nearly matches a name.
type finding struct {
	start, end int
	name       personName
}

func screenRun(run []word, names *nameIndex) []finding {
	var out []finding
	settled := names.settled[:0]
	for range run {
		settled = append(settled, false)
	}
	names.settled = settled
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
	for size := min(names.longest, len(run)); size >= 1; size-- {
		for i := 0; i+size <= len(run); i++ {
			if free(i, size) && names.isExact(run[i:i+size]) {
				settle(i, size)
			}
		}
		for i := 0; i+size <= len(run); i++ {
			if !free(i, size) {
				continue
			}
			if n, ok := names.nearest(run[i : i+size]); ok {
				settle(i, size)
				out = append(out, finding{start: run[i].start, end: run[i+size-1].end, name: n})
			}
		}
	}
	return out
}
