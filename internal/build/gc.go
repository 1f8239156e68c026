package build

// GCPercent is the GOGC at which the command line runs a build unless the
// GOGC environment variable is set: the heap may grow by about two thirds
// of what is live before it is collected, where Go's default lets it
// double.
//
// A build's live heap is small (what cross-references need of each page),
// but while it is marked the workers rendering pages keep allocating, and
// the heap goal counts that garbage as live: at GOGC=100 the peak was
// about two and a half times the live heap. On the 10,000- and
// 50,000-page corpora, the growth of the peak past 10,000 pages was about
// 12 KB a page at 100, 9.3–10.7 at 75 and 8.7–8.8 at 65 (issue 13, aim 2:
// at most 10). 65 marks about 15% more than 75 (4.2 against 3.7 GB on
// the 10,000-page corpus), some 0.3 s of GC time in a build of 13 s of
// user time.
const GCPercent = 65
