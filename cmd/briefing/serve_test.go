package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if code, _, errOut := run(t, nil, "init", dir); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	var stdout, stderr lockedBuffer
	root := newRootCmd(&stdout, &stderr, func(string) string { return "" })
	root.SetArgs([]string{"serve", "-s", dir, "--port", "0"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()

	urlRE := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+/)`)
	var url string
	deadline := time.Now().Add(30 * time.Second)
	for url == "" {
		if m := urlRE.FindStringSubmatch(stdout.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case err := <-done:
			t.Fatalf("serve returned early: %v; stderr %q", err, stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no URL within 30s: %q", stdout.String())
		}
	}
	resp, err := http.Get(url + "overview/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "livereload.js") {
		t.Errorf("GET /overview/ = %d; want the page with the live-reload script", resp.StatusCode)
	}
	if strings.Contains(stderr.String(), "warning: listening") {
		t.Errorf("serve warned about a loopback address: %q", stderr.String())
	}

	// A request for another host name (a DNS-rebinding page) is refused.
	req, _ := http.NewRequest("GET", url+"overview/", nil)
	req.Host = "rebind.example:" + req.URL.Port()
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 403 || !strings.Contains(string(body), "DNS rebinding") {
		t.Errorf("GET with Host %s = %d %q; want 403 explaining DNS rebinding", req.Host, resp.StatusCode, body)
	}

	// Ctrl-C while a browser holds a socket it never used and an idle
	// kept-alive one (http.DefaultClient keeps the one above).
	unused, err := net.Dial("tcp", req.URL.Host)
	if err != nil {
		t.Fatal(err)
	}
	defer unused.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after Ctrl-C: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop within 5s of cancel")
	}
}

func TestServeFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--port", "70000"},
		{"serve", "--bind", "not an address"},
		{"serve", "extra"},
	} {
		if code, _, _ := run(t, nil, args...); code != 2 {
			t.Errorf("briefing %s: exit %d; want 2", strings.Join(args, " "), code)
		}
	}
}
