package render

import (
	"html"
	"html/template"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/i18n"
)

// This file holds what the template functions t, date, timeTag, link,
// presence, claimTitle and dir do: the theme's words in the site's
// language (package i18n, from content.Config.Words). The words are the
// same for every page of a site, so they are not noted as reads: a change
// to them changes the settings every page depends on.

// text returns the site's words for readers.
func text(cfg content.Config) i18n.Text { return i18n.New(cfg.Language, cfg.Words) }

// dateOf returns the date a template passes to date or timeTag, and
// whether to leave its year out (a date under its year's heading).
func dateOf(v any) (content.Date, bool) {
	switch d := v.(type) {
	case content.Date:
		return d, false
	case *content.Date:
		if d != nil {
			return *d, false
		}
	case AxisDate:
		return d.Date, true
	}
	return content.Date{}, false
}

// formatDate returns v (a content.Date or an AxisDate) for readers.
func formatDate(tx i18n.Text, v any) string {
	d, axis := dateOf(v)
	if axis {
		return tx.DayMonth(d)
	}
	return tx.Date(d)
}

// timeTag returns v as a <time> element whose datetime is the date as
// written, for a message's {date}.
func timeTag(tx i18n.Text, v any) template.HTML {
	d, _ := dateOf(v)
	return template.HTML(`<time datetime="` + html.EscapeString(d.String()) + `">` + html.EscapeString(formatDate(tx, v)) + `</time>`)
}

// link returns a link for a message's argument ({page}); href is a URL
// the template made with rel.
func link(href, label string) template.HTML {
	return template.HTML(`<a href="` + html.EscapeString(href) + `">` + html.EscapeString(label) + `</a>`)
}

// presenceLabel is a person's presence as readers see it: for someone
// who was not there, the reason when one is given.
func presenceLabel(tx i18n.Text, a content.AtTable) string {
	switch a.State() {
	case content.PresentYes:
		return tx.Get("presence.yes")
	case content.PresentOutside:
		return tx.Get("presence.outside")
	}
	if a.Reason != "" {
		return tx.Get("absence." + string(a.Reason))
	}
	return tx.Get("presence.no")
}

// claimTitle names, for readers, the claim a correction of p concerns,
// in the site's language (i18n.Text.ClaimTitle).
func claimTitle(tx i18n.Text, p *content.Page, c content.Correction) string {
	return tx.ClaimTitle(p, c)
}

// dir is the value of <html dir>: "rtl" for a language written right to
// left, "" (no attribute) for the others.
func dir(lang string) string {
	if i18n.IsRTL(lang) {
		return "rtl"
	}
	return ""
}
