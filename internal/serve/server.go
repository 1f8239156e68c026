// Package serve is the preview server behind "briefing serve": it holds the
// built site in memory, answers HTTP requests from it, watches the site
// folder and rebuilds through build.Incremental, and tells browsers over
// Server-Sent Events when their page changed or the build failed. It sits
// on top of build and never imports a stage; it never writes to disk.
//
// Size: serve is over 500 lines because the preview is four small parts
// that only make sense together: the server and its connection limits, the
// Host check, the watcher, and the live-reload event stream.
package serve

import (
	"bytes"
	_ "embed"
	"mime"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/briefing-dev/briefing/internal/diag"
)

// The server's own paths, under the site's base path. Pages built in
// serve mode load the script from ScriptPath.
const (
	ScriptPath = "_briefing/livereload.js"
	EventsPath = "_briefing/events"
)

//go:embed livereload.js
var script []byte

// Server serves the last good build of a site from memory and pushes
// updates to browsers. Its methods are safe for concurrent use: one
// goroutine publishes builds while many requests read.
type Server struct {
	mu     sync.RWMutex
	files  map[string][]byte // the last good build; nil before the first
	errors []string          // the current build errors, as file:line:col: message
	built  time.Time

	hub hub
}

// NewServer returns a server with nothing built yet: until the first
// Publish, every page answers with the build errors, or "building".
func NewServer() *Server { return &Server{} }

// Publish installs a good build and tells browsers which paths changed;
// it clears any error overlay. files must not change afterwards.
func (s *Server) Publish(files map[string][]byte, changed []string) {
	s.mu.Lock()
	s.files, s.errors, s.built = files, nil, time.Now()
	s.mu.Unlock()
	s.hub.send(message{Changed: changed})
}

// Fail records a failed build: the last good build stays served, and
// browsers show the errors over it.
func (s *Server) Fail(l diag.List) {
	var errs []string
	for _, d := range l {
		if d.Severity == diag.Error {
			errs = append(errs, d.String())
		}
	}
	s.mu.Lock()
	s.errors = errs
	s.mu.Unlock()
	s.hub.send(message{Errors: errs})
}

// Close ends every open event stream, so that an http.Server can shut
// down without waiting for them.
func (s *Server) Close() { s.hub.close() }

// ServeHTTP answers GET and HEAD requests for files of the built site, the
// live-reload script and the event stream. It never reads the disk: a path
// is looked up in the built site and nothing else, so no request can reach
// a file outside it, and folders are never listed.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := cleanPath(r)
	if !ok {
		http.Error(w, "bad path", http.StatusBadRequest)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch name {
	case ScriptPath:
		serveBytes(w, r, name, script)
		return
	case EventsPath:
		s.events(w, r)
		return
	}
	s.mu.RLock()
	files, errs := s.files, s.errors
	s.mu.RUnlock()
	if files == nil {
		serveErrorPage(w, errs)
		return
	}
	file := name
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if data, ok := files[file]; ok {
		serveBytes(w, r, file, data)
		return
	}
	if _, ok := files[file+"/index.html"]; ok {
		// A folder named without its slash: send the browser to it, so
		// that relative links on the page resolve.
		target := "/" + file + "/"
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	if data, ok := files["404.html"]; ok {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		if r.Method == http.MethodGet {
			w.Write(data)
		}
		return
	}
	http.NotFound(w, r)
}

// cleanPath returns the request's path without its leading slash, or false
// when it holds anything that could name a file outside the site: a ".."
// or "." segment (also percent-encoded), a backslash, an encoded slash, an
// empty segment or a NUL byte.
func cleanPath(r *http.Request) (string, bool) {
	raw := r.URL.EscapedPath()
	low := strings.ToLower(raw)
	if strings.Contains(low, "%2f") || strings.Contains(low, "%5c") || strings.Contains(low, "%00") {
		return "", false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	p = p[1:]
	if p == "" {
		return "", true
	}
	segs := strings.Split(strings.TrimSuffix(p, "/"), "/")
	for _, seg := range segs {
		if seg == "" || seg == "." || seg == ".." {
			return "", false
		}
	}
	return p, true
}

// serveBytes answers with data, its content type taken from the name's
// extension; http.ServeContent handles HEAD, ranges and conditional
// requests.
func serveBytes(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	ct := contentTypes[strings.ToLower(path.Ext(name))]
	if ct == "" {
		ct = mime.TypeByExtension(path.Ext(name))
	}
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ct)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// contentTypes are the types of the files a briefing serves, fixed here so
// that they do not depend on the machine's MIME database.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json",
	".xml":   "application/xml",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
}
