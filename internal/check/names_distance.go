package check

// distance measures edit distances as diag.Distance does (insertions,
// deletions and substitutions of runes, each costing one), reusing its
// buffers and giving up as soon as the answer is over a bound. Its zero
// value is ready to use; one goroutine at a time may use it.
type distance struct {
	a, b      []rune
	prev, cur []int
}

// within returns the edit distance between a and b and true when it is at
// most k, or false when it is more.
func (d *distance) within(a, b string, k int) (int, bool) {
	if a == b {
		return 0, true
	}
	d.a, d.b = append(d.a[:0], []rune(a)...), append(d.b[:0], []rune(b)...)
	ra, rb := d.a, d.b
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > k {
		return 0, false
	}
	prev, cur := d.prev[:0], d.cur[:0]
	for j := 0; j <= len(rb); j++ {
		prev, cur = append(prev, j), append(cur, 0)
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		least := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			least = min(least, cur[j])
		}
		// No row holds a smaller number than the one before it.
		if least > k {
			d.prev, d.cur = prev, cur
			return 0, false
		}
		prev, cur = cur, prev
	}
	d.prev, d.cur = prev, cur
	return prev[len(rb)], prev[len(rb)] <= k
}
