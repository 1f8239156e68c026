package syndicate

import (
	"bytes"
	"encoding/json"
	"io"

	"github.com/briefing-dev/briefing/internal/content"
)

// The JSON API: the whole briefing graph in one document, described by the
// JSON Schema the theme ships at /api/briefing.schema.json. Every item
// carries "url", the absolute URL of the page of the briefing that shows
// it; a source's own address is its "link". Dates keep the precision they
// were written with: YYYY, YYYY-MM or YYYY-MM-DD. Lists are never null.

// apiDoc is the document's shape: api writes it in parts, and tests
// read it whole.
type apiDoc struct {
	apiHead
	People  []apiPerson `json:"people"`
	Topics  []apiPage   `json:"topics"`
	Pages   []apiPage   `json:"pages"`
	Quotes  []apiQuote  `json:"quotes"`
	Events  []apiEvent  `json:"events"`
	Figures []apiFigure `json:"figures"`
	Sources []apiSource `json:"sources"`
	// Corrections are every page's corrections, in page order and then
	// in the order written.
	Corrections []apiCorrection `json:"corrections"`
}

// apiCorrection is a correction: what was wrong, what is right, the claim
// it concerns ("events[2]", counting the page's list as written; empty for
// the page as a whole). Its id, the page id and the anchor of its entry
// on the page ("talks#correction-2025-02-20"), stays the same from build
// to build and under any base URL.
type apiCorrection struct {
	ID    string `json:"id"`
	Date  string `json:"date"`
	Was   string `json:"was"`
	Now   string `json:"now"`
	Claim string `json:"claim,omitempty"`
	Page  string `json:"page"`
	URL   string `json:"url"`
}

type apiSide struct {
	ID     string   `json:"id"`
	Label  string   `json:"label"`
	People []string `json:"people"`
}

type apiTakeaway struct {
	Text string `json:"text"`
	Page string `json:"page,omitempty"`
	URL  string `json:"url"`
}

// apiGlance is the home page's "at a glance" box; empty rows are left out.
type apiGlance struct {
	When     string `json:"when,omitempty"`
	Where    string `json:"where,omitempty"`
	WhoMet   string `json:"who_met,omitempty"`
	Agreed   string `json:"agreed,omitempty"`
	LeftOpen string `json:"left_open,omitempty"`
	Absent   string `json:"absent,omitempty"`
}

type apiUpdate struct {
	Date string `json:"date"`
	Text string `json:"text"`
}

type apiPerson struct {
	ID          string    `json:"id"`
	Name        string    `json:"name"`
	Role        string    `json:"role,omitempty"`
	Affiliation string    `json:"affiliation,omitempty"`
	Side        string    `json:"side"`
	AtTable     bool      `json:"at_table"`
	Presence    string    `json:"presence"`
	AtTableNote string    `json:"at_table_note,omitempty"`
	Reason      string    `json:"at_table_reason,omitempty"`
	Aliases     []string  `json:"aliases"`
	Summary     string    `json:"summary,omitempty"`
	URL         string    `json:"url"`
	Photo       *apiPhoto `json:"photo,omitempty"`
}

