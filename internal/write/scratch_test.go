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
