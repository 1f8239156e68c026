package parallel

import (
	"context"
	"testing"
)

func TestEachVisitsEveryIndexOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 3, 64} {
		got := make([]int, 1000)
		Each(context.Background(), len(got), workers, func(i int) { got[i]++ })
		for i, n := range got {
			if n != 1 {
				t.Fatalf("workers=%d: index %d visited %d times", workers, i, n)
			}
		}
	}
	Each(context.Background(), 0, 4, func(int) { t.Fatal("called for n=0") })
}

func TestEachStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := make([]bool, 10000)
	Each(ctx, len(calls), 1, func(i int) {
		calls[i] = true
		if i == 10 {
			cancel()
		}
	})
	for i := 11; i < len(calls); i++ {
		if calls[i] {
			t.Fatalf("index %d ran after cancel", i)
		}
	}
}
