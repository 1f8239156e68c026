package content

import (
	"errors"
	"fmt"
	"time"
)

// Date is a calendar date with a precision: a year, a month or a day.
// Month and Day are 0 when the date does not give them.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// String returns d in the form it was written: YYYY, YYYY-MM or YYYY-MM-DD.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Human returns d for readers: "2014", "February 2022", "18 February 2025".
func (d Date) Human() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%s %d", time.Month(d.Month), d.Year)
	}
	return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
}

// Compare orders dates by year, month and day; a less precise date comes
// before a more precise one within its span ("2025-02" before "2025-02-18").
func (d Date) Compare(o Date) int {
	switch {
	case d.Year != o.Year:
		return cmpInt(d.Year, o.Year)
	case d.Month != o.Month:
		return cmpInt(d.Month, o.Month)
	}
	return cmpInt(d.Day, o.Day)
}

// Time returns the start of d's span in UTC.
func (d Date) Time() time.Time {
	m, day := max(d.Month, 1), max(d.Day, 1)
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// ParseDate reads YYYY, YYYY-MM or YYYY-MM-DD and checks that the date exists.
func ParseDate(s string) (Date, error) {
	var d Date
	var err error
	switch len(s) {
	case 4:
		d.Year, err = digits(s)
	case 7:
		if s[4] != '-' {
			return Date{}, ErrDateForm
		}
		if d.Year, err = digits(s[:4]); err == nil {
			d.Month, err = digits(s[5:])
		}
	case 10:
		if s[4] != '-' || s[7] != '-' {
			return Date{}, ErrDateForm
		}
		if d.Year, err = digits(s[:4]); err == nil {
			if d.Month, err = digits(s[5:7]); err == nil {
				d.Day, err = digits(s[8:])
			}
		}
	default:
		return Date{}, ErrDateForm
	}
	if err != nil {
		return Date{}, err
	}
	if d.Year < 1 || d.Month > 12 || (len(s) > 4 && d.Month < 1) {
		return Date{}, fmt.Errorf("%q is not a real date", s)
	}
	if d.Day != 0 || len(s) == 10 {
		if t := d.Time(); t.Day() != d.Day || d.Day < 1 {
			return Date{}, fmt.Errorf("%q is not a real date", s)
		}
	}
	return d, nil
}

// ErrDateForm is ParseDate's error for text that is not written as
// YYYY, YYYY-MM or YYYY-MM-DD (as opposed to a date that does not exist).
var ErrDateForm = errors.New("date must be YYYY, YYYY-MM or YYYY-MM-DD")

func digits(s string) (int, error) {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, ErrDateForm
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
