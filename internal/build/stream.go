package build

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/write"
)

// streamer writes files into a stage on a few goroutines while render
// goes on making pages: writing is bound by file-creation system calls,
// rendering by the CPU, so the two overlap. The queue is bounded, so a slow
// disk holds rendering back instead of filling memory.
//
// The first write error stops the build: it is kept, fail is called with
// it (Run cancels rendering through it), and every later emit fails at
// once, so a full disk is reported once, not once per page.
type streamer struct {
	ctx   context.Context
	fail  func(error)
	stage *write.Stage
	queue chan content.Output
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error // the first write error

	// sending is held for reading while an emit sends and for writing by
	// close, so the queue is never closed under a sender.
	sending sync.RWMutex
	shut    bool // close was called

	// buffers holds the copies emit makes, once written: a build copies
	// every page it renders (render reuses its buffer for the next page),
	// and reusing the copies spares the collector about a tenth of a
	// build's allocations.
	buffers sync.Pool
}

// writers is how many files are written at once; queued how many rendered
// files may wait for a writer.
const (
	writers = 8
	queued  = 64
)

func newStreamer(ctx context.Context, stage *write.Stage, fail func(error)) *streamer {
	w := &streamer{ctx: ctx, fail: fail, stage: stage, queue: make(chan content.Output, queued)}
	for range writers {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for f := range w.queue {
				if w.failed() == nil {
					if err := put(stage, f); err != nil {
						w.setErr(err)
					}
				} // else drain: the build has failed
				w.release(f.Data)
			}
		}()
	}
	return w
}

func (w *streamer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *streamer) setErr(err error) {
	w.mu.Lock()
	first := w.err == nil
	if first {
		w.err = err
	}
	w.mu.Unlock()
	if first {
		w.fail(err)
	}
}

// emit queues a copy of data for writing. It fails once a write has, once
// the build is cancelled, and after close.
func (w *streamer) emit(path string, data []byte) error {
	if err := w.failed(); err != nil {
		return err
	}
	w.sending.RLock()
	defer w.sending.RUnlock()
	if w.shut {
		return context.Canceled
	}
	c := w.copyOf(data)
	select {
	case w.queue <- content.Output{Path: path, Data: c}:
		return nil
	case <-w.ctx.Done():
		w.release(c)
		return context.Cause(w.ctx)
	}
}

// copyOf returns a copy of data in a buffer from the pool.
func (w *streamer) copyOf(data []byte) []byte {
	if b, ok := w.buffers.Get().(*[]byte); ok && cap(*b) >= len(data) {
		return append((*b)[:0], data...)
	}
	return bytes.Clone(data)
}

// release puts a buffer copyOf made back into the pool. Very large ones
// (a whole-site page) are left to the collector.
func (w *streamer) release(b []byte) {
	if cap(b) == 0 || cap(b) > 1<<20 {
		return
	}
	w.buffers.Put(&b)
}

// open makes a file to be written in pieces (a page too large to hold
// whole); its errors stop the build like those of queued files.
func (w *streamer) open(path string) (io.WriteCloser, error) {
	if err := w.failed(); err != nil {
		return nil, err
	}
	f, err := w.stage.Create(path)
	if err != nil {
		w.setErr(err)
		return nil, err
	}
	return &streamedFile{w: w, f: f, path: path}, nil
}

// streamedFile reports its write errors to the streamer.
type streamedFile struct {
	w    *streamer
	f    io.WriteCloser
	path string
}

func (s *streamedFile) Write(p []byte) (int, error) {
	n, err := s.f.Write(p)
	if err != nil {
		err = fmt.Errorf("write %s: %w", s.path, err)
		s.w.setErr(err)
	}
	return n, err
}

func (s *streamedFile) Close() error {
	err := s.f.Close()
	if err != nil {
		err = fmt.Errorf("write %s: %w", s.path, err)
		s.w.setErr(err)
	}
	return err
}

// close waits for every queued file and returns the first write error.
// An emit still running (a cancelled stage finishing late) fails instead
// of sending on the closed queue.
func (w *streamer) close() error {
	w.sending.Lock()
	w.shut = true
	close(w.queue)
	w.sending.Unlock()
	w.wg.Wait()
	return w.failed()
}

// put writes one file, turning a panic in the write stage into an error
// that stops the build like any other write error.
func put(stage *write.Stage, f content.Output) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error in the write stage while writing %s: %v; please report it", f.Path, v)
		}
	}()
	return stage.Put(f.Path, f.Data)
}
