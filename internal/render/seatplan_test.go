package render

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

var updateSeatPlan = flag.Bool("update", false, "rewrite testdata/seat-plan.golden.html")

// planSite is a site with four sides: two at the table, one whose only
// person was not invited, one with two people not invited; and others
// absent, outside or with no reason.
func planSite() (content.Config, []*content.Page) {
	cfg := content.Config{Title: "T", Language: "en", PeopleSection: "people", Sides: []content.Side{
		{ID: "us", Label: "United States"}, {ID: "ru", Label: "Russia"}, {ID: "ua", Label: "Ukraine"}, {ID: "eu", Label: "European Union"}, {ID: "analyst", Label: "Analysts"}}}
	person := func(id, name, side string, at content.AtTable, aliases ...string) *content.Page {
		return &content.Page{ID: "people/" + id, PersonID: id, URL: "people/" + id + "/", Kind: content.KindPerson, Title: name,
			Person: &content.Person{Name: name, Role: "Role of " + name, Side: content.Ref{ID: side}, AtTable: at, Aliases: aliases}}
	}
	yes, invited := content.AtTable{Present: true}, content.AtTable{Reason: content.AbsentNotInvited}
	return cfg, []*content.Page{
		person("marco-rubio", "Marco Rubio", "us", yes, "Rubio"),
		person("mike-waltz", "Mike Waltz", "us", yes, "Waltz"),
		person("steve-witkoff", "Steve Witkoff", "us", yes),
		person("keith-kellogg", "Keith Kellogg", "us", content.AtTable{Reason: content.AbsentAway}, "Kellogg"),
		person("sergei-lavrov", "Sergei Lavrov", "ru", yes, "Lavrov"),
		person("yuri-ushakov", "Yuri Ushakov", "ru", yes, "Ushakov"),
		person("kirill-dmitriev", "Kirill Dmitriev", "ru", content.AtTable{Outside: true}, "Dmitriev"),
		person("volodymyr-zelensky", "Volodymyr Zelensky", "ua", invited, "Zelensky"),
		person("kaja-kallas", "Kaja Kallas", "eu", invited),
		person("antonio-costa", "António Costa", "eu", invited),
		person("sam-greene", "Sam Greene", "analyst", content.AtTable{Reason: content.AbsentNotInvolved}),
	}
}

func TestSeatPlan(t *testing.T) {
	cfg, people := planSite()
	sp := seatPlan(cfg, cfg.PeopleSection, people)
	if sp == nil {
		t.Fatal("seatPlan() = nil")
	}
	var got []string
	for _, s := range sp.Sides {
		got = append(got, fmt.Sprintf("side %s: %d", s.Label, len(s.People)))
	}
	for _, c := range sp.Empty {
		got = append(got, fmt.Sprintf("empty %s: %d", c.Label, len(c.People)))
	}
	want := []string{"side United States: 3", "side Russia: 2", "empty Ukraine: 1", "empty European Union: 2"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("seatPlan() sides and chairs = %q; want %q", got, want)
	}
	if sp.Wide == nil {
		t.Fatal("seatPlan().Wide = nil; want a wide drawing for 3 and 2 seats")
	}
	for _, d := range sp.Drawings() {
		var seats []string
		for _, s := range d.Seats {
			kind := "person"
			if s.Chair != nil {
				kind = "empty"
			}
			seats = append(seats, kind+" "+s.Name.Text+" -> "+s.Link)
			if s.X-s.R < 0 || s.Y-s.R < 0 || s.X+s.R > d.W || s.Y+s.R > d.H {
				t.Errorf("%s: seat %q at (%d, %d) lies outside the drawing (%d x %d)", d.Name, s.Name.Text, s.X, s.Y, d.W, d.H)
			}
			for _, o := range d.Seats {
				if o != s && abs(o.X-s.X) < 2*s.R && abs(o.Y-s.Y) < 2*s.R {
					t.Errorf("%s: seats %q and %q overlap", d.Name, s.Name.Text, o.Name.Text)
				}
			}
		}
		want := []string{
			"person Rubio -> people/marco-rubio/", "person Waltz -> people/mike-waltz/", "person Steve Witkoff -> people/steve-witkoff/",
			"person Lavrov -> people/sergei-lavrov/", "person Ushakov -> people/yuri-ushakov/",
			"empty Ukraine -> people/volodymyr-zelensky/", "empty European Union -> people/#side-eu",
		}
		if strings.Join(seats, "|") != strings.Join(want, "|") {
			t.Errorf("%s seats:\n%s\nwant:\n%s", d.Name, strings.Join(seats, "\n"), strings.Join(want, "\n"))
		}
		// The two sides face each other: on opposite sides of the table.
		a, b := d.Seats[0], d.Seats[3]
		tb := d.Table
		if d.Name == "wide" && !(a.Y < tb.Y && b.Y > tb.Y+tb.H) || d.Name == "tall" && !(a.X < tb.X && b.X > tb.X+tb.W) {
			t.Errorf("%s: Rubio at (%d, %d) and Lavrov at (%d, %d) are not across the table %+v", d.Name, a.X, a.Y, b.X, b.Y, tb)
		}
	}
	if w := sp.Tall.W; w > 400 {
		t.Errorf("tall drawing is %d wide; want at most 400, to stay legible at 390 px", w)
	}
}

