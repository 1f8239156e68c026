package markdown

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestHeadingIDs(t *testing.T) {
	src := "## Переговоры в Эр-Рияде\n\n## المحادثات\n\n## Talks & Teams\n\n## Talks & Teams\n\n## !!!\n"
	hs, _, _ := New().Parse([]byte(src)).Outline()
	want := []string{"переговоры-в-эр-рияде", "المحادثات", "talks-teams", "talks-teams-1", "section"}
	if len(hs) != len(want) {
		t.Fatalf("got %d headings; want %d", len(hs), len(want))
	}
	for i, h := range hs {
		if h.ID != want[i] {
			t.Errorf("heading %q id = %q; want %q", h.Text, h.ID, want[i])
		}
	}
}

// TestRepeatedHeadingIDs gives repeated headings the first free suffix,
// around ids taken by explicit {#id} attributes, as before ids remembered
// where each name's count stopped (a body of 36,000 headings of one name
// took two minutes to parse).
func TestRepeatedHeadingIDs(t *testing.T) {
	s := newIDs()
	s.Put([]byte("part-2"))
	var got []string
	for i := 0; i < 4; i++ {
		got = append(got, string(s.Generate([]byte("Part"), ast.KindHeading)))
	}
	s.Put([]byte("part-5"))
	s.Put([]byte("part-6"))
	got = append(got, string(s.Generate([]byte("Part"), ast.KindHeading)), string(s.Generate([]byte("part 1"), ast.KindHeading)))
	want := "part part-1 part-3 part-4 part-7 part-1-1"
	if strings.Join(got, " ") != want {
		t.Errorf("ids = %q; want %q", strings.Join(got, " "), want)
	}
	var b strings.Builder
	for i := 0; i < 20000; i++ {
		b.WriteString("## Part\n\n")
	}
	hs, _, _ := New().Parse([]byte(b.String())).Outline()
	if len(hs) != 20000 || hs[19999].ID != "part-19999" {
		t.Errorf("got %d headings, the last %q; want 20000, the last part-19999", len(hs), hs[len(hs)-1].ID)
	}
}

func TestRawHTMLAndDangerousLinks(t *testing.T) {
	m := New()
	src := "<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](data:text/html,hi) <b onmouseover=x>b</b>\n"
	var buf bytes.Buffer
	if err := m.Render(&buf, m.Parse([]byte(src))); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "javascript:", "data:text", "onmouseover"} {
		if strings.Contains(out, bad) {
			t.Errorf("output holds %q:\n%s", bad, out)
		}
	}
}

func TestRewriteLinksAndPrefix(t *testing.T) {
	m := New()
	d := m.Parse([]byte("## Hi\n\n[a](talks.md) [b](https://x.org) note[^1]\n\n[^1]: n\n"))
	d.RewriteLinks(map[string]string{"talks.md": "/sub/talks/"})
	var buf bytes.Buffer
	d.Embed("t--", 1)
	if err := m.Render(&buf, d); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{`href="/sub/talks/"`, `href="https://x.org"`, `<h3 id="t--hi"`, `href="#t--hi"`, `id="t--fn:1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	d.Embed("", 0)
	buf.Reset()
	_ = m.Render(&buf, d)
	if strings.Contains(buf.String(), "t--") {
		t.Errorf("prefix survived Embed(\"\", 0):\n%s", buf.String())
	}
}

// TestConcurrentUse parses and renders from many goroutines with one
// Markdown value; run with -race.
func TestConcurrentUse(t *testing.T) {
	m := New()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for j := 0; j < 20; j++ {
				buf.Reset()
				d := m.Parse([]byte("# T\n\n*a* | b\n--|--\n1 | 2\n\n\"quoted\" -- text[^n]\n\n[^n]: x\n"))
				if err := m.Render(&buf, d); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestOutlineWords(t *testing.T) {
	_, links, words := New().Parse([]byte("One two, three-four. [Five](x.md)\n")).Outline()
	if words != 4 {
		t.Errorf("words = %d; want 4", words)
	}
	if len(links) != 1 || links[0].Dest != "x.md" || links[0].Offset != 21 {
		t.Errorf("links = %+v", links)
	}
}
