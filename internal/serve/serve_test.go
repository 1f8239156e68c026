package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	briefing "github.com/briefing-dev/briefing"
	"github.com/briefing-dev/briefing/internal/build"
)

// writeSite writes a briefing of about n pages into dir: people, topics
// that quote them, and sections of plain pages.
func writeSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	w := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	people := max(n/20, 2)
	topics := min(max(n/250, 1), 40)
	w("briefing.yaml", "title: Test briefing\nsides:\n  - id: a\n    label: Side A\n  - id: b\n    label: Side B\n")
	w("content/_index.md", "---\ntitle: Home\nsummary: A test briefing.\n---\nWelcome.\n")
	body := strings.Repeat("The delegations met for a long session and talked about many things. ", 30)
	for i := range people {
		w(fmt.Sprintf("content/participants/p-%04d.md", i), fmt.Sprintf("---\nname: Person %d\nrole: Minister\nside: %s\nat_table: {present: yes}\n---\nAbout person %d.\n", i, []string{"a", "b"}[i%2], i))
	}
	for i := range topics {
		w(fmt.Sprintf("content/topic-%03d.md", i), fmt.Sprintf("---\ntitle: Topic %d\nweight: %d\nquotes:\n  - by: p-%04d\n    text: \"Words on topic %d.\"\n---\n## Background\n\n%s\n", i, i, i%people, i, body))
	}
	for i := range max(n-people-topics-1, 0) {
		w(fmt.Sprintf("content/sec-%02d/page-%05d.md", i/500, i), fmt.Sprintf("---\ntitle: Page %d\nquotes:\n  - by: p-%04d\n    text: \"Said on page %d.\"\n---\n# Page %d\n\n%s\n\nSee [someone](../participants/p-%04d.md).\n", i, i%people, i, i, body, (i+7)%people))
	}
}

// running is a Run in the background, with its rebuilds on a channel.
type running struct {
	url      string
	rebuilds chan []string // the changed paths of each good rebuild; nil for a failed one
	out, err *syncBuffer
	stop     func() error
}

// start runs Run on the site in dir, listening on 127.0.0.1, with the
// options as set by each of with.
func start(tb testing.TB, dir string, with ...func(*Options)) *running {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{rebuilds: make(chan []string, 100), out: &syncBuffer{}, err: &syncBuffer{}}
	ready := make(chan string, 1)
	done := make(chan error, 1)
	opts := Options{
		Build:    build.Options{Source: dir, Theme: briefing.Theme},
		Listener: ln,
		Out:      r.out, Err: r.err,
		Ready: func(url string) { ready <- url },
		Rebuilt: func(changed []string, ok bool) {
			if !ok {
				changed = nil
			} else if changed == nil {
				changed = []string{}
			}
			r.rebuilds <- changed
		},
	}
	for _, f := range with {
		f(&opts)
	}
	go func() { done <- Run(ctx, opts) }()
	select {
	case r.url = <-ready:
	case err := <-done:
		tb.Fatalf("Run returned before it was ready: %v", err)
	case <-time.After(60 * time.Second):
		tb.Fatal("Run not ready within 60s")
	}
	<-r.rebuilds // the first build
	r.stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			return fmt.Errorf("Run did not return within 10s of cancel")
		}
	}
	return r
}

