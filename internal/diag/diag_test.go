package diag

import "testing"

func TestLinesPos(t *testing.T) {
	src := []byte("ab\nпривет мир\n\nx")
	ls := NewLines(src)
	tests := []struct {
		off  int
		want Pos
	}{
		{0, Pos{"f", 1, 1}},
		{2, Pos{"f", 1, 3}},
		{3, Pos{"f", 2, 1}},
		{3 + len("привет "), Pos{"f", 2, 8}},
		{len(src) - 1, Pos{"f", 4, 1}},
		{len(src) + 10, Pos{"f", 4, 2}},
		{-1, Pos{"f", 1, 1}},
	}
	for _, tc := range tests {
		if got := ls.Pos("f", tc.off); got != tc.want {
			t.Errorf("Pos(%d) = %v; want %v", tc.off, got, tc.want)
		}
	}
}

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{"a.md", 3, 7}, "a.md:3:7"},
		{Pos{"a.md", 3, 0}, "a.md:3"},
		{Pos{"a.md", 0, 0}, "a.md"},
	}
	for _, tc := range tests {
		if got := tc.pos.String(); got != tc.want {
			t.Errorf("%#v.String() = %q; want %q", tc.pos, got, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	ids := []string{"marco-rubio", "sergei-lavrov", "tass-2025-02-18", "yuri-ushakov"}
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"sergey-lavrov", "sergei-lavrov", true},
		{"tass-2025-02-81", "tass-2025-02-18", true},
		{"rubio", "marco-rubio", true},
		{"zzzzzzzz", "", false},
	}
	for _, tc := range tests {
		got, ok := Nearest(tc.in, ids)
		if ok != tc.wantOK || (ok && got != tc.want) {
			t.Errorf("Nearest(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.wantOK)
		}
	}
	if h := Hint("sergey-lavrov", ids); h != `; did you mean "sergei-lavrov"?` {
		t.Errorf("Hint = %q", h)
	}
}

func TestSortDedup(t *testing.T) {
	var l List
	l.Errorf(Pos{"b.md", 1, 1}, "x")
	l.Errorf(Pos{"a.md", 2, 1}, "y")
	l.Errorf(Pos{"a.md", 1, 5}, "z")
	l.Errorf(Pos{"a.md", 1, 5}, "z")
	l.Warnf(Pos{"a.md", 1, 2}, "w")
	l.Sort()
	want := "a.md:1:2: warning: w\na.md:1:5: z\na.md:2:1: y\nb.md:1:1: x"
	if got := l.Error(); got != want {
		t.Errorf("sorted list:\n%s\nwant:\n%s", got, want)
	}
	if e, w := l.Count(); e != 3 || w != 1 {
		t.Errorf("Count() = %d, %d; want 3, 1", e, w)
	}
}
