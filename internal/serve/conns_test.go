package serve

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// conn is a raw keep-alive HTTP/1.1 connection to a running server, so
// that tests control the Host header and see when the server closes it.
type conn struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func dial(t *testing.T, url string) *conn {
	t.Helper()
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &conn{t: t, c: c, br: bufio.NewReader(c)}
}

// get sends a GET for target with the given Host and reads the answer
// within wait; it returns an error when none came.
func (c *conn) get(host, target string, wait time.Duration) (int, string, error) {
	c.t.Helper()
	if _, err := io.WriteString(c.c, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\n\r\n"); err != nil {
		return 0, "", err
	}
	c.c.SetReadDeadline(time.Now().Add(wait))
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		return 0, "", err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(body), err
}

// closedWithin reports whether the server closed the connection within
// wait: a read ends with EOF or a reset rather than the deadline.
func (c *conn) closedWithin(wait time.Duration) bool {
	c.c.SetReadDeadline(time.Now().Add(wait))
	_, err := c.br.ReadByte()
	var ne net.Error
	return err != nil && !(errors.As(err, &ne) && ne.Timeout())
}

func TestRunClosesIdleConnections(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, 30)
	r := start(t, dir, func(o *Options) { o.IdleTimeout = 50 * time.Millisecond })
	defer r.stop()
	host := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
	c := dial(t, r.url)
	if code, _, err := c.get(host, "/", 5*time.Second); err != nil || code != 200 {
		t.Fatalf("GET / = %d, %v; want 200", code, err)
	}
	if !c.closedWithin(5 * time.Second) {
		t.Fatal("an idle keep-alive connection stayed open past IdleTimeout")
	}
	// An event stream is not idle: it outlives IdleTimeout.
	st := openStream(t, strings.TrimSuffix(r.url, "/"))
	time.Sleep(200 * time.Millisecond)
	page := filepath.Join(dir, "content", "sec-00", "page-00003.md")
	data, _ := os.ReadFile(page)
	os.WriteFile(page, bytes.Replace(data, []byte("See [someone]"), []byte("Read about [someone]"), 1), 0o644)
	r.nextRebuild(t)
	if m := st.next(); !contains(m.Changed, "sec-00/page-00003/index.html") {
		t.Fatalf("after IdleTimeout the event stream got %+v; want the edited page", m)
	}
}

func TestRunCapsConnections(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, 30)
	r := start(t, dir, func(o *Options) { o.MaxConns = 2 })
	defer r.stop()
	host := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
	a, b := dial(t, r.url), dial(t, r.url)
	for _, c := range []*conn{a, b} {
		if code, _, err := c.get(host, "/", 5*time.Second); err != nil || code != 200 {
			t.Fatalf("GET / = %d, %v; want 200", code, err)
		}
	}
	// Both slots are held by open keep-alive connections: a third waits.
	c := dial(t, r.url)
	if code, _, err := c.get(host, "/", 300*time.Millisecond); err == nil {
		t.Fatalf("a third connection over MaxConns 2 was answered (%d)", code)
	}
	// Once one closes, it is served.
	a.c.Close()
	c.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the waiting connection after one closed: %v, %v; want 200", resp, err)
	}
	resp.Body.Close()
}

// TestRunStopsWithOpenConnections is Ctrl-C while a browser holds a
// socket it opened ahead of time, an idle kept-alive one and an event
// stream: net/http's Shutdown alone waits 5 s for the first and then
// fails.
func TestRunStopsWithOpenConnections(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, 30)
	r := start(t, dir)
	host := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
	unused := dial(t, r.url)
	idle := dial(t, r.url)
	// The server accepts in order, so once idle is answered, unused has
	// been accepted too.
	if code, _, err := idle.get(host, "/", 5*time.Second); err != nil || code != 200 {
		t.Fatalf("GET / = %d, %v; want 200", code, err)
	}
	st := openStream(t, strings.TrimSuffix(r.url, "/"))

	t0 := time.Now()
	done := make(chan error, 1)
	go func() { done <- r.stop() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run after cancel: %v; want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return within 5s of cancel")
	}
	t.Logf("Run returned %s after cancel", time.Since(t0).Round(time.Millisecond))
	for name, c := range map[string]*conn{"an unused": unused, "an idle": idle} {
		if !c.closedWithin(5 * time.Second) {
			t.Errorf("%s connection stayed open after Run returned", name)
		}
	}
	select {
	case _, ok := <-st.events:
		if ok {
			t.Error("an event after shutdown")
		}
	case <-time.After(5 * time.Second):
		t.Error("the event stream stayed open after Run returned")
	}
}

// TestLimitListenerClose: closing the listener wakes an Accept that waits
// for a free slot, and a closed connection gives its slot back once.
func TestLimitListenerClose(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := newLimitListener(inner, 1)
	for range 2 {
		c, err := net.Dial("tcp", inner.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
	}
	first, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	first.Close()
	first.Close() // a second Close must not free a second slot
	second, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if len(ln.slots) != 1 {
		t.Fatalf("%d slots taken with one connection open; want 1", len(ln.slots))
	}
	accepted := make(chan error, 1)
	go func() {
		_, err := ln.Accept() // waits: the one slot is taken
		accepted <- err
	}()
	ln.Close()
	select {
	case err := <-accepted:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("Accept after Close: %v; want net.ErrClosed", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not wake a waiting Accept")
	}
}
