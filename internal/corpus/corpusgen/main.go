// Command corpusgen writes a synthetic briefing site for benchmarks:
//
//	go run ./internal/corpus/corpusgen -n 10000 -o /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/briefing-dev/briefing/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of pages")
	out := flag.String("o", "", "folder to write the site into (must not exist)")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "corpusgen: -o is required")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "corpusgen: %s exists; choose a new folder\n", *out)
		os.Exit(2)
	}
	if err := corpus.Write(*out, *n); err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
}
