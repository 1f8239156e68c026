package check

import (
	"strings"
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func person(id, name string, aliases ...string) *content.Page {
	return &content.Page{ID: "participants/" + id, Kind: content.KindPerson, Person: &content.Person{Name: name, Aliases: aliases}}
}

var testPeople = []*content.Page{
	person("volodymyr-zelensky", "Volodymyr Zelensky", "Zelensky", "Zelenskyy"),
	person("kirill-dmitriev", "Kirill Dmitriev", "Dmitriev"),
	person("sam-greene", "Sam Greene", "Greene"),
	person("marc-fogel", "Marc Fogel", "Fogel"),
	person("donald-trump", "Donald Trump", "Trump", "President Trump"),
	person("jane-doe", "Jane Doe", "Doe"),
}

func TestProse(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"right spellings", "Volodymyr Zelensky met Kirill Dmitriev. Zelenskyy and Greene; President Trump's envoy; ZELENSKY.", nil},
		{"possessive", "Kiril Dmitriev's fund", []string{`t:1:1: warning: "Kiril Dmitriev" looks like "Kirill Dmitriev" (kirill-dmitriev)`}},
		{"first name wrong", "Ukrainian President Voldymir Zelensky said", []string{`t:1:21: warning: "Voldymir Zelensky" looks like "Volodymyr Zelensky" (volodymyr-zelensky)`}},
		{"both words wrong", "the American Mark Vogel in Moscow", []string{`t:1:14: warning: "Mark Vogel" looks like "Marc Fogel" (marc-fogel)`}},
		{"one-word alias", "Green, an analyst, said", []string{`t:1:1: warning: "Green" looks like "Greene" (sam-greene)`}},
		{"short alias is never guessed", "Doe and Dee and Joe", nil},
		{"name over a line break", "said Sam\nGreen today", []string{`t:1:6: warning: "Sam\nGreen" looks like "Sam Greene" (sam-greene)`}},
		{"punctuation splits runs", "Sam. Greene", nil},
		{"columns count runes", "Über Kiril Dmitriev", []string{`t:1:6: warning: "Kiril Dmitriev" looks like "Kirill Dmitriev" (kirill-dmitriev)`}},
		{"far from every name", "Riyadh, Moscow, Washington, Ankara, Kyiv, Russia, Ukraine", nil},
		{"lower-case words are not names", "green dmitriev", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range Prose("t", []byte(tc.text), testPeople) {
				got = append(got, d.String())
				if d.Rule != RuleNames {
					t.Errorf("rule = %q; want %q", d.Rule, RuleNames)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("Prose(%q) =\n%s\nwant\n%s", tc.text, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
