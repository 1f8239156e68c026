package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Text writes the report for a reader: one line per change, then a count.
//
//	new quote on talks (The talks): Marco Rubio: “…”
//	changed event on talks (The talks): 2025-02-18 Trump speaks at Mar-a-Lago; date "2025-02-19" -> "2025-02-18"
//	removed person kirill-dmitriev: Kirill Dmitriev
func (r Report) Text(w io.Writer) error {
	var b strings.Builder
	for _, c := range r.Changes {
		b.WriteString(string(c.Op))
		b.WriteByte(' ')
		b.WriteString(c.Kind)
		if c.Page != "" || c.Kind != "page" && c.Kind != "person" {
			fmt.Fprintf(&b, " on %s", pageName(c.Page))
			if c.PageTitle != "" {
				fmt.Fprintf(&b, " (%s)", c.PageTitle)
			}
		} else {
			fmt.Fprintf(&b, " %s", pageName(c.Key))
		}
		b.WriteString(": ")
		if c.Date != "" {
			b.WriteString(c.Date + " ")
		}
		b.WriteString(c.Title)
		for i, f := range c.Fields {
			sep := ", "
			if i == 0 {
				sep = "; "
			}
			fmt.Fprintf(&b, "%s%s %q -> %q", sep, f.Name, clip(f.Old, 80), clip(f.New, 80))
		}
		b.WriteByte('\n')
	}
	if len(r.Changes) == 0 {
		b.WriteString("no changes\n")
	} else {
		fmt.Fprintf(&b, "%d new, %d changed, %d removed\n", r.Count(New), r.Count(Changed), r.Count(Removed))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// pageName names a page by its id; the home page's id is "".
func pageName(id string) string {
	if id == "" {
		return "the home page"
	}
	return id
}

// JSON writes the report as one indented JSON document.
func (r Report) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// DraftUpdates writes "updates:" entries dated date (YYYY-MM-DD) for an
// editor to check, reword and paste into the home page's front matter:
// one entry per page that gained or lost claims, one per new or removed
// page or person, and one per changed claim, page or person.
func (r Report) DraftUpdates(w io.Writer, date string) error {
	var texts []string
	type tally struct{ added, removed map[string]int }
	perPage := map[string]*tally{}
	var order []string
	count := func(c Change) {
		t := perPage[c.Page]
		if t == nil {
			t = &tally{map[string]int{}, map[string]int{}}
			perPage[c.Page] = t
			order = append(order, c.Page)
		}
		if c.Op == New {
			t.added[c.Kind]++
		} else {
			t.removed[c.Kind]++
		}
	}
	for _, c := range r.Changes {
		switch {
		case c.Kind == "page" && c.Op == New:
			texts = append(texts, fmt.Sprintf("Added the page “%s”.", c.Title))
		case c.Kind == "page" && c.Op == Removed:
			texts = append(texts, fmt.Sprintf("Removed the page “%s”.", c.Title))
		case c.Kind == "person" && c.Op == New:
			texts = append(texts, fmt.Sprintf("Added a profile of %s.", c.Title))
		case c.Kind == "person" && c.Op == Removed:
			texts = append(texts, fmt.Sprintf("Removed the profile of %s.", c.Title))
		case c.Kind == "correction" && c.Op == New:
			// A correction of a claim shows as that claim's change.
			if c.Claim == "" {
				texts = append(texts, fmt.Sprintf("Corrected %s: %s", pageLabelOf(c), c.Title))
			}
		case c.Kind == "correction":
			texts = append(texts, fmt.Sprintf("%s a correction on %s.", verb(c.Op), pageLabelOf(c)))
		case c.Op == Changed:
			texts = append(texts, changedText(c))
		default:
			count(c)
		}
	}
	for _, p := range order {
		t := perPage[p]
		where := pageLabel(r, p)
		if s := tallyText(t.added); s != "" {
			texts = append(texts, fmt.Sprintf("Added %s to %s.", s, where))
		}
		if s := tallyText(t.removed); s != "" {
			texts = append(texts, fmt.Sprintf("Removed %s from %s.", s, where))
		}
	}
	var b strings.Builder
	b.WriteString("updates:\n")
	if len(texts) == 0 {
		b.WriteString("  # nothing changed since the snapshot\n")
	}
	for _, t := range texts {
		q, _ := json.Marshal(t) // a JSON string is a YAML double-quoted scalar
		fmt.Fprintf(&b, "  - date: %s\n    text: %s\n", date, q)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// changedText says what changed in c: "Corrected the date of the event
// “…” on “…”." when it gained a correction, else "Updated the … of …".
func changedText(c Change) string {
	v := "Updated"
	var fs []Field
	for _, f := range c.Fields {
		if f.Name == "corrected" {
			v = "Corrected"
			continue
		}
		fs = append(fs, f)
	}
	if len(fs) == 0 {
		return fmt.Sprintf("%s %s.", v, strings.TrimPrefix(strings.TrimPrefix(what(c), "of "), "in "))
	}
	return fmt.Sprintf("%s the %s %s.", v, fieldNames(fs), what(c))
}

func verb(op Op) string {
	if op == Removed {
		return "Removed"
	}
	return "Changed"
}

// what names a changed item in a sentence.
func what(c Change) string {
	switch c.Kind {
	case "page":
		return fmt.Sprintf("of the page “%s”", c.Title)
	case "person":
		return "in the profile of " + c.Title
	}
	return fmt.Sprintf("of the %s “%s” on %s", c.Kind, c.Title, pageLabelOf(c))
}

func pageLabelOf(c Change) string {
	if c.PageTitle != "" {
		return "“" + c.PageTitle + "”"
	}
	return pageName(c.Page)
}

func pageLabel(r Report, id string) string {
	for _, c := range r.Changes {
		if c.Page == id {
			return pageLabelOf(c)
		}
	}
	return pageName(id)
}

func fieldNames(fs []Field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = strings.ReplaceAll(f.Name, "_", " ")
	}
	return joinAnd(names)
}

// tallyText says "2 quotes and 1 event" of a count per kind, in the
// report's kind order.
func tallyText(n map[string]int) string {
	var parts []string
	for _, k := range kinds {
		switch c := n[k]; {
		case c == 1:
			parts = append(parts, "1 "+k)
		case c > 1:
			parts = append(parts, fmt.Sprintf("%d %ss", c, k))
		}
	}
	return joinAnd(parts)
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