func TestSeatPlanSizes(t *testing.T) {
	cfg := content.Config{PeopleSection: "people"}
	var people []*content.Page
	for s := range 3 {
		id := fmt.Sprintf("side-%d", s)
		cfg.Sides = append(cfg.Sides, content.Side{ID: id, Label: "Side " + id})
		for i := range 8 {
			people = append(people, &content.Page{URL: fmt.Sprintf("people/%s-%d/", id, i),
				Person: &content.Person{Name: fmt.Sprintf("A rather long name %d", i), Side: content.Ref{ID: id}, AtTable: content.AtTable{Present: true}}})
		}
	}
	sp := seatPlan(cfg, "people", people)
	if sp.Wide != nil {
		t.Errorf("Wide is %d wide; want none past %d", sp.Wide.W, maxWideW)
	}
	if len(sp.Tall.Seats) != 24 || sp.Tall.W > 400 {
		t.Errorf("tall drawing: %d seats, %d wide; want 24 seats, at most 400 wide", len(sp.Tall.Seats), sp.Tall.W)
	}
	for _, s := range sp.Tall.Seats {
		if s.Name.Fit == 0 || s.Name.Fit > tallLabelW {
			t.Errorf("seat %q: Fit = %d; want the long name squeezed into at most %d", s.Name.Text, s.Name.Fit, tallLabelW)
		}
	}
	if sp := seatPlan(cfg, "people", nil); sp != nil {
		t.Errorf("seatPlan(no people) = %+v; want nil", sp)
	}
}

// TestSeatPlanGolden renders the theme's partial for planSite and
// compares it with testdata/seat-plan.golden.html (-update rewrites it).
func TestSeatPlanGolden(t *testing.T) {
	partial, err := os.ReadFile("../../templates/partials/seat-plan.html")
	if err != nil {
		t.Fatal(err)
	}
	cfg, people := planSite()
	home := &content.Page{Kind: content.KindHome, File: "content/_index.md", Title: "Home"}
	s := &content.Site{Config: cfg, Pages: append([]*content.Page{home}, people...), Home: home, People: people}
	persons := map[string]*content.Page{}
	for _, p := range people {
		persons[p.PersonID] = p
	}
	s.SetIndex(content.SiteIndex{Persons: persons})
	tpl := []content.Asset{
		asset("layout.html", `{{block "main" .}}{{end}}`),
		asset("home.html", `{{define "main"}}{{template "partials/seat-plan.html" .}}{{end}}`),
		asset("person.html", `{{define "main"}}{{end}}`),
		asset("partials/seat-plan.html", string(partial)),
	}
	out, l := Site(context.Background(), s, tpl, Options{BaseURL: content.BaseURL{URL: "https://example.org/sub/", Path: "/sub/", Decoded: "/sub/"}})
	if len(l) != 0 {
		t.Fatal(l.Error())
	}
	var got []byte
	for _, o := range out {
		if o.Path == "index.html" {
			got = append([]byte(strings.ReplaceAll(string(o.Data), "><", ">\n<")), '\n')
		}
	}
	const golden = "testdata/seat-plan.golden.html"
	if *updateSeatPlan {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run SeatPlanGolden -update)", err)
	}
	if string(got) != string(want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("seat plan differs from %s at line %d:\ngot:  %s\nwant: %s", golden, i+1, g, w)
			}
		}
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
