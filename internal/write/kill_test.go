package write

import (
	"fmt"
	"github.com/briefing-dev/briefing/internal/content"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The kill tests run a build in a child process (this test binary again)
// that kills itself with SIGKILL at one step of writing; the parent then
// checks what a user would find and that the next build cleans up.

const (
	envKillDest = "BRIEFING_TEST_KILL_DEST"
	envKillStep = "BRIEFING_TEST_KILL_STEP"
	envKillMode = "BRIEFING_TEST_KILL_MODE"
)

// TestKillChild is the child's side; it does nothing in a normal run.
func TestKillChild(t *testing.T) {
	dest, step := os.Getenv(envKillDest), os.Getenv(envKillStep)
	if dest == "" {
		return
	}
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	s.noExchange = os.Getenv(envKillMode) == "fallback"
	kill := func(name string) {
		if name == step {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {} // the signal is on its way
		}
	}
	s.fault = kill
	for i := range 40 {
		if err := s.Put(fmt.Sprintf("p%d/index.html", i), []byte("new")); err != nil {
			t.Fatal(err)
		}
		if i == 20 {
			kill("writing")
		}
	}
	if err := s.Put("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	t.Fatalf("child was not killed at %q", step)
}

func TestKillAtEachStep(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	cases := []struct {
		mode, step string
		want       string // the index.html a user finds after the kill
	}{
		{"atomic", "writing", "old"},
		{"atomic", "before-swap", "old"},
		{"atomic", "swapped", "new"},
		{"atomic", "removing", "new"},
		{"fallback", "before-swap", "old"},
		{"fallback", "aside", ""}, // no exchange: the destination is missing for an instant
		{"fallback", "swapped", "new"},
		{"fallback", "removing", "new"},
	}
	for _, tc := range cases {
		t.Run(tc.mode+"/"+tc.step, func(t *testing.T) {
			dir := t.TempDir()
			dest := filepath.Join(dir, "public")
			old := []content.Output{{Path: "index.html", Data: []byte("old")}}
			for i := range 40 {
				old = append(old, content.Output{Path: fmt.Sprintf("o%d/index.html", i), Data: []byte("old")})
			}
			if err := Site(dest, old); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
			cmd.Env = append(os.Environ(), envKillDest+"="+dest, envKillStep+"="+tc.step, envKillMode+"="+tc.mode)
			out, err := cmd.CombinedOutput()
			if ee, ok := err.(*exec.ExitError); !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child: %v; want it killed\n%s", err, out)
			}
			got, _ := os.ReadFile(filepath.Join(dest, "index.html"))
			if string(got) != tc.want {
				t.Errorf("after a kill at %q, index.html = %q; want %q", tc.step, got, tc.want)
			}
			if tc.want == "old" {
				if _, err := os.Stat(filepath.Join(dest, "p0")); err == nil {
					t.Errorf("the old output holds a file of the killed build")
				}
			}
			if err := Site(dest, []content.Output{{Path: "index.html", Data: []byte("next")}}); err != nil {
				t.Fatalf("the build after a kill at %q: %v", tc.step, err)
			}
			if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "next" {
				t.Errorf("index.html = %q after the next build; want %q", got, "next")
			}
			assertOnly(t, dir, "public")
		})
	}
}

// TestSweepSparesRunningBuild: a folder another build is still writing is
// locked, so a concurrent build's sweep leaves it alone.
func TestSweepSparesRunningBuild(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	a, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Put("index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := Site(dest, []content.Output{{Path: "index.html", Data: []byte("b")}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(a.dir, "index.html")); err != nil {
		t.Fatalf("a running build's staging folder was swept: %v", err)
	}
	if err := a.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "a" {
		t.Errorf("index.html = %q; want the last build's", got)
	}
	assertOnly(t, dir, "public")
}

// TestSweepSparesUnmarked: hidden folders that look like staging folders
// but hold no marker are not ours to remove.
func TestSweepSparesUnmarked(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	foreign := filepath.Join(dir, ".public.new-mine")
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Site(dest, []content.Output{{Path: "index.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	assertOnly(t, dir, ".public.new-mine", "public")
}

func TestMarkerDecidesReplaceable(t *testing.T) {
	dir := t.TempDir()
	// A folder that looks like a site but was not built by briefing.
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("hand-made"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := Site(dir, []content.Output{{Path: "index.html", Data: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "refusing") || !strings.Contains(err.Error(), Marker) {
		t.Fatalf("Site over an unmarked folder: err = %v; want a refusal naming the marker", err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if err := Site(dest, []content.Output{{Path: "a.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dest, Marker)); err != nil || string(b) != markerText {
		t.Fatalf("marker = %q, %v; want the fixed marker text", b, err)
	}
	if err := Site(dest, []content.Output{{Path: "b.html", Data: []byte("y")}}); err != nil {
		t.Errorf("Site over its own output (no index.html, marker present): %v", err)
	}
}

func TestSymlinkDestinationFollowed(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	link := filepath.Join(dir, "link")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := Site(link, []content.Output{{Path: "index.html", Data: []byte("x")}}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(real, "index.html")); string(b) != "x" {
		t.Errorf("real/index.html = %q; want the build", b)
	}
	assertOnly(t, dir, "link", "real")
}
