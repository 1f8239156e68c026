// Package content is the typed model of a briefing: the site's settings, the
// files as loaded, the pages and bodies as parsed, the cross-referenced site
// that templates read, and the files to publish. It holds data and small
// pure methods only: no I/O, no parsing, no rendering. Every stage speaks in
// these types.
//
// Size: content is over 500 lines because it is the whole model, one file
// per concept (page, site, dates, trust, output); every stage needs all of it.
package content
