package build

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
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

// lean is body less the plain text, which only the search index reads:
// for check, which makes no search index.
func (sp spiller) lean(b *content.Body) {
	b.Spill(func(t content.Texts) (func(content.TextParts) (content.Texts, error), error) {
		t.Plain = ""
		return sp.put(t)
	})
}

func (sp spiller) put(t content.Texts) (func(content.TextParts) (content.Texts, error), error) {
	lay := layoutOf(t)
	off, err := sp.sc.Put(lay.join(t))
	if err != nil {
		return nil, err
	}
	return func(parts content.TextParts) (content.Texts, error) {
		from, to := lay.span(parts)
		if from == to {
			return content.Texts{}, nil
		}
		buf, err := sp.sc.Get(nil, off+int64(from), to-from)
		if err != nil {
			return content.Texts{}, err
		}
		return lay.split(buf, from, parts)
	}, nil
}

// textsLayout is where a body's texts lie when they are laid end to end
// in one run of bytes, as the scratch file and check's compressed copy
// keep them: the HTML, the headings encoded by appendHeadings, the plain
// text, then the brief's variant. Each reader's parts are next to each
// other (a page's HTML and headings, the search index's headings and plain
// text, the brief's variant), so each reads one run and no more.
type textsLayout struct{ html, headings, plain, embedded int }

func layoutOf(t content.Texts) textsLayout {
	return textsLayout{len(t.HTML), headingsSize(t.Headings), len(t.Plain), len(t.Embedded)}
}

// headingsSize is the length of what appendHeadings writes of hs.
func headingsSize(hs []content.Heading) int {
	var tmp [binary.MaxVarintLen64]byte
	n := 0
	for _, h := range hs {
		n += binary.PutUvarint(tmp[:], uint64(h.Level)) +
			binary.PutUvarint(tmp[:], uint64(len(h.Text))) + len(h.Text) +
			binary.PutUvarint(tmp[:], uint64(len(h.ID))) + len(h.ID)
	}
	return n
}

func (l textsLayout) size() int { return l.html + l.headings + l.plain + l.embedded }

func (l textsLayout) join(t content.Texts) []byte {
	data := make([]byte, 0, l.size())
	data = appendHeadings(append(data, t.HTML...), t.Headings)
	return append(append(data, t.Plain...), t.Embedded...)
}

// partBounds is where one part starts and ends in the joined run.
type partBounds struct {
	part     content.TextParts
	from, to int
}

// bounds returns where each part lies in the joined run, in the order of
// the layout.
func (l textsLayout) bounds() [4]partBounds {
	h1 := l.html
	h2 := h1 + l.headings
	h3 := h2 + l.plain
	return [4]partBounds{{content.PartHTML, 0, h1}, {content.PartHeadings, h1, h2}, {content.PartPlain, h2, h3}, {content.PartEmbedded, h3, h3 + l.embedded}}
}

// span returns the shortest run [from, to) of the joined texts that holds
// every part parts names.
func (l textsLayout) span(parts content.TextParts) (from, to int) {
	from = -1
	for _, b := range l.bounds() {
		if parts&b.part == 0 {
			continue
		}
		if from < 0 {
			from = b.from
		}
		to = b.to
	}
	if from < 0 {
		return 0, 0
	}
	return from, to
}

// split reads the parts parts names back from data, the run of the joined
// texts that starts at from (see span). data must be new and held by
// nothing else: the strings share its bytes.
func (l textsLayout) split(data []byte, from int, parts content.TextParts) (content.Texts, error) {
	if len(data) == 0 {
		return content.Texts{}, nil
	}
	s := unsafe.String(&data[0], len(data))
	var t content.Texts
	for _, b := range l.bounds() {
		if parts&b.part == 0 {
			continue
		}
		part := s[b.from-from : b.to-from]
		switch b.part {
		case content.PartHTML:
			t.HTML = part
		case content.PartHeadings:
			hs, err := readHeadings(part)
			if err != nil {
				return content.Texts{}, err
			}
			t.Headings = hs
		case content.PartPlain:
			t.Plain = part
		case content.PartEmbedded:
			t.Embedded = part
		}
	}
	return t, nil
}

// appendHeadings appends hs to b, each as its level, then its text and
// its id, each of those after its length, in varints.
func appendHeadings(b []byte, hs []content.Heading) []byte {
	for _, h := range hs {
		b = binary.AppendUvarint(b, uint64(h.Level))
		b = append(binary.AppendUvarint(b, uint64(len(h.Text))), h.Text...)
		b = append(binary.AppendUvarint(b, uint64(len(h.ID))), h.ID...)
	}
	return b
}

