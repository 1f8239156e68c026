package main

import (
	"errors"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"
)

// usageError marks errors in how the command was called (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errReported means the command already printed what went wrong.
var errReported = errors.New("reported")

// newRootCmd builds the command tree. stdout and stderr receive all output;
// getenv reads the environment (BRIEFING_BASE_URL, BRIEFING_DEBUG).
func newRootCmd(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	root := &cobra.Command{
		Use:   "briefing",
		Short: "Build fast, accessible briefing sites from Markdown",
		Long: strings.TrimSpace(`
briefing turns a folder of Markdown files about a news event into a static web
site of linked pages: who's who, topics, a timeline, key figures, quotes and
sources, all cross-referenced.

A site folder holds:
  briefing.yaml   the site's settings: title, language, base_url, sides
  content/        _index.md (home), <topic>.md, <section>/<page>.md
  templates/      optional overrides of the built-in theme, file by file
  static/         optional files copied as is (override built-in ones)

Front matter is typed YAML: people, quotes, events, figures, sources and
takeaways. Errors name file:line:col and say how to fix them.

Start with "briefing build" in a site folder; see docs/content-format.md
for every front-matter key.`),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          unknownCommand,
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		newBuildCmd(stdout, stderr, getenv),
		newCheckCmd(stdout, getenv),
		newVersionCmd(stdout),
		newServeCmd(stdout, stderr, getenv),
		newInitCmd(stdout),
		newThemeCmd(stdout),
		newNewCmd(stdout, stderr),
		newDiffCmd(stdout, stderr, getenv, &http.Client{Timeout: fetchTimeout}),
	)
	return root
}

// noArgs is cobra.NoArgs reporting a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageError{errors.New("unexpected argument " + quote(args[0]) + " for " + quote(cmd.CommandPath()))}
	}
	return nil
}

// unknownCommand reports a mistyped command with cobra's suggestions.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := "unknown command " + quote(args[0]) + " for " + quote(cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + quote(s[0]) + "?"
	}
	return usageError{errors.New(msg)}
}

func quote(s string) string { return "\"" + s + "\"" }
