package strict

import (
	"bytes"
	"strconv"
	"strings"
)

// yamlError reads the one error shape yaml.v3 gives for syntax errors,
// "yaml: line N: message", and returns N (0 when absent) and the message.
// This is the only place that reads a position out of a string.
func yamlError(err error) (line int, msg string) {
	s := err.Error()
	s = strings.TrimPrefix(s, "yaml: ")
	if rest, ok := strings.CutPrefix(s, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				return n, after
			}
		}
	}
	return 0, s
}

// explainYAML adds a hint for the syntax errors editors meet most.
func explainYAML(msg string, line []byte) string {
	switch {
	case bytes.ContainsRune(line, '\t'):
		return msg + "; YAML indents with spaces, not tabs: replace the tab"
	case strings.Contains(msg, "did not find expected key") || strings.Contains(msg, "found unexpected end of stream"),
		strings.Contains(msg, "found unexpected end"):
		return msg + "; check for an unclosed quote or bracket"
	case strings.Contains(msg, "mapping values are not allowed"):
		return msg + "; put text that holds \": \" in quotes"
	}
	return msg
}
