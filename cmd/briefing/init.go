package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	briefing "github.com/briefing-dev/briefing"
)

func newInitCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "init DIR",
		Short: "Start a new briefing in a folder",
		Long: strings.TrimSpace(`
Write a new, buildable briefing into DIR: briefing.yaml, a home page, one
topic, one person, and templates/README.md, which says how to override
the theme. The theme itself stays in the binary, so a newer briefing
brings its fixes to the site; "briefing theme eject FILE" copies one
theme file into the site when you want to change it.

init refuses to overwrite: when any of the files it would write exists,
it writes nothing.`),
		Example: `  briefing init my-briefing
  cd my-briefing && briefing serve`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{errors.New("init needs exactly one argument: the folder to create the briefing in")}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			dir := args[0]
			files, err := skeletonFiles()
			if err != nil {
				return err
			}
			for _, f := range files {
				p := filepath.Join(dir, filepath.FromSlash(f.path))
				if _, err := os.Lstat(p); err == nil {
					return fmt.Errorf("%s already exists; init writes only into a folder without a briefing (nothing was written)", p)
				}
			}
			for _, f := range files {
				if err := writeNew(filepath.Join(dir, filepath.FromSlash(f.path)), f.data); err != nil {
					return err
				}
			}
			fmt.Fprintf(stdout, "created a briefing in %s (%d files)\nnext: cd %s && briefing serve\n", dir, len(files), dir)
			return nil
		},
	}
}

type skeletonFile struct {
	path string
	data []byte
}

// skeletonFiles lists what init writes: the skeleton, and nothing of the
// theme (see "briefing theme eject").
func skeletonFiles() ([]skeletonFile, error) {
	var out []skeletonFile
	err := fs.WalkDir(briefing.Skeleton, "skeleton", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(briefing.Skeleton, p)
		if err != nil {
			return err
		}
		out = append(out, skeletonFile{path: strings.TrimPrefix(p, "skeleton/"), data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("built-in skeleton: %w", err)
	}
	return out, nil
}

// writeNew writes a file that must not exist yet, creating its folders.
func writeNew(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s already exists; not overwriting it", p)
		}
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", p, err)
	}
	return f.Close()
}
