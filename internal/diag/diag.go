// Package diag holds positions and diagnostics: the data every stage of the
// pipeline returns when content is wrong. It imports only the standard library
// and never prints; cmd/briefing decides how diagnostics reach the user.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic fails the build.
type Severity int

// The severities, from most to least serious.
const (
	Error Severity = iota
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a site file. File is relative to the site root with
// forward slashes; Line and Col start at 1, and 0 means unknown. Col counts
// runes, as yaml.Node.Column does.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, leaving out unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Col <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one finding about the content: where, how serious, what is
// wrong and how to fix it. Rule names the check that produced it (for
// machine-readable output); it may be empty.
//
// Code names the kind of finding ("unknown-key", "internal"), and Key the
// front-matter key it concerns ("quotes[2].by"), when there is one: code
// that needs to know what a diagnostic is about reads these, never Msg.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Rule     string
	Code     string
	Key      string
	Msg      string
}

// String formats d the way Go compilers print errors:
// "path:line:col: message", with "warning: " before warnings.
func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Msg
	}
	return d.Pos.String() + ": " + d.Msg
}

// List is a list of diagnostics. The zero value is ready to use.
type List []Diagnostic

// Errorf appends an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Add appends the given diagnostics.
func (l *List) Add(ds ...Diagnostic) { *l = append(*l, ds...) }

// HasErrors reports whether l holds at least one error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and warnings in l.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return errors, warnings
}

// Sort orders l by file, line, column, then message, and drops exact
// duplicates, so output does not depend on the order stages ran in.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d == s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// Error joins the list into one message, one diagnostic per line, so a List
// can travel as an error where an API needs one.
func (l List) Error() string {
	var b strings.Builder
	for i, d := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}
