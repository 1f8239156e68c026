package build

import (
	"bytes"
	"sync"

	"github.com/briefing-dev/briefing/internal/write"
)

// streamer writes files into a stage on a few goroutines while render
// goes on making pages: writing is bound by file-creation system calls,
// rendering by the CPU, so the two overlap. The queue is bounded, so a slow
// disk holds rendering back instead of filling memory.
type streamer struct {
	stage *write.Stage
	queue chan write.File
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error // the first write error
}

// writers is how many files are written at once; queued how many rendered
// files may wait for a writer.
const (
	writers = 8
	queued  = 64
)

func newStreamer(stage *write.Stage) *streamer {
	w := &streamer{stage: stage, queue: make(chan write.File, queued)}
	for range writers {
		w.wg.Add(1)
		go func() {
			defer w.wg.Done()
			for f := range w.queue {
				if err := stage.Put(f.Path, f.Data); err != nil {
					w.mu.Lock()
					if w.err == nil {
						w.err = err
					}
					w.mu.Unlock()
				}
			}
		}()
	}
	return w
}

// emit queues a copy of data for writing. It fails once a write has.
func (w *streamer) emit(path string, data []byte) error {
	w.mu.Lock()
	err := w.err
	w.mu.Unlock()
	if err != nil {
		return err
	}
	w.queue <- write.File{Path: path, Data: bytes.Clone(data)}
	return nil
}

// close waits for every queued file and returns the first write error.
func (w *streamer) close() error {
	close(w.queue)
	w.wg.Wait()
	return w.err
}
