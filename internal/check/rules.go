package check

// The rules of the findings the build itself reports, by the stage that
// found them. They live here, beside the editorial checks' rules (Rules),
// because together they are the vocabulary of "briefing check": every
// finding it prints carries one of the two lists' names.
const (
	RuleFile        = "file"         // reading the site: names, symlinks, sizes, encodings, front-matter fences
	RuleConfig      = "config"       // briefing.yaml and --base-url
	RuleFrontMatter = "front-matter" // YAML syntax, keys, types and values of a page
	RuleReference   = "reference"    // unknown ids, duplicate ids and URLs, links to missing pages
	RuleAsset       = "asset"        // static files, the feed, sitemap and indexes
	RuleTemplate    = "template"     // the theme's templates
	RuleBuild       = "build"        // anything else the build reports: an internal error
)

// BuildRules lists every rule the build reports, RuleBuild included.
var BuildRules = []string{RuleFile, RuleConfig, RuleFrontMatter, RuleReference, RuleAsset, RuleTemplate, RuleBuild}
