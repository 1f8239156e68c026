package render

import (
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/content"
)

// SeatPlan is the "across the table" block drawn as a plan seen from
// above: the people of each side at the table in their seats along a
// table, facing the other side, and an empty chair for each side whose
// people were not invited. It is laid out twice: Wide for screens and
// paper with room (the sides along the table's long edges), Tall for
// phones (the sides down either side of the table). The template draws it
// as inline SVG; all numbers are SVG user units, one per CSS pixel at the
// drawing's natural size.
type SeatPlan struct {
	// Sides are the sides at the table, in the order of briefing.yaml.
	Sides []PlanSide
	// Empty are the empty chairs, one per side with someone not invited,
	// in the order of briefing.yaml.
	Empty []PlanChair
	// Wide is nil when the drawing would be too wide to read on a
	// screen; Tall is always there.
	Wide *PlanLayout
	Tall PlanLayout
}

// PlanSide is a side at the table and its people there.
type PlanSide struct {
	ID, Label string
	People    []*content.Page
}

// PlanChair is an empty chair: the side it stands for and the people of
// that side who were not invited.
type PlanChair struct {
	ID, Label string
	People    []*content.Page
}

// PlanLayout is one drawing of the plan.
type PlanLayout struct {
	// W and H are the drawing's size; Table is the table's rectangle.
	W, H  int
	Table PlanRect
	// Heads are the sides' names beside their seats.
	Heads []PlanText
	Seats []Seat
}

// PlanRect is a rectangle.
type PlanRect struct{ X, Y, W, H int }

// PlanText is a line of text: its anchor point, its text-anchor (start,
// middle or end) and, when the text is estimated to be wider than its
// room, the width to fit it into (SVG textLength; 0 when it fits).
type PlanText struct {
	X, Y   int
	Anchor string
	Text   string
	Fit    int
}

// Seat is a chair at (X, Y) with radius R: a person's (Person set) or an
// empty chair (Chair set). Link is the site path it links to: the
// person's profile, or for an empty chair its one person's profile or the
// side's entry on the who's who page. Name is the label under or beside
// it; Note a second line (set on empty chairs, whose template gives the
// words).
type Seat struct {
	X, Y, R int
	Person  *content.Page
	Chair   *PlanChair
	Side    string
	Link    string
	Name    PlanText
	Note    PlanText
}

// Sizes of the drawing, in user units.
const (
	seatR      = 18  // a chair's radius
	nameSize   = 15  // the font size of names (the CSS sets the same)
	charW      = 8.4 // a generous average advance of a character at nameSize
	maxWideW   = 700 // wider than this, the wide drawing is left out
	widePitch  = 104 // from seat to seat along a long edge
	tallPitch  = 50  // from seat to seat down a side
	segmentGap = 24  // between two sides on the same edge
	headRow    = 26  // a side's name above its seats (tall) or row (wide)
	tallLabelW = 100 // room for a name beside a seat (tall)
	tallTableW = 80
	chairPitch = 112 // between empty chairs below the table (tall)
	endLabelW  = 132 // room for an empty chair's label (wide)
)

// seatPlan arranges people (in the site's order: sides, then names) into
// the plan; peopleSection is the who's who page's path. It reads nothing
// but its arguments, like across, so what a page shows of it is noted by
// the SiteView call that gave people. With nobody at the table there is no
// plan, and nil comes back.
func seatPlan(cfg content.Config, peopleSection string, people []*content.Page) *SeatPlan {
	sp := &SeatPlan{}
	for _, sd := range cfg.Sides {
		side := PlanSide{ID: sd.ID, Label: sd.Label}
		chair := PlanChair{ID: sd.ID, Label: sd.Label}
		for _, p := range people {
			if p.Person == nil || p.Person.Side.ID != sd.ID {
				continue
			}
			switch at := p.Person.AtTable; {
			case at.Present:
				side.People = append(side.People, p)
			case at.State() == content.PresentNo && at.Reason == content.AbsentNotInvited:
				chair.People = append(chair.People, p)
			}
		}
		if len(side.People) > 0 {
			sp.Sides = append(sp.Sides, side)
		}
		if len(chair.People) > 0 {
			sp.Empty = append(sp.Empty, chair)
		}
	}
	if len(sp.Sides) == 0 {
		return nil
	}
	sp.Tall = sp.tall(peopleSection)
	if w := sp.wide(peopleSection); w.W <= maxWideW {
		sp.Wide = &w
	}
	return sp
}

