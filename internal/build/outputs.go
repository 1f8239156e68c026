package build

import (
	"context"
	"maps"

	"github.com/briefing-dev/briefing/internal/assets"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/render"
	"github.com/briefing-dev/briefing/internal/syndicate"
)

// This file wires the stages beside render: assets (minify, fingerprint)
// before and after it, and syndicate (feed, sitemap, robots.txt, JSON API,
// search index) after resolve. Run and Incremental both go through these
// functions, so a full and an incremental build make the same bytes.

// staticFiles minifies the static files when asked and fingerprints their
// style sheets and scripts. It returns the files to publish and the table
// that render links them through.
func staticFiles(ctx context.Context, static []content.Asset, minify bool) ([]content.Asset, map[string]render.Asset, diag.List) {
	var l diag.List
	if minify {
		static, l = assets.Minify(ctx, static)
	}
	files, refs := assets.Fingerprint(static)
	table := make(map[string]render.Asset, len(refs))
	for p, r := range refs {
		table[p] = render.Asset{Path: r.Path, Integrity: r.Integrity}
	}
	return files, table, l
}

// machineFiles returns the files syndicate makes for site.
func machineFiles(site *content.Site, baseURL string) ([]render.Output, diag.List) {
	var l diag.List
	files, err := syndicate.Site(site, baseURL)
	if err != nil {
		l.Errorf(diag.Pos{File: "."}, "internal error: %v; please report it", err)
		return nil, l
	}
	out := make([]render.Output, len(files))
	for i, f := range files {
		out[i] = render.Output{Path: f.Path, Data: f.Data}
	}
	return out, l
}

// pageMinifier returns the function render uses to minify each page as it
// is made, or nil when minifying is off.
func pageMinifier(on bool) func(path string, data []byte) ([]byte, error) {
	if !on {
		return nil
	}
	return assets.NewMinifier().File
}

// minifyOutputs minifies rendered pages and machine files when asked.
func minifyOutputs(ctx context.Context, out []render.Output, minify bool) ([]render.Output, diag.List) {
	if !minify {
		return out, nil
	}
	in := make([]content.Asset, len(out))
	for i, o := range out {
		in[i] = content.Asset{Path: o.Path, Data: o.Data}
	}
	small, l := assets.Minify(ctx, in)
	res := make([]render.Output, len(small))
	for i, a := range small {
		res[i] = render.Output{Path: a.Path, Data: a.Data}
	}
	return res, l
}

// sameAssets reports whether two asset tables link the same files; when
// they do not, every page must be rendered again.
func sameAssets(a, b map[string]render.Asset) bool { return maps.Equal(a, b) }
