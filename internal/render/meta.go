package render

import (
	"encoding/json"
	"fmt"
	"html/template"

	"github.com/briefing-dev/briefing/internal/content"
)

// asset returns the link to static file p under the base URL: its
// fingerprinted name when the build made one.
func (u urls) asset(p string) (string, error) {
	if u.assets == nil {
		return u.rel(p), nil
	}
	a, ok := u.assets[p]
	if !ok {
		return "", fmt.Errorf("asset %q is not a style sheet or script among the static files; add static/%s or link it with rel", p, p)
	}
	return u.rel(a.Path), nil
}

// integrity returns the integrity value of static file p, or "" when the
// build did not fingerprint it.
func (u urls) integrity(p string) string { return u.assets[p].Integrity }

// jsonLD returns the structured data of a page (schema.org, as JSON-LD):
// the site on the home page, an article for a topic (NewsArticle, or the
// type its "type:" names: content.WorkType.SchemaType), a Person for a
// profile, and the breadcrumb trail on every page below home. It returns ""
// for the 404 page. encoding/json escapes <, > and & inside strings, so the
// result cannot end its <script> element.
func jsonLD(u urls, v *View) (template.JS, error) {
	p, s := v.Page, v.Site
	if p.Kind == content.KindNotFound {
		return "", nil
	}
	c := s.Config()
	org := map[string]any{"@type": "Organization", "name": or(c.Publisher, c.Title)}
	var graph []any
	switch p.Kind {
	case content.KindHome:
		graph = append(graph, omitEmpty(map[string]any{
			"@type": "WebSite", "name": c.Title, "description": c.Description,
			"url": u.abs(""), "inLanguage": c.Language, "publisher": org,
		}))
	case content.KindTopic:
		var mentions []any
		for _, r := range p.Participants {
			if pp := s.Person(r.ID); pp != nil && pp.Person != nil {
				mentions = append(mentions, map[string]any{"@type": "Person", "name": pp.Person.Name, "url": u.abs(pp.URL)})
			}
		}
		graph = append(graph, omitEmpty(map[string]any{
			"@type": p.Type.SchemaType(), "headline": p.Title, "description": p.Summary,
			"url": v.Canonical, "mainEntityOfPage": v.Canonical, "inLanguage": c.Language,
			"datePublished": p.Date.String(), "dateModified": p.LastUpdated().String(),
			"author": org, "publisher": org, "isPartOf": map[string]any{"@type": "WebSite", "name": c.Title, "url": u.abs("")},
			"mentions": mentions,
		}))
	case content.KindPerson:
		if p.Person == nil {
			break // a page that could not be read: nothing to describe
		}
		pr := p.Person
		person := map[string]any{
			"@type": "Person", "name": pr.Name, "jobTitle": pr.Role, "description": p.Summary,
			"url": v.Canonical, "alternateName": pr.Aliases,
		}
		if pr.Affiliation != "" {
			person["affiliation"] = map[string]any{"@type": "Organization", "name": pr.Affiliation}
		}
		graph = append(graph, omitEmpty(person))
	}
	if cs := v.Crumbs(); len(cs) > 0 {
		var items []any
		for i, cp := range append(cs[:len(cs):len(cs)], p) {
			name := cp.Title
			if cp.Kind == content.KindHome {
				name = "Home"
			}
			items = append(items, map[string]any{"@type": "ListItem", "position": i + 1, "name": name, "item": u.abs(cp.URL)})
		}
		graph = append(graph, map[string]any{"@type": "BreadcrumbList", "itemListElement": items})
	}
	if len(graph) == 0 {
		return "", nil
	}
	// Maps marshal with sorted keys, so the bytes are deterministic.
	b, err := json.Marshal(map[string]any{"@context": "https://schema.org", "@graph": graph})
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// omitEmpty drops the keys whose values are empty strings or nil slices.
func omitEmpty(m map[string]any) map[string]any {
	for k, v := range m {
		switch v := v.(type) {
		case string:
			if v == "" {
				delete(m, k)
			}
		case []any:
			if len(v) == 0 {
				delete(m, k)
			}
		case []string:
			if len(v) == 0 {
				delete(m, k)
			}
		}
	}
	return m
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
