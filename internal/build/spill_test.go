package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/write"
)

// TestSpilledBodiesMatchMemory builds the fixture and the shipped site as
// "briefing build" does, with the bodies' texts moved to a scratch file
// between parse and render and large pages written as they render, and
// compares every file with the same site rendered in memory (as check and
// serve do): the two must be identical, and the scratch file must not be
// published.
func TestSpilledBodiesMatchMemory(t *testing.T) {
	// A page past render's one-megabyte mark is written to its file as it
	// renders rather than held whole; the big fixture has one.
	big := t.TempDir()
	copyDir(t, filepath.Join(repoRoot, "testdata", "site"), big)
	var md strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&md, "Paragraph %d of a long page, with [a link](#top) and *emphasis*.\n\n", i)
	}
	f, err := os.OpenFile(filepath.Join(big, "content", "followup.md"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("\n" + md.String())
	f.Close()
	for name, opts := range map[string]func(string) Options{
		"fixture": fixtureOptions,
		"shipped": func(dest string) Options { return Options{Source: repoRoot, Destination: dest, Theme: theme()} },
		"fixture with a page of 1.5 MB": func(dest string) Options {
			return Options{Source: big, Destination: dest, Theme: theme()}
		},
	} {
		t.Run(name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			if _, diags, err := Run(context.Background(), opts(dest)); err != nil || diags.HasErrors() {
				t.Fatalf("build: %v %s", err, diags.Error())
			}
			spilled := readTree(t, dest)
			res, diags, err := Render(context.Background(), opts(dest))
			if err != nil || diags.HasErrors() {
				t.Fatalf("render: %v %s", err, diags.Error())
			}
			inMemory := map[string][]byte{}
			for _, f := range res.Files {
				inMemory[f.Path] = f.Data
			}
			for p, data := range spilled {
				if p == ".briefing-build" {
					continue // the marker of a built folder
				}
				want, ok := inMemory[p]
				if !ok {
					t.Errorf("%s: written by the build but not rendered in memory", p)
					continue
				}
				if !bytes.Equal(data, want) {
					t.Errorf("%s differs from the page rendered in memory; %s", p, firstDiff(data, want))
				}
			}
			if strings.Contains(name, "1.5 MB") {
				largest := 0
				for _, data := range spilled {
					largest = max(largest, len(data))
				}
				if largest < 1<<20 {
					t.Errorf("the largest page is %d bytes; the test needs one past 1 MB to be written as it renders", largest)
				}
			}
			for p := range inMemory {
				if _, ok := spilled[p]; !ok {
					t.Errorf("%s: rendered in memory but not written by the build", p)
				}
			}
		})
	}
}

// TestSqueeze checks the bodies check keeps compressed: their HTML, the
// brief's variant and their headings read back as they were, from several goroutines at
// once, without the plain text only the search index reads.
func TestSqueeze(t *testing.T) {
	texts := []content.Texts{
		{},
		{HTML: "<p>Hi</p>", Plain: "Hi"},
		{HTML: strings.Repeat("<p>Lavrov and Rubio met in Riyadh.</p>\n", 2000), Embedded: "<p>ا</p>", Plain: "x"},
		{HTML: "<h2 id=\"who\">Who</h2>", Headings: []content.Heading{{Level: 2, Text: "Who", ID: "who"}, {Level: 6}, {Level: 3, Text: strings.Repeat("Долгий ", 100), ID: "долгий"}}},
	}
	var bodies []*content.Body
	for _, tx := range texts {
		b := &content.Body{}
		b.SetTexts(tx)
		squeeze(b)
		bodies = append(bodies, b)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, b := range bodies {
				got, err := b.Texts()
				want := texts[i]
				want.Plain = ""
				if err != nil || !reflect.DeepEqual(got, want) {
					t.Errorf("body %d: got %.200v, %v; want %.200v", i, got, err, want)
				}
			}
		}()
	}
	wg.Wait()
}

