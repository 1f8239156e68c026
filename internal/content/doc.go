// Package content is the typed model of a briefing: the site's settings, the
// files as loaded, the pages as parsed and the cross-referenced site that
// templates read. It holds data and small pure methods only: no I/O, no
// parsing, no rendering. Every stage speaks in these types.
package content
