package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	briefing "github.com/briefing-dev/briefing"
	"github.com/briefing-dev/briefing/internal/build"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diff"
)

// maxSnapshot bounds a snapshot read from a file or fetched: a briefing's
// API of 10,000 pages is a few megabytes.
const maxSnapshot = 64 << 20

// fetchTimeout bounds fetching a snapshot, from connecting to the last byte.
const fetchTimeout = 30 * time.Second

// newDiffCmd builds "briefing diff". client fetches snapshots given as
// URLs; its Timeout should be set (newRootCmd's is fetchTimeout).
func newDiffCmd(stdout, stderr io.Writer, getenv func(string) string, client *http.Client) *cobra.Command {
	var opts build.Options
	var format, date string
	var draft bool
	cmd := &cobra.Command{
		Use:   "diff OLD.json",
		Short: "List what changed since a published /api/briefing.json",
		Long: strings.TrimSpace(`
Compare the site in --source with a snapshot of its JSON API published
earlier (/api/briefing.json, a file or an https:// URL) and list the pages,
people, quotes, events and figures that are new, changed or removed.

Items are matched by what identifies them: a page or person by id, a quote
by its page, speaker and words (then by page, speaker, date and context), an
event by its page and title (then by page, date and detail), a figure by
its page and label (then by page and value). URLs are not compared, so a
snapshot from another base URL compares cleanly.

With --draft-updates, diff prints "updates:" entries dated --date (today by
default) for the home page's front matter: check and reword them, then paste
them into content/_index.md.

Exit status: 0 compared (whether or not anything changed); 1 the site has
errors or the snapshot cannot be read; 2 bad usage; 130 or 143 cancelled.`),
		Example: `  briefing diff published.json
  briefing diff https://example.org/briefings/riyadh/api/briefing.json --format json
  briefing diff old.json --draft-updates --date 2025-02-21`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("diff needs one snapshot: a file or an https:// URL of /api/briefing.json, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError{fmt.Errorf("--format must be text or json, not %q", format)}
			}
			if draft && format != "text" {
				return usageError{errors.New("--draft-updates prints YAML; leave out --format")}
			}
			if date == "" {
				date = time.Now().UTC().Format("2006-01-02")
			} else if d, err := content.ParseDate(date); err != nil || d.Day == 0 {
				return usageError{fmt.Errorf("--date must be YYYY-MM-DD, not %q", date)}
			}
			old, err := readSnapshot(cmd.Context(), client, args[0])
			if err != nil {
				return err
			}
			opts.Theme = briefing.Theme
			opts.Debug = getenv("BRIEFING_DEBUG") == "1"
			res, diags, err := build.Render(cmd.Context(), opts)
			if err != nil {
				return err
			}
			if diags.HasErrors() {
				printDiagnostics(stderr, diags)
				return errReported
			}
			var cur []byte
			for _, f := range res.Files {
				if f.Path == "api/briefing.json" {
					cur = f.Data
				}
			}
			if cur == nil {
				return errors.New("the build made no api/briefing.json")
			}
			report, err := diff.Compare(old, cur)
			if err != nil {
				return err
			}
			switch {
			case draft:
				return report.DraftUpdates(stdout, date)
			case format == "json":
				return report.JSON(stdout)
			}
			return report.Text(stdout)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Source, "source", "s", ".", "site folder (holds briefing.yaml)")
	f.StringVar(&format, "format", "text", "output format: text or json")
	f.BoolVar(&draft, "draft-updates", false, "print \"updates:\" entries for content/_index.md instead of the list")
	f.StringVar(&date, "date", "", "the date of the drafted updates, YYYY-MM-DD (default today)")
	f.BoolVar(&opts.Drafts, "drafts", false, "include pages marked draft: true")
	return cmd
}

// readSnapshot reads a snapshot from a file, or fetches it from an
// https:// URL with client, reading at most maxSnapshot bytes.
func readSnapshot(ctx context.Context, client *http.Client, name string) ([]byte, error) {
	if !strings.Contains(name, "://") {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readLimited(f, name)
	}
	u, err := url.Parse(name)
	if err != nil || u.Host == "" {
		return nil, usageError{fmt.Errorf("%q is not a URL; give a file or an https:// URL", name)}
	}
	if u.Scheme != "https" {
		return nil, usageError{fmt.Errorf("fetch %s: only https:// URLs are fetched; download the file and give its path", name)}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, name, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", name, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", name, resp.Status)
	}
	return readLimited(resp.Body, name)
}

func readLimited(r io.Reader, name string) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxSnapshot+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > maxSnapshot {
		return nil, fmt.Errorf("read %s: larger than %d MB; is it a briefing's /api/briefing.json?", name, maxSnapshot>>20)
	}
	return data, nil
}