// edges splits the sides between the table's two long edges: the first,
// third, ... side on one, the second, fourth, ... on the other, so that
// with two sides they face each other.
func (sp *SeatPlan) edges() (a, b []int) {
	for i := range sp.Sides {
		if i%2 == 0 {
			a = append(a, i)
		} else {
			b = append(b, i)
		}
	}
	return a, b
}

// personSeat is the seat of person p of side sd, with its name label.
func personSeat(x, y int, p *content.Page, sd PlanSide, name PlanText) Seat {
	name.Text = shortName(p)
	return Seat{X: x, Y: y, R: seatR, Person: p, Side: sd.Label, Link: p.URL, Name: fit(name)}
}

// chairSeat is the empty chair c, with its labels.
func chairSeat(x, y int, c *PlanChair, peopleSection string, name, note PlanText) Seat {
	link := peopleSection + "/#side-" + c.ID
	if len(c.People) == 1 {
		link = c.People[0].URL
	}
	name.Text = c.Label
	return Seat{X: x, Y: y, R: seatR, Chair: c, Side: c.Label, Link: link, Name: fit(name), Note: note}
}

// tall lays the plan out for a narrow screen: the table upright, the
// sides of one edge down its left, the others down its right, each name
// beside its seat on the outside, and the empty chairs below the table.
func (sp *SeatPlan) tall(peopleSection string) PlanLayout {
	var l PlanLayout
	leftX := tallLabelW + 8 + seatR
	tableX := leftX + seatR + 8
	rightX := tableX + tallTableW + 8 + seatR
	l.W = rightX + seatR + 8 + tallLabelW
	top := 8
	column := func(sides []int, x int, anchor string, labelX, headX int, headAnchor string, headFit int) int {
		y := top
		for n, i := range sides {
			sd := sp.Sides[i]
			if n > 0 {
				y += segmentGap - 8
			}
			y += headRow
			l.Heads = append(l.Heads, fit(PlanText{X: headX, Y: y - 8, Anchor: headAnchor, Text: sd.Label, Fit: headFit}))
			for _, p := range sd.People {
				cy := y + seatR
				l.Seats = append(l.Seats, personSeat(x, cy, p, sd, PlanText{X: labelX, Y: cy + 5, Anchor: anchor, Fit: tallLabelW - 4}))
				y += tallPitch
			}
		}
		return y
	}
	a, b := sp.edges()
	endA := column(a, leftX, "end", leftX-seatR-8, leftX+seatR, "end", leftX+seatR-8)
	endB := column(b, rightX, "start", rightX+seatR+8, rightX-seatR, "start", l.W-(rightX-seatR)-8)
	bottom := max(endA, endB) - tallPitch + 2*seatR + 8
	l.Table = PlanRect{X: tableX, Y: top + headRow - 4, W: tallTableW}
	l.Table.H = bottom - l.Table.Y
	y := bottom + 8
	// The empty chairs in rows below the table, centred on it.
	perRow := max(1, (l.W-16)/chairPitch)
	for i := 0; i < len(sp.Empty); i += perRow {
		row := sp.Empty[i:min(i+perRow, len(sp.Empty))]
		cx := tableX + tallTableW/2 - (len(row)-1)*chairPitch/2
		cy := y + seatR
		for j := range row {
			c := &sp.Empty[i+j]
			x := cx + j*chairPitch
			l.Seats = append(l.Seats, chairSeat(x, cy, c, peopleSection,
				PlanText{X: x, Y: cy + seatR + 18, Anchor: "middle", Fit: chairPitch - 8},
				PlanText{X: x, Y: cy + seatR + 36, Anchor: "middle"}))
		}
		y = cy + seatR + 44
	}
	l.H = y + 4
	if len(sp.Empty) == 0 {
		l.H = bottom + 8
	}
	return l
}

