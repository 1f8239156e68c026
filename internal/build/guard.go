package build

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"

	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/diag"
)

// ErrCancelled is what Run, Render, Check and Prose return when their
// context was cancelled (Ctrl-C, SIGTERM, serve shutting down): nothing was
// written, the staging folder is gone, and no diagnostics are returned,
// since a stage cut short has nothing true to say about the content.
var ErrCancelled = errors.New("build cancelled")

// stage runs fn, one stage of the pipeline, so that neither a panic nor a
// cancelled context gets past it:
//
//   - a panic in fn becomes one "internal error" diagnostic on file (the
//     site folder, ".", when no file is to blame), with the stack when
//     debug is set (BRIEFING_DEBUG=1), and stage reports false;
//   - when ctx is cancelled, stage returns at once and reports false. fn
//     goes on in the background until it notices ctx or ends; every stage
//     is free of side effects but render, which stops at ctx, so its late
//     result is simply dropped.
//
// Every stage of every command runs through stage, so a bug or an
// interruption in one never reaches the user as a stack trace or a hang.
func stage(ctx context.Context, name, file string, debug bool, l *diag.List, fn func() diag.List) bool {
	if ctx.Err() != nil {
		return false
	}
	done := make(chan diag.List, 1)
	go func() { done <- guarded(name, file, debug, fn) }()
	select {
	case ds := <-done:
		l.Add(ds...)
		return ctx.Err() == nil && !panicked(ds)
	case <-ctx.Done():
		return false
	}
}

// guarded runs fn and returns its diagnostics, or the one internal-error
// diagnostic of a panic in it.
func guarded(name, file string, debug bool, fn func() diag.List) (ds diag.List) {
	defer func() {
		if v := recover(); v != nil {
			ds = diag.List{internalError(name, file, v, debug)}
		}
	}()
	return fn()
}

// panicked reports whether ds is the one diagnostic of a panic.
func panicked(ds diag.List) bool {
	return len(ds) == 1 && ds[0].Code == CodeInternal
}

// CodeInternal is the code of the diagnostic of a panic: a bug, not a
// problem with the content.
const CodeInternal = "internal"

const internalPrefix = "internal error in the "

// InternalError is the diagnostic for a panic v recovered in stage: one
// "internal error ...; please report it" finding on file (the site folder
// when ""), with the stack when withStack is set. Serve uses it for a panic
// outside the build's own guards, so that all such reports read alike.
func InternalError(stage, file string, v any, withStack bool) diag.Diagnostic {
	return internalError(stage, file, v, withStack)
}

// internalError is the diagnostic for a panic in a stage.
func internalError(stage, file string, v any, withStack bool) diag.Diagnostic {
	if file == "" {
		file = "."
	}
	msg := fmt.Sprintf(internalPrefix+"%s stage: %v; please report it (run with BRIEFING_DEBUG=1 to add a stack trace)", stage, v)
	if withStack {
		msg = fmt.Sprintf(internalPrefix+"%s stage: %v; please report it with this stack:\n%s", stage, v, debug.Stack())
	}
	return diag.Diagnostic{Pos: diag.Pos{File: file}, Severity: diag.Error, Rule: check.RuleBuild, Code: CodeInternal, Msg: msg}
}

// rootFirst orders a sorted list so that root causes (a file that cannot
// be read, its YAML, briefing.yaml) come before what follows from them
// (references, templates, editorial checks), each group still by file,
// line and column.
func rootFirst(l diag.List) {
	slices.SortStableFunc(l, func(a, b diag.Diagnostic) int { return rank(a) - rank(b) })
}

func rank(d diag.Diagnostic) int {
	switch d.Rule {
	case check.RuleFile, check.RuleConfig, check.RuleFrontMatter:
		return 0
	}
	return 1
}
