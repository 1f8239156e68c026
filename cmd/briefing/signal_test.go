package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/briefing-dev/briefing/internal/corpus"
)

// envRunMain makes the test binary run the command line after "--"
// instead of the tests, so that signal tests can send real signals to a
// real briefing process; envReady names a file it creates once it handles
// signals.
const (
	envRunMain = "BRIEFING_TEST_RUN_MAIN"
	envReady   = "BRIEFING_TEST_READY"
)

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		os.Exit(runMain(args, func() { os.WriteFile(os.Getenv(envReady), nil, 0o644) }))
	}
	os.Exit(m.Run())
}

// briefingProcess starts this binary as "briefing args...".
func briefingProcess(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	ready := filepath.Join(t.TempDir(), "ready")
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), envRunMain+"=1", envReady+"="+ready)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for range 1000 {
		if _, err := os.Stat(ready); err == nil {
			return cmd, &out
		}
		time.Sleep(10 * time.Millisecond)
	}
	cmd.Process.Kill()
	t.Fatalf("briefing %v never started handling signals\n%s", args, &out)
	return nil, nil
}

// TestSignals interrupts real builds and checks with SIGINT and SIGTERM
// while they run: the process says it was cancelled, exits 130 or 143,
// and leaves the previous output and nothing else.
func TestSignals(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	if err := corpus.Write(src, 1000); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "public")
	if code, _, stderr := run(t, nil, "build", "-q", "-s", src, "-d", dest); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr)
	}
	index, _ := os.ReadFile(filepath.Join(dest, "index.html"))
	for _, tc := range []struct {
		name string
		args []string
		sig  syscall.Signal
		code int
	}{
		{"build/SIGINT", []string{"build", "-s", src, "-d", dest}, syscall.SIGINT, 130},
		{"build/SIGTERM", []string{"build", "-s", src, "-d", dest}, syscall.SIGTERM, 143},
		{"check/SIGINT", []string{"check", "-s", src}, syscall.SIGINT, 130},
		{"check/SIGTERM", []string{"check", "-s", src}, syscall.SIGTERM, 143},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd, out := briefingProcess(t, tc.args...)
			time.Sleep(200 * time.Millisecond) // into loading or parsing
			cmd.Process.Signal(tc.sig)
			err := cmd.Wait()
			code := cmd.ProcessState.ExitCode()
			if code != tc.code {
				t.Fatalf("exit %d (%v); want %d\n%s", code, err, tc.code, out)
			}
			if got := strings.TrimSpace(out.String()); got != "briefing: cancelled; nothing was written" {
				t.Errorf("output %q; want only the cancellation", got)
			}
			if got := entries(t, dir); !slices.Equal(got, []string{"public", "site"}) {
				t.Errorf("folder holds %v; want only public and site", got)
			}
			if now, _ := os.ReadFile(filepath.Join(dest, "index.html")); !bytes.Equal(now, index) {
				t.Errorf("the previous output changed")
			}
		})
	}
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}
