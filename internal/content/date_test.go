package content

import "testing"

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{"2014", Date{2014, 0, 0}, false},
		{"2022-02", Date{2022, 2, 0}, false},
		{"2025-02-18", Date{2025, 2, 18}, false},
		{"2024-02-29", Date{2024, 2, 29}, false},
		{"2025-02-29", Date{}, true},
		{"2025-13", Date{}, true},
		{"2025-00", Date{}, true},
		{"2025-1-1", Date{}, true},
		{"18 February 2025", Date{}, true},
		{"0000", Date{}, true},
		{"", Date{}, true},
		{"2025-02-00", Date{}, true},
	}
	for _, tc := range tests {
		got, err := ParseDate(tc.in)
		if (err != nil) != tc.wantErr || got != tc.want {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

func TestDateOrderAndText(t *testing.T) {
	a, b, c := Date{2025, 2, 0}, Date{2025, 2, 18}, Date{2014, 0, 0}
	if a.Compare(b) >= 0 || c.Compare(a) >= 0 || b.Compare(b) != 0 {
		t.Errorf("Compare orders %v, %v, %v wrongly", a, b, c)
	}
	for d, want := range map[Date]string{a: "February 2025", b: "18 February 2025", c: "2014"} {
		if got := d.Human(); got != want {
			t.Errorf("%v.Human() = %q; want %q", d, got, want)
		}
	}
}
