package parse

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/markdown"
)

func TestSitePath(t *testing.T) {
	topic := &content.Page{File: "content/talks.md", URL: "talks/"}
	person := &content.Page{File: "content/participants/lavrov.md", URL: "participants/lavrov/"}
	home := &content.Page{File: "content/_index.md", URL: ""}
	for _, tc := range []struct {
		page       *content.Page
		dest       string
		path, href string
		outside    bool
		ok         bool
	}{
		{topic, "talks/map.png", "talks/map.png", "../talks/map.png", false, true},
		{topic, "images/map.png", "images/map.png", "../images/map.png", false, true},
		{topic, "/images/map.png", "images/map.png", "../images/map.png", false, true},
		{topic, "../static/images/map.png", "images/map.png", "../images/map.png", false, true},
		{person, "lavrov.jpg", "participants/lavrov.jpg", "../../participants/lavrov.jpg", false, true},
		{person, "../images/map.png", "images/map.png", "../../images/map.png", false, true},
		{person, "/timeline/#2025", "timeline/", "../../timeline/#2025", false, true},
		{home, "images/map.png", "images/map.png", "images/map.png", false, true},
		{home, "/", "", "./", false, true},
		{home, "/feed.xml?x=1", "feed.xml", "feed.xml?x=1", false, true},
		{home, "Meeting Notes/plan.pdf", "meeting-notes/plan.pdf", "meeting-notes/plan.pdf", false, true},
		{topic, "../../secret.txt", "", "", true, true},
		{topic, "../briefing.yaml", "", "", true, true},
		{topic, "talks.md", "", "", false, false},
		{topic, "https://example.org/x.png", "", "", false, false},
		{topic, "//example.org/x.png", "", "", false, false},
		{topic, "#who", "", "", false, false},
		{topic, "&#106;avascript:x()", "", "", false, false},
		{topic, "map%20one.png", "map one.png", "../map%20one.png", false, true},
		{topic, "mailto:desk@example.org", "", "", false, false},
		{topic, "/../../etc/", "", "", true, true},
		{topic, "/a/../b.png", "b.png", "../b.png", false, true},
	} {
		ln := content.Link{Dest: tc.dest}
		ok := sitePath(tc.page, &ln)
		if ok != tc.ok || ln.Path != tc.path || ln.Outside != tc.outside || (tc.href != "" && ln.Href != tc.href) {
			t.Errorf("sitePath(%s, %q) = %v, path %q, href %q, outside %v; want %v, %q, %q, %v",
				tc.page.File, tc.dest, ok, ln.Path, ln.Href, ln.Outside, tc.ok, tc.path, tc.href, tc.outside)
		}
	}
}

func TestImagesAndPhoto(t *testing.T) {
	published := content.Files{
		"images/map.png":          {Source: "static/images/map.png", Width: 16, Height: 9},
		"participants/lavrov.png": {Source: "content/participants/lavrov.png", Width: 8, Height: 8},
	}
	body := "![Map](../images/map.png \"The route\")\n\n![](../images/map.png) ![{decorative}](/images/map.png)\n"
	front := "name: Sergei Lavrov\nside: russia\nat_table: {present: yes}\nphoto: {src: lavrov.png}\n"
	p, b, diags := page(file("content/participants/lavrov.md", front, body), "participants", markdown.New(), published)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`content/participants/lavrov.md:5:8: warning: photo has no credit; add "credit: ..." naming who took it and under which licence`,
		`content/participants/lavrov.md:9:1: warning: image "../images/map.png" has no alt text; describe it between the brackets, ![what it shows](../images/map.png), or write ![{decorative}](../images/map.png) if it only decorates`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if ph := p.Person.Photo; ph == nil || ph.Path != "participants/lavrov.png" || ph.Width != 8 || ph.Height != 8 {
		t.Errorf("photo = %+v; want participants/lavrov.png, 8 x 8", ph)
	}
	html, _ := b.HTML()
	for _, w := range []string{
		`<figure><img src="../../images/map.png" alt="Map" width="16" height="9" loading="lazy" decoding="async"><figcaption>The route</figcaption></figure>`,
		`<img src="../../images/map.png" alt="" width="16" height="9" loading="lazy" decoding="async">`,
	} {
		if !strings.Contains(html, w) {
			t.Errorf("body HTML lacks %s:\n%s", w, html)
		}
	}
}
