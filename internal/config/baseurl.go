package config

import (
	"fmt"
	"net/url"
	"strings"
)

// NormalizeBaseURL checks a base URL and returns it with a trailing slash.
// It must be absolute (http or https) and may carry a sub-path
// ("https://example.org/briefings/riyadh/"); query and fragment are refused.
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", fmt.Errorf("base URL %q cannot be read: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", fmt.Errorf("base URL %q must be absolute, like \"https://example.org/\" or \"https://example.org/briefings/riyadh/\"", s)
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return "", fmt.Errorf("base URL %q must not carry a query, a fragment or a user name", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	return u.String(), nil
}
