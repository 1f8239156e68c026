package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/briefing-dev/briefing/internal/corpus"
)

// BenchmarkBuild1k and BenchmarkBuild10k build synthetic corpora end to end,
// minified as "briefing build" does by default
// (load, parse, resolve, render, write) and report pages per second.
func BenchmarkBuild1k(b *testing.B)  { benchBuild(b, 1000) }
func BenchmarkBuild10k(b *testing.B) { benchBuild(b, 10000) }

// BenchmarkRender10k runs every stage but write: the CPU part of a build,
// without the file system.
func BenchmarkRender10k(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 10000); err != nil {
		b.Fatal(err)
	}
	opts := Options{Source: dir, Destination: filepath.Join(dir, "public"), Theme: theme(), Minify: true}
	b.ResetTimer()
	pages := 0
	for i := 0; i < b.N; i++ {
		res, diags, err := Render(context.Background(), opts)
		if err != nil || diags.HasErrors() {
			b.Fatalf("render: %v\n%s", err, diags.Error())
		}
		pages = len(res.Files)
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkFloor10k converts the same corpus's Markdown with a bare goldmark
// instance on one goroutine: the floor the full build is compared with.
func BenchmarkFloor10k(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 10000); err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		bodies = append(bodies, data)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	md := goldmark.New()
	var buf bytes.Buffer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, body := range bodies {
			buf.Reset()
			if err := md.Convert(body, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(bodies)*b.N)/b.Elapsed().Seconds(), "pages/s")
}

func benchBuild(b *testing.B, n int) {
	dir := b.TempDir()
	site := filepath.Join(dir, "site")
	if err := corpus.Write(site, n); err != nil {
		b.Fatal(err)
	}
	opts := Options{Source: site, Destination: filepath.Join(dir, "public"), Theme: theme(), Minify: true}
	b.ResetTimer()
	pages := 0
	for i := 0; i < b.N; i++ {
		res, diags, err := Run(context.Background(), opts)
		if err != nil || diags.HasErrors() {
			b.Fatalf("build: %v\n%s", err, diags.Error())
		}
		pages = 0
		for _, c := range res.Pages {
			pages += c
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
}
