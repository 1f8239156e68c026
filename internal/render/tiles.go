package render

import (
	"strconv"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
)

// Tile is a key figure as a topic page shows it in its strip of tiles:
// the figure, and the length of its bar, when it has one.
type Tile struct {
	content.FigureRef
	// Bar is the bar's length as a CSS percentage of the tile ("1.67%",
	// "100%"): the figure's amount over the largest amount of the page's
	// figures in the same unit. It is empty when the figure has no amount
	// or no other figure of the page shares its unit, as there is nothing
	// to compare.
	Bar string
}

// tiles returns the figures of page p as tiles, in the order written,
// with bars for the figures that share a unit. It reads nothing but its
// arguments.
func tiles(figures []content.Figure, p *content.Page) []Tile {
	largest := map[string]float64{}
	count := map[string]int{}
	for _, f := range figures {
		if f.Amount != nil && unit(f) != "" {
			count[unit(f)]++
			largest[unit(f)] = max(largest[unit(f)], *f.Amount)
		}
	}
	out := make([]Tile, len(figures))
	for i, f := range figures {
		out[i] = Tile{FigureRef: content.FigureRef{Figure: &figures[i], Page: p}}
		u := unit(f)
		if f.Amount == nil || count[u] < 2 || largest[u] <= 0 || *f.Amount < 0 {
			continue
		}
		out[i].Bar = strconv.FormatFloat(*f.Amount/largest[u]*100, 'f', 2, 64)
		out[i].Bar = strings.TrimSuffix(strings.TrimRight(out[i].Bar, "0"), ".") + "%"
	}
	return out
}

func unit(f content.Figure) string { return strings.TrimSpace(f.Unit) }

// initials returns the first letter of the first and the last word of a
// name ("Marco Rubio" → "MR", "Lavrov" → "L"), upper-cased, for a
// person's chip.
func initials(name string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return ""
	}
	first := func(w string) string {
		for _, r := range w {
			return strings.ToUpper(string(r))
		}
		return ""
	}
	if len(words) == 1 {
		return first(words[0])
	}
	return first(words[0]) + first(words[len(words)-1])
}
