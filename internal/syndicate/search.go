package syndicate

import (
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
)

// The search index that static/js/search.js loads on the /search/ page:
// one entry per person, page, quote, event and figure, in the site's order.
// An entry matches a query when every word of the query occurs in its
// terms (see Matches). Terms are lower-cased here; the script also folds
// accents and quotation marks on both sides.

type searchDoc struct {
	Entries []searchEntry `json:"entries"`
}

type searchEntry struct {
	// Kind is person, topic, page, quote, event or figure.
	Kind  string `json:"kind"`
	Title string `json:"title"`
	// Text is shown under the title in the results.
	Text string `json:"text,omitempty"`
	// URL is a path from the host's root, so it works under any base path.
	URL   string `json:"url"`
	Terms string `json:"terms"`
	// Status is, for a quote, event or figure, its status (confirmed,
	// reported, disputed or unverified); Corrected the date of its latest
	// correction.
	Status    string `json:"status,omitempty"`
	Corrected string `json:"corrected,omitempty"`
}

func terms(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(strings.Join(strings.Fields(p), " ")))
	}
	return b.String()
}

// searchIndex returns the search index of site.
func searchIndex(s *content.Site, u links) ([]byte, error) {
	doc := searchDoc{Entries: []searchEntry{}}
	add := func(e searchEntry) { doc.Entries = append(doc.Entries, e) }
	side := func(id string) string {
		if sd, ok := s.Config.Side(id); ok {
			return sd.Label
		}
		return id
	}
	for _, p := range s.People {
		pr := p.Person
		add(searchEntry{Kind: "person", Title: pr.Name, Text: pr.Role, URL: u.rel(p.URL),
			Terms: terms(pr.Name, strings.Join(pr.Aliases, " "), pr.Role, pr.Affiliation, side(pr.Side.ID), p.Summary)})
	}
	for _, p := range s.Topics {
		add(searchEntry{Kind: "topic", Title: p.Title, Text: p.Summary, URL: u.rel(p.URL), Terms: terms(p.Title, p.Summary)})
	}
	for _, p := range s.Pages {
		if p.Kind == content.KindTopic || p.Kind == content.KindPerson || p.Kind == content.KindHome {
			continue
		}
		add(searchEntry{Kind: "page", Title: p.Title, Text: p.Summary, URL: u.rel(p.URL), Terms: terms(p.Title, p.Summary)})
	}
	for _, q := range s.Quotes {
		name, aliases := q.By.ID, ""
		if q.Speaker != nil {
			name, aliases = q.Speaker.Person.Name, strings.Join(q.Speaker.Person.Aliases, " ")
		}
		t := q.TrustOf(s.Source(q.Source.ID))
		add(searchEntry{Kind: "quote", Title: name, Text: "“" + q.Text + "”", URL: u.rel(q.Page.URL),
			Terms:  terms(name, aliases, q.Text, q.Context, q.Page.Title),
			Status: string(t.Status), Corrected: t.Corrected().String()})
	}
	for _, e := range s.Timeline {
		t := e.TrustOf(s.Source(e.Source.ID))
		add(searchEntry{Kind: "event", Title: e.Title, Text: e.Date.Human(), URL: u.rel(e.Page.URL),
			Terms:  terms(e.Title, e.Detail, e.Date.Human(), e.Date.String()),
			Status: string(t.Status), Corrected: t.Corrected().String()})
	}
	for _, f := range s.Figures {
		t := f.TrustOf(s.Source(f.Source.ID))
		add(searchEntry{Kind: "figure", Title: f.Value, Text: f.Label, URL: u.rel(f.Page.URL),
			Terms:  terms(f.Value, f.Label, f.Detail),
			Status: string(t.Status), Corrected: t.Corrected().String()})
	}
	return marshalJSON(doc)
}

// Matches reports whether an entry of the search index with the given
// terms matches query: every word of the query occurs in the terms,
// ignoring case. It is the rule static/js/search.js applies (which also
// folds accents and curly quotes), written in Go for tests.
func Matches(terms, query string) bool {
	words := strings.Fields(strings.ToLower(query))
	if len(words) == 0 {
		return false
	}
	terms = strings.ToLower(terms)
	for _, w := range words {
		if !strings.Contains(terms, w) {
			return false
		}
	}
	return true
}
