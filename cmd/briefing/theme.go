package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	briefing "github.com/briefing-dev/briefing"
	"github.com/briefing-dev/briefing/internal/diag"
)

func newThemeCmd(stdout io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "theme",
		Short: "List the built-in theme's files, or copy some into the site to change them",
		Long: strings.TrimSpace(`
The theme (templates and static files) is built into the briefing binary. A
site uses it as it is, and a newer briefing brings its fixes. A file in the
site's templates/ or static/ replaces the built-in file of the same path,
file by file; every other file still comes from the binary.

  briefing theme list
      lists the built-in theme's files, marking those the site in
      --source overrides
  briefing theme eject FILE...
      copies the named files (as "theme list" names them) into the site,
      to change them; refuses to overwrite a file unless --force

Copy only what you change: a copied file no longer gets the theme's fixes.
Delete it to go back to the built-in one. See docs/theming.md for the
template data, functions and CSS variables.`),
		Args: unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}

	var source string
	list := &cobra.Command{
		Use:   "list",
		Short: "List the built-in theme's files, marking those the site overrides",
		Args:  noArgs,
		RunE: func(*cobra.Command, []string) error {
			files, err := themeFiles()
			if err != nil {
				return err
			}
			for _, f := range files {
				if _, err := os.Lstat(filepath.Join(source, filepath.FromSlash(f))); err == nil {
					fmt.Fprintf(stdout, "%s (overridden by the site's copy)\n", f)
					continue
				}
				fmt.Fprintln(stdout, f)
			}
			return nil
		},
	}
	list.Flags().StringVarP(&source, "source", "s", ".", "site folder whose overrides to mark")

	var force bool
	eject := &cobra.Command{
		Use:   "eject FILE...",
		Short: "Copy built-in theme files into the site to change them",
		Example: `  briefing theme eject templates/partials/footer.html
  briefing theme eject static/css/site.css --source my-briefing`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageError{errors.New("theme eject needs at least one file; \"briefing theme list\" lists them")}
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			files, err := themeFiles()
			if err != nil {
				return err
			}
			if _, err := os.Stat(filepath.Join(source, "briefing.yaml")); err != nil {
				return fmt.Errorf("no briefing.yaml in %s: eject copies into a site folder; pass --source with the site's folder", source)
			}
			// Check every name and target first: eject writes all or nothing.
			for _, name := range args {
				if !slices.Contains(files, name) {
					return usageError{fmt.Errorf("%q is not a file of the built-in theme%s (\"briefing theme list\" lists them)", name, diag.Hint(themeName(name), files))}
				}
				dst := filepath.Join(source, filepath.FromSlash(name))
				if _, err := os.Lstat(dst); err == nil && !force {
					return fmt.Errorf("%s already exists and overrides the built-in file; use --force to replace it with the built-in one (nothing was written)", dst)
				}
			}
			for _, name := range args {
				data, err := fs.ReadFile(briefing.Theme, name)
				if err != nil {
					return fmt.Errorf("built-in theme: %w", err)
				}
				dst := filepath.Join(source, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(dst, data, 0o644); err != nil {
					return fmt.Errorf("write %s: %w", dst, err)
				}
				fmt.Fprintf(stdout, "wrote %s; it now replaces the built-in %s (delete it to go back)\n", dst, name)
			}
			return nil
		},
	}
	eject.Flags().StringVarP(&source, "source", "s", ".", "site folder (holds briefing.yaml)")
	eject.Flags().BoolVar(&force, "force", false, "replace files the site already has")

	cmd.AddCommand(list, eject)
	return cmd
}

// themeFiles lists the built-in theme's files as site paths
// ("templates/layout.html", "static/css/site.css"), sorted.
func themeFiles() ([]string, error) {
	var out []string
	for _, dir := range []string{"templates", "static"} {
		err := fs.WalkDir(briefing.Theme, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				out = append(out, p)
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("built-in theme: %w", err)
		}
	}
	sort.Strings(out)
	return out, nil
}

// themeName guesses the theme path an editor meant: "partials/footer.html"
// and "footer.html" are templates, "css/site.css" static.
func themeName(name string) string {
	name = path.Clean(filepath.ToSlash(name))
	if strings.HasPrefix(name, "templates/") || strings.HasPrefix(name, "static/") {
		return name
	}
	if strings.HasSuffix(name, ".html") {
		if !strings.Contains(name, "/") && name != "layout.html" {
			if _, err := fs.Stat(briefing.Theme, "templates/partials/"+name); err == nil {
				return "templates/partials/" + name
			}
		}
		return "templates/" + name
	}
	return "static/" + name
}
