package serve

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	briefing "github.com/briefing-dev/briefing"
	"github.com/briefing-dev/briefing/internal/build"
)

func TestRunStopsDuringFirstBuild(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, 30)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{
			Build:       build.Options{Source: dir, Theme: briefing.Theme},
			Listener:    ln,
			Out:         &out,
			Ready:       func(string) { t.Error("Run was ready after a cancel during the first build") },
			beforeBuild: func([]string) { cancel() }, // Ctrl-C as the build starts
		})
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after a cancel during the first build: %v; want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return within 5s of a cancel during the first build")
	}
	if strings.Contains(out.String(), "serving") {
		t.Errorf("Run started serving after a cancel: %q", out.String())
	}
}

func TestRunSurvivesPanickingRebuild(t *testing.T) {
	for _, debug := range []bool{false, true} {
		t.Run(map[bool]string{false: "quiet", true: "debug"}[debug], func(t *testing.T) {
			dir := t.TempDir()
			writeSite(t, dir, 30)
			var armed atomic.Bool
			r := start(t, dir, func(o *Options) {
				o.Build.Debug = debug
				o.beforeBuild = func([]string) {
					if armed.Load() {
						panic("boom")
					}
				}
			})
			defer r.stop()
			st := openStream(t, strings.TrimSuffix(r.url, "/"))
			page := filepath.Join(dir, "content", "sec-00", "page-00003.md")
			orig, _ := os.ReadFile(page)

			armed.Store(true)
			os.WriteFile(page, bytes.Replace(orig, []byte("See [someone]"), []byte("Panic over [someone]"), 1), 0o644)
			if c := r.nextRebuild(t); c != nil {
				t.Fatalf("a panicking rebuild reported success: %q", c)
			}
			want := ".: internal error in the rebuild stage: boom; please report it (run with BRIEFING_DEBUG=1 to add a stack trace)"
			if debug {
				want = ".: internal error in the rebuild stage: boom; please report it with this stack:\ngoroutine "
			}
			if m := st.next(); len(m.Errors) != 1 || !strings.HasPrefix(m.Errors[0], want) {
				t.Fatalf("after a panicking rebuild the browser got %+v; want %q", m, want)
			}
			stderr := r.err.String()
			if !strings.Contains(stderr, want) || !strings.Contains(stderr, "still serving the last good build") {
				t.Errorf("the terminal got %q; want %q and that the last good build is served", stderr, want)
			}
			if hasStack := strings.Contains(stderr, "runtime/debug.Stack"); hasStack != debug {
				t.Errorf("with Debug %v the terminal got a stack: %v\n%s", debug, hasStack, stderr)
			}
			if code, body := httpGet(t, r.url+"sec-00/page-00003/"); code != 200 || !strings.Contains(body, "See ") {
				t.Errorf("after a panicking rebuild GET page = %d; want the last good page", code)
			}

			armed.Store(false)
			os.WriteFile(page, bytes.Replace(orig, []byte("See [someone]"), []byte("Calm about [someone]"), 1), 0o644)
			// The armed write may reach the watcher as two events, and on
			// a loaded machine the second can start a rebuild (which
			// panics too) before armed is cleared: the good rebuild is
			// the one that follows.
			c := r.nextRebuild(t)
			for i := 0; c == nil && i < 2; i++ {
				c = r.nextRebuild(t)
			}
			if c == nil {
				t.Fatalf("the rebuild after a panic failed: %s", r.err.String())
			}
			m := st.next()
			for i := 0; len(m.Errors) != 0 && i < 2; i++ {
				m = st.next()
			}
			if len(m.Errors) != 0 || !(m.All || contains(m.Changed, "sec-00/page-00003/index.html")) {
				t.Fatalf("after the good rebuild the browser got %+v; want the page reloaded", m)
			}
			if _, body := httpGet(t, r.url+"sec-00/page-00003/"); !strings.Contains(body, "Calm about") {
				t.Errorf("the rebuild after a panic is not served")
			}
		})
	}
}
