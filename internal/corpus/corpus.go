// Package corpus writes synthetic briefing sites of any size for benchmarks:
// a config, a home page, topic pages and people with quotes, events, figures,
// sources and cross-links, all valid. The text is deterministic for a given
// size. It is a test aid: the briefing binary does not import it.
package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Write creates a site of n pages under dir: about one page in ten is a
// person, the rest are topic-like pages spread over ten sections.
func Write(dir string, n int) error {
	people := max(n/10, 2)
	others := max(n-people-2, 1)
	files := map[string]string{
		"briefing.yaml":            "title: Synthetic briefing\nbase_url: https://example.org/corpus/\npeople_section: people\nsides:\n  - id: east\n    label: East\n  - id: west\n    label: West\n",
		"content/_index.md":        home(),
		"content/people/_index.md": "---\ntitle: People\nsummary: Everyone in the corpus.\n---\n",
	}
	for i := 0; i < people; i++ {
		files[fmt.Sprintf("content/people/person-%d.md", i)] = person(i)
	}
	for i := 0; i < others; i++ {
		files[fmt.Sprintf("content/section-%d/page-%d.md", i%10, i)] = page(i, people, others)
	}
	for name, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func home() string {
	return `---
title: "Synthetic briefing"
summary: "A generated corpus for measuring build speed."
date: 2025-02-19
takeaways:
  - text: "The corpus is large."
    page: section-0/page-0
  - text: "Every page links to others."
    page: section-1/page-1
sources:
  - id: wire
    title: "Wire report"
    publisher: "Wire"
    url: "https://example.com/wire"
    date: 2025-02-19
  - id: record
    title: "Public record"
---
This corpus exercises every part of the build.
`
}

func person(i int) string {
	side := "east"
	if i%2 == 1 {
		side = "west"
	}
	return fmt.Sprintf(`---
name: "Person Number%d"
role: "Envoy %d"
affiliation: "Office %d"
side: %s
at_table:
  present: %v
  note: "note %d"
aliases: ["Number%d"]
summary: "Person %d of the corpus."
---
Person %d has taken part in several rounds of talks and is quoted across the corpus.

## Background

A career in diplomacy, with postings in many capitals. See [the first page](../section-0/page-0.md).
`, i, i, i, side, i%3 == 0, i, i, i, i)
}

func page(i, people, others int) string {
	p1, p2 := i%people, (i*7+3)%people
	next := (i + 1) % others
	var b strings.Builder
	fmt.Fprintf(&b, `---
title: "Page %d: talks, teams and terms"
summary: "Summary of page %d, with what changed and why it matters."
date: 2025-02-%02d
weight: %d
participants: [person-%d, person-%d]
quotes:
  - by: person-%d
    text: "We had a constructive meeting number %d."
    context: "to reporters"
    date: 2025-02-18
    source: wire
events:
  - date: 2025-02-%02d
    title: "Event on page %d"
    detail: "Something happened that the page explains."
    source: wire
  - date: %d
    title: "Earlier event %d"
    source: record
figures:
  - value: "%d%%"
    label: "Share measured on page %d"
    source: wire
open_questions:
  - "What happens after round %d?"
---
`, i, i, 1+i%28, i%50, p1, p2, p1, i, 1+i%28, i, 2000+i%25, i, i%100, i, i)
	for s := 0; s < 4; s++ {
		fmt.Fprintf(&b, "## Section %d of page %d\n\n", s, i)
		fmt.Fprintf(&b, "The delegations met again, and [Person Number%d](../people/person-%d.md) said the talks were \"useful\" -- a word chosen with care. ", p1, p1)
		b.WriteString("Officials described *shuttle diplomacy* between capitals, with **technical teams** meeting on the parameters of a settlement, sanctions relief and the future of frozen assets. ")
		fmt.Fprintf(&b, "Read on in [the next page](../section-%d/page-%d.md).\n\n", next%10, next)
		b.WriteString("- Territory and security guarantees\n- Embassy staffing and consulates\n- Economic cooperation after the war\n\n")
		b.WriteString("| Item | Status |\n| --- | --- |\n| Staffing | agreed in principle |\n| Sanctions | open |\n\n")
		b.WriteString("> Analysts cautioned that warm words in public may not match the substance of the talks.\n\n")
	}
	b.WriteString("A closing note with a footnote.[^1]\n\n[^1]: The footnote names its source.\n")
	return b.String()
}
