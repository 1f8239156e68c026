package briefing

import "embed"

// Skeleton holds the files "briefing init" writes into a new site folder
// under skeleton/: briefing.yaml, a home page, one topic, one person and
// templates/README.md on overriding the theme. It holds no copy of the
// theme: a site uses Theme unless it overrides a file.
//
//go:embed all:skeleton
var Skeleton embed.FS
