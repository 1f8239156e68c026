package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	briefing "github.com/briefing-dev/briefing"
	"github.com/briefing-dev/briefing/internal/build"
	"github.com/briefing-dev/briefing/internal/diag"
)

func newBuildCmd(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	var opts build.Options
	var quiet, verbose bool
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build the site into the destination folder",
		Long: strings.TrimSpace(`
Build the site in --source into --destination.

Each file is written as it is made into a new folder beside the destination,
and the folder is swapped in only when every page built: a failed build
leaves the previous output untouched. The same input always gives byte-identical
output.

The base URL may hold a sub-path (https://example.org/briefings/riyadh/).
It comes from --base-url, else $BRIEFING_BASE_URL, else base_url in
briefing.yaml.

Ctrl-C or SIGTERM stops the build at once: nothing is written and the
previous output stays (a second signal exits without cleaning up; the next
build removes what was left).

Exit status: 0 built; 1 the content has errors (each printed as
file:line:col: message) or the output could not be written; 2 bad usage;
130 or 143 cancelled by Ctrl-C or SIGTERM.`),
		Example: `  briefing build
  briefing build -s site -d /tmp/out --base-url https://example.org/briefings/riyadh/
  briefing build --drafts --quiet`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.BaseURL == "" {
				opts.BaseURL = getenv("BRIEFING_BASE_URL")
			}
			opts.Theme = briefing.Theme
			opts.Debug = getenv("BRIEFING_DEBUG") == "1"
			if getenv("GOGC") == "" {
				defer debug.SetGCPercent(debug.SetGCPercent(build.GCPercent))
			}
			res, diags, err := build.Run(cmd.Context(), opts)
			printDiagnostics(stderr, diags)
			if err != nil {
				return err
			}
			if diags.HasErrors() {
				return errReported
			}
			if verbose {
				for _, st := range res.Stages {
					fmt.Fprintf(stdout, "%-8s %s\n", st.Name, st.Elapsed.Round(time.Millisecond))
				}
			}
			if !quiet {
				fmt.Fprintln(stdout, summary(res, destOf(opts)))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder (holds briefing.yaml)")
	f.StringVarP(&opts.Destination, "destination", "d", "", "output folder (default \"public\" in the site folder)")
	f.StringVar(&opts.BaseURL, "base-url", "", "absolute URL the site is served from; overrides $BRIEFING_BASE_URL and briefing.yaml")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft: true")
	f.BoolVar(&opts.Minify, "minify", false, "also run an HTML minifier over every page (pages are compact without it; style sheets, scripts and machine files are always minified)")
	f.BoolVarP(&quiet, "quiet", "q", false, "print nothing but errors and warnings")
	f.BoolVarP(&verbose, "verbose", "v", false, "also print the time each stage took")
	return cmd
}

func destOf(opts build.Options) string {
	if opts.Destination != "" {
		return opts.Destination
	}
	if opts.Source == "" || opts.Source == "." {
		return "public"
	}
	return strings.TrimSuffix(opts.Source, "/") + "/public"
}

// printDiagnostics prints each diagnostic on its own line, then a count.
func printDiagnostics(w io.Writer, l diag.List) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
	if errs, warns := l.Count(); errs > 0 {
		fmt.Fprintf(w, "%s, %s\n", plural(errs, "error"), plural(warns, "warning"))
	}
}

// summary is the one line printed after a build.
func summary(res build.Result, dest string) string {
	kinds := make([]string, 0, len(res.Pages))
	total := 0
	for k, n := range res.Pages {
		kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		total += n
	}
	sort.Strings(kinds)
	return fmt.Sprintf("built %s (%s) and %s into %s in %s",
		plural(total, "page"), strings.Join(kinds, ", "),
		plural(res.Other, "other file"), dest, res.Elapsed.Round(time.Millisecond))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
