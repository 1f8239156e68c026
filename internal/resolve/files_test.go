package resolve

import (
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestFileLinks(t *testing.T) {
	published := content.Files{
		"images/map.png":       {Source: "static/images/map.png", Width: 16, Height: 9},
		"talks/venue.png":      {Source: "content/talks/venue.png", Width: 8, Height: 8},
		"docs/budget-2025.pdf": {Source: "static/docs/budget-2025.pdf"},
		"api/briefing.json":    {},
		"favicon.svg":          {},
	}
	talks := func(dest, path string, image bool) content.Link {
		return content.Link{Dest: dest, Path: path, Image: image, Pos: at("content/talks.md", 7, 3)}
	}
	lavrov := func(dest, path string, image bool) content.Link {
		return content.Link{Dest: dest, Path: path, Image: image, Pos: at("content/participants/sergei-lavrov.md", 9, 1)}
	}
	for _, tc := range []struct {
		name string
		link content.Link
		on   int // the page of fixture() the link is on
		want string
	}{
		{"static image", talks("images/map.png", "images/map.png", true), 1, ""},
		{"bundle image", talks("talks/venue.png", "talks/venue.png", true), 1, ""},
		{"a page", talks("/teams/", "teams/", false), 1, ""},
		{"a page without its slash", talks("/teams", "teams", false), 1, ""},
		{"a page's file", talks("/teams/index.html", "teams/index.html", false), 1, ""},
		{"the home page", talks("/", "", false), 1, ""},
		{"a generated page", talks("/timeline/", "timeline/", false), 1, ""},
		{"a machine file", talks("/api/briefing.json", "api/briefing.json", false), 1, ""},
		{"image beside the wrong page", talks("map.png", "map.png", true), 1,
			`content/talks.md:7:3: image "map.png" not found; write "images/map.png" (relative to this file) or "/images/map.png" (from the site root)`},
		{"image from a person page", lavrov("images/map.png", "participants/images/map.png", true), 3,
			`content/participants/sergei-lavrov.md:9:1: image "images/map.png" not found; write "../images/map.png" (relative to this file) or "/images/map.png" (from the site root)`},
		{"bundle image from a person page", lavrov("venue.png", "participants/venue.png", true), 3,
			`content/participants/sergei-lavrov.md:9:1: image "venue.png" not found; write "../talks/venue.png" (relative to this file) or "/talks/venue.png" (from the site root)`},
		{"image nowhere", talks("/images/chart.png", "images/chart.png", true), 1,
			`content/talks.md:7:3: image "/images/chart.png" not found: the site publishes nothing at /images/chart.png; add the file (beside the page in content/, or in static/) or correct the path`},
		{"misspelt page", talks("/team/", "team/", false), 1,
			`content/talks.md:7:3: link "/team/" not found; write "teams/" (relative to this file) or "/teams/" (from the site root)`},
		{"misspelt file", talks("/docs/budget-2024.pdf", "docs/budget-2024.pdf", false), 1,
			`content/talks.md:7:3: link "/docs/budget-2024.pdf" not found; write "docs/budget-2025.pdf" (relative to this file) or "/docs/budget-2025.pdf" (from the site root)`},
		{"missing page", talks("/property-tax/", "property-tax/", false), 1,
			`content/talks.md:7:3: link "/property-tax/" not found: the site has no page at /property-tax/; correct the path, or link the page by its file ("talks.md")`},
		{"feed without a base URL", talks("/feed.xml", "feed.xml", false), 1,
			`content/talks.md:7:3: link "/feed.xml" not found: the site publishes nothing at /feed.xml; add the file (beside the page in content/, or in static/) or correct the path`},
		{"outside", content.Link{Dest: "../../x.png", Image: true, Outside: true, Pos: at("content/talks.md", 7, 3)}, 1,
			`content/talks.md:7:3: image "../../x.png" leads outside content/ and static/; write the path relative to this file, or from the site root with "/"`},
		{"a page name in the wrong folder", lavrov("timeline/", "participants/timeline/", false), 3,
			`content/participants/sergei-lavrov.md:9:1: link "timeline/" not found; write "../timeline/" (relative to this file) or "/timeline/" (from the site root)`},
		{"written from the page's address", content.Link{Dest: "../teams/#who", Outside: true, Pos: at("content/talks.md", 7, 3)}, 1,
			`content/talks.md:7:3: link "../teams/#who" leads outside content/ and static/: a path is read from this file, not from the page's address; write "teams/" (relative to this file) or "/teams/" (from the site root)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, pages := fixture()
			bodies := map[*content.Page]*content.Body{pages[tc.on]: {Links: []content.Link{tc.link}}}
			_, l := Site(cfg, pages, bodies, published)
			if got := l.Error(); got != tc.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

func TestPhoto(t *testing.T) {
	published := content.Files{"participants/lavrov.png": {Source: "content/participants/lavrov.png", Width: 8, Height: 8},
		"participants/notes.txt": {Source: "content/participants/notes.txt"}}
	pos := at("content/participants/sergei-lavrov.md", 6, 3)
	for _, tc := range []struct {
		photo content.Photo
		want  string
	}{
		{content.Photo{Src: "lavrov.png", Path: "participants/lavrov.png", Pos: pos}, ""},
		{content.Photo{Src: "lavrov.jpg", Path: "participants/lavrov.jpg", Pos: pos},
			`content/participants/sergei-lavrov.md:6:3: photo "lavrov.jpg" not found; write "lavrov.png" (relative to this file) or "/participants/lavrov.png" (from the site root)`},
		{content.Photo{Src: "notes.txt", Path: "participants/notes.txt", Pos: pos},
			`content/participants/sergei-lavrov.md:6:3: photo "notes.txt" is not a PNG, JPEG, GIF or WebP image whose size can be read; save it in one of those formats`},
	} {
		cfg, pages := fixture()
		ph := tc.photo
		pages[3].Person.Photo = &ph
		_, l := Site(cfg, pages, nil, published)
		if got := l.Error(); got != tc.want {
			t.Errorf("photo %q: diagnostics:\n%s\nwant:\n%s", tc.photo.Src, got, tc.want)
		}
	}
}
