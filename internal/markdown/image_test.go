package markdown

import (
	"bytes"
	"testing"
)

func TestImages(t *testing.T) {
	sizes := map[string]Size{"map.png": {640, 480}}
	for _, tc := range []struct{ name, src, want string }{
		{"inline, sized", "See ![The venue](map.png) here.",
			`<p>See <img src="../map.png" alt="The venue" width="640" height="480" loading="lazy" decoding="async"> here.</p>` + "\n"},
		{"unknown size", "![A chart](chart.svg)",
			`<p><img src="chart.svg" alt="A chart" loading="lazy" decoding="async"></p>` + "\n"},
		{"caption makes a figure", `![The venue](map.png "Diriyah Palace, 18 February")`,
			`<figure><img src="../map.png" alt="The venue" width="640" height="480" loading="lazy" decoding="async"><figcaption>Diriyah Palace, 18 February</figcaption></figure>` + "\n"},
		{"caption is escaped", `![x](a.png "a <b> & \"c\"")`,
			`<figure><img src="a.png" alt="x" loading="lazy" decoding="async"><figcaption>a &lt;b&gt; &amp; &quot;c&quot;</figcaption></figure>` + "\n"},
		{"title inside a sentence stays a title", `Text ![x](a.png "t") text`,
			`<p>Text <img src="a.png" alt="x" title="t" loading="lazy" decoding="async"> text</p>` + "\n"},
		{"decorative", "![{decorative}](rule.png)",
			`<p><img src="rule.png" alt="" loading="lazy" decoding="async"></p>` + "\n"},
		{"alt is plain text", "![The *talks* & \"more\"](a.png)",
			`<p><img src="a.png" alt="The talks &amp; “more”" loading="lazy" decoding="async"></p>` + "\n"},
		{"dangerous source dropped", "![x](javascript:alert(1))",
			`<p><img src="" alt="x" loading="lazy" decoding="async"></p>` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := New()
			d := m.Parse([]byte(tc.src))
			d.SizeImages(sizes)
			d.RewriteLinks(map[string]string{"map.png": "../map.png"})
			var buf bytes.Buffer
			if err := m.Render(&buf, d); err != nil {
				t.Fatal(err)
			}
			if got := buf.String(); got != tc.want {
				t.Errorf("Render(%q) =\n%s\nwant\n%s", tc.src, got, tc.want)
			}
		})
	}
}

func TestOutlineImages(t *testing.T) {
	_, links, _ := New().Parse([]byte("Text [a](x.md) ![The *map*](map.png) ![](y.png)\n")).Outline()
	want := []Link{{Dest: "x.md", Offset: 5}, {Dest: "map.png", Offset: 15, Image: true, Alt: "The map"}, {Dest: "y.png", Offset: 37, Image: true}}
	if len(links) != len(want) {
		t.Fatalf("Outline links = %+v; want %+v", links, want)
	}
	for i := range want {
		if links[i] != want[i] {
			t.Errorf("Outline link %d = %+v; want %+v", i, links[i], want[i])
		}
	}
}
