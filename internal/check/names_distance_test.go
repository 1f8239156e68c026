package check

import (
	"math/rand/v2"
	"testing"

	"github.com/briefing-dev/briefing/internal/diag"
)

// TestDistanceWithin holds distance.within to diag.Distance on random
// strings over a small alphabet, with non-Latin letters, at every bound.
func TestDistanceWithin(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	letters := []rune("abcé日ß")
	str := func() string {
		s := make([]rune, r.IntN(9))
		for i := range s {
			s[i] = letters[r.IntN(len(letters))]
		}
		return string(s)
	}
	var d distance
	for i := 0; i < 20000; i++ {
		a, b, k := str(), str(), r.IntN(6)
		want := diag.Distance(a, b)
		got, ok := d.within(a, b, k)
		if ok != (want <= k) || ok && got != want {
			t.Fatalf("within(%q, %q, %d) = %d, %v; want %d, %v", a, b, k, got, ok, want, want <= k)
		}
	}
}
