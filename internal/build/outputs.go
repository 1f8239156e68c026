package build

import (
	"context"
	"encoding/binary"
	"io"
	"maps"
	"sort"
	"strings"

	"github.com/briefing-dev/briefing/internal/assets"
	"github.com/briefing-dev/briefing/internal/cache"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/syndicate"
)

// This file wires the stages beside render: assets (minify, fingerprint)
// before and after it, and syndicate (feed, sitemap, robots.txt, JSON API,
// search index) after resolve. Run and Incremental both go through these
// functions, so a full and an incremental build make the same bytes.

// staticFiles minifies the static files and fingerprints their style
// sheets and scripts. It returns the files to publish and the table that
// render links them through.
//
// Static files are minified whether or not minify is set: that is one pass
// per file, not per page, and it takes milliseconds. minify decides only
// whether a file the minifier cannot read is an error; without it the file
// is published as written, as it was before minifying was on by default.
func staticFiles(ctx context.Context, static []content.Asset, minify bool) ([]content.Asset, map[string]content.AssetRef, diag.List) {
	static, l := shrink(ctx, static, minify)
	files, refs := assets.Fingerprint(static)
	table := make(map[string]content.AssetRef, len(refs))
	for p, r := range refs {
		table[p] = r
	}
	return files, table, l
}

// shrink minifies files. Their diagnostics count only when minifying was
// asked for (or the build was cancelled); otherwise a file the minifier
// cannot read is kept as it was, silently.
func shrink(ctx context.Context, files []content.Asset, minify bool) ([]content.Asset, diag.List) {
	small, l := assets.Minify(ctx, files)
	if !minify && ctx.Err() == nil {
		l = nil
	}
	return small, l
}

// machineFiles returns the files syndicate makes for site.
func machineFiles(site *content.Site) ([]content.Output, diag.List) {
	var l diag.List
	files, err := syndicate.Site(site)
	if err != nil {
		l.Errorf(diag.Pos{File: "."}, "internal error: %v; please report it", err)
		return nil, l
	}
	return files, l
}

// streamMachineFiles writes the files syndicate makes as it makes them
// (the build command without --minify), so that a large site's JSON API
// and search index are never held whole, and returns them by path only.
// A write error is left to the writer, which reports it once.
func streamMachineFiles(site *content.Site, out sink) ([]content.Output, diag.List) {
	var paths []content.Output
	failed := false
	seen := func(path string, err error) error {
		paths = append(paths, content.Output{Path: path, Type: content.MediaType(path)})
		failed = failed || err != nil
		return err
	}
	err := syndicate.Write(site, syndicate.Dest{
		Emit: func(path string, data []byte) error { return seen(path, out.emit(path, data)) },
		Create: func(path string) (io.WriteCloser, error) {
			f, err := out.open(path)
			if err != nil {
				return nil, seen(path, err)
			}
			return watched{f, &failed}, seen(path, nil)
		},
		Hold: out.hold,
	})
	var l diag.List
	if err != nil && !failed {
		l.Errorf(diag.Pos{File: "."}, "internal error: %v; please report it", err)
	}
	sort.Slice(paths, func(i, j int) bool { return paths[i].Path < paths[j].Path })
	return paths, l
}

// watched notes whether a write to its file failed.
type watched struct {
	io.WriteCloser
	failed *bool
}

func (w watched) Write(p []byte) (int, error) {
	n, err := w.WriteCloser.Write(p)
	*w.failed = *w.failed || err != nil
	return n, err
}

func (w watched) Close() error {
	err := w.WriteCloser.Close()
	*w.failed = *w.failed || err != nil
	return err
}

// bodyVersions is the versions of every page's body, in the site's order,
// for the key of the machine files: the search index reads every body, and
// an edit to bodies alone reuses the resolved site (and its generation).
func bodyVersions(site *content.Site, c *cache.Cache) []byte {
	fp := c.Fingerprints()
	out := make([]byte, 0, 8*len(site.Pages))
	for _, p := range site.Pages {
		out = binary.LittleEndian.AppendUint64(out, fp.Body(p))
	}
	return out
}

// machinePaths returns the files syndicate makes, by path only, for a
// check, which needs to know that /feed.xml exists but not what it says.
func machinePaths(b content.BaseURL) []content.Output {
	var out []content.Output
	for _, p := range syndicate.Paths(b) {
		out = append(out, content.Output{Path: p, Type: content.MediaType(p)})
	}
	return out
}

// pageMinifier returns the function render uses to minify each page as it
// is made, or nil when minifying is off. Off is the default: the templates
// are compacted when they are parsed (render/compact.go), so pages come out
// within about 1% of the minifier's size, and a pass over every page cost
// about a tenth of the build. --minify turns the pass back on.
func pageMinifier(on bool) func(path string, data []byte) ([]byte, error) {
	if !on {
		return nil
	}
	return assets.NewMinifier().File
}

// minifyOutputs minifies the machine files (feed, sitemap, JSON API,
// favicon) for --minify. By default they are not minified: syndicate
// writes them compact, and the minifier's pass over a large site's JSON
// API cost about 3% of the build and a copy of the file in memory.
//
// The search index's files are left as syndicate made them: they are
// compact JSON already, there are thousands of them on a large site, and
// the minifier would write 1000 as 1e3.
func minifyOutputs(ctx context.Context, out []content.Output) ([]content.Output, diag.List) {
	var in []content.Asset
	var res []content.Output
	for _, o := range out {
		if strings.HasPrefix(o.Path, "search/") && strings.HasSuffix(o.Path, ".json") {
			res = append(res, o)
			continue
		}
		in = append(in, content.Asset{Path: o.Path, Data: o.Data})
	}
	small, l := shrink(ctx, in, true)
	for _, a := range small {
		res = append(res, content.NewOutput(a.Path, a.Data))
	}
	sort.Slice(res, func(i, j int) bool { return res[i].Path < res[j].Path })
	return res, l
}

// sameAssets reports whether two asset tables link the same files; when
// they do not, every page must be rendered again.
func sameAssets(a, b map[string]content.AssetRef) bool { return maps.Equal(a, b) }