// wide lays the plan out with room: the table lying, the sides of one
// edge above it with their names above their seats, the others below
// with their names below, and the empty chairs at its right-hand end,
// each labelled beside it.
func (sp *SeatPlan) wide(peopleSection string) PlanLayout {
	var l PlanLayout
	a, b := sp.edges()
	length := func(sides []int) int {
		n := 0
		for k, i := range sides {
			if k > 0 {
				n += segmentGap
			}
			n += len(sp.Sides[i].People) * widePitch
		}
		return n
	}
	tableX := 8
	tableW := max(length(a), length(b), 2*widePitch) + 16
	tableH := max(72, len(sp.Empty)*(2*seatR+20)+16)
	topSeatY := headRow + 24 + 8 + seatR
	l.Table = PlanRect{X: tableX, Y: topSeatY + seatR + 8, W: tableW, H: tableH}
	bottomSeatY := l.Table.Y + tableH + 8 + seatR
	row := func(sides []int, y, nameY, headY int) {
		x := tableX + (tableW-length(sides))/2
		for k, i := range sides {
			sd := sp.Sides[i]
			if k > 0 {
				x += segmentGap
			}
			w := len(sd.People) * widePitch
			l.Heads = append(l.Heads, fit(PlanText{X: x + w/2, Y: headY, Anchor: "middle", Text: sd.Label, Fit: w + segmentGap - 4}))
			for _, p := range sd.People {
				cx := x + widePitch/2
				l.Seats = append(l.Seats, personSeat(cx, y, p, sd, PlanText{X: cx, Y: nameY, Anchor: "middle", Fit: widePitch - 8}))
				x += widePitch
			}
		}
	}
	row(a, topSeatY, topSeatY-seatR-10, headRow)
	row(b, bottomSeatY, bottomSeatY+seatR+22, bottomSeatY+seatR+22+headRow)
	l.H = bottomSeatY + seatR + 22 + headRow + 10
	if len(b) == 0 {
		l.H = l.Table.Y + tableH + 8
	}
	l.W = tableX + tableW + 8
	if len(sp.Empty) > 0 {
		x := tableX + tableW + 8 + seatR
		pitch := 2*seatR + 20
		y := l.Table.Y + (tableH-len(sp.Empty)*pitch)/2 + pitch/2
		for i := range sp.Empty {
			cy := y + i*pitch
			l.Seats = append(l.Seats, chairSeat(x, cy, &sp.Empty[i], peopleSection,
				PlanText{X: x + seatR + 8, Y: cy - 2, Anchor: "start", Fit: endLabelW},
				PlanText{X: x + seatR + 8, Y: cy + 16, Anchor: "start"}))
		}
		l.W = x + seatR + 8 + endLabelW + 8
	}
	return l
}

// shortName is the name a seat shows: the person's first alias (the
// short name editors give first, "Lavrov"), else the name.
func shortName(p *content.Page) string {
	for _, a := range p.Person.Aliases {
		if a != "" {
			return a
		}
	}
	return p.Person.Name
}

// fit keeps Fit only when the text is estimated to be wider than it:
// then the template squeezes the text into it (textLength).
func fit(t PlanText) PlanText {
	if t.Fit > 0 && float64(utf8.RuneCountInString(t.Text))*charW <= float64(t.Fit) {
		t.Fit = 0
	}
	return t
}

// PlanDrawing is one drawing of a plan as the template draws it: its
// name ("wide" or "tall", which the CSS shows by screen width and the
// drawing's ids carry) and layout.
type PlanDrawing struct {
	Name string
	*PlanLayout
}

// Drawings returns the plan's drawings: the wide one when there is one,
// then the tall one.
func (sp *SeatPlan) Drawings() []PlanDrawing {
	var out []PlanDrawing
	if sp.Wide != nil {
		out = append(out, PlanDrawing{"wide", sp.Wide})
	}
	return append(out, PlanDrawing{"tall", &sp.Tall})
}
