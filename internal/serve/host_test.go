package serve

import (
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestOwnHosts(t *testing.T) {
	ifaces := func() []net.IP {
		return []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1"), net.ParseIP("192.168.1.5"), net.ParseIP("fe80::1")}
	}
	tests := []struct {
		addr, bind string
		want       []string
	}{
		{"127.0.0.1:1313", "", []string{"127.0.0.1:1313", "localhost:1313"}},
		{"127.0.0.1:1313", "127.0.0.1", []string{"127.0.0.1:1313", "localhost:1313"}},
		{"127.0.0.1:8080", "localhost", []string{"127.0.0.1:8080", "localhost:8080"}},
		{"[::1]:1313", "::1", []string{"[::1]:1313", "localhost:1313", "127.0.0.1:1313"}},
		{"192.168.1.5:1313", "192.168.1.5", []string{"192.168.1.5:1313", "localhost:1313", "127.0.0.1:1313"}},
		{"0.0.0.0:1313", "0.0.0.0", []string{"127.0.0.1:1313", "localhost:1313", "[::1]:1313", "192.168.1.5:1313", "[fe80::1]:1313"}},
		{"[::]:1313", "::", []string{"127.0.0.1:1313", "localhost:1313", "[::1]:1313", "192.168.1.5:1313", "[fe80::1]:1313"}},
	}
	for _, tc := range tests {
		a, err := net.ResolveTCPAddr("tcp", tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := ownHosts(a, tc.bind, ifaces); !slices.Equal(got, tc.want) {
			t.Errorf("ownHosts(%s, %q) = %q; want %q", tc.addr, tc.bind, got, tc.want)
		}
	}
}

func TestHostCheck(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("page")) })
	tests := []struct {
		hosts  []string
		host   string
		status int
	}{
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "127.0.0.1:1313", 200},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "localhost:1313", 200},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "LocalHost:1313", 200},
		{[]string{"[::1]:1313"}, "[::1]:1313", 200},
		{[]string{"[::1]:1313"}, "[0:0:0:0:0:0:0:1]:1313", 200},
		{[]string{"127.0.0.1:80", "localhost:80"}, "localhost", 200},
		{[]string{"127.0.0.1:80", "localhost:80"}, "127.0.0.1:80", 200},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "evil.example:1313", 403},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "evil.example", 403},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "127.0.0.1.nip.io:1313", 403},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "localhost.:1313", 403},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "localhost", 403},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "localhost:1314", 403},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "127.0.0.1:1313:1313", 403},
		{[]string{"127.0.0.1:1313", "localhost:1313"}, "", 403},
		{[]string{"127.0.0.1:80", "localhost:80"}, "localhost:8080", 403},
	}
	for _, tc := range tests {
		h := newHostCheck(tc.hosts, ok)
		for _, target := range []string{"/", "/" + EventsPath, "/" + ScriptPath} {
			r := httptest.NewRequest("GET", target, nil)
			r.Host = tc.host
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tc.status {
				t.Errorf("GET %s with Host %q (allowed %q): status %d; want %d", target, tc.host, tc.hosts, w.Code, tc.status)
				continue
			}
			body := w.Body.String()
			if tc.status == 200 {
				if body != "page" {
					t.Errorf("GET %s with Host %q: body %q; want the page", target, tc.host, body)
				}
				continue
			}
			if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Errorf("GET %s with Host %q: Content-Type %q; want plain text", target, tc.host, ct)
			}
			for _, want := range []string{"only to its own address", tc.hosts[0], "DNS rebinding", "Open http://" + tc.hosts[0] + "/"} {
				if !strings.Contains(body, want) {
					t.Errorf("GET %s with Host %q: body %q; want it to say %q", target, tc.host, body, want)
				}
			}
		}
	}
}

func TestRunRefusesForeignHosts(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, 30)
	r := start(t, dir)
	defer r.stop()
	hostport := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
	_, port, _ := net.SplitHostPort(hostport)
	for _, host := range []string{hostport, "localhost:" + port, "LOCALHOST:" + port} {
		for _, target := range []string{"/", "/sec-00/page-00003/", "/" + ScriptPath} {
			c := dial(t, r.url)
			if code, body, err := c.get(host, target, 5*time.Second); err != nil || code != 200 {
				t.Errorf("GET %s with Host %q = %d, %v; want 200 (body %q)", target, host, code, err, body)
			}
		}
	}
	for _, host := range []string{"evil.example:" + port, "evil.example", "localhost", "127.0.0.1:1", "127.0.0.1.nip.io:" + port} {
		for _, target := range []string{"/", "/sec-00/page-00003/", "/" + ScriptPath, "/" + EventsPath, "/no/such/page/"} {
			c := dial(t, r.url)
			code, body, err := c.get(host, target, 5*time.Second)
			if err != nil || code != 403 || !strings.Contains(body, "only to its own address") || !strings.Contains(body, "DNS rebinding") {
				t.Errorf("GET %s with Host %q = %d, %v, %q; want 403 explaining DNS rebinding", target, host, code, err, body)
			}
		}
	}
}
