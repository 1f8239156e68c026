package main

import (
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	briefing "github.com/briefing-dev/briefing"
	"github.com/briefing-dev/briefing/internal/build"
	"github.com/briefing-dev/briefing/internal/serve"
)

func newServeCmd(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	var opts build.Options
	var port int
	var bind string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the site with live reload while you edit it",
		Long: strings.TrimSpace(`
Build the site in --source in memory and serve it on http://127.0.0.1:PORT/.

serve never writes to disk: public/ is left alone. It watches briefing.yaml,
content/, templates/ and static/ and, on every save, rebuilds only the pages
the change affects and reloads the browser tabs that show them. When a save
breaks the build, the errors (file:line:col: message) print here and show
over the page in the browser, and the last good version stays served until
the content is fixed.

serve listens on 127.0.0.1 only, unless --bind names another address; then
anyone who can reach it sees the preview, drafts included. It answers only
requests addressed to itself (127.0.0.1, localhost or the --bind address,
with the port): any other host name gets 403, so that no web page can
reach the preview through a name of its own (DNS rebinding).

Stop it with Ctrl-C or SIGTERM: it closes every connection and exits 0.`),
		Example: `  briefing serve
  briefing serve -s site --port 8080 --drafts`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if port < 0 || port > 65535 {
				return usageError{fmt.Errorf("--port must be between 0 and 65535, not %d", port)}
			}
			if net.ParseIP(bind) == nil && bind != "localhost" {
				return usageError{fmt.Errorf("--bind must be an IP address such as 127.0.0.1, not %q", bind)}
			}
			opts.Theme = briefing.Theme
			// newRootCmd does not pass its getenv to serve (root.go).
			opts.Debug = getenv("BRIEFING_DEBUG") == "1"
			return serve.Run(cmd.Context(), serve.Options{
				Build: opts,
				Addr:  net.JoinHostPort(bind, strconv.Itoa(port)),
				Out:   stdout,
				Err:   stderr,
			})
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder (holds briefing.yaml)")
	f.IntVarP(&port, "port", "p", 1313, "port to listen on (0 picks a free one)")
	f.StringVar(&bind, "bind", "127.0.0.1", "address to listen on")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft: true")
	return cmd
}
