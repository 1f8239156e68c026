package content

import (
	"mime"
	"path"
)

// Output is one file to publish: its path relative to the site's root with
// forward slashes, its bytes and its media type. Render, syndicate and the
// static files all make Outputs; write writes them, serve serves them and
// check reads them. Nothing changes an Output once made.
type Output struct {
	Path string
	Data []byte
	// Type is the media type ("text/html; charset=utf-8"), from the
	// path's extension when the maker did not set one.
	Type string
}

// NewOutput returns the Output of data at p, typed by p's extension.
func NewOutput(p string, data []byte) Output {
	return Output{Path: p, Data: data, Type: MediaType(p)}
}

// MediaType returns the media type of a file by its extension, with a
// charset for text; "application/octet-stream" when the extension is
// unknown.
func MediaType(p string) string {
	switch ext := path.Ext(p); ext {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".xml":
		if path.Base(p) == "feed.xml" {
			return "application/atom+xml"
		}
		return "application/xml"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".ico":
		return "image/x-icon"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

// OutputPath returns the file a page URL is served from: "index.html" for
// the home page, "talks/index.html" for "talks/", "404.html" as is.
func OutputPath(url string) string {
	if url == "" {
		return "index.html"
	}
	if url[len(url)-1] == '/' {
		return url + "index.html"
	}
	return url
}

// AssetRef is where a fingerprinted static file is served and how a page
// checks it: assets makes them, render links through them.
type AssetRef struct {
	// Path is the served path relative to the site root
	// ("css/site.1a2b3c4d5e6f.css").
	Path string
	// Integrity is the Subresource Integrity value ("sha384-...").
	Integrity string
}
