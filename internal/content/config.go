package content

import "github.com/briefing-dev/briefing/internal/diag"

// Config is the decoded briefing.yaml.
type Config struct {
	Title         string
	Description   string
	Language      string
	BaseURL       BaseURL
	Publisher     string
	PeopleSection string
	// PeopleSectionPos is where briefing.yaml sets people_section; its
	// File alone when the key is left out.
	PeopleSectionPos diag.Pos
	Sides            []Side
	// Accent is the briefing's colour as "#rrggbb": the favicon's
	// background and the browser's theme colour. It is DefaultAccent when
	// briefing.yaml sets none.
	Accent string
	// LanguagePos is where briefing.yaml sets language; its File alone
	// when the key is left out.
	LanguagePos diag.Pos
	// Wording is briefing.yaml's wording: (how presence and the group of
	// people with no side are called), by catalogue key ("presence.yes").
	Wording map[string]string
	// Words are every fixed string readers see, in the site's language,
	// by catalogue key: the built-in catalogue, the site's
	// i18n/<lang>.yaml and Wording over it (package i18n makes them; a
	// plural message is one entry per form, "meta.words#one"). Nil in a
	// Config made by hand: templates then read the English catalogue.
	Words map[string]string
}

// Word returns the site's word for key, or fallback when it has none.
func (c *Config) Word(key, fallback string) string {
	if w, ok := c.Words[key]; ok {
		return w
	}
	return fallback
}

// DefaultAccent is the accent colour of the built-in theme (its --accent
// in light mode).
const DefaultAccent = "#0b57a4"

// Side is a side or delegation that people belong to, in display order.
type Side struct {
	ID    string
	Label string
	Pos   diag.Pos
}

// Side returns the side with the given id.
func (c *Config) Side(id string) (Side, bool) {
	for _, s := range c.Sides {
		if s.ID == id {
			return s, true
		}
	}
	return Side{}, false
}
