package briefing

import "embed"

// Skeleton holds the files "briefing init" writes into a new site folder
// (briefing.yaml, a home page, one topic and one person) under skeleton/.
// The command adds a copy of Theme's templates/ and static/ so that they
// can be overridden.
//
//go:embed all:skeleton
var Skeleton embed.FS
