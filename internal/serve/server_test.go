package serve

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/briefing-dev/briefing/internal/diag"
)

func testFiles() map[string][]byte {
	return map[string][]byte{
		"index.html":       []byte("<h1>home</h1>"),
		"talks/index.html": []byte("<h1>talks</h1>"),
		"404.html":         []byte("<h1>not here</h1>"),
		"css/site.css":     []byte("body{}"),
		"img/logo.svg":     []byte("<svg/>"),
	}
}

func get(t *testing.T, h http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://127.0.0.1/", nil)
	// Set the raw target by hand: NewRequest and http.Client would clean
	// some of the paths under test.
	r.RequestURI = target
	u, err := url.ParseRequestURI(target)
	if err != nil {
		t.Fatalf("parse %q: %v", target, err)
	}
	r.URL = u
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestServeFiles(t *testing.T) {
	s := NewServer()
	s.Publish(testFiles(), nil)
	tests := []struct {
		name, method, target string
		status               int
		body, ctype, loc     string
	}{
		{"home", "GET", "/", 200, "<h1>home</h1>", "text/html; charset=utf-8", ""},
		{"home by name", "GET", "/index.html", 200, "<h1>home</h1>", "text/html; charset=utf-8", ""},
		{"page", "GET", "/talks/", 200, "<h1>talks</h1>", "text/html; charset=utf-8", ""},
		{"page with query", "GET", "/talks/?x=1", 200, "<h1>talks</h1>", "", ""},
		{"folder without slash", "GET", "/talks?x=1", 301, "", "", "/talks/?x=1"},
		{"stylesheet", "GET", "/css/site.css", 200, "body{}", "text/css; charset=utf-8", ""},
		{"svg", "GET", "/img/logo.svg", 200, "<svg/>", "image/svg+xml", ""},
		{"script", "GET", "/_briefing/livereload.js", 200, "EventSource", "text/javascript; charset=utf-8", ""},
		{"head", "HEAD", "/talks/", 200, "", "text/html; charset=utf-8", ""},
		{"missing", "GET", "/nowhere/", 404, "<h1>not here</h1>", "text/html; charset=utf-8", ""},
		{"folder listing", "GET", "/css/", 404, "<h1>not here</h1>", "", ""},
		{"post", "POST", "/", 405, "", "", ""},
		{"dot dot", "GET", "/../etc/passwd", 400, "", "", ""},
		{"dot dot inside", "GET", "/talks/../../etc/passwd", 400, "", "", ""},
		{"encoded dot dot", "GET", "/%2e%2e/etc/passwd", 400, "", "", ""},
		{"encoded dot dot upper", "GET", "/%2E%2E/%2E%2E/etc/passwd", 400, "", "", ""},
		{"encoded slash", "GET", "/..%2fetc%2fpasswd", 400, "", "", ""},
		{"backslash", "GET", "/..\\..\\etc\\passwd", 400, "", "", ""},
		{"encoded backslash", "GET", "/..%5c..%5cetc%5cpasswd", 400, "", "", ""},
		{"dot segment", "GET", "/./index.html", 400, "", "", ""},
		{"double slash", "GET", "//etc/passwd", 400, "", "", ""},
		{"nul", "GET", "/index.html%00.css", 400, "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := get(t, s, tc.method, tc.target)
			if w.Code != tc.status {
				t.Fatalf("%s %s: status %d; want %d (body %q)", tc.method, tc.target, w.Code, tc.status, w.Body.String())
			}
			if tc.body != "" && !strings.Contains(w.Body.String(), tc.body) {
				t.Errorf("%s %s: body %q; want it to contain %q", tc.method, tc.target, w.Body.String(), tc.body)
			}
			if tc.method == "HEAD" && w.Body.Len() != 0 {
				t.Errorf("HEAD %s: body %q; want none", tc.target, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); tc.ctype != "" && ct != tc.ctype {
				t.Errorf("%s %s: Content-Type %q; want %q", tc.method, tc.target, ct, tc.ctype)
			}
			if loc := w.Header().Get("Location"); loc != tc.loc {
				t.Errorf("%s %s: Location %q; want %q", tc.method, tc.target, loc, tc.loc)
			}
		})
	}
}

// TestServeOverHTTP sends the traversal attempts over a real connection,
// as a browser or curl --path-as-is would.
func TestServeOverHTTP(t *testing.T) {
	s := NewServer()
	s.Publish(testFiles(), nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	for _, target := range []string{"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd", "/..\\etc\\passwd"} {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode == 200 || strings.Contains(string(body), "root:") {
			t.Errorf("GET %s: status %d, body %q; want it refused", target, resp.StatusCode, body)
		}
	}
}

// stream reads "update" events from the server's event stream.
type stream struct {
	t      *testing.T
	events chan message
}

func openStream(t *testing.T, base string) *stream {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), "GET", base+"/"+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("open event stream: %v", err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream Content-Type %q", ct)
	}
	st := &stream{t: t, events: make(chan message, 16)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			data, ok := strings.CutPrefix(sc.Text(), "data: ")
			if !ok {
				continue
			}
			var m message
			if err := json.Unmarshal([]byte(data), &m); err != nil {
				t.Errorf("bad event data %q: %v", data, err)
				return
			}
			st.events <- m
		}
		close(st.events)
	}()
	return st
}

