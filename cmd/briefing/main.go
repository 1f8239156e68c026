// Command briefing builds, checks and previews briefing sites: Markdown files
// with typed front matter about a news event, turned into a static site of
// linked pages. Run "briefing --help" for the commands.
//
// Size: the command is over 500 lines because it has a file per command
// (build, check, serve, init, new, diff, version), each only flags, help
// text and printing; the work is in the internal packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"github.com/briefing-dev/briefing/internal/build"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1   // the content has errors, or the build failed
	exitUsage   = 2   // bad flags or arguments
	exitSIGINT  = 130 // cancelled by Ctrl-C (128 + SIGINT)
	exitSIGTERM = 143 // cancelled by SIGTERM (128 + SIGTERM)
)

func main() { os.Exit(runMain(os.Args[1:], nil)) }

// runMain runs the command line args and returns the exit code. ready, when
// set, is called once signals are handled (the signal tests wait for it).
func runMain(args []string, ready func()) int {
	ctx, signalled := interrupts()
	if ready != nil {
		ready()
	}
	root := newRootCmd(os.Stdout, os.Stderr, os.Getenv)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	code := exitCode(err, os.Stderr)
	if c := signalled(); c != 0 && errors.Is(err, build.ErrCancelled) {
		code = c
	}
	return code
}

// interrupts returns a context that the first SIGINT (Ctrl-C) or SIGTERM
// cancels, so the command stops cleanly: a build removes its staging
// folder and exits 130 or 143, serve shuts down and exits 0. A second
// signal exits at once; what a build left behind is removed by the next
// build. The function it returns tells the exit code of the first signal,
// or 0 when none came.
func interrupts() (context.Context, func() int) {
	ctx, cancel := context.WithCancel(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var first atomic.Int32
	go func() {
		s := <-ch
		first.Store(int32(signalCode(s)))
		cancel()
		s = <-ch
		fmt.Fprintln(os.Stderr, "briefing: stopped at once (second signal)")
		os.Exit(signalCode(s))
	}()
	return ctx, func() int { return int(first.Load()) }
}

func signalCode(s os.Signal) int {
	if s == syscall.SIGTERM {
		return exitSIGTERM
	}
	return exitSIGINT
}

// exitCode prints err (unless it was already reported) and maps it to the
// process exit code.
func exitCode(err error, stderr *os.File) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "briefing: %v\nRun 'briefing --help' for usage.\n", ue.err)
		return exitUsage
	}
	if errors.Is(err, build.ErrCancelled) {
		fmt.Fprintln(stderr, "briefing: cancelled; nothing was written")
		return exitSIGINT
	}
	if !errors.Is(err, errReported) {
		fmt.Fprintf(stderr, "briefing: %v\n", err)
	}
	return exitContent
}
