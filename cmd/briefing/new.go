package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/briefing-dev/briefing/internal/build"
	"github.com/briefing-dev/briefing/internal/content"
)

func newNewCmd(stdout, stderr io.Writer) *cobra.Command {
	var source string
	cmd := &cobra.Command{
		Use:   "new",
		Short: "Add a person or a topic page with its front matter filled in",
		Long: strings.TrimSpace(`
Add a page to the site in --source, with the front matter filled in:

  briefing new person ID --name "Full Name" [--side SIDE]
      writes content/<people section>/ID.md; SIDE must be a side id
      declared in briefing.yaml (without it, the person is one of the
      "Others")
  briefing new topic SLUG --title "Title"
      writes content/SLUG.md

IDs and slugs are lower-case letters, digits and single hyphens. new never
overwrites a file.`),
		Args: unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.PersistentFlags().StringVarP(&source, "source", "s", ".", "site folder (holds briefing.yaml)")

	var name, side string
	person := &cobra.Command{
		Use:     "person ID --name NAME [--side SIDE]",
		Short:   "Add a person's page",
		Example: `  briefing new person jane-doe --name "Jane Doe" --side side-a`,
		Args:    oneID("person"),
		RunE: func(_ *cobra.Command, args []string) error {
			id := args[0]
			if strings.TrimSpace(name) == "" {
				return usageError{errors.New("new person needs --name \"Full Name\"")}
			}
			cfg, err := siteConfig(source, stderr)
			if err != nil {
				return err
			}
			if _, ok := cfg.Side(side); !ok && side != "" {
				var ids []string
				for _, s := range cfg.Sides {
					ids = append(ids, s.ID)
				}
				if len(ids) == 0 {
					return usageError{fmt.Errorf("briefing.yaml declares no sides; add them under \"sides:\" first")}
				}
				return usageError{fmt.Errorf("--side %q is not a side in briefing.yaml; use one of: %s", side, strings.Join(ids, ", "))}
			}
			rel := filepath.Join("content", cfg.PeopleSection, id+".md")
			sideLine := "side: " + side + "\n"
			if side == "" {
				sideLine = "" // no side: grouped as "Others"
			}
			page := fmt.Sprintf("---\nname: %s\nrole: \"\"\n%sat_table:\n  present: no # yes when they took part\nsummary: \"\"\n---\n\nWho %s is, in a paragraph.\n", yamlString(name), sideLine, strings.TrimSpace(name))
			return writePage(stdout, source, rel, page)
		},
	}
	person.Flags().StringVar(&name, "name", "", "the person's full name (required)")
	person.Flags().StringVar(&side, "side", "", "a side id from briefing.yaml; leave it out for someone on no side")

	var title string
	topic := &cobra.Command{
		Use:     "topic SLUG --title TITLE",
		Short:   "Add a topic page",
		Example: `  briefing new topic ceasefire --title "The ceasefire proposal"`,
		Args:    oneID("topic"),
		RunE: func(_ *cobra.Command, args []string) error {
			slug := args[0]
			if strings.TrimSpace(title) == "" {
				return usageError{errors.New("new topic needs --title \"Title\"")}
			}
			for _, g := range content.GeneratedPages() {
				if g.ID == slug {
					return usageError{fmt.Errorf("%q is the address of the built-in %s page; choose another slug", slug, g.Title)}
				}
			}
			cfg, err := siteConfig(source, stderr)
			if err != nil {
				return err
			}
			if info, err := os.Stat(filepath.Join(source, "content", slug)); (err == nil && info.IsDir()) || slug == cfg.PeopleSection {
				return usageError{fmt.Errorf("content/%s/ is a section with the same address; choose another slug", slug)}
			}
			page := fmt.Sprintf("---\ntitle: %s\nsummary: \"\"\n---\n\n## Background\n\nWrite the topic here.\n", yamlString(title))
			return writePage(stdout, source, filepath.Join("content", slug+".md"), page)
		},
	}
	topic.Flags().StringVar(&title, "title", "", "the page's title (required)")
	cmd.AddCommand(person, topic)
	return cmd
}

// oneID accepts exactly one argument that is a valid id.
func oneID(what string) cobra.PositionalArgs {
	return func(_ *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usageError{fmt.Errorf("new %s needs exactly one id", what)}
		}
		if !validID(args[0]) {
			return usageError{fmt.Errorf("%q is not a valid id: use lower-case letters, digits and single hyphens, such as \"jane-doe\"", args[0])}
		}
		return nil
	}
}

// validID reports whether s is lower-case letters (of any script), digits
// and single hyphens, not starting or ending with one.
func validID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") || len([]rune(s)) > 100 {
		return false
	}
	for _, r := range s {
		switch {
		case r == '-', r >= '0' && r <= '9', r >= 'a' && r <= 'z':
		case r > 127 && unicode.IsLetter(r) && !unicode.IsUpper(r) && !unicode.IsTitle(r):
		default:
			return false
		}
	}
	return true
}

// siteConfig reads briefing.yaml, printing its problems.
func siteConfig(source string, stderr io.Writer) (content.Config, error) {
	cfg, l, err := build.SiteConfig(source)
	if err != nil {
		return cfg, err
	}
	if l.HasErrors() {
		printDiagnostics(stderr, l)
		return cfg, errReported
	}
	return cfg, nil
}

func writePage(stdout io.Writer, source, rel, page string) error {
	if err := writeNew(filepath.Join(source, rel), []byte(page)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s\n", filepath.ToSlash(rel))
	return nil
}

// yamlString quotes s for YAML: a JSON string is a valid YAML
// double-quoted scalar.
func yamlString(s string) string {
	b, _ := json.Marshal(strings.TrimSpace(s))
	return string(b)
}
