package build

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
	"unsafe"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/write"
)

// spiller keeps the texts of parsed bodies in a scratch file of the stage
// between parse and the steps that read them (render, the search index).
// Bodies are most of what a build of a large site holds (about half of a
// 10,000-page site's live heap), and render needs each one only while it
// renders that page; the file sits in the system's page cache, not in the
// process's memory. A body whose texts cannot be written keeps them in
// memory: a full disk is reported by the page writes.
type spiller struct{ sc *write.Scratch }

func (sp spiller) body(b *content.Body) { b.Spill(sp.put) }

func (sp spiller) put(t content.Texts) (func() (content.Texts, error), error) {
	n1, n2 := len(t.HTML), len(t.HTML)+len(t.Embedded)
	n := n2 + len(t.Plain)
	data := make([]byte, 0, n)
	data = append(append(append(data, t.HTML...), t.Embedded...), t.Plain...)
	off, err := sp.sc.Put(data)
	if err != nil {
		return nil, err
	}
	return func() (content.Texts, error) {
		if n == 0 {
			return content.Texts{}, nil
		}
		buf, err := sp.sc.Get(nil, off, n)
		if err != nil {
			return content.Texts{}, err
		}
		// buf is new and nothing else holds it, so the strings may
		// share its bytes.
		s := unsafe.String(&buf[0], n)
		return content.Texts{HTML: s[:n1], Embedded: s[n1:n2], Plain: s[n2:]}, nil
	}, nil
}

// hold keeps data in the scratch file until the func it returns reads it
// back (the search index's parts, until their folder's name is known).
// Data that cannot be written is kept in memory.
func (sp spiller) hold(data []byte) (func() ([]byte, error), error) {
	off, err := sp.sc.Put(data)
	if err != nil {
		return func() ([]byte, error) { return data, nil }, nil
	}
	n := len(data)
	return func() ([]byte, error) { return sp.sc.Get(nil, off, n) }, nil
}

// squeeze keeps a body's texts compressed in memory, less the plain text
// only the search index reads: for check, which writes nothing and so has
// no scratch file to move them to. HTML shrinks to about a fifth; the
// fastest level of DEFLATE costs a 10,000-page check about a quarter of a
// second, and saves it some 40 MB.
func squeeze(b *content.Body) {
	b.Spill(func(t content.Texts) (func() (content.Texts, error), error) {
		n1, n2 := len(t.HTML), len(t.HTML)+len(t.Embedded)
		if n2 == 0 {
			return func() (content.Texts, error) { return content.Texts{}, nil }, nil
		}
		var buf bytes.Buffer
		w, _ := deflaters.Get().(*flate.Writer)
		if w == nil {
			w, _ = flate.NewWriter(&buf, flate.BestSpeed)
		} else {
			w.Reset(&buf)
		}
		io.WriteString(w, t.HTML)
		io.WriteString(w, t.Embedded)
		err := w.Close()
		deflaters.Put(w)
		if err != nil {
			return nil, err
		}
		packed := bytes.Clone(buf.Bytes())
		return func() (content.Texts, error) {
			r, _ := inflaters.Get().(io.ReadCloser)
			if r == nil {
				r = flate.NewReader(bytes.NewReader(packed))
			} else if err := r.(flate.Resetter).Reset(bytes.NewReader(packed), nil); err != nil {
				return content.Texts{}, err
			}
			data := make([]byte, n2)
			_, err := io.ReadFull(r, data)
			inflaters.Put(r)
			if err != nil {
				return content.Texts{}, err
			}
			s := unsafe.String(&data[0], n2)
			return content.Texts{HTML: s[:n1], Embedded: s[n1:]}, nil
		}, nil
	})
}

// deflaters and inflaters hold DEFLATE writers and readers for reuse: a
// writer's state is about a megabyte.
var deflaters, inflaters sync.Pool
