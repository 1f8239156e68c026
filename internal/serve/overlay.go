package serve

import (
	"html/template"
	"net/http"
)

// errorPage is what every page shows while the site has never built: the
// errors in the same overlay as over a built page, and the live-reload
// script, so the browser loads the site as soon as it builds.
var errorPage = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{if .}}Build failed{{else}}Building…{{end}} · briefing serve</title>
<style>.briefing-overlay{position:fixed;inset:0;background:#222;color:#fff;padding:2rem;overflow:auto;font:0.95rem/1.5 ui-monospace,monospace;white-space:pre-wrap}</style>
</head>
<body>
<div class="briefing-overlay" role="alert">{{if .}}The site did not build.

{{range .}}{{.}}
{{end}}{{else}}The site is being built…{{end}}</div>
<script src="/` + ScriptPath + `"></script>
</body>
</html>
`))

// serveErrorPage answers a page request made before any good build.
func serveErrorPage(w http.ResponseWriter, errs []string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	status := http.StatusServiceUnavailable
	if len(errs) > 0 {
		status = http.StatusInternalServerError
	}
	w.WriteHeader(status)
	errorPage.Execute(w, errs)
}
