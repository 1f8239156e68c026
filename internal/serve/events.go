package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"path"
	"strings"
	"sync"
)

// message is what browsers receive after each build, as the data of an
// "update" event: the errors of a failed build, or the paths a good build
// changed.
type message struct {
	Errors  []string `json:"errors,omitempty"`
	Changed []string `json:"changed,omitempty"`
	// All asks every page to reload: a stylesheet, script or image
	// changed, or too many pages to list.
	All bool `json:"all,omitempty"`
}

// maxListed is the most changed paths a message lists before it asks
// every page to reload instead.
const maxListed = 200

// hub fans messages out to the open event streams. A stream that falls
// behind gets the messages it missed merged into one, so a slow browser
// never blocks a build.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
	closed  bool
}

type client struct {
	mu      sync.Mutex
	pending *message
	wake    chan struct{} // capacity 1
	done    chan struct{} // closed by hub.close
}

func (h *hub) add() (*client, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	if h.clients == nil {
		h.clients = map[*client]bool{}
	}
	c := &client{wake: make(chan struct{}, 1), done: make(chan struct{})}
	h.clients[c] = true
	return c, true
}

func (h *hub) remove(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

func (h *hub) send(m message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		c.push(m)
	}
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return
	}
	h.closed = true
	for c := range h.clients {
		close(c.done)
	}
}

// push merges m into what the client has not sent yet: the latest errors
// win, changed paths add up.
func (c *client) push(m message) {
	c.mu.Lock()
	if c.pending == nil {
		c.pending = &message{}
	}
	p := c.pending
	p.Errors = m.Errors
	p.All = p.All || m.All
	p.Changed = append(p.Changed, m.Changed...)
	c.mu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *client) take() *message {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.pending
	c.pending = nil
	return m
}

// events streams build updates to one browser until it goes away or the
// server closes. A browser that connects while the build is broken gets
// the errors at once.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, ok := s.hub.add()
	if !ok {
		http.Error(w, "server is shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.remove(c)
	s.mu.RLock()
	if len(s.errors) > 0 {
		c.push(message{Errors: s.errors})
	}
	s.mu.RUnlock()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": briefing serve\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-c.done:
			return
		case <-c.wake:
		}
		m := c.take()
		if m == nil {
			continue
		}
		if len(m.Changed) > maxListed || anyAsset(m.Changed) {
			m.All, m.Changed = true, nil
		}
		data, err := json.Marshal(m)
		if err != nil {
			return
		}
		if _, err := fmt.Fprintf(w, "event: update\ndata: %s\n\n", data); err != nil {
			return
		}
		flusher.Flush()
	}
}

// anyAsset reports whether paths holds a file that pages load (a style
// sheet, a script, an image, a font): every open page should reload.
// Pages and machine files (a feed, a search index) do not count.
func anyAsset(paths []string) bool {
	for _, p := range paths {
		switch strings.ToLower(path.Ext(p)) {
		case ".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".woff", ".woff2":
			return true
		}
	}
	return false
}
