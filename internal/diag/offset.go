package diag

import "unicode/utf8"

// Lines maps byte offsets in one file's text to line and column. Build it
// once per file; it is safe for concurrent reads.
type Lines struct {
	src    []byte
	starts []int // byte offset at which each line starts
}

// NewLines indexes the line starts of src.
func NewLines(src []byte) *Lines {
	starts := make([]int, 1, len(src)/40+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// Pos returns the position of byte offset off in file: its 1-based line and
// its 1-based column counted in runes. An offset past the end maps to the end.
func (ls *Lines) Pos(file string, off int) Pos {
	if off < 0 {
		off = 0
	}
	if off > len(ls.src) {
		off = len(ls.src)
	}
	// Binary search for the last line start <= off.
	lo, hi := 0, len(ls.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if ls.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	col := utf8.RuneCount(ls.src[ls.starts[lo]:off]) + 1
	return Pos{File: file, Line: lo + 1, Col: col}
}
