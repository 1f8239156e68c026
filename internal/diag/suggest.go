package diag

import (
	"strconv"
	"strings"
)

// Nearest returns the candidate closest to s by edit distance, and whether it
// is close enough to be worth suggesting (at most a third of the longer
// string's length). Failing that, a candidate that contains s or is
// contained in it ("rubio" and "marco-rubio") is suggested. Ties go to the
// candidate that comes first, so callers should pass a sorted list.
func Nearest(s string, candidates []string) (string, bool) {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := Distance(s, c)
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	if bestDist < 0 {
		return "", false
	}
	limit := max(len([]rune(s)), len([]rune(best)))/3 + 1
	if bestDist <= limit {
		return best, true
	}
	if len(s) >= 2 {
		for _, c := range candidates {
			if len(c) >= 2 && (strings.Contains(c, s) || strings.Contains(s, c)) {
				return c, true
			}
		}
	}
	return best, false
}

// Hint returns "; did you mean %q?" for the nearest candidate, or "" when
// none is close. It is meant to be appended to a message.
func Hint(s string, candidates []string) string {
	if n, ok := Nearest(s, candidates); ok {
		return "; did you mean " + strconv.Quote(n) + "?"
	}
	return ""
}

// Distance returns the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
