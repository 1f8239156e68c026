package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/briefing-dev/briefing/internal/build"
	"github.com/briefing-dev/briefing/internal/diag"
)

// Options configure Run. The zero value serves the site in the current
// folder on 127.0.0.1:1313.
type Options struct {
	// Build holds the site folder, the theme and --drafts. Run sets its
	// BaseURL to the address served and turns LiveReload on.
	Build build.Options
	// Addr is the host:port to listen on; "" means 127.0.0.1:1313.
	Addr string
	// Listener, when set, is used instead of listening on Addr (tests
	// pass one on 127.0.0.1:0). Run closes it.
	Listener net.Listener
	// Quiet is how long the watcher waits for a burst of changes to end
	// before rebuilding; 0 means DefaultQuiet.
	Quiet time.Duration
	// Out receives the URL and one line per rebuild; Err receives
	// diagnostics and warnings. nil discards.
	Out, Err io.Writer
	// Ready, when set, is called with the URL once the first build is
	// published and the server is listening.
	Ready func(url string)
	// Rebuilt, when set, is called after each rebuild (good or not) with
	// the paths that changed; tests and benchmarks wait on it.
	Rebuilt func(changed []string, ok bool)
}

// DefaultQuiet is the watcher's default wait for a burst of changes.
const DefaultQuiet = 10 * time.Millisecond

// Run builds the site, serves it from memory with live reload, and
// rebuilds on every change until ctx is done; then it shuts down and
// returns nil. It returns an error only when it cannot listen or watch.
// Content errors never stop it: they are printed and shown in the
// browser, and the last good build stays served.
func Run(ctx context.Context, opts Options) error {
	out, errw := writerOr(opts.Out), writerOr(opts.Err)
	ln := opts.Listener
	if ln == nil {
		addr := opts.Addr
		if addr == "" {
			addr = "127.0.0.1:1313"
		}
		var err error
		if ln, err = net.Listen("tcp", addr); err != nil {
			return fmt.Errorf("listen on %s: %w", addr, err)
		}
	}
	defer ln.Close()
	url, public := baseURL(ln.Addr())
	if public {
		fmt.Fprintf(errw, "warning: listening on %s, which other machines may reach: anyone who can connect sees the preview, drafts included\n", ln.Addr())
	}

	bopts := opts.Build
	bopts.BaseURL, bopts.LiveReload = url, true
	if bopts.Source == "" {
		bopts.Source = "."
	}
	inc := build.NewIncremental(bopts)
	srv := NewServer()
	// Show an edited page as soon as it is rendered; the pages that only
	// list it (the quotes page, a profile) follow with the full rebuild.
	inc.Early = srv.Publish
	rebuild := func(paths []string) {
		up, l, err := inc.Build(ctx, paths)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			l.Errorf(diag.Pos{File: "."}, "%v", err)
		}
		ok := !l.HasErrors()
		if ok {
			srv.Publish(up.Files, up.Changed)
			printWarnings(errw, l, paths == nil)
			if paths != nil {
				fmt.Fprintf(out, "rebuilt %d of %d pages in %s (%s)\n", up.Rendered, up.Pages, up.Elapsed.Round(100*time.Microsecond), summarize(paths))
			} else {
				fmt.Fprintf(out, "built %d pages in %s\n", up.Pages, up.Elapsed.Round(time.Millisecond))
			}
		} else {
			srv.Fail(l)
			printDiagnostics(errw, l)
		}
		if opts.Rebuilt != nil {
			opts.Rebuilt(up.Changed, ok)
		}
	}
	rebuild(nil)

	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	quiet := opts.Quiet
	if quiet <= 0 {
		quiet = DefaultQuiet
	}
	wt, err := newWatcher(bopts.Source, errw)
	if err != nil {
		srv.Close()
		hs.Close()
		return err
	}
	watchCtx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	watched := make(chan error, 1)
	go func() { watched <- wt.run(watchCtx, quiet, rebuild) }()

	fmt.Fprintf(out, "serving %s on %s (press Ctrl-C to stop)\n", sourceName(bopts.Source), url)
	if opts.Ready != nil {
		opts.Ready(url)
	}
	select {
	case <-ctx.Done():
	case err = <-served:
	case err = <-watched:
	}
	stopWatch()
	srv.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := hs.Shutdown(shutdown); serr != nil && err == nil {
		err = serr
	}
	if werr := <-watched; werr != nil && err == nil {
		err = werr
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// baseURL is the URL pages are built for, and whether addr is reachable
// from other machines. An unspecified address (0.0.0.0, ::) is shown as
// 127.0.0.1, which reaches it from this machine.
func baseURL(addr net.Addr) (string, bool) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String() + "/", true
	}
	ip := tcp.IP
	public := !ip.IsLoopback()
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(ip.String(), fmt.Sprint(tcp.Port)) + "/", public
}

func sourceName(src string) string {
	if src == "" {
		return "."
	}
	return src
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

func writerOr(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