// TestSpilledParts checks that every choice of parts reads back, from the
// scratch file and from check's compressed copy, those parts as they were
// and leaves the others empty.
func TestSpilledParts(t *testing.T) {
	st, err := write.Begin(filepath.Join(t.TempDir(), "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	sc, err := st.Scratch()
	if err != nil {
		t.Fatal(err)
	}
	texts := []content.Texts{
		{},
		{Plain: "Only plain"},
		{Embedded: "<p>Only embedded</p>"},
		{
			HTML:     "<h2 id=\"who\">Who</h2><p>Lavrov and Rubio.</p>",
			Embedded: "<h3 id=\"talks--who\">Who</h3><p>Lavrov and Rubio.</p>",
			Plain:    "Who Lavrov and Rubio.",
			Headings: []content.Heading{{Level: 2, Text: "Who", ID: "who"}, {Level: 3, Text: "Долгий", ID: "долгий"}},
		},
	}
	for i, tx := range texts {
		spilled, squeezed := &content.Body{}, &content.Body{}
		spilled.SetTexts(tx)
		squeezed.SetTexts(tx)
		if err := spilled.Spill(spiller{sc}.put); err != nil {
			t.Fatal(err)
		}
		squeeze(squeezed)
		for parts := content.TextParts(0); parts <= content.AllParts; parts++ {
			var want content.Texts
			if parts&content.PartHTML != 0 {
				want.HTML = tx.HTML
			}
			if parts&content.PartHeadings != 0 {
				want.Headings = tx.Headings
			}
			if parts&content.PartPlain != 0 {
				want.Plain = tx.Plain
			}
			if parts&content.PartEmbedded != 0 {
				want.Embedded = tx.Embedded
			}
			got, err := spilled.TextsOf(parts)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("texts %d, parts %04b, scratch file: got %+v, %v; want %+v", i, parts, got, err, want)
			}
			want.Plain = "" // check keeps no plain text
			got, err = squeezed.TextsOf(parts)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("texts %d, parts %04b, compressed: got %+v, %v; want %+v", i, parts, got, err, want)
			}
		}
	}
}

// TestCompactLinks checks what a build keeps of a body's links until
// resolve: what resolve reads, as parse made it, with a page's repeated
// strings shared, and neither the href nor the alt text.
func TestCompactLinks(t *testing.T) {
	dest := strings.Repeat("participants/", 2) + "jane-doe.md"
	b := &content.Body{Links: []content.Link{
		{Dest: dest, Target: "content/participants/jane-doe.md", Href: "../participants/jane-doe/"},
		{Dest: string([]byte(dest)), Target: "content/participants/" + "jane-doe.md", Href: "../participants/jane-doe/"},
		{Dest: "map.png", Path: "talks/map.png", Image: true, Alt: "A map", Href: "map.png"},
	}}
	want := []content.Link{
		{Dest: dest, Target: "content/participants/jane-doe.md"},
		{Dest: dest, Target: "content/participants/jane-doe.md"},
		{Dest: "map.png", Path: "talks/map.png", Image: true},
	}
	compactLinks(b)
	if !reflect.DeepEqual(b.Links, want) {
		t.Fatalf("links = %+v; want %+v", b.Links, want)
	}
	if unsafe.StringData(b.Links[0].Dest) != unsafe.StringData(b.Links[1].Dest) || unsafe.StringData(b.Links[0].Target) != unsafe.StringData(b.Links[1].Target) {
		t.Error("the repeated link does not share its strings")
	}
}

// TestPackedFiles checks that a file's text comes back from packedFiles as
// it was put, front matter and body apart, and that the file lets go of
// its own meanwhile; a file never put comes back as it is.
func TestPackedFiles(t *testing.T) {
	var pf packedFiles
	files := []content.File{
		{Path: "content/talks.md", Front: []byte("title: \"Talks\"\n"), FrontLine: 2, Body: []byte(strings.Repeat("The teams met in Riyadh.\n", 500)), BodyLine: 4},
		{Path: "content/empty.md", FrontLine: 2, BodyLine: 3},
		{Path: "content/front.md", Front: []byte("title: \"Only front\"\n"), FrontLine: 2, BodyLine: 4},
	}
	want := slices.Clone(files)
	for i := range files {
		pf.put(&files[i])
		if files[i].Front != nil || files[i].Body != nil {
			t.Errorf("%s: the file still holds its text", files[i].Path)
		}
	}
	kept := content.File{Path: "content/kept.md", Front: []byte("title: x\n"), Body: []byte("Kept.\n")}
	for i, f := range append(files, kept) {
		got, err := pf.file(f)
		if err != nil {
			t.Fatal(err)
		}
		w := kept
		if i < len(want) {
			w = want[i]
		}
		if got.Path != w.Path || !bytes.Equal(got.Front, w.Front) || !bytes.Equal(got.Body, w.Body) || got.FrontLine != w.FrontLine || got.BodyLine != w.BodyLine {
			t.Errorf("%s: read back %q / %q; want %q / %q", w.Path, got.Front, got.Body, w.Front, w.Body)
		}
	}
}
