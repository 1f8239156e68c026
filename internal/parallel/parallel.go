// Package parallel runs a function over an index range on a few goroutines.
// Stages use it for their data-parallel loops (parse, render, minify, write):
// each call fills its own slot of a pre-sized slice, so results never depend
// on scheduling and no locks are needed. No goroutine outlives the call.
package parallel

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls fn for every index in [0, n) on workers goroutines
// (GOMAXPROCS when workers <= 0) and returns when all calls are done. Once
// ctx is cancelled, indexes not yet started are skipped. fn must not panic;
// callers that run library code on untrusted input recover inside fn.
func Each(ctx context.Context, n, workers int, fn func(i int)) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n || ctx.Err() != nil {
					return
				}
				fn(i)
			}
		}()
	}
	wg.Wait()
}
