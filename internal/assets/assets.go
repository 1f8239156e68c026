// Package assets prepares the site's files for serving: it minifies HTML,
// CSS, JavaScript, JSON, SVG and XML, and fingerprints style sheets and
// scripts, naming each after a hash of its content ("css/site.css" becomes
// "css/site.1a2b3c4d5e6f.css") so that hosts may cache them forever, with a
// Subresource Integrity value for the page that links them.
//
// It sits beside render in the pipeline: build hands it the static files
// before render (render links the fingerprinted names) and the rendered
// pages after. It works on bytes in memory, never touches the disk and
// imports no other stage.
package assets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/parallel"
)

// fingerprinted are the extensions whose files are renamed after their
// content: the files pages link with <link> and <script>.
var fingerprinted = map[string]bool{".css": true, ".js": true}

// hashLen is the number of hex digits of SHA-256 kept in a file name: 48
// bits, so that two versions of one file never share a name in practice.
const hashLen = 12

// Fingerprint renames every style sheet and script after a hash of its
// bytes and returns the files, sorted by path, with an AssetRef for each renamed
// file keyed by its original path. Other files pass through unchanged.
// Fingerprint after minifying: the hash and the integrity value are of the
// bytes served. The Data slices are shared with files, not copied.
func Fingerprint(files []content.Asset) ([]content.Asset, map[string]content.AssetRef) {
	out := make([]content.Asset, len(files))
	refs := map[string]content.AssetRef{}
	for i, f := range files {
		out[i] = f
		ext := path.Ext(f.Path)
		if !fingerprinted[ext] {
			continue
		}
		sum := sha256.Sum256(f.Data)
		name := strings.TrimSuffix(f.Path, ext) + "." + hex.EncodeToString(sum[:])[:hashLen] + ext
		sri := sha512.Sum384(f.Data)
		refs[f.Path] = content.AssetRef{Path: name, Integrity: "sha384-" + base64.StdEncoding.EncodeToString(sri[:])}
		out[i].Path = name
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, refs
}

// mediaTypes maps the extensions Minify handles to their media types.
var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "text/javascript",
	".mjs":  "text/javascript",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".xml":  "text/xml",
}

// newMinifier returns the one minifier set-up. HTML keeps its document
// tags, end tags and attribute quotes: pages stay easy to read for tools
// that do not implement the whole HTML parsing algorithm, at a cost of a
// few bytes. Scripts inside pages (JSON-LD) are minified by their type.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// Minifier minifies one file at a time. It is safe for concurrent use.
type Minifier struct{ m *minify.M }

// NewMinifier returns a Minifier with the one minifier set-up.
func NewMinifier() *Minifier { return &Minifier{m: newMinifier()} }

// File returns data minified by the media type of p's extension, or data
// itself for types it does not handle. It does not keep data.
func (m *Minifier) File(p string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(p)]
	if !ok {
		return data, nil
	}
	var buf bytes.Buffer
	buf.Grow(len(data))
	if err := m.m.Minify(mt, &buf, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Minify returns files with every HTML, CSS, JavaScript, JSON, SVG and XML
// file minified; other files pass through unchanged. Files are minified on
// GOMAXPROCS workers, each into its own slot, so the result does not
// depend on scheduling. A file the minifier cannot read is kept as it was
// and reported as an error at its Origin. The input slice and its Data are
// not modified.
func Minify(ctx context.Context, files []content.Asset) ([]content.Asset, diag.List) {
	m := newMinifier()
	out := make([]content.Asset, len(files))
	copy(out, files)
	errs := make([]error, len(files))
	parallel.Each(ctx, len(files), 0, func(i int) {
		var buf bytes.Buffer
		mt, ok := mediaTypes[path.Ext(files[i].Path)]
		if !ok {
			return
		}
		if err := m.Minify(mt, &buf, bytes.NewReader(files[i].Data)); err != nil {
			errs[i] = err
			return
		}
		out[i].Data = bytes.Clone(buf.Bytes())
	})
	var l diag.List
	for i, err := range errs {
		if err != nil {
			l.Errorf(diag.Pos{File: origin(files[i])}, "cannot minify: %v; fix the file or build without --minify", err)
		}
	}
	if ctx.Err() != nil {
		l.Errorf(diag.Pos{File: "."}, "build cancelled")
	}
	return out, l
}

// origin is the file named in messages: the site file, without the
// built-in marker, or the output path.
func origin(a content.Asset) string {
	if a.Origin.Path == "" {
		return a.Path
	}
	return a.Origin.Path
}
