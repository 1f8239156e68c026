// Command briefing builds, checks and previews briefing sites: Markdown files
// with typed front matter about a news event, turned into a static site of
// linked pages. Run "briefing --help" for the commands.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
)

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1 // the content has errors, or the build failed
	exitUsage   = 2 // bad flags or arguments
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	root := newRootCmd(os.Stdout, os.Stderr, os.Getenv)
	err := root.ExecuteContext(ctx)
	stop()
	os.Exit(exitCode(err, os.Stderr))
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
	if !errors.Is(err, errReported) {
		fmt.Fprintf(stderr, "briefing: %v\n", err)
	}
	return exitContent
}
