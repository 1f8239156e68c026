package syndicate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// How the search index cuts text into terms. static/js/search.js cuts a
// query the same way (its tokens function), so the rule is written twice
// and TestTokens and search_test.mjs hold the same cases:
//
//   - a word is a run of letters, digits and combining marks of any script
//     (\p{L}, \p{N}, \p{M}); everything else separates words, so "U.S.-Russia"
//     is "u", "s", "russia";
//   - a word is folded: decomposed (NFD), its nonspacing marks dropped (é is
//     e, Arabic short vowels go), lower-cased with Unicode rules, and a
//     final sigma is a sigma;
//   - no stemming: "talks" and "talk" are two terms, and the last word of a
//     query matches as a prefix, which covers most of what a stemmer would.

// isWordRune reports whether r belongs to a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// foldWord returns a word folded for the index; it may be empty (a word
// of marks alone).
func foldWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		if r == 'ς' {
			r = 'σ'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Tokens returns the folded words of s, in order, the way the search index
// and static/js/search.js read text.
func Tokens(s string) []string {
	var out []string
	eachToken(s, func(t string) { out = append(out, t) })
	return out
}

// eachToken calls fn with each folded word of s. Words of ASCII letters
// and digits, most of them in most briefings, skip the decoding and
// folding of the general case.
func eachToken(s string, fn func(string)) {
	start := -1
	plain := true // the word so far is lower-case ASCII letters and digits
	end := func(i int) {
		w := s[start:i]
		if !plain {
			w = foldWord(w)
		}
		if w != "" {
			fn(w)
		}
		start = -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			lower, other := 'a' <= c && c <= 'z' || '0' <= c && c <= '9', 'A' <= c && c <= 'Z'
			if lower || other {
				if start < 0 {
					start, plain = i, true
				}
				plain = plain && lower
			} else if start >= 0 {
				end(i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			plain = false
		} else if start >= 0 {
			end(i)
		}
		i += n
	}
	if start >= 0 {
		end(len(s))
	}
}

// cut returns s cut to at most n bytes at a space, with an ellipsis when
// it was cut.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := strings.LastIndexByte(s[:n], ' ')
	if i <= 0 {
		i = n
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
	}
	return s[:i] + "…"
}
