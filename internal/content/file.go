package content

import (
	"path"
	"strings"
)

// File is one content file as loaded: its bytes split into front matter and
// body, with the offsets needed to turn positions inside either part back into
// positions in the file. The load stage makes Files; nothing changes them
// afterwards.
type File struct {
	// Path is relative to the site root, with forward slashes
	// ("content/participants/sergei-lavrov.md").
	Path string
	// Front is the YAML between the two "---" lines.
	Front []byte
	// FrontLine is the file line on which Front starts.
	FrontLine int
	// Body is the Markdown after the closing "---" line.
	Body []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
	// Invalid marks a file that could not be loaded (its name, size,
	// encoding or front-matter fences are wrong); load has said why. It
	// has no Front or Body, but it stays in the list so that later stages
	// know its path: links and references to it are not reported again.
	Invalid bool
}

// Asset is a file the site copies or uses as is: a template or a static file.
type Asset struct {
	// Path is relative to its tree ("partials/head.html", "css/site.css").
	Path string
	// Origin is where it came from, for messages.
	Origin Origin
	Data   []byte
}

// Input is everything the load stage read from a site.
type Input struct {
	// Config is briefing.yaml.
	Config Asset
	// Files are the Markdown files under content/, sorted by path.
	Files []File
	// Templates and Static are the theme, the site's files over the
	// built-in ones, sorted by path.
	Templates []Asset
	Static    []Asset
	// I18n are the site's own catalogues, i18n/<lang>.yaml, sorted by
	// path (Path is from the site root).
	I18n []Asset
	// Bundle are the other files under content/ (images, documents
	// beside the pages), sorted by path. Each is published at its path
	// under content/, with folder names made slugs as pages' are
	// ("content/talks/map.png" at "talks/map.png"); Origin.Path is the
	// file under content/.
	Bundle []Asset
}

// Origin is where a template or static file came from: a file of the site,
// or one of the built-in theme.
type Origin struct {
	// Path is the file's path, relative to the site root or to the
	// built-in theme ("templates/page.html").
	Path string
	// BuiltIn marks a file of the built-in theme.
	BuiltIn bool
}

// String returns the path, marked "(built-in)" for a built-in file.
func (o Origin) String() string {
	if o.BuiltIn {
		return "(built-in) " + o.Path
	}
	return o.Path
}

// Published is a file a site publishes as it is, beside its pages: a
// static file, a file beside the pages in content/, or a file the build
// makes for machines (the feed). Links and images in Markdown are checked
// against the site's Published files, and images take their size from
// them.
type Published struct {
	// Source is where the file comes from, from the site root
	// ("static/images/map.png", "content/talks/map.png"); empty for a
	// file the build makes.
	Source string
	// Width and Height are an image's size in pixels; 0 for other files
	// and for images whose size could not be read.
	Width, Height int
}

// Files are the files a site publishes beside its pages, by their path
// below the base URL ("images/map.png", "talks/map.png", "feed.xml").
// The build makes it once; nothing changes it afterwards.
type Files map[string]Published

// PublishedPath returns where the file at p (from the site root) is
// published, below the base URL: a static file at its path under
// static/, any other file under content/ at its path there with each
// folder name made a slug, as the pages in it are
// ("content/Talks/map.png" at "talks/map.png"; the file name stays as
// written). A trailing "/" stays. It returns false for a path outside
// static/ and content/.
func PublishedPath(p string) (string, bool) {
	if rest, ok := strings.CutPrefix(p, "static/"); ok {
		return rest, true
	}
	if p == "content" {
		return "", true
	}
	rest, ok := strings.CutPrefix(p, "content/")
	if !ok {
		return "", false
	}
	dir, name := path.Split(rest)
	if dir == "" {
		return name, true
	}
	parts := strings.Split(strings.TrimSuffix(dir, "/"), "/")
	for i := range parts {
		parts[i] = Slug(parts[i])
	}
	return strings.Join(parts, "/") + "/" + name, true
}