// apiPhoto is a person's portrait: its address, its size in pixels (when
// it could be read) and its credit.
type apiPhoto struct {
	URL    string `json:"url"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Credit string `json:"credit,omitempty"`
}

type apiPage struct {
	ID            string   `json:"id"`
	Kind          string   `json:"kind"`
	Type          string   `json:"type,omitempty"`
	Title         string   `json:"title"`
	Summary       string   `json:"summary,omitempty"`
	Date          string   `json:"date,omitempty"`
	Updated       string   `json:"updated,omitempty"`
	Participants  []string `json:"participants"`
	OpenQuestions []string `json:"open_questions"`
	Known         []string `json:"known,omitempty"`
	// Outcome is a topic's outcome, when the page declares one.
	Outcome *apiOutcome `json:"outcome,omitempty"`
	URL     string      `json:"url"`
}

// apiOutcome is a topic's outcome: its status, the next step, who owns it
// (as written; owner_person is the person id when it names one of the
// people) and its dates.
type apiOutcome struct {
	Status      string `json:"status"`
	Next        string `json:"next,omitempty"`
	Owner       string `json:"owner,omitempty"`
	OwnerPerson string `json:"owner_person,omitempty"`
	Deadline    string `json:"deadline,omitempty"`
	Updated     string `json:"updated,omitempty"`
}

type apiQuote struct {
	By         string `json:"by"`
	Speaker    string `json:"speaker,omitempty"`
	SpeakerURL string `json:"speaker_url,omitempty"`
	Text       string `json:"text"`
	Context    string `json:"context,omitempty"`
	Date       string `json:"date,omitempty"`
	Source     string `json:"source,omitempty"`
	Translated bool   `json:"translated,omitempty"`
	Status     string `json:"status"`
	Note       string `json:"note,omitempty"`
	Corrected  string `json:"corrected,omitempty"`
	Page       string `json:"page"`
	URL        string `json:"url"`
}

type apiEvent struct {
	Date      string `json:"date"`
	Title     string `json:"title"`
	Detail    string `json:"detail,omitempty"`
	Source    string `json:"source,omitempty"`
	Status    string `json:"status"`
	Note      string `json:"note,omitempty"`
	Corrected string `json:"corrected,omitempty"`
	Scheduled bool   `json:"scheduled,omitempty"`
	Page      string `json:"page"`
	URL       string `json:"url"`
}

type apiFigure struct {
	Value     string   `json:"value"`
	Label     string   `json:"label"`
	Detail    string   `json:"detail,omitempty"`
	Amount    *float64 `json:"amount,omitempty"`
	Unit      string   `json:"unit,omitempty"`
	Source    string   `json:"source,omitempty"`
	Status    string   `json:"status"`
	Note      string   `json:"note,omitempty"`
	Corrected string   `json:"corrected,omitempty"`
	Page      string   `json:"page"`
	URL       string   `json:"url"`
}

type apiSource struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Publisher string   `json:"publisher,omitempty"`
	Kind      string   `json:"kind,omitempty"`
	Language  string   `json:"language,omitempty"`
	Link      string   `json:"link,omitempty"`
	Date      string   `json:"date,omitempty"`
	Page      string   `json:"page"`
	CitedBy   []string `json:"cited_by"`
	URL       string   `json:"url"`
}

// apiHead is the start of apiDoc, up to its first long list; api writes
// it whole and the lists after it item by item.
type apiHead struct {
	Schema      string        `json:"$schema"`
	Title       string        `json:"title"`
	Description string        `json:"description,omitempty"`
	Language    string        `json:"language,omitempty"`
	Publisher   string        `json:"publisher,omitempty"`
	URL         string        `json:"url"`
	Feed        string        `json:"feed,omitempty"`
	Updated     string        `json:"updated,omitempty"`
	Sides       []apiSide     `json:"sides"`
	Takeaways   []apiTakeaway `json:"takeaways"`
	Updates     []apiUpdate   `json:"updates"`
	Glance      *apiGlance    `json:"glance,omitempty"`
}

// api writes the JSON API document of site to w: apiDoc's fields in its
// order, each list's items encoded one at a time, so that a large site's
// document (12 MB at 10,000 pages) is never held whole.
func api(s *content.Site, u links, w io.Writer) error {
	c := s.Config
	d := apiHead{
		Schema: u.abs(SchemaPath), Title: c.Title, Description: c.Description,
		Language: c.Language, Publisher: c.Publisher, URL: u.abs(""), Updated: s.Updated.String(),
		Sides: []apiSide{}, Takeaways: []apiTakeaway{}, Updates: []apiUpdate{},
	}
	if u.absolute {
		d.Feed = u.abs(FeedPath)
	}
	for _, sd := range c.Sides {
		side := apiSide{ID: sd.ID, Label: sd.Label, People: []string{}}
		for _, p := range s.PeopleOnSide(sd.ID) {
			side.People = append(side.People, personID(p))
		}
		d.Sides = append(d.Sides, side)
	}
	if h := s.Home; h != nil {
		for _, t := range h.Takeaways {
			tk := apiTakeaway{Text: t.Text, Page: t.Page.ID, URL: u.abs(h.URL)}
			if p := s.Page(t.Page.ID); p != nil && t.Page.ID != "" {
				tk.URL = u.abs(p.URL)
			}
			d.Takeaways = append(d.Takeaways, tk)
		}
		if g := h.Glance; g != nil {
			d.Glance = &apiGlance{When: g.When, Where: g.Where, WhoMet: g.WhoMet, Agreed: g.Agreed, LeftOpen: g.LeftOpen, Absent: g.Absent}
		}
		for _, up := range h.Updates {
			d.Updates = append(d.Updates, apiUpdate{Date: up.Date.String(), Text: up.Text})
		}
	}
	j := newJSONWriter(w)
	j.head(d)
	j.list("people", len(s.People), func(i int) any {
		p := s.People[i]
		pr := p.Person
		ap := apiPerson{
			ID: personID(p), Name: pr.Name, Role: pr.Role, Affiliation: pr.Affiliation,
			Side: pr.Side.ID, AtTable: pr.AtTable.Present, Presence: string(pr.AtTable.State()), AtTableNote: pr.AtTable.Note,
			Reason:  string(pr.AtTable.Reason),
			Aliases: orEmpty(pr.Aliases), Summary: p.Summary, URL: u.abs(p.URL),
		}
		if ph := pr.Photo; ph != nil {
			ap.Photo = &apiPhoto{URL: u.abs(ph.Path), Width: ph.Width, Height: ph.Height, Credit: ph.Credit}
		}
		return ap
	})
	j.list("topics", len(s.Topics), func(i int) any {
		p := s.Topics[i]
		ap := apiPageOf(p, u)
		if o := p.Outcome; o != nil {
			ap.Outcome = &apiOutcome{Status: string(o.Status), Next: o.Next, Owner: o.Owner.ID,
				Deadline: o.Deadline.String(), Updated: o.Updated.String()}
			if o.Owner.ID != "" && s.Person(o.Owner.ID) != nil {
				ap.Outcome.OwnerPerson = o.Owner.ID
			}
		}
		return ap
	})
	var pages []*content.Page
	for _, p := range s.Pages {
		if p.Kind != content.KindTopic && p.Kind != content.KindPerson && p.Kind != content.KindHome {
			pages = append(pages, p)
		}
	}
	j.list("pages", len(pages), func(i int) any { return apiPageOf(pages[i], u) })
	j.list("quotes", len(s.Quotes), func(i int) any {
		q := s.Quotes[i]
		aq := apiQuote{By: q.By.ID, Text: q.Text, Context: q.Context, Date: q.Date.String(),
			Source: q.Source.ID, Translated: q.Translated, Page: q.Page.ID, URL: u.abs(q.Page.URL)}
		t := q.TrustOf(s.Source(q.Source.ID))
		aq.Status, aq.Note, aq.Corrected = string(t.Status), t.Note, t.Corrected.String()
		if q.Speaker != nil {
			aq.Speaker, aq.SpeakerURL = q.Speaker.Person.Name, u.abs(q.Speaker.URL)
		}
		return aq
	})
	j.list("events", len(s.Timeline), func(i int) any {
		e := s.Timeline[i]
		t := e.TrustOf(s.Source(e.Source.ID))
		return apiEvent{Date: e.Date.String(), Title: e.Title, Detail: e.Detail,
			Source: e.Source.ID, Status: string(t.Status), Note: t.Note, Corrected: t.Corrected.String(),
			Scheduled: e.Scheduled, Page: e.Page.ID, URL: u.abs(e.Page.URL)}
	})
	j.list("figures", len(s.Figures), func(i int) any {
		f := s.Figures[i]
		t := f.TrustOf(s.Source(f.Source.ID))
		return apiFigure{Value: f.Value, Label: f.Label, Detail: f.Detail, Amount: f.Amount, Unit: f.Unit,
			Source: f.Source.ID, Status: string(t.Status), Note: t.Note, Corrected: t.Corrected.String(),
			Page: f.Page.ID, URL: u.abs(f.Page.URL)}
	})
	j.list("sources", len(s.Sources), func(i int) any {
		src := s.Sources[i]
		as := apiSource{ID: src.ID, Title: src.Title, Publisher: src.Publisher, Kind: string(src.Kind), Language: src.Language, Link: src.URL,
			Date: src.Date.String(), CitedBy: []string{}, URL: u.abs("sources/") + "#source-" + src.ID}
		if src.Page != nil {
			as.Page = src.Page.ID
		}
		for _, p := range src.CitedBy {
			as.CitedBy = append(as.CitedBy, u.abs(p.URL))
		}
		return as
	})
	type correction struct {
		p *content.Page
		c int
	}
	var cs []correction
	for _, p := range s.Pages {
		for i := range p.Corrections {
			cs = append(cs, correction{p, i})
		}
	}
	j.list("corrections", len(cs), func(i int) any {
		p, c := cs[i].p, cs[i].p.Corrections[cs[i].c]
		return apiCorrection{ID: p.ID + "#" + c.ID,
			Date: c.Date.String(), Was: c.Was, Now: c.Now, Claim: c.Claim.String(), Page: p.ID, URL: u.abs(p.URL) + "#" + c.ID}
	})
	j.raw("}")
	return j.err
}

// jsonWriter writes a JSON object to w a part at a time, each part
// encoded as marshalJSON would (compact, <, > and & escaped).
type jsonWriter struct {
	w   io.Writer
	buf bytes.Buffer
	enc *json.Encoder
	err error
}

func newJSONWriter(w io.Writer) *jsonWriter {
	j := &jsonWriter{w: w}
	j.enc = json.NewEncoder(&j.buf)
	return j
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = io.WriteString(j.w, s)
	}
}

// value writes v encoded, less its final newline; with trim, less its
// closing brace too (an object more fields will follow).
func (j *jsonWriter) value(v any, trim bool) {
	if j.err != nil {
		return
	}
	j.buf.Reset()
	if j.err = j.enc.Encode(v); j.err != nil {
		return
	}
	b := bytes.TrimSuffix(j.buf.Bytes(), []byte("\n"))
	if trim {
		b = bytes.TrimSuffix(b, []byte("}"))
	}
	_, j.err = j.w.Write(b)
}

// head writes the object's first fields, leaving it open.
func (j *jsonWriter) head(v any) { j.value(v, true) }

// list writes the field name holding n items, item(i) each.
func (j *jsonWriter) list(name string, n int, item func(i int) any) {
	j.raw(`,"` + name + `":[`)
	for i := range n {
		if i > 0 {
			j.raw(",")
		}
		j.value(item(i), false)
	}
	j.raw("]")
}

func apiPageOf(p *content.Page, u links) apiPage {
	ap := apiPage{ID: p.ID, Kind: string(p.Kind), Type: string(p.Type), Title: p.Title, Summary: p.Summary,
		Date: p.Date.String(), Updated: p.Updated.String(), Participants: []string{},
		OpenQuestions: orEmpty(p.OpenQuestions), Known: p.Known, URL: u.abs(p.URL)}
	for _, r := range p.Participants {
		ap.Participants = append(ap.Participants, r.ID)
	}
	return ap
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// marshalJSON returns v as compact JSON without a final newline (the build
// minifies machine files only with --minify; compact JSON is what it
// would make of it anyway). <, > and &
// inside strings are written as \u003c, \u003e and \u0026, so that no
// markup from the content appears in the file even if a host serves it
// with the wrong type.
func marshalJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
