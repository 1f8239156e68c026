package render

import "github.com/briefing-dev/briefing/internal/content"

// Across is the "across the table" block: one column per side that had
// someone at the table, and one line per reason for everyone else.
type Across struct {
	// Sides are the columns, in the order of briefing.yaml.
	Sides []AcrossSide
	// Rows holds the people at the table row by row: Rows[i][j] is the
	// i-th person of Sides[j], nil where that side has fewer people.
	Rows [][]*content.Page
	// Others are the people who were not at the table, one group per
	// reason, in the order Reasons gives.
	Others []AcrossGroup
}

// AcrossSide is a side with people at the table.
type AcrossSide struct {
	ID, Label string
}

// AcrossGroup is the people not at the table for one reason.
type AcrossGroup struct {
	Label  string
	People []*content.Page
}

// across arranges people (in the site's order: sides, then names) into
// the block. It reads nothing but its arguments, so what a page shows of
// it is noted by the SiteView call that gave people.
func across(cfg content.Config, people []*content.Page) Across {
	var a Across
	var cols [][]*content.Page
	tx := text(cfg)
	// People with no side (or an unknown one) at the table make a last
	// column, "Others".
	sides := append(cfg.Sides[:len(cfg.Sides):len(cfg.Sides)], content.Side{Label: tx.Get("side.others")})
	for _, sd := range sides {
		var col []*content.Page
		for _, p := range people {
			_, known := cfg.Side(p.Person.Side.ID)
			if (p.Person.Side.ID == sd.ID || sd.ID == "" && !known) && p.Person.AtTable.Present {
				col = append(col, p)
			}
		}
		if len(col) > 0 {
			a.Sides = append(a.Sides, AcrossSide{ID: sd.ID, Label: sd.Label})
			cols = append(cols, col)
		}
	}
	for i := 0; ; i++ {
		row := make([]*content.Page, len(cols))
		some := false
		for j, col := range cols {
			if i < len(col) {
				row[j], some = col[i], true
			}
		}
		if !some {
			break
		}
		a.Rows = append(a.Rows, row)
	}
	// Not invited and absent come first, those who were there but not at
	// the table next, then the other reasons and, last, those with none.
	order := []content.AtTable{{Reason: content.AbsentNotInvited}, {Reason: content.AbsentAway}, {Outside: true}}
	for _, r := range content.Absences[2:] {
		order = append(order, content.AtTable{Reason: r})
	}
	order = append(order, content.AtTable{})
	for _, o := range order {
		g := AcrossGroup{Label: presenceLabel(tx, o)}
		for _, p := range people {
			at := p.Person.AtTable
			if !at.Present && at.Outside == o.Outside && at.Reason == o.Reason {
				g.People = append(g.People, p)
			}
		}
		if len(g.People) > 0 {
			a.Others = append(a.Others, g)
		}
	}
	return a
}
