package serve

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"
)

// limitListener accepts at most n connections at a time: Accept waits
// until one of them closes, and the connections beyond the cap wait in the
// kernel's queue. A browser opens about six connections to a host, one
// held by each tab's event stream; the cap only bounds what a runaway
// client can hold open. It works as golang.org/x/net/netutil's
// LimitListener does; the module does not depend on x/net.
type limitListener struct {
	net.Listener
	slots     chan struct{} // one token per open connection
	done      chan struct{} // closed by Close
	closeOnce sync.Once
}

func newLimitListener(ln net.Listener, n int) *limitListener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

// Accept waits for a free slot, then for a connection.
func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
}

// Close stops listening and wakes an Accept waiting for a slot.
func (l *limitListener) Close() error {
	err := l.Listener.Close()
	l.closeOnce.Do(func() { close(l.done) })
	return err
}

// limitConn gives its slot back when closed, once.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// CloseWrite half-closes the connection, as *net.TCPConn does: net/http
// uses it to end a response cleanly before closing.
func (c *limitConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// newHTTPServer returns the server for h: request contexts end with ctx,
// a request's headers must arrive within readHeaderTimeout, and an idle
// kept-alive connection is closed after idle (0 means DefaultIdleTimeout).
// There is no write timeout: an event stream is one response that lasts
// as long as the browser tab.
func newHTTPServer(ctx context.Context, h http.Handler, idle time.Duration) *http.Server {
	if idle <= 0 {
		idle = DefaultIdleTimeout
	}
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout:       idle,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
}

// stopHTTP stops hs within shutdownGrace: the requests in progress may
// finish, then every connection is closed. Close the event streams first
// (Server.Close), or they are cut.
func stopHTTP(hs *http.Server) {
	grace, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if hs.Shutdown(grace) != nil {
		// A socket a browser opened ahead of time and never used counts
		// as busy for 5 s in net/http: close it and whatever else is left.
		hs.Close()
	}
}
