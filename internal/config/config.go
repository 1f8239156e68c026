// Package config reads briefing.yaml into content.Config. Keys are strict:
// an unknown key is an error with its position and the nearest known key.
// It never touches the disk; the load stage hands it the file's bytes.
package config

import (
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/strict"
)

// file mirrors briefing.yaml's keys.
type file struct {
	Title         string
	Description   string
	Language      string
	BaseURL       string `yaml:"base_url"`
	Publisher     string
	PeopleSection string
	Sides         []content.Side
	Accent        string
	Wording       wording
}

// wording mirrors briefing.yaml's wording: keys, which name how presence
// at the talks and the group of people with no side are called.
type wording struct {
	Presence    string // the heading on profiles: "At the table"
	AtTable     string // "At the table"
	Outside     string // "Present, not at the table"
	NotAtTable  string // "Not at the table"
	NotInvited  string // "Not invited"
	Absent      string // "Absent"
	NotInvolved string // "Not part of the talks"
	Across      string // the home page's block: "Across the table"
	AcrossNote  string // its caption: "Who sat at the table, by side"
	Others      string // people with no side: "Others"
}

// words returns w by catalogue key (package i18n), leaving out what
// briefing.yaml does not set.
func (w wording) words() map[string]string {
	out := map[string]string{}
	for key, v := range map[string]string{
		"presence.title": w.Presence, "presence.yes": w.AtTable, "presence.outside": w.Outside,
		"presence.no": w.NotAtTable, "absence.not-invited": w.NotInvited, "absence.absent": w.Absent,
		"absence.not-involved": w.NotInvolved, "across.title": w.Across, "across.caption": w.AcrossNote,
		"side.others": w.Others,
	} {
		if v = strings.TrimSpace(v); v != "" {
			out[key] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Parse decodes briefing.yaml from a and checks its values. Defaults: language
// "en", people_section "participants", accent content.DefaultAccent.
//
// An Asset with no Path stands for a missing briefing.yaml, which the load
// stage has already reported: Parse then returns the defaults and nothing
// more, so the one problem is not reported twice.
func Parse(a content.Asset) (content.Config, diag.List) {
	if a.Path == "" {
		return content.Config{Language: "en", PeopleSection: "participants", Accent: content.DefaultAccent}, nil
	}
	var f file
	keys, l := strict.Decode(a.Path, 1, a.Data, &f)
	cfg := content.Config{
		Title: strings.TrimSpace(f.Title), Description: strings.TrimSpace(f.Description),
		Language: f.Language, Publisher: f.Publisher,
		PeopleSection: f.PeopleSection, Sides: f.Sides,
		LanguagePos: diag.Pos{File: a.Path}, Wording: f.Wording.words(),
	}
	if keys == nil && l.HasErrors() {
		return cfg, l
	}
	top := diag.Pos{File: a.Path, Line: 1, Col: 1}
	if cfg.Title == "" {
		l.Errorf(top, "briefing.yaml has no title; add \"title: ...\" with the briefing's name")
	}
	if pos, ok := keys["language"]; ok {
		cfg.LanguagePos = pos
	}
	if cfg.Language == "" {
		cfg.Language = "en"
	} else if !validLang(cfg.Language) {
		l.Errorf(keys["language"], "language %q is not a language tag; use one such as \"en\" or \"en-GB\"", cfg.Language)
	}
	cfg.PeopleSectionPos = diag.Pos{File: a.Path}
	if pos, ok := keys["people_section"]; ok {
		cfg.PeopleSectionPos = pos
	}
	if cfg.PeopleSection == "" {
		cfg.PeopleSection = "participants"
	} else if strings.ContainsAny(cfg.PeopleSection, "/\\. ") {
		l.Errorf(keys["people_section"], "people_section %q must be one folder name under content/", cfg.PeopleSection)
	}
	if a, ok := accent(f.Accent); ok {
		cfg.Accent = a
	} else {
		cfg.Accent = content.DefaultAccent
		l.Errorf(keys["accent"], "accent %q is not a colour; write it as \"#rrggbb\", like \"%s\"", f.Accent, content.DefaultAccent)
	}
	if f.BaseURL != "" {
		b, err := ParseBaseURL(f.BaseURL)
		if err != nil {
			l.Errorf(keys["base_url"], "%v", err)
		}
		cfg.BaseURL = b
	}
	seen := map[string]bool{}
	for i, s := range cfg.Sides {
		if s.Pos.File == "" {
			// An empty item ("-" alone) has no position of its own.
			s.Pos = keys["sides"]
			cfg.Sides[i].Pos = s.Pos
		}
		switch {
		case s.ID == "":
			l.Errorf(s.Pos, "sides[%d] has no id; add \"id: ...\"", i+1)
		case seen[s.ID]:
			l.Errorf(s.Pos, "side %q is declared twice; keep one", s.ID)
		}
		seen[s.ID] = true
		if s.Label == "" {
			cfg.Sides[i].Label = s.ID
		}
	}
	return cfg, l
}

// accent reads the accent colour: "" (the default), "#rgb" or "#rrggbb",
// returned as lower-case "#rrggbb".
func accent(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return content.DefaultAccent, true
	}
	if !strings.HasPrefix(s, "#") || (len(s) != 4 && len(s) != 7) {
		return "", false
	}
	for _, r := range s[1:] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return "", false
		}
	}
	if len(s) == 4 {
		s = string([]byte{'#', s[1], s[1], s[2], s[2], s[3], s[3]})
	}
	return s, true
}

func validLang(s string) bool {
	for _, part := range strings.Split(s, "-") {
		if len(part) < 1 || len(part) > 8 {
			return false
		}
		for _, r := range part {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}
