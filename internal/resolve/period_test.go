package resolve

import (
	"testing"

	"marsad/internal/event"
)

// TestSpanArithmeticBeyond292Years: a span is counted in days, not in time.Duration, which
// saturates at about 292 years. Texts do give such periods (a year misread, "1057" to
// 2017): their lengths and overlaps must still be exact, or every one of them looks as
// long as the next and aggregates join that should not.
func TestSpanArithmeticBeyond292Years(t *testing.T) {
	leap := func(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }
	// Days from 1057-01-01 to 2017-12-30 inclusive, counted year by year.
	want := 0
	for y := 1057; y < 2017; y++ {
		want += 365
		if leap(y) {
			want++
		}
	}
	want += 364 // 2017-01-01 .. 2017-12-30
	long, ok := parseSpan(&event.Period{From: "1057", To: "2017-12-30"})
	if !ok {
		t.Fatal("1057 to 2017-12-30 does not parse")
	}
	if got := long.days(); got != want {
		t.Errorf("days: got %d, want %d", got, want)
	}
	later, _ := parseSpan(&event.Period{From: "1344", To: "2017-12-11"})
	// 1344-01-01 .. 2017-12-11 lies inside the long span.
	if got, inner := long.overlapDays(later), later.days(); got != inner {
		t.Errorf("overlap: got %d days, want the inner span's %d", got, inner)
	}
	if iou := long.iou(later); iou <= 0.6 || iou >= 0.75 {
		t.Errorf("iou of 674 years in 961: got %.3f, want about 0.70", iou)
	}
	// The days strictly between 632 and 1344: the years 633 to 1343, whole.
	gap := 0
	for y := 633; y <= 1343; y++ {
		gap += 365
		if leap(y) {
			gap++
		}
	}
	old, _ := parseSpan(&event.Period{From: "0622", To: "0632"})
	if got := old.gapDays(later); got != gap {
		t.Errorf("gap: got %d days, want %d", got, gap)
	}
	if got := later.gapDays(old); got != gap {
		t.Errorf("gap the other way: got %d days, want %d", got, gap)
	}
	if p := long.period(); p.From != "1057-01-01" || p.To != "2017-12-30" {
		t.Errorf("period back: %+v", p)
	}
}