// next waits for the next event, failing after a generous timeout.
func (st *stream) next() message {
	st.t.Helper()
	select {
	case m, ok := <-st.events:
		if !ok {
			st.t.Fatal("event stream closed")
		}
		return m
	case <-time.After(10 * time.Second):
		st.t.Fatal("no event within 10s")
	}
	return message{}
}

func TestReloadAndOverlay(t *testing.T) {
	s := NewServer()
	s.Publish(testFiles(), nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	defer s.Close()
	st := openStream(t, ts.URL)

	files := testFiles()
	files["talks/index.html"] = []byte("<h1>talks, edited</h1>")
	s.Publish(files, []string{"talks/index.html"})
	if m := st.next(); len(m.Errors) != 0 || m.All || strings.Join(m.Changed, ",") != "talks/index.html" {
		t.Fatalf("after an edit: %+v; want talks/index.html changed", m)
	}

	s.Fail(diag.List{{Pos: diag.Pos{File: "content/talks.md", Line: 3, Col: 7}, Msg: "unknown person \"nobody\""}})
	m := st.next()
	if want := `content/talks.md:3:7: unknown person "nobody"`; len(m.Errors) != 1 || m.Errors[0] != want {
		t.Fatalf("after a failed build: %+v; want the error %q", m, want)
	}
	// The last good build is still served.
	if w := get(t, s, "GET", "/talks/"); w.Code != 200 || !strings.Contains(w.Body.String(), "edited") {
		t.Errorf("during a failed build GET /talks/ = %d %q; want the last good page", w.Code, w.Body.String())
	}
	// A browser that connects now sees the errors at once.
	late := openStream(t, ts.URL)
	if m := late.next(); len(m.Errors) != 1 {
		t.Fatalf("a stream opened during a failed build got %+v; want the error", m)
	}

	s.Publish(files, nil)
	if m := st.next(); len(m.Errors) != 0 {
		t.Fatalf("after the fix: %+v; want the errors cleared", m)
	}
	files["css/site.css"] = []byte("body{color:red}")
	s.Publish(files, []string{"css/site.css"})
	if m := st.next(); !m.All {
		t.Fatalf("after a stylesheet change: %+v; want every page to reload", m)
	}
}

func TestErrorPageBeforeFirstBuild(t *testing.T) {
	s := NewServer()
	s.Fail(diag.List{{Pos: diag.Pos{File: "briefing.yaml", Line: 1, Col: 1}, Msg: "briefing.yaml has no title; add \"title: ...\" with the briefing's name"}})
	w := get(t, s, "GET", "/talks/")
	body := w.Body.String()
	if w.Code != 500 || !strings.Contains(body, `class="briefing-overlay"`) || !strings.Contains(body, "briefing.yaml:1:1: briefing.yaml has no title") {
		t.Fatalf("GET before any good build = %d %q; want the overlay with the error", w.Code, body)
	}
	if !strings.Contains(body, "/"+ScriptPath) {
		t.Errorf("the error page lacks the live-reload script: %q", body)
	}
	if strings.Contains(body, `"title: ..."`) {
		t.Errorf("the error page does not escape the message: %q", body)
	}
}
