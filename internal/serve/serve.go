package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/briefing-dev/briefing/internal/build"
)

// Options configure Run. The zero value serves the site in the current
// folder on 127.0.0.1:1313.
type Options struct {
	// Build holds the site folder, the theme, --drafts and Debug (a
	// stack with an internal error). Run sets its BaseURL to the address
	// served and turns LiveReload on.
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
	// IdleTimeout is how long a kept-alive connection may wait for its
	// next request before the server closes it; 0 means
	// DefaultIdleTimeout. An open event stream is a request in progress,
	// not an idle connection: it stays open.
	IdleTimeout time.Duration
	// MaxConns caps the connections open at once; more wait until one
	// closes. 0 means DefaultMaxConns.
	MaxConns int

	// beforeBuild, when set, runs at the start of every build, inside
	// its panic guard: tests make a build panic or stop with it.
	beforeBuild func(paths []string)
}

const (
	// DefaultQuiet is the watcher's default wait for a burst of changes.
	DefaultQuiet = 10 * time.Millisecond
	// DefaultIdleTimeout is how long an idle kept-alive connection stays
	// open: long enough for a browser to reuse it between clicks.
	DefaultIdleTimeout = 30 * time.Second
	// DefaultMaxConns is the default cap on open connections: a browser
	// opens about six to a host, so this leaves room for several
	// browsers and tools while bounding what one client can hold open.
	DefaultMaxConns = 64
)

const (
	// readHeaderTimeout bounds how long a connection may take to send a
	// request's headers; a socket a browser opened ahead of time and
	// never used is closed after it.
	readHeaderTimeout = 10 * time.Second
	// shutdownGrace is how long Run lets requests in progress finish
	// once ctx is done, before it closes every connection. Answers come
	// from memory in microseconds; what may be left after it is a socket
	// a browser opened ahead of time and never used, which
	// http.Server.Shutdown alone would wait 5 s for.
	shutdownGrace = 250 * time.Millisecond
)

// Run builds the site, serves it from memory with live reload, and
// rebuilds on every change until ctx is done; then it closes every
// connection, event streams and idle sockets included, and returns nil
// within a quarter of a second (plus the time a build under way takes to
// stop); a cancel during the first build returns nil too.
// It returns an error only when it cannot listen or watch. Content errors
// never stop it, nor does a panic during a rebuild: they are printed and
// shown in the browser, and the last good build stays served.
//
// The server answers only requests addressed to itself (see ownHosts):
// any other Host header gets 403, which defeats DNS rebinding.
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
	bind, _, _ := net.SplitHostPort(opts.Addr)

	bopts := opts.Build
	bopts.BaseURL, bopts.LiveReload = url, true
	if bopts.Source == "" {
		bopts.Source = "."
	}
	srv := NewServer()
	rb := &rebuilder{ctx: ctx, opts: bopts, srv: srv, out: out, errw: errw,
		before: opts.beforeBuild, rebuilt: opts.Rebuilt}
	rb.fresh()
	rb.run(nil)
	if ctx.Err() != nil {
		// Ctrl-C during the first build: nothing was served yet.
		return nil
	}

	maxConns := opts.MaxConns
	if maxConns <= 0 {
		maxConns = DefaultMaxConns
	}
	hs := newHTTPServer(ctx, newHostCheck(ownHosts(ln.Addr(), bind, interfaceIPs), srv), opts.IdleTimeout)
	served := make(chan error, 1)
	go func() { served <- hs.Serve(newLimitListener(ln, maxConns)) }()

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
	go func() { watched <- wt.run(watchCtx, quiet, rb.run) }()

	fmt.Fprintf(out, "serving %s on %s (press Ctrl-C to stop)\n", sourceName(bopts.Source), url)
	if opts.Ready != nil {
		opts.Ready(url)
	}
	watching := true
	select {
	case <-ctx.Done():
	case err = <-served:
	case err = <-watched:
		watching = false
	}
	stopWatch()
	srv.Close() // ends the event streams
	stopHTTP(hs)
	if watching {
		if werr := <-watched; werr != nil && err == nil {
			err = werr
		}
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

func writerOr(w io.Writer) io.Writer {
	if w == nil {
		return io.Discard
	}
	return w
}
