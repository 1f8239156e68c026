package content

import (
	"strings"
	"unicode"
)

// Slug returns the form of a file or folder name (without ".md") that goes
// into URLs and ids: letters of any script in lower case, combining marks,
// digits, "-", "_" and "."; every other run of characters (spaces,
// punctuation, symbols) becomes one "-", and "-" and "." are trimmed from
// both ends.
// "Meeting notes" gives "meeting-notes". It returns "" when nothing is left.
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc) || r == '_' || r == '.':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return strings.Trim(strings.Trim(b.String(), "."), "-")
}
