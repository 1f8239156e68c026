// Package strict decodes YAML into Go values strictly and with positions:
// unknown and duplicate keys, wrong types and aliases become diagnostics
// that name the line and column of the node at fault. It serves the config
// and parse stages, which must not import each other.
package strict

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"

	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
)

// The codes of the diagnostics Decode reports (diag.Diagnostic.Code).
const (
	CodeYAML         = "yaml-syntax"   // the text is not YAML
	CodeNotMapping   = "not-a-mapping" // the document is not "key: value" lines
	CodeAlias        = "alias"         // a YAML alias, which is refused
	CodeBadDate      = "bad-date"      // a date that is malformed or does not exist
	CodeWrongType    = "wrong-type"    // a value of the wrong type
	CodeBadKey       = "bad-key"       // a key that is not a plain word
	CodeDuplicateKey = "duplicate-key" // a key given twice
	CodeUnknownKey   = "unknown-key"   // a key the format does not have
	CodeInternal     = "internal"      // a bug: a Go type Decode cannot fill
)

// Decode parses the YAML text src, which starts on line line0 of file, into
// v, a pointer to a struct. It returns the top-level keys present with their
// positions, and every problem found; on a syntax error v is left unset and
// keys is nil.
func Decode(file string, line0 int, src []byte, v any) (map[string]diag.Pos, diag.List) {
	var l diag.List
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		line, msg := yamlError(err)
		var text []byte
		if line > 0 {
			text = nthLine(src, line)
			line += line0 - 1
		}
		l.Add(diag.Diagnostic{Pos: diag.Pos{File: file, Line: line}, Severity: diag.Error, Code: CodeYAML, Msg: "invalid YAML: " + explainYAML(msg, text)})
		return nil, l
	}
	dec := &decoder{file: file, line0: line0, diags: &l}
	keys := dec.document(&root, v)
	return keys, l
}

func nthLine(b []byte, n int) []byte {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(b, '\n')
		if j < 0 {
			return nil
		}
		b = b[j+1:]
	}
	if j := bytes.IndexByte(b, '\n'); j >= 0 {
		return b[:j]
	}
	return b
}

// decoder decodes a yaml.Node tree into Go values strictly: unknown and
// duplicate keys, wrong types and aliases are diagnostics with the position
// of the offending node. Struct fields map to snake_case keys
// ("OpenQuestions" is open_questions); a field named Pos of type diag.Pos
// receives the position of the struct's mapping. content.Ref and
// content.Date are scalars with positions and a date syntax.
type decoder struct {
	file  string
	line0 int // file line of the YAML text's first line
	diags *diag.List
}

var (
	posType  = reflect.TypeOf(diag.Pos{})
	refType  = reflect.TypeOf(content.Ref{})
	dateType = reflect.TypeOf(content.Date{})
)

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line + d.line0 - 1, Col: n.Column}
}

// errorf reports a problem with node n, which is at key path (code says
// what kind of problem, for callers that need to know without reading the
// message).
func (d *decoder) errorf(n *yaml.Node, code, path string, format string, args ...any) {
	d.diags.Add(diag.Diagnostic{Pos: d.pos(n), Severity: diag.Error, Code: code, Key: path, Msg: fmt.Sprintf(format, args...)})
}

// document decodes a whole YAML document into v (a pointer to a struct) and
// returns the top-level keys that were present, with their positions.
func (d *decoder) document(doc *yaml.Node, v any) map[string]diag.Pos {
	n := doc
	if n.Kind == 0 {
		return nil // empty text: no document at all, so no keys
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return nil
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		what := "front matter"
		if path.Base(d.file) == "briefing.yaml" {
			what = "briefing.yaml"
		}
		d.errorf(n, CodeNotMapping, "", "%s must be \"key: value\" lines, one setting a line, found %s", what, describe(n))
		return nil
	}
	keys := map[string]diag.Pos{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		keys[n.Content[i].Value] = d.pos(n.Content[i])
	}
	d.value(n, reflect.ValueOf(v).Elem(), "")
	return keys
}

