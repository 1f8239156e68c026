package config

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/briefing-dev/briefing/internal/content"
)

// ParseBaseURL checks a base URL and returns it parsed, with a trailing
// slash. It is the one place a base URL is parsed.
func ParseBaseURL(s string) (content.BaseURL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return content.BaseURL{}, fmt.Errorf("base URL %q cannot be read: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return content.BaseURL{}, fmt.Errorf("base URL %q must be absolute, like \"https://example.org/\" or \"https://example.org/briefings/riyadh/\"", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return content.BaseURL{}, fmt.Errorf("base URL %q must not carry a query, a fragment or a user name", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return content.BaseURL{URL: u.String(), Path: u.EscapedPath(), Decoded: u.Path}, nil
}
