package main

import (
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/briefing-dev/briefing/internal/diag"
)

// printGitHub prints each diagnostic as a GitHub Actions workflow command
// (::error or ::warning with file, line, col and title), which the runner
// turns into an annotation on that line of the pull request, then the
// count as plain text for the log. dir is prefixed to each file so that
// the path is relative to the repository when the site is a sub-folder
// (check -s site); it is "" for --prose files, named as given.
func printGitHub(w io.Writer, l diag.List, dir string) {
	for _, d := range l {
		fmt.Fprintln(w, workflowCommand(d, dir))
	}
	errs, warns := l.Count()
	if errs+warns == 0 {
		fmt.Fprintln(w, "no problems found")
		return
	}
	fmt.Fprintf(w, "%s, %s\n", plural(errs, "error"), plural(warns, "warning"))
}

// annotationDir returns the prefix that names a site's files from the
// current folder, as GitHub wants them (relative to the repository, where
// a workflow runs): source itself when relative, else source relative to
// the current folder when it lies inside it, else "" (names as they are).
func annotationDir(source string) string {
	if !filepath.IsAbs(source) {
		return source
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	rel, err := filepath.Rel(wd, source)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return ""
	}
	return rel
}

// workflowCommand formats d as "::error file=F,line=L,col=C,title=RULE::MSG".
// Unknown parts are left out; the title is the rule, so that a reviewer
// sees which check spoke.
func workflowCommand(d diag.Diagnostic, dir string) string {
	var props []string
	if f := d.Pos.File; f != "" {
		if dir != "" && dir != "." && !filepath.IsAbs(dir) && f != "--base-url" {
			f = path.Join(filepath.ToSlash(dir), f)
		}
		props = append(props, "file="+escapeProperty(f))
		if d.Pos.Line > 0 {
			props = append(props, "line="+strconv.Itoa(d.Pos.Line))
			if d.Pos.Col > 0 {
				props = append(props, "col="+strconv.Itoa(d.Pos.Col))
			}
		}
	}
	if d.Rule != "" {
		props = append(props, "title="+escapeProperty(d.Rule))
	}
	cmd := "::" + d.Severity.String()
	if len(props) > 0 {
		cmd += " " + strings.Join(props, ",")
	}
	return cmd + "::" + escapeData(d.Msg)
}

// escapeData escapes a workflow command's message as the runner expects
// (actions/toolkit, command.ts): %, CR and LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value: as data, plus ":" and ",",
// which end a value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