// value decodes n into v. path names the value for messages ("quotes[2].by").
func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		d.errorf(n, CodeAlias, path, "%s: YAML aliases (*%s) are not supported here; write the value out in full", label(path), n.Value)
		return
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" && v.Kind() != reflect.Pointer {
		return // an empty value leaves the zero value
	}
	switch v.Type() {
	case refType:
		if s, ok := d.scalar(n, path, "an id"); ok {
			v.Set(reflect.ValueOf(content.Ref{ID: s, Pos: d.pos(n)}))
		}
		return
	case dateType:
		if s, ok := d.scalar(n, path, "a date (YYYY, YYYY-MM or YYYY-MM-DD)"); ok {
			date, err := content.ParseDate(s)
			if err != nil {
				d.errorf(n, CodeBadDate, path, "%s: %v; date must be YYYY, YYYY-MM or YYYY-MM-DD", label(path), trimDateErr(err))
				return
			}
			v.Set(reflect.ValueOf(date))
		}
		return
	}
	switch v.Kind() {
	case reflect.String:
		if s, ok := d.scalar(n, path, "text"); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		s, ok := d.scalar(n, path, "yes or no")
		if !ok {
			return
		}
		switch strings.ToLower(s) {
		case "true", "yes", "on":
			v.SetBool(true)
		case "false", "no", "off":
			v.SetBool(false)
		default:
			d.errorf(n, CodeWrongType, path, "%s must be yes or no, not %q", label(path), s)
		}
	case reflect.Int:
		s, ok := d.scalar(n, path, "a whole number")
		if !ok {
			return
		}
		i, err := strconv.Atoi(s)
		if err != nil {
			d.errorf(n, CodeWrongType, path, "%s must be a whole number, not %q", label(path), s)
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		s, ok := d.scalar(n, path, "a number")
		if !ok {
			return
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			d.errorf(n, CodeWrongType, path, "%s must be a number such as 300000000000 or 2.5, not %q", label(path), s)
			return
		}
		v.SetFloat(f)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, CodeWrongType, path, "%s must be a list (lines starting with \"- \"), found %s", label(path), describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i+1))
		}
		v.Set(s)
	case reflect.Pointer:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.value(n, p.Elem(), path)
		v.Set(p)
	case reflect.Struct:
		d.mapping(n, v, path)
	default:
		d.errorf(n, CodeInternal, path, "%s: internal error: cannot decode into %s", label(path), v.Type())
	}
}

// mapping decodes a mapping node into the struct v.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, CodeWrongType, path, "%s must be a set of \"key: value\" lines, found %s", label(path), describe(n))
		return
	}
	t := v.Type()
	fields := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Name == "Pos" && f.Type == posType {
			v.Field(i).Set(reflect.ValueOf(d.pos(n)))
			continue
		}
		if tag := f.Tag.Get("yaml"); tag == "-" || !f.IsExported() {
			continue
		}
		fields[keyName(f)] = i
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, CodeBadKey, path, "%s: keys must be plain words", label(path))
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.errorf(k, CodeDuplicateKey, join(path, k.Value), "duplicate key %q (first at line %d); keep one", k.Value, d.pos(prev).Line)
			continue
		}
		seen[k.Value] = k
		idx, ok := fields[k.Value]
		if !ok {
			d.errorf(k, CodeUnknownKey, join(path, k.Value), "unknown key %q%s%s", k.Value, where(path), diag.Hint(k.Value, sortedKeys(fields)))
			continue
		}
		d.value(val, v.Field(idx), join(path, k.Value))
	}
}

// scalar returns n's text, or reports that a scalar was expected.
func (d *decoder) scalar(n *yaml.Node, path, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, CodeWrongType, path, "%s must be %s, found %s", label(path), want, describe(n))
		return "", false
	}
	return n.Value, true
}

// keyName is a field's YAML key: its yaml tag, or its name in snake_case.
func keyName(f reflect.StructField) string {
	if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag != "" {
		return tag
	}
	return snake(f.Name)
}

// snake turns a Go field name into snake_case, keeping initialisms whole:
// "OpenQuestions" -> "open_questions", "BaseURL" -> "base_url", "ID" -> "id".
func snake(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 {
			prevLower := unicode.IsLower(rs[i-1])
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if prevLower || (nextLower && unicode.IsUpper(rs[i-1])) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of keys"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", n.Value)
}

func label(path string) string {
	if path == "" {
		return "front matter"
	}
	return path
}

func where(path string) string {
	if path == "" {
		return ""
	}
	return " in " + path
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func trimDateErr(err error) string {
	if errors.Is(err, content.ErrDateForm) {
		return "not a date"
	}
	return err.Error()
}
