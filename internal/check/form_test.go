package check

import (
	"testing"

	"github.com/briefing-dev/briefing/internal/content"
)

func TestAfter(t *testing.T) {
	tests := []struct {
		d, ref string
		want   bool
	}{
		{"2025-02-20", "2025-02-19", true},
		{"2025-02-19", "2025-02-19", false},
		{"2025-02", "2025-02-19", false},
		{"2025-02-28", "2025-02", false},
		{"2025-03-01", "2025-02", true},
		{"2025-12", "2025", false},
		{"2026", "2025-02-19", true},
		{"2014", "2025-02-19", false},
	}
	for _, tc := range tests {
		d, err1 := content.ParseDate(tc.d)
		ref, err2 := content.ParseDate(tc.ref)
		if err1 != nil || err2 != nil {
			t.Fatalf("bad test dates %q %q", tc.d, tc.ref)
		}
		if got := after(d, ref); got != tc.want {
			t.Errorf("after(%s, %s) = %v; want %v", tc.d, tc.ref, got, tc.want)
		}
	}
}
