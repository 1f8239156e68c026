package markdown

import "testing"

// TestHeadingTextIsPlain: heading text is for templates, which escape it,
// so it must hold no HTML: not the typographer's entities, not the
// author's backslash escapes or character references.
func TestHeadingTextIsPlain(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"## Europe's seat\n", "Europe’s seat"},
		{"## \"Quoted\" -- and... so\n", "“Quoted” – and… so"},
		{"## <<Guillemets>> --- dash\n", "«Guillemets» — dash"},
		{"## AT&amp;T &copy; &#8364;5\n", "AT&T © €5"},
		{"## Not \\*emphasis\\*\n", "Not *emphasis*"},
		{"## Code `a &amp; b` stays\n", "Code a &amp; b stays"},
		{"## Plain & simple < more\n", "Plain & simple < more"},
	}
	for _, tc := range tests {
		hs, _, _ := New().Parse([]byte(tc.src)).Outline()
		if len(hs) != 1 {
			t.Fatalf("Outline(%q) found %d headings; want 1", tc.src, len(hs))
		}
		if hs[0].Text != tc.want {
			t.Errorf("Outline(%q) heading text = %q; want %q", tc.src, hs[0].Text, tc.want)
		}
	}
}
