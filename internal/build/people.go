package build

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/briefing-dev/briefing/internal/check"
	"github.com/briefing-dev/briefing/internal/content"
	"github.com/briefing-dev/briefing/internal/diag"
	"github.com/briefing-dev/briefing/internal/parse"
)

// peopleFolder reports whether content/ has the folder briefing.yaml
// names for people.
func peopleFolder(files []content.File, cfg content.Config) bool {
	for _, f := range files {
		if strings.HasPrefix(f.Path, "content/"+cfg.PeopleSection+"/") {
			return true
		}
	}
	return false
}

// movedPeople tells a renamed people section from pages that are wrong one
// by one. When briefing.yaml names a people section that content/ has no
// folder for, and the pages of another folder carry a person's name or
// role, the editor renamed people_section (or the folder) and not the
// other: every person there would get "belongs on person pages only". It
// returns that folder and the one error to report instead, at the
// people_section key; ok is false when the site shows no such mistake.
func movedPeople(files []content.File, cfg content.Config, ds diag.List) (folder string, d diag.Diagnostic, ok bool) {
	if peopleFolder(files, cfg) {
		return "", d, false // the folder exists: each error stands on its own
	}
	people := map[string]map[string]bool{} // folder -> files with a name or role
	for _, d := range ds {
		if d.Code != parse.CodePersonKey || (d.Key != "name" && d.Key != "role") {
			continue
		}
		dir := path.Dir(strings.TrimPrefix(d.Pos.File, "content/"))
		if dir == "." || dir == cfg.PeopleSection {
			continue // a topic with a person's key is that page's mistake
		}
		if people[dir] == nil {
			people[dir] = map[string]bool{}
		}
		people[dir][d.Pos.File] = true
	}
	if len(people) == 0 {
		return "", d, false
	}
	dirs := make([]string, 0, len(people))
	for dir := range people {
		dirs = append(dirs, dir)
	}
	sort.Slice(dirs, func(i, j int) bool {
		if len(people[dirs[i]]) != len(people[dirs[j]]) {
			return len(people[dirs[i]]) > len(people[dirs[j]])
		}
		return dirs[i] < dirs[j]
	})
	folder = dirs[0]
	var msg string
	if cfg.PeopleSectionPos.Line == 0 {
		msg = fmt.Sprintf("people_section is not set, so person pages belong in content/%s/, but they are in content/%s/; add \"people_section: %s\" to briefing.yaml, or rename the folder to content/%s/",
			cfg.PeopleSection, folder, folder, cfg.PeopleSection)
	} else {
		msg = fmt.Sprintf("people_section is %q, but content/ has no folder %q: the person pages are in content/%s/; rename that folder to content/%s/, or set \"people_section: %s\"",
			cfg.PeopleSection, cfg.PeopleSection, folder, cfg.PeopleSection, folder)
	}
	return folder, diag.Diagnostic{Pos: cfg.PeopleSectionPos, Severity: diag.Error, Rule: check.RuleConfig, Code: "people-section-moved", Key: "people_section", Msg: msg}, true
}
