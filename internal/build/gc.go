package build

// GCPercent is the GOGC at which the command line runs a build unless the
// GOGC environment variable is set: the heap may grow by three quarters of
// what is live before it is collected, where Go's default lets it double.
//
// A build's live heap is small (what cross-references need of each page),
// but while it is marked the workers rendering pages keep allocating, and
// the heap goal counts that garbage as live: at GOGC=100 the peak was
// about two and a half times the live heap. On the 10,000- and
// 50,000-page corpora GOGC=75 lowers the peak by about a sixth (the growth
// from about 12 to 9.3–10.7 KB a page past 10,000, from run to run) for
// about a quarter more time collecting, some 3% of a build's CPU time
// (issue 13, aim 2).
const GCPercent = 75
