package build

import (
	"fmt"
	"os"

	"github.com/briefing-dev/briefing/internal/config"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/load"
)

// SiteConfig reads and checks the briefing.yaml of the site in source,
// for commands that need the settings without building ("briefing new"
// checks a person's side against them).
func SiteConfig(source string) (content.Config, diag.List, error) {
	if source == "" {
		source = "."
	}
	root, err := os.OpenRoot(source)
	if err != nil {
		return content.Config{}, nil, fmt.Errorf("open site folder: %w", err)
	}
	defer root.Close()
	in, l := load.Site(subsetFS{fsys: root.FS(), keep: []string{load.ConfigFile}}, nil)
	if l.HasErrors() {
		return content.Config{}, l, nil
	}
	cfg, ds := config.Parse(in.Config)
	l.Add(ds...)
	return cfg, l, nil
}
