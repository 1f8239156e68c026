// Package briefing holds the built-in theme: the default templates and
// static files, embedded in the binary so that it alone can build a site.
// A site's own templates/ and static/ override these file by file.
package briefing

import "embed"

// Theme holds templates/ and static/ as shipped with the binary.
//
//go:embed templates static
var Theme embed.FS
