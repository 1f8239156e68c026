package serve

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/briefing-dev/briefing/internal/build"
	"github.com/briefing-dev/briefing/internal/diag"
)

// rebuilder runs the builds of one Run, one at a time: the first, then
// one per batch of changes from the watcher. A good build is published, a
// bad one is printed and shown in the browser over the last good one, and
// a panic that gets past build's own guard is reported as a bad build.
type rebuilder struct {
	ctx       context.Context
	opts      build.Options
	srv       *Server
	out, errw io.Writer
	before    func(paths []string)            // Options.beforeBuild
	rebuilt   func(changed []string, ok bool) // Options.Rebuilt

	inc *build.Incremental
}

// fresh starts over with a new incremental builder: the next build reads
// and renders the whole site.
func (rb *rebuilder) fresh() {
	rb.inc = build.NewIncremental(rb.opts)
	// Show an edited page as soon as it is rendered; the pages that only
	// list it (the quotes page, a profile) follow with the full rebuild.
	rb.inc.Early = rb.srv.Publish
}

// run builds after paths changed; nil means the first build. It prints
// nothing when ctx was cancelled during the build.
func (rb *rebuilder) run(paths []string) {
	up, l, panicked, err := buildSafely(rb.ctx, paths, rb.opts.Debug, rb.build)
	if rb.ctx.Err() != nil {
		return
	}
	if panicked {
		// The builder may have stopped half-way through updating its
		// cache: start afresh, so the next save builds it all.
		rb.fresh()
	}
	if err != nil {
		l.Errorf(diag.Pos{File: "."}, "%v", err)
	}
	ok := !l.HasErrors()
	if ok {
		rb.srv.Publish(up.Files, up.Changed)
		printWarnings(rb.errw, l, paths == nil)
		if paths != nil {
			fmt.Fprintf(rb.out, "rebuilt %d of %d pages in %s (%s)\n", up.Rendered, up.Pages, up.Elapsed.Round(100*time.Microsecond), summarize(paths))
		} else {
			fmt.Fprintf(rb.out, "built %d pages in %s\n", up.Pages, up.Elapsed.Round(time.Millisecond))
		}
	} else {
		rb.srv.Fail(l)
		printDiagnostics(rb.errw, l)
	}
	if rb.rebuilt != nil {
		rb.rebuilt(up.Changed, ok)
	}
}

func (rb *rebuilder) build(ctx context.Context, paths []string) (build.Update, diag.List, error) {
	if rb.before != nil {
		rb.before(paths)
	}
	return rb.inc.Build(ctx, paths)
}

// buildSafely runs one build and turns a panic inside it into an error
// diagnostic, worded as build words its own, so that a bug costs one
// rebuild, not the preview. debug adds the stack to the message.
func buildSafely(ctx context.Context, paths []string, debug bool, fn func(context.Context, []string) (build.Update, diag.List, error)) (up build.Update, l diag.List, panicked bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			d := build.InternalError("rebuild", "", v, debug)
			up, l, panicked, err = build.Update{}, diag.List{d}, true, nil
		}
	}()
	up, l, err = fn(ctx, paths)
	return up, l, false, err
}

// summarize names the changed paths for the rebuild line.
func summarize(paths []string) string {
	if len(paths) <= 3 {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:3], ", "), len(paths)-3)
}

func printDiagnostics(w io.Writer, l diag.List) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
	errs, _ := l.Count()
	noun := "errors"
	if errs == 1 {
		noun = "error"
	}
	fmt.Fprintf(w, "build failed with %d %s; still serving the last good build\n", errs, noun)
}

// printWarnings prints warnings after the first build only: they stay the
// same from one rebuild to the next.
func printWarnings(w io.Writer, l diag.List, first bool) {
	if !first {
		return
	}
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
}
