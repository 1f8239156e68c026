package syndicate

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"time"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/i18n"
)

// The Atom feed (RFC 4287): one entry per topic page and one per dated
// update of the home page's "what changed" log. Entry ids are URLs under
// the base URL, so they stay the same from build to build: a topic's is its
// page's URL, an update's the home page's URL with "#update-DATE" (and
// "-2", "-3" for further updates on one day). Each correction on any page
// is an entry of its own, whose id is its page's URL with the correction's
// anchor ("#correction-DATE", see content.Correction.ID).

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Title    atomText    `xml:"title"`
	Subtitle *atomText   `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Links    []atomLink  `xml:"link"`
	Updated  string      `xml:"updated"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomEntry struct {
	Title     atomText  `xml:"title"`
	ID        string    `xml:"id"`
	Link      atomLink  `xml:"link"`
	Published string    `xml:"published,omitempty"`
	Updated   string    `xml:"updated"`
	Summary   *atomText `xml:"summary,omitempty"`

	sortKey time.Time
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

// epoch stands in for a date when the content gives none at all; Atom
// requires one, and the clock must not supply it.
var epoch = time.Unix(0, 0).UTC()

func atomTime(t time.Time) string { return t.Format(time.RFC3339) }

func dateOr(d content.Date, fallback time.Time) time.Time {
	if d.IsZero() {
		return fallback
	}
	return d.Time()
}

func text(s string) atomText { return atomText{Type: "text", Text: s} }

// feed returns the Atom feed of site.
func feed(s *content.Site, u links) ([]byte, error) {
	tx := i18n.New(s.Config.Language, s.Config.Words) // dates and labels in the site's language
	siteTime := dateOr(s.Updated, epoch)
	var entries []atomEntry
	for _, t := range s.Topics {
		e := atomEntry{
			Title:   text(t.Title),
			ID:      u.abs(t.URL),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: u.abs(t.URL)},
			sortKey: dateOr(t.LastUpdated(), siteTime),
		}
		if !t.Date.IsZero() {
			e.Published = atomTime(t.Date.Time())
		}
		if t.Summary != "" {
			e.Summary = &atomText{Type: "text", Text: t.Summary}
		}
		entries = append(entries, e)
	}
	if s.Home != nil {
		seen := map[string]int{}
		for _, up := range s.Home.Updates {
			if up.Date.IsZero() {
				continue
			}
			frag := "update-" + up.Date.String()
			if seen[frag]++; seen[frag] > 1 {
				frag += fmt.Sprintf("-%d", seen[frag])
			}
			entries = append(entries, atomEntry{
				Title:   text(up.Text),
				ID:      u.abs(s.Home.URL) + "#" + frag,
				Link:    atomLink{Rel: "alternate", Type: "text/html", Href: u.abs(s.Home.URL)},
				Summary: &atomText{Type: "text", Text: fmt.Sprintf("%s: %s", tx.Date(up.Date), up.Text)},
				sortKey: up.Date.Time(),
			})
		}
	}
	for _, p := range s.Pages {
		for _, c := range p.Corrections {
			if c.Date.IsZero() {
				continue
			}
			id := u.abs(p.URL) + "#" + c.ID
			when := tx.Get("feed.corrected", "date", tx.Date(c.Date))
			if claim := tx.ClaimTitle(p, c); claim != "" {
				when += tx.Get("punct.comma") + claim
			}
			entries = append(entries, atomEntry{
				Title:   text(tx.Get("feed.correction", "title", p.Title)),
				ID:      id,
				Link:    atomLink{Rel: "alternate", Type: "text/html", Href: id},
				Summary: &atomText{Type: "text", Text: fmt.Sprintf("%s: %s %s", when, c.Now, tx.Get("correction.was", "text", c.Was))},
				sortKey: c.Date.Time(),
			})
		}
	}
	// Newest first; ties by id, so the order never depends on input order.
	sort.SliceStable(entries, func(i, j int) bool {
		if !entries[i].sortKey.Equal(entries[j].sortKey) {
			return entries[i].sortKey.After(entries[j].sortKey)
		}
		return entries[i].ID < entries[j].ID
	})
	updated := siteTime
	for i := range entries {
		entries[i].Updated = atomTime(entries[i].sortKey)
		if entries[i].sortKey.After(updated) {
			updated = entries[i].sortKey
		}
	}
	author := s.Config.Publisher
	if author == "" {
		author = s.Config.Title
	}
	f := atomFeed{
		Lang:  s.Config.Language,
		Title: text(s.Config.Title),
		ID:    u.abs(""),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: u.abs(FeedPath)},
			{Rel: "alternate", Type: "text/html", Href: u.abs("")},
		},
		Updated: atomTime(updated),
		Author:  atomPerson{Name: author, URI: u.abs("")},
		Entries: entries,
	}
	if s.Config.Description != "" {
		f.Subtitle = &atomText{Type: "text", Text: s.Config.Description}
	}
	return marshalXML(f)
}

// marshalXML returns v as a compact XML document with its declaration:
// machine files are made small where they are made, so no minifier pass
// is needed (--minify still runs one).
func marshalXML(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