// readHeadings reads what appendHeadings wrote; the strings share s.
func readHeadings(s string) ([]content.Heading, error) {
	var hs []content.Heading
	num := func() (int, error) {
		v, n := binary.Uvarint([]byte(s[:min(len(s), binary.MaxVarintLen64)]))
		if n <= 0 || v > 1<<31 {
			return 0, errBadHeadings
		}
		s = s[n:]
		return int(v), nil
	}
	str := func() (string, error) {
		n, err := num()
		if err != nil || n > len(s) {
			return "", errBadHeadings
		}
		v := s[:n]
		s = s[n:]
		return v, nil
	}
	for len(s) > 0 {
		level, err := num()
		if err != nil {
			return nil, err
		}
		text, err := str()
		if err != nil {
			return nil, err
		}
		id, err := str()
		if err != nil {
			return nil, err
		}
		hs = append(hs, content.Heading{Level: level, Text: text, ID: id})
	}
	return hs, nil
}

var errBadHeadings = errors.New("the scratch file holds a body's headings cut short")

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
	b.Spill(func(t content.Texts) (func(content.TextParts) (content.Texts, error), error) {
		t.Plain = ""
		lay := layoutOf(t)
		if lay.size() == 0 {
			return func(content.TextParts) (content.Texts, error) { return content.Texts{}, nil }, nil
		}
		packed, err := deflate(lay.join(t))
		if err != nil {
			return nil, err
		}
		return func(parts content.TextParts) (content.Texts, error) {
			// The stream is read from its start to the end of the parts
			// asked for: a page's own HTML and headings come first.
			from, to := lay.span(parts)
			if from == to {
				return content.Texts{}, nil
			}
			data, err := inflate(packed, to)
			if err != nil {
				return content.Texts{}, err
			}
			return lay.split(data[from:], from, parts)
		}, nil
	})
}

// deflate compresses the parts, one after the other, at DEFLATE's fastest
// level.
func deflate(parts ...[]byte) ([]byte, error) {
	var buf bytes.Buffer
	w, _ := deflaters.Get().(*flate.Writer)
	if w == nil {
		w, _ = flate.NewWriter(&buf, flate.BestSpeed)
	} else {
		w.Reset(&buf)
	}
	for _, p := range parts {
		w.Write(p)
	}
	err := w.Close()
	deflaters.Put(w)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// inflate returns the n bytes deflate compressed into packed, in a new
// slice.
func inflate(packed []byte, n int) ([]byte, error) {
	r, _ := inflaters.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReader(bytes.NewReader(packed))
	} else if err := r.(flate.Resetter).Reset(bytes.NewReader(packed), nil); err != nil {
		return nil, err
	}
	data := make([]byte, n)
	_, err := io.ReadFull(r, data)
	inflaters.Put(r)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// deflaters and inflaters hold DEFLATE writers and readers for reuse: a
// writer's state is about a megabyte.
var deflaters, inflaters sync.Pool

// packedFiles keeps the text of parsed files compressed until check's name
// screen reads it, after resolve: check keeps every file's text until
// then, and it was two fifths of what a 10,000-page check held at the end
// of parse, its peak. Markdown and YAML shrink to about a quarter.
type packedFiles struct {
	mu    sync.Mutex
	texts map[string]packedText // by file path
}

type packedText struct {
	data        []byte
	front, body int
}

// put packs f's text and lets go of f's own; f keeps it when it cannot
// be packed.
func (pf *packedFiles) put(f *content.File) {
	data, err := deflate(f.Front, f.Body)
	if err != nil {
		return
	}
	pf.mu.Lock()
	if pf.texts == nil {
		pf.texts = map[string]packedText{}
	}
	pf.texts[f.Path] = packedText{data: data, front: len(f.Front), body: len(f.Body)}
	pf.mu.Unlock()
	f.Front, f.Body = nil, nil
}

// file returns f with its text, unpacked if put packed it.
func (pf *packedFiles) file(f content.File) (content.File, error) {
	pf.mu.Lock()
	t, ok := pf.texts[f.Path]
	pf.mu.Unlock()
	if !ok {
		return f, nil
	}
	data, err := inflate(t.data, t.front+t.body)
	if err != nil {
		return f, err
	}
	f.Front, f.Body = data[:t.front:t.front], data[t.front:]
	return f, nil
}

// clear lets go of every packed text.
func (pf *packedFiles) clear() {
	pf.mu.Lock()
	pf.texts = nil
	pf.mu.Unlock()
}
