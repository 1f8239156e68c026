package build

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
)

// TestSpilledBodiesMatchMemory builds the fixture and the shipped site as
// "briefing build" does, with the bodies' HTML moved to a scratch file
// between parse and render, and compares every file with the same site
// rendered in memory (as check and serve do): the two must be identical,
// and the scratch file must not be published.
func TestSpilledBodiesMatchMemory(t *testing.T) {
	for name, opts := range map[string]func(string) Options{
		"fixture": fixtureOptions,
		"shipped": func(dest string) Options { return Options{Source: repoRoot, Destination: dest, Theme: theme()} },
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
			for p := range inMemory {
				if _, ok := spilled[p]; !ok {
					t.Errorf("%s: rendered in memory but not written by the build", p)
				}
			}
		})
	}
}
