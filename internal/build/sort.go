package build

import (
	"sort"

	"github.com/briefing-dev/briefing/internal/render"
)

func sortOutputs(out []render.Output) {
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
}
