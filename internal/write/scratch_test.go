package write

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestScratch writes records from many goroutines, reads each back, and
// checks that the scratch file is published neither by Commit nor left
// behind by Abort.
func TestScratch(t *testing.T) {
	for _, commit := range []bool{true, false} {
		t.Run(fmt.Sprint("commit=", commit), func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "public")
			s, err := Begin(dest)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := s.Scratch()
			if err != nil {
				t.Fatal(err)
			}
			offs := make([]int64, 64)
			var wg sync.WaitGroup
			for i := range offs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					off, err := sc.Put(record(i))
					if err != nil {
						t.Error(err)
					}
					offs[i] = off
				}()
			}
			wg.Wait()
			for i, off := range offs {
				got, err := sc.Get(nil, off, len(record(i)))
				if err != nil || !bytes.Equal(got, record(i)) {
					t.Fatalf("record %d read back as %q, %v; want %q", i, got, err, record(i))
				}
			}
			if err := s.Put("index.html", []byte("page")); err != nil {
				t.Fatal(err)
			}
			if commit {
				if err := s.Commit(); err != nil {
					t.Fatal(err)
				}
			} else {
				s.Abort()
			}
			if _, err := sc.Get(nil, 0, 1); err == nil {
				t.Error("the scratch file can still be read after the stage ended")
			}
			filepath.WalkDir(filepath.Dir(dest), func(p string, d os.DirEntry, err error) error {
				if err == nil && strings.Contains(d.Name(), "scratch") {
					t.Errorf("%s: a scratch file was left behind", p)
				}
				return nil
			})
		})
	}
}

func record(i int) []byte { return bytes.Repeat([]byte{byte('a' + i%26)}, 100+i*37) }

// TestUnnamed checks that a scratch file made by Unnamed holds what is put
// in it while its folder shows no file at any time.
func TestUnnamed(t *testing.T) {
	dir := t.TempDir()
	sc, err := Unnamed(dir)
	if err != nil {
		t.Fatal(err)
	}
	off, err := sc.Put([]byte("body"))
	if err != nil {
		t.Fatal(err)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("the folder holds %s", names[0].Name())
	}
	if got, err := sc.Get(nil, off, 4); err != nil || string(got) != "body" {
		t.Errorf("read back %q, %v; want \"body\"", got, err)
	}
	if err := sc.Close(); err != nil {
		t.Fatal(err)
	}
	if names, _ := os.ReadDir(dir); len(names) != 0 {
		t.Errorf("the folder holds %s after Close", names[0].Name())
	}
	if _, err := Unnamed(filepath.Join(dir, "missing")); err == nil {
		t.Error("Unnamed made a file in a folder that does not exist")
	}
}
