package render

import (
	"github.com/briefing-dev/briefing/internal/content"
)

// wants reports whether Site should render p: every page when Only is nil.
func (o Options) wants(p *content.Page) bool { return o.Only == nil || o.Only(p) }

// compact drops the slots of pages that were not rendered, keeping order.
func compact(out []content.Output) []content.Output {
	n := 0
	for _, o := range out {
		if o.Path != "" {
			out[n] = o
			n++
		}
	}
	return out[:n]
}
