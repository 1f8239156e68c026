package build

import (
	"context"
	"sort"
	"strconv"

	"github.com/briefing-dev/briefing/internal/assets"
	"github.com/briefing-dev/briefing/internal/cache"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/parallel"
	"github.com/briefing-dev/briefing/internal/syndicate"
)

// publishedFiles returns what the site publishes beside its pages: the
// static files, the files beside the pages in content/ and the files
// syndicate makes, each image with its size. Each file's header is read
// once per build, on all cores, however many pages show it; a file of
// the site's content/ wins over a static file of the same path only in
// the table (staticOutputs reports the clash).
func publishedFiles(ctx context.Context, in *content.Input, b content.BaseURL) content.Files {
	files := make(content.Files, len(in.Static)+len(in.Bundle)+8)
	for _, p := range syndicate.Paths(b) {
		files[p] = content.Published{}
	}
	all := append(in.Static[:len(in.Static):len(in.Static)], in.Bundle...)
	sizes := make([][2]int, len(all))
	parallel.Each(ctx, len(all), 0, func(i int) {
		defer func() { _ = recover() }() // a decoder's panic on a broken file: no size
		if w, h, ok := assets.ImageSize(all[i].Data); ok {
			sizes[i] = [2]int{w, h}
		}
	})
	for i, a := range all {
		files[a.Path] = content.Published{Source: a.Origin.Path, Width: sizes[i][0], Height: sizes[i][1]}
	}
	return files
}

// filesKey is the part of the parse and resolve keys that the published
// files make: their paths, sources and sizes. Adding, removing or
// resizing an image parses the pages again, since their HTML holds the
// sizes.
func filesKey(files content.Files) uint64 {
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	parts := make([][]byte, 0, 2*len(paths))
	for _, p := range paths {
		f := files[p]
		parts = append(parts, []byte(p), []byte(f.Source+"\x00"+strconv.Itoa(f.Width)+"x"+strconv.Itoa(f.Height)))
	}
	return cache.Hash(parts...)
}

// bundleOutputs publishes the files beside the pages in content/ at their
// paths (content.PublishedPath). A file whose path a page, a file for
// machines or a static file (published, already in the list) has too is
// an error on the file.
func bundleOutputs(site *content.Site, published []content.Output, bundle []content.Asset, l *diag.List) []content.Output {
	if len(bundle) == 0 {
		return nil
	}
	taken := make(map[string]string, len(site.Pages)+len(site.Generated)+len(published))
	for _, p := range site.Pages {
		taken[content.OutputPath(p.URL)] = "the page /" + p.URL
	}
	for _, p := range site.Generated {
		taken[content.OutputPath(p.URL)] = "the page /" + p.URL
	}
	for _, o := range published {
		taken[o.Path] = "a static file or a file the build makes"
	}
	out := make([]content.Output, 0, len(bundle))
	for _, a := range bundle {
		if by, ok := taken[a.Path]; ok {
			l.Errorf(diag.Pos{File: a.Origin.Path}, "this file would be published at /%s, which %s has already; rename or move it", a.Path, by)
			continue
		}
		out = append(out, content.NewOutput(a.Path, a.Data))
	}
	return out
}
