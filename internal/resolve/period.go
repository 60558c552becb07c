package resolve

import (
	"fmt"
	"time"

	"marsad/internal/event"
)

// day is a date as the number of days since 1970-01-01: a span of two is 8 bytes where
// two time.Time are 48, and every event and cluster of a store holds one.
type day int32

func dayOf(t time.Time) day { return day(t.Unix() / 86400) } // t is a UTC midnight

func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// span is a period as a closed range of days.
type span struct {
	from, to day // from <= to
}

// parseSpan reads an event period: bounds are YYYY, YYYY-MM or YYYY-MM-DD; a bound is read
// as the first day (from) or the last day (to) it can mean.
func parseSpan(p *event.Period) (span, bool) {
	if p == nil || p.From == "" {
		return span{}, false
	}
	from, err := bound(p.From, false)
	if err != nil {
		return span{}, false
	}
	toStr := p.To
	if toStr == "" {
		toStr = p.From
	}
	to, err := bound(toStr, true)
	if err != nil || to.Before(from) {
		return span{}, false
	}
	return span{dayOf(from), dayOf(to)}, true
}

func bound(s string, end bool) (time.Time, error) {
	for _, layout := range [...]string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if !end {
			return t, nil
		}
		switch layout {
		case "2006-01":
			return t.AddDate(0, 1, -1), nil
		case "2006":
			return t.AddDate(1, 0, -1), nil
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %q", s)
}

// days is the number of days the span covers.
func (s span) days() int { return int(s.to-s.from) + 1 }

// overlapDays is the number of days two spans share (0 when disjoint).
func (s span) overlapDays(o span) int {
	from, to := max(s.from, o.from), min(s.to, o.to)
	if to < from {
		return 0
	}
	return int(to-from) + 1
}

// gapDays is the number of days strictly between two disjoint spans (0 when they overlap or
// touch).
func (s span) gapDays(o span) int {
	switch {
	case o.from > s.to:
		return int(o.from-s.to) - 1
	case s.from > o.to:
		return int(s.from-o.to) - 1
	}
	return 0
}

// iou is the share of the union of two spans that both cover.
func (s span) iou(o span) float64 {
	inter := s.overlapDays(o)
	if inter == 0 {
		return 0
	}
	union := s.days() + o.days() - inter
	return float64(inter) / float64(union)
}

func (s span) union(o span) span {
	return span{min(s.from, o.from), max(s.to, o.to)}
}

// period writes a span back as an event period, with whole years written YYYY and whole
// months YYYY-MM, the way the sources put them.
func (s span) period() event.Period {
	from, to := s.from.time(), s.to.time()
	return event.Period{From: format(from, from, to), To: format(to, from, to)}
}

func format(t, from, to time.Time) string {
	wholeYears := from.Month() == time.January && from.Day() == 1 &&
		to.Month() == time.December && to.Day() == 31
	if wholeYears {
		return t.Format("2006")
	}
	wholeMonths := from.Day() == 1 && to.AddDate(0, 0, 1).Day() == 1
	if wholeMonths {
		return t.Format("2006-01")
	}
	return t.Format("2006-01-02")
}
