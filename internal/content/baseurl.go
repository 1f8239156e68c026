package content

import "strings"

// BaseURL is the URL a site is served from, which may hold a sub-path
// ("https://example.org/briefings/riyadh/"). Package config parses it once,
// from briefing.yaml or --base-url; every later stage links through it and
// none parses it again. The zero value is a site without a base URL, whose
// links are paths from the host's root.
type BaseURL struct {
	// URL is the absolute URL with a trailing slash, or "".
	URL string
	// Path is its path as links write it (escaped), "/" or
	// "/briefings/riyadh/"; "" when URL is.
	Path string
	// Decoded is Path with its escapes decoded.
	Decoded string
}

// IsZero reports whether the site has no base URL.
func (b BaseURL) IsZero() bool { return b.URL == "" }

// String returns the absolute URL, or "".
func (b BaseURL) String() string { return b.URL }

// Root returns the absolute URL, or "/" when there is none: the start of
// every link Abs makes.
func (b BaseURL) Root() string {
	if b.URL == "" {
		return "/"
	}
	return b.URL
}

// RootPath returns the escaped path, "/" when there is none: the start of
// every link Rel makes.
func (b BaseURL) RootPath() string {
	if b.Path == "" {
		return "/"
	}
	return b.Path
}

// Abs returns a site path ("talks/") as an absolute URL, or as a path from
// the host's root when there is no base URL.
func (b BaseURL) Abs(p string) string { return b.Root() + strings.TrimPrefix(p, "/") }

// Rel returns a site path as a path from the host's root, which works from
// any page: "/briefings/riyadh/talks/".
func (b BaseURL) Rel(p string) string { return b.RootPath() + strings.TrimPrefix(p, "/") }
