package load

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/briefing-dev/briefing/internal/diag"
)

// addBadSeeds adds every Markdown file of testdata/bad to the fuzz corpus.
func addBadSeeds(f *testing.F) {
	f.Helper()
	err := filepath.WalkDir("../../testdata/bad", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		f.Add(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"", "---", "---\n", "---\n---", "---\r\n---\r\n", "\xef\xbb\xbf---\n---\n", "---\nx: \xff\n---\n", "---\n\x00\n---\n"} {
		f.Add([]byte(s))
	}
}

// fileLines splits src into lines as editors show them: CRLF, CR and LF
// each end a line.
func fileLines(src []byte) [][]byte {
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	return bytes.Split(src, []byte("\n"))
}

// inside reports whether pos lies inside src: its line exists and its
// column is at most one past the line's last rune. Unknown parts pass.
func inside(src []byte, pos diag.Pos) bool {
	if pos.Line == 0 {
		return pos.Col == 0
	}
	lines := fileLines(src)
	if pos.Line < 0 || pos.Line > len(lines) {
		return false
	}
	return pos.Col >= 0 && pos.Col <= utf8.RuneCount(lines[pos.Line-1])+1
}

// FuzzSplitFrontMatter splits arbitrary bytes. It must not panic; every
// diagnostic must name the file at a position inside it; a split that
// succeeds must give a front matter and body that come from the file, in
// order, with the body starting on a line the file has.
func FuzzSplitFrontMatter(f *testing.F) {
	addBadSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "content/fuzz.md"
		file, l := Split(name, data)
		for _, d := range l {
			if d.Pos.File != name || !inside(data, d.Pos) {
				t.Fatalf("Split(%q): diagnostic %s is not inside the file", data, d)
			}
		}
		if l.HasErrors() {
			return
		}
		lines := len(fileLines(data))
		if file.FrontLine != 2 || file.BodyLine < file.FrontLine || file.BodyLine > lines+1 {
			t.Fatalf("Split(%q): front on line %d, body on line %d of %d", data, file.FrontLine, file.BodyLine, lines)
		}
		if len(file.Front)+len(file.Body) > len(data) {
			t.Fatalf("Split(%q): front and body are longer than the file", data)
		}
		if got := bytes.Count(file.Front, []byte("\n")) + file.FrontLine + 1; got != file.BodyLine {
			t.Fatalf("Split(%q): front matter spans to line %d, but the body starts on line %d", data, got, file.BodyLine)
		}
		if !utf8.Valid(file.Front) || !utf8.Valid(file.Body) || bytes.Contains(file.Body, []byte("\r\n")) {
			t.Fatalf("Split(%q): front or body is not clean UTF-8 with LF line ends", data)
		}
	})
}