// nextRebuild waits for the next rebuild.
func (r *running) nextRebuild(tb testing.TB) []string {
	tb.Helper()
	select {
	case c := <-r.rebuilds:
		return c
	case <-time.After(30 * time.Second):
		tb.Fatal("no rebuild within 30s")
	}
	return nil
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, 30)
	r := start(t, dir)
	if !strings.HasPrefix(r.url, "http://127.0.0.1:") {
		t.Errorf("URL %q; want http://127.0.0.1:PORT/", r.url)
	}
	if !strings.Contains(r.out.String(), r.url) {
		t.Errorf("the URL is not printed: %q", r.out.String())
	}
	code, body := httpGet(t, r.url+"sec-00/page-00003/")
	if code != 200 || !strings.Contains(body, `<script src="/_briefing/livereload.js">`) {
		t.Fatalf("GET page = %d; want 200 with the live-reload script:\n%s", code, body)
	}
	if !strings.Contains(body, `href="`+r.url+`sec-00/page-00003/"`) {
		t.Errorf("the canonical link does not use the serve URL %s", r.url)
	}
	if code, body := httpGet(t, r.url+"no/such/page/"); code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("GET missing page = %d; want 404 with 404.html", code)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Errorf("serve wrote public/")
	}
	st := openStream(t, strings.TrimSuffix(r.url, "/"))

	// An edit: the page is rebuilt and the browser told.
	page := filepath.Join(dir, "content", "sec-00", "page-00003.md")
	data, _ := os.ReadFile(page)
	os.WriteFile(page, bytes.Replace(data, []byte("See [someone]"), []byte("Read about [someone]"), 1), 0o644)
	r.nextRebuild(t)
	if m := st.next(); !contains(m.Changed, "sec-00/page-00003/index.html") {
		t.Fatalf("after an edit the browser got %+v; want the page named", m)
	}
	// The pages first; the files for machines (the search index is made
	// again after an edit to a body) in a message of their own.
	if m := st.next(); !contains(m.Changed, "search/index.json") || contains(m.Changed, "sec-00/page-00003/index.html") {
		t.Fatalf("after an edit the browser then got %+v; want the search index, not the page again", m)
	}
	if _, body := httpGet(t, r.url+"sec-00/page-00003/"); !strings.Contains(body, "Read about") {
		t.Errorf("the edit is not served")
	}

	// A quote edit elsewhere reaches the speaker's profile.
	data, _ = os.ReadFile(page)
	os.WriteFile(page, bytes.Replace(data, []byte("Said on page 3."), []byte("Spoke on page 3."), 1), 0o644)
	r.nextRebuild(t)
	// First the edited page alone, then the pages that list the quote.
	if m := st.next(); !contains(m.Changed, "sec-00/page-00003/index.html") || contains(m.Changed, "participants/p-0001/index.html") {
		t.Fatalf("after a quote edit the browser first got %+v; want the edited page alone", m)
	}
	if m := st.next(); !contains(m.Changed, "participants/p-0001/index.html") || contains(m.Changed, "sec-00/page-00003/index.html") {
		t.Fatalf("after a quote edit the browser then got %+v; want the speaker's profile, not the page again", m)
	}
	if m := st.next(); !contains(m.Changed, "search/index.json") || contains(m.Changed, "participants/p-0001/index.html") {
		t.Fatalf("after a quote edit the browser last got %+v; want the search index", m)
	}

	// A broken edit: the overlay, the terminal, and the last good page.
	data, _ = os.ReadFile(page)
	os.WriteFile(page, bytes.Replace(data, []byte("by: p-0001"), []byte("by: nobody"), 1), 0o644)
	if c := r.nextRebuild(t); c != nil {
		t.Fatalf("a broken edit built")
	}
	m := st.next()
	if len(m.Errors) != 1 || !strings.HasPrefix(m.Errors[0], "content/sec-00/page-00003.md:4:9: unknown person \"nobody\"") {
		t.Fatalf("after a broken edit the browser got %+v; want the error with its position", m)
	}
	if !strings.Contains(r.err.String(), "content/sec-00/page-00003.md:4:9: unknown person") {
		t.Errorf("the terminal did not get the error: %q", r.err.String())
	}
	if _, body := httpGet(t, r.url+"sec-00/page-00003/"); !strings.Contains(body, "Spoke on page 3.") {
		t.Errorf("the last good page is not served during the error")
	}

	// The fix clears it.
	os.WriteFile(page, data, 0o644)
	r.nextRebuild(t)
	if m := st.next(); len(m.Errors) != 0 {
		t.Fatalf("after the fix the browser got %+v; want no errors", m)
	}

	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	// The event stream ends with the server.
	select {
	case _, ok := <-st.events:
		if ok {
			t.Error("an event after shutdown")
		}
	case <-time.After(10 * time.Second):
		t.Error("the event stream stayed open after shutdown")
	}
}

func TestRunWarnsWhenNotLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr   string
		url    string
		public bool
	}{
		{"127.0.0.1:1313", "http://127.0.0.1:1313/", false},
		{"[::1]:1313", "http://[::1]:1313/", false},
		{"0.0.0.0:1313", "http://127.0.0.1:1313/", true},
		{"192.168.1.5:8080", "http://192.168.1.5:8080/", true},
	} {
		a, err := net.ResolveTCPAddr("tcp", tc.addr)
		if err != nil {
			t.Fatal(err)
		}
		url, public := baseURL(a)
		if url != tc.url || public != tc.public {
			t.Errorf("baseURL(%s) = %q, %v; want %q, %v", tc.addr, url, public, tc.url, tc.public)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// BenchmarkServeEdit10k measures, in a site of 10,000 pages served by
// Run, the time from saving an edited page to the browser's event stream
// naming it: the file event, the watcher's quiet period (DefaultQuiet),
// the incremental rebuild and the Server-Sent Event.
func BenchmarkServeEdit10k(b *testing.B) {
	dir := b.TempDir()
	writeSite(b, dir, 10000)
	r := start(b, dir)
	defer r.stop()
	events := make(chan message, 16)
	resp, err := http.Get(r.url + EventsPath)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	go readEvents(resp.Body, events)

	rel := filepath.Join("content", "sec-03", "page-01503.md")
	p := filepath.Join(dir, rel)
	orig, _ := os.ReadFile(p)
	want := "sec-03/page-01503/index.html"
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(p, bytes.Replace(orig, []byte("See [someone]"), []byte(fmt.Sprintf("See %d [someone]", i)), 1), 0o644); err != nil {
			b.Fatal(err)
		}
		for got := false; !got; {
			select {
			case m := <-events:
				got = m.All || contains(m.Changed, want)
			case <-time.After(30 * time.Second):
				b.Fatalf("no event within 30s; the server said:\n%s%s", r.out, r.err)
			}
		}
	}
}

func readEvents(body io.Reader, events chan<- message) {
	buf := make([]byte, 1<<16)
	var pending []byte
	for {
		n, err := body.Read(buf)
		pending = append(pending, buf[:n]...)
		for {
			i := bytes.Index(pending, []byte("\n\n"))
			if i < 0 {
				break
			}
			ev := string(pending[:i])
			pending = pending[i+2:]
			for _, line := range strings.Split(ev, "\n") {
				if data, ok := strings.CutPrefix(line, "data: "); ok {
					var m message
					if json.Unmarshal([]byte(data), &m) == nil {
						events <- m
					}
				}
			}
		}
		if err != nil {
			close(events)
			return
		}
	}
}

// BenchmarkServeEditPoll10k measures what an editor sees: in a site of
// 10,000 pages served by Run, the time from saving a page to a client that
// polls that page over HTTP getting the new text. "body" edits the
// Markdown only; "quote" edits a quote that the speaker's profile and the
// quotes page also show (the edited page is served first, the pages that
// list it follow). Each edit waits, untimed, for the last rebuild to end,
// as an editor's saves are seconds apart.
func BenchmarkServeEditPoll10k(b *testing.B) {
	dir := b.TempDir()
	writeSite(b, dir, 10000)
	r := start(b, dir)
	defer r.stop()
	for len(r.rebuilds) > 0 {
		<-r.rebuilds
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for _, bc := range []struct{ name, old string }{{"body", "See [someone]"}, {"quote", "Said on page"}} {
		b.Run(bc.name, func(b *testing.B) {
			rel := filepath.Join("content", "sec-03", "page-01503.md")
			p := filepath.Join(dir, rel)
			orig, _ := os.ReadFile(p)
			url := r.url + "sec-03/page-01503/"
			// save writes the page as editors save it (a new file renamed
			// over the old) and returns how long until a client polling
			// the page gets the new text; it then waits for the whole
			// rebuild to end, as an editor's saves are seconds apart.
			save := func(marker string) time.Duration {
				tmp := filepath.Join(dir, "edit.tmp")
				data := orig
				if marker != "" {
					data = bytes.Replace(orig, []byte(bc.old), []byte(marker+" "+bc.old), 1)
				}
				if err := os.WriteFile(tmp, data, 0o644); err != nil {
					b.Fatal(err)
				}
				saved := time.Now()
				if err := os.Rename(tmp, p); err != nil {
					b.Fatal(err)
				}
				var took time.Duration
				for deadline := time.Now().Add(30 * time.Second); marker != ""; {
					resp, err := client.Get(url)
					if err != nil {
						b.Fatal(err)
					}
					body, _ := io.ReadAll(resp.Body)
					resp.Body.Close()
					if bytes.Contains(body, []byte(marker)) {
						took = time.Since(saved)
						break
					}
					if time.Now().After(deadline) {
						b.Fatalf("the edit was not served within 30s; the server said:\n%s%s", r.out, r.err)
					}
					time.Sleep(time.Millisecond)
				}
				for done := false; !done; {
					select {
					case c := <-r.rebuilds:
						done = c != nil
					case <-time.After(30 * time.Second):
						b.Fatal("the rebuild did not end within 30s")
					}
				}
				return took
			}
			defer save("")
			save("Warm" + bc.name) // the first edit of a kind primes the caches
			var seen time.Duration
			for i := 0; b.Loop(); i++ {
				seen += save(fmt.Sprintf("Edit%d%s", i, bc.name))
			}
			// ns/op includes the wait for the whole rebuild; ms-to-page
			// is what the editor waits for.
			b.ReportMetric(float64(seen.Microseconds())/1000/float64(b.N), "ms-to-page")
		})
	}
}
