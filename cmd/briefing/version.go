package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the commit it was built from",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(stdout, version())
			return nil
		},
	}
}

// buildVersion is set by the Makefile from "git describe" (-ldflags -X);
// empty in a plain "go build".
var buildVersion string

// version reads the module version and VCS stamp from the build info, and
// the version the Makefile stamped, if any.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "briefing (unknown version)"
	}
	v := info.Main.Version
	if buildVersion != "" && (v == "" || v == "(devel)") {
		v = buildVersion
	}
	if v == "" {
		v = "(devel)"
	}
	var rev, when, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	out := "briefing " + v
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		out += " commit " + rev + dirty
		if when != "" {
			out += " (" + when + ")"
		}
	}
	return out + " " + info.GoVersion
}
