package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	briefing "github.com/briefing-dev/briefing"
	"github.com/briefing-dev/briefing/internal/build"
	"github.com/briefing-dev/briefing/internal/diag"
)

// checkGC is the GOGC at which check runs: the heap may grow by a fifth
// of what is live before it is collected, where a build lets it double.
// On 10,000 pages this keeps check's peak memory below the build's for
// about a tenth more time (issue 13, aim 4).
const checkGC = 20

func newCheckCmd(stdout io.Writer, getenv func(string) string) *cobra.Command {
	var opts build.Options
	var strict, prose bool
	var format string
	cmd := &cobra.Command{
		Use:   "check [flags]\n  briefing check --prose [flags] FILE...",
		Short: "Check the site for errors, broken links and editorial slips",
		Long: strings.TrimSpace(`
Check the site in --source without writing anything.

check runs every validation of "briefing build", renders the site in memory
and then checks what needs the whole site: internal links and #fragments in
the rendered pages, unsafe links, the home page's takeaways (2 to 5, short),
quotes, events and figures without a source, events dated after their page,
topic pages without a summary, people no page mentions, and names in the
text that nearly match a person's name or alias but are not one of them.

With --prose, check screens the files given as arguments, FILE... (plain
text or Markdown from outside the site, such as an incoming article), for
names that nearly match the people of the site in --source, and checks
nothing else: --prose is a switch, and every argument is a file.

Findings print as file:line:col: message, or with --format json as one JSON
object per line: {"file", "line", "column", "severity", "rule", "code",
"key", "message"} (line, column, code and key are left out when unknown).
With --format github they print as GitHub Actions workflow commands
(::error file=F,line=L,col=C,title=RULE::message), which a workflow turns
into annotations on the pull request's lines; files are named from the
current folder (the repository's root in a workflow), the --source folder
put in front.

Exit status: 0 no errors; 1 errors found (with --strict, warnings count as
errors); 2 bad usage; 130 or 143 cancelled by Ctrl-C or SIGTERM.`),
		Example: `  briefing check
  briefing check -s site --strict --format json
  briefing check -s site --format github
  briefing check --prose incoming/article.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" && format != "github" {
				return usageError{fmt.Errorf("--format must be text, json or github, not %q", format)}
			}
			switch {
			case prose && len(args) == 0:
				return usageError{errors.New("--prose needs at least one file to screen")}
			case !prose && len(args) > 0:
				return usageError{fmt.Errorf("unexpected argument %s for \"briefing check\" (to screen a file, use --prose)", quote(args[0]))}
			}
			if opts.BaseURL == "" {
				opts.BaseURL = getenv("BRIEFING_BASE_URL")
			}
			opts.Theme = briefing.Theme
			opts.Debug = getenv("BRIEFING_DEBUG") == "1"
			if getenv("GOGC") == "" {
				// check may take up to twice a build's time but no more
				// of its memory. Besides the site, it keeps what the link
				// rule needs of every page (ids, links), so it collects
				// garbage more often than Go's default, GOGC=100.
				defer debug.SetGCPercent(debug.SetGCPercent(checkGC))
			}
			var diags diag.List
			var err error
			if prose {
				texts := make([]build.ProseFile, len(args))
				for i, name := range args {
					data, err := os.ReadFile(name)
					if err != nil {
						return err
					}
					texts[i] = build.ProseFile{Name: name, Data: data}
				}
				diags, err = build.Prose(cmd.Context(), opts, texts)
				if strict {
					for i := range diags {
						diags[i].Severity = diag.Error
					}
				}
			} else {
				diags, err = build.Check(cmd.Context(), opts, strict)
			}
			if err != nil {
				return err
			}
			switch format {
			case "json":
				if err := printJSON(stdout, diags); err != nil {
					return err
				}
			case "github":
				dir := annotationDir(opts.Source)
				if prose {
					dir = "" // --prose files are named as given
				}
				printGitHub(stdout, diags, dir)
			default:
				printFindings(stdout, diags)
			}
			if diags.HasErrors() {
				return errReported
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder (holds briefing.yaml)")
	f.BoolVar(&strict, "strict", false, "treat warnings as errors")
	f.StringVar(&format, "format", "text", "output format: text, json (one object per line) or github (workflow commands for annotations)")
	f.BoolVar(&prose, "prose", false, "screen the files given as arguments (FILE...) for misspelt names instead of checking the site")
	f.StringVar(&opts.BaseURL, "base-url", "", "absolute URL the site is served from; overrides $BRIEFING_BASE_URL and briefing.yaml")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft: true")
	return cmd
}

// printFindings prints each diagnostic on its own line, then a count.
func printFindings(w io.Writer, l diag.List) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
	errs, warns := l.Count()
	if errs+warns == 0 {
		fmt.Fprintln(w, "no problems found")
		return
	}
	fmt.Fprintf(w, "%s, %s\n", plural(errs, "error"), plural(warns, "warning"))
}

// finding is the JSON form of a diagnostic.
type finding struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Column   int    `json:"column,omitempty"`
	Severity string `json:"severity"`
	Rule     string `json:"rule"`
	Code     string `json:"code,omitempty"`
	Key      string `json:"key,omitempty"`
	Message  string `json:"message"`
}

// printJSON prints one JSON object per diagnostic, one per line (JSON Lines).
func printJSON(w io.Writer, l diag.List) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, d := range l {
		f := finding{File: d.Pos.File, Severity: d.Severity.String(), Rule: d.Rule, Code: d.Code, Key: d.Key, Message: d.Msg}
		if d.Pos.Line > 0 {
			f.Line = d.Pos.Line
			if d.Pos.Col > 0 {
				f.Column = d.Pos.Col
			}
		}
		if err := enc.Encode(f); err != nil {
			return fmt.Errorf("write findings: %w", err)
		}
	}
	return nil
}
