package parse

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct{ html, want string }{
		{"<p>One <em>two</em> three.</p>\n<p>Four</p>", "One two three. Four"},
		{`<h2 id="x">Who&rsquo;s who <a class="anchor" href="#x" aria-label="Link to this section">#</a></h2><ul><li>a</li><li>b</li></ul>`, "Who’s who a b"},
		{"<p>word<sup>1</sup></p>", "word 1"},
		{"<p>Лавров &amp; لافروف</p>", "Лавров & لافروف"},
		{"<table><tr><td>x</td><td>y</td></tr></table>", "x y"},
		{"", ""},
		{"<p>cut <em", "cut"},
	}
	for _, tc := range tests {
		if got := plainText(tc.html); got != tc.want {
			t.Errorf("plainText(%q) = %q; want %q", tc.html, got, tc.want)
		}
	}
}
