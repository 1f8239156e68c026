package render

import (
	"bufio"
	"bytes"
	"io"
)

// largePage is the size past which a page being rendered is written to
// its file as it is made, when Options.Open allows, instead of being held
// whole: the pages that list the whole site (the brief, the timeline, the
// sources) run to tens of megabytes on a large site, and holding each,
// with the buffer's growth and the copy for writing, was most of a build's
// peak memory.
const largePage = 1 << 20

// pageWriter is what a page renders into: the worker's buffer until the
// page passes largePage, then a file opened through open, with what the
// buffer held written first.
type pageWriter struct {
	buf  *bytes.Buffer
	path string
	open func(path string) (io.WriteCloser, error)
	f    io.WriteCloser
	bw   *bufio.Writer
	err  error // the first error opening or writing the file
}

func (pw *pageWriter) Write(p []byte) (int, error) {
	if pw.err != nil {
		return 0, pw.err
	}
	if pw.bw != nil {
		n, err := pw.bw.Write(p)
		pw.err = err
		return n, err
	}
	pw.buf.Write(p)
	if pw.open == nil || pw.buf.Len() < largePage {
		return len(p), nil
	}
	f, err := pw.open(pw.path)
	if err != nil {
		pw.err = err
		return 0, err
	}
	pw.f, pw.bw = f, bufio.NewWriterSize(f, 64<<10)
	_, pw.err = pw.bw.Write(pw.buf.Bytes())
	pw.buf.Reset()
	return len(p), pw.err
}

// streamed reports whether the page went to its file.
func (pw *pageWriter) streamed() bool { return pw.f != nil }

// close flushes and closes the file, if the page went to one, and returns
// the first error opening, writing or closing it.
func (pw *pageWriter) close() error {
	if pw.f == nil {
		return pw.err
	}
	if pw.err == nil {
		pw.err = pw.bw.Flush()
	}
	if err := pw.f.Close(); pw.err == nil {
		pw.err = err
	}
	return pw.err
}
