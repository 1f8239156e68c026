package build

import (
	"bytes"
	"context"
	"sync"
	"testing"

	"github.com/briefing-dev/briefing/internal/config"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/markdown"
	"github.com/briefing-dev/briefing/internal/parse"
	"github.com/briefing-dev/briefing/internal/render"
	"github.com/briefing-dev/briefing/internal/resolve"
)

// TestResolveTwice resolves the same parsed pages twice at once and renders
// both sites at once: nothing may change a page or a body once parse made
// it (the race detector sees any write), and both sites render the same
// bytes. An incremental build depends on this: it resolves cached pages
// again while the last site is still being served.
func TestResolveTwice(t *testing.T) {
	in, l, err := loadSite(context.Background(), fixtureOptions(t.TempDir()))
	if err != nil || l.HasErrors() {
		t.Fatalf("load: %v\n%s", err, l.Error())
	}
	cfg, _ := config.Parse(in.Config)
	published := publishedFiles(context.Background(), in, cfg.BaseURL)
	pages, bodies, l := parse.Pages(context.Background(), in.Files, cfg.PeopleSection, markdown.New(), published, nil)
	if l.HasErrors() {
		t.Fatal(l.Error())
	}
	before := snapshot(pages, bodies)

	var wg sync.WaitGroup
	outs := make([][]content.Output, 2)
	sites := make([]*content.Site, 2)
	for i := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			site, l := resolve.Site(cfg, pages, bodies, published)
			if l.HasErrors() {
				t.Error(l.Error())
				return
			}
			sites[i] = site
			out, l := render.Site(context.Background(), site, in.Templates, render.Options{Reads: reads(i)})
			if l.HasErrors() {
				t.Error(l.Error())
			}
			outs[i] = out
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	if sites[0] == sites[1] || &sites[0].Pages[0] == &sites[1].Pages[0] {
		t.Errorf("the two resolves share a site")
	}
	if len(outs[0]) != len(outs[1]) {
		t.Fatalf("the two sites rendered %d and %d pages", len(outs[0]), len(outs[1]))
	}
	for i := range outs[0] {
		if outs[0][i].Path != outs[1][i].Path || !bytes.Equal(outs[0][i].Data, outs[1][i].Data) {
			t.Errorf("%s renders differently from the same pages", outs[0][i].Path)
		}
	}
	if after := snapshot(pages, bodies); after != before {
		t.Errorf("resolving or rendering changed a parsed page or body")
	}
}

// reads is a render.Options.Reads that keeps nothing, for the second
// render, so both renders are exercised with and without recording.
func reads(i int) func(string, []string) {
	if i == 0 {
		return nil
	}
	return func(string, []string) {}
}

// snapshot prints pages and bodies, to see that nothing changed them.
func snapshot(pages []*content.Page, bodies map[*content.Page]*content.Body) string {
	var b bytes.Buffer
	for _, p := range pages {
		b.WriteString(p.ID + "|" + p.Title + "|" + p.Updated.String() + "|")
		for _, e := range p.Events {
			b.WriteString(e.Date.String() + e.Title + ";")
		}
		if body := bodies[p]; body != nil {
			h, _ := body.HTML()
			b.WriteString(h)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
