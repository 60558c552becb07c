package recognize

import (
	"fmt"
	"testing"
)

// Day.String writes what fmt's zero-padded verbs wrote before it: years before 1000 and
// after 9999, and negative ones, included.
func TestDayStringAsSprintf(t *testing.T) {
	for _, y := range []int{0, 7, 42, 999, 1000, 2023, 9999, 10000, 123456, -1, -42, -12345} {
		for _, m := range []int{0, 1, 9, 10, 12, 13, 100, -3} {
			for _, d := range []int{0, 1, 9, 10, 31, 99, 100, -2} {
				day := Day{y, m, d}
				want := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				switch {
				case m == 0:
					want = fmt.Sprintf("%04d", y)
				case d == 0:
					want = fmt.Sprintf("%04d-%02d", y, m)
				}
				if got := day.String(); got != want {
					t.Errorf("%#v.String() = %q, want %q", day, got, want)
				}
			}
		}
	}
}
