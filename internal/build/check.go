package build

import (
	"context"
	"fmt"
	"os"

	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/load"
	"github.com/briefing-dev/briefing/internal/write"
)

// Check runs every stage of the build but write, then the editorial checks
// of package check over the site and its rendered pages, and returns all
// diagnostics sorted. It writes nothing. With strict set, warnings are
// raised to errors, so that HasErrors tells whether the check failed. err
// is set only when the site folder cannot be read.
func Check(ctx context.Context, opts Options, strict bool) (diag.List, error) {
	in, l, err := loadSite(ctx, opts)
	if err != nil {
		return nil, err
	}
	// The built files are not kept: the link rule needs of each only its
	// path, ids and links, which rendered takes as each is made; of the
	// files for machines (the JSON API, the search index) it needs only
	// their paths, so they are not made. A page too large to hold whole
	// is read as it renders (open).
	// The files' text is kept compressed once each is parsed (pack),
	// screened for names as soon as the people are known, then let go
	// (drop); bodies keep no plain text, which only the search index
	// reads, and wait for render in a scratch file in the site folder
	// that has no name, so nothing is left behind however check ends; or
	// compressed in memory where the folder cannot hold one (read-only).
	// The bodies' links, once resolve has checked them, are kept in the
	// smaller form the link rules read (KeepLinks).
	rendered := check.NewRendered()
	var screened diag.List
	out := sink{emit: rendered.Add, open: rendered.Open, paths: true, drop: true, pack: &packedFiles{}}
	out.body = squeeze
	if sc, err := unnamedScratch(siteDir(opts)); err == nil {
		defer sc.Close()
		out.body = spiller{sc}.lean
	}
	out.resolved = func(site *content.Site) {
		stage(ctx, "check", "", opts.Debug, &screened, func() diag.List {
			var l diag.List
			l.Add(check.NamesOf(site, len(in.Files), func(i int) content.File {
				f, err := out.pack.file(in.Files[i])
				if err != nil {
					l.Errorf(diag.Pos{File: f.Path}, "cannot read back the text kept for the name screen: %v", err)
				}
				return f
			})...)
			out.pack.clear()
			return l
		})
		rendered.KeepLinks(site)
	}
	res, ds := steps(ctx, in, opts, nil, out)
	l.Add(ruled(check.RuleBuild, ds)...)
	l.Add(screened...)
	stage(ctx, "check", "", opts.Debug, &l, func() diag.List {
		return check.Site(res.Site, rendered, nil)
	})
	if ctx.Err() != nil {
		return nil, ErrCancelled
	}
	if strict {
		for i := range l {
			l[i].Severity = diag.Error
		}
	}
	l.Sort()
	rootFirst(l)
	return l, nil
}

// unnamedScratch makes check's scratch file; tests replace it.
var unnamedScratch = write.Unnamed

// ProseFile is a text from outside the site to screen for misspelt names.
type ProseFile struct {
	// Name is how diagnostics name the file (the path as the user gave it).
	Name string
	Data []byte
}

// Prose screens texts from outside the site for names that nearly match a
// person of the site in opts.Source. When the site cannot be built far
// enough to know its people, the build's diagnostics come back instead.
func Prose(ctx context.Context, opts Options, texts []ProseFile) (diag.List, error) {
	in, l, err := loadSite(ctx, opts)
	if err != nil {
		return nil, err
	}
	res, ds := Pipeline(ctx, in, opts)
	if ctx.Err() != nil {
		return nil, ErrCancelled
	}
	l.Add(ds...)
	if res.Site == nil || len(res.Site.People) == 0 {
		if !l.HasErrors() {
			l.Errorf(diag.Pos{File: load.ContentDir}, "the site has no person pages, so there are no names to check against; add pages under content/%s/", peopleSection(res.Site))
		}
		for i := range l {
			if l[i].Rule == "" {
				l[i].Rule = check.RuleBuild
			}
		}
		l.Sort()
		rootFirst(l)
		return l, nil
	}
	var out diag.List
	stage(ctx, "check", "", opts.Debug, &out, func() diag.List {
		var ds diag.List
		for _, t := range texts {
			ds.Add(check.Prose(t.Name, t.Data, res.Site.People)...)
		}
		return ds
	})
	if ctx.Err() != nil {
		return nil, ErrCancelled
	}
	return out, nil
}

func peopleSection(s *content.Site) string {
	if s == nil || s.Config.PeopleSection == "" {
		return "participants"
	}
	return s.Config.PeopleSection
}

// loadSite opens the site folder and runs the load stage. It returns
// ErrCancelled when ctx is cancelled while it reads.
func loadSite(ctx context.Context, opts Options) (*content.Input, diag.List, error) {
	src := siteDir(opts)
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, nil, fmt.Errorf("open site folder: %w", err)
	}
	var in *content.Input
	var l diag.List
	ok := stage(ctx, "load", "", opts.Debug, &l, func() diag.List {
		// The root stays open until the walk ends, even when a cancelled
		// build has stopped waiting for it.
		defer root.Close()
		var ds diag.List
		in, ds = load.Site(root.FS(), opts.Theme)
		return ruled(check.RuleFile, ds)
	})
	if ctx.Err() != nil {
		return nil, nil, ErrCancelled
	}
	if !ok {
		return &content.Input{}, l, nil // load panicked: l says so
	}
	return in, l, nil
}
