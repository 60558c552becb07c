package resolve

import (
	"fmt"
	"time"

	"marsad/internal/event"
)

// span is a period as a closed range of days.
type span struct {
	from, to time.Time // UTC midnights, from <= to
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
	return span{from, to}, true
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
func (s span) days() int { return int(s.to.Sub(s.from).Hours()/24) + 1 }

// overlapDays is the number of days two spans share (0 when disjoint).
func (s span) overlapDays(o span) int {
	from, to := s.from, s.to
	if o.from.After(from) {
		from = o.from
	}
	if o.to.Before(to) {
		to = o.to
	}
	if to.Before(from) {
		return 0
	}
	return int(to.Sub(from).Hours()/24) + 1
}

// gapDays is the number of days strictly between two disjoint spans (0 when they overlap or
// touch).
func (s span) gapDays(o span) int {
	switch {
	case o.from.After(s.to):
		return int(o.from.Sub(s.to).Hours()/24) - 1
	case s.from.After(o.to):
		return int(s.from.Sub(o.to).Hours()/24) - 1
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
	if o.from.Before(s.from) {
		s.from = o.from
	}
	if o.to.After(s.to) {
		s.to = o.to
	}
	return s
}

// period writes a span back as an event period, with whole years written YYYY and whole
// months YYYY-MM, the way the sources put them.
func (s span) period() event.Period {
	return event.Period{From: s.format(s.from), To: s.format(s.to)}
}

func (s span) format(t time.Time) string {
	wholeYears := s.from.Month() == time.January && s.from.Day() == 1 &&
		s.to.Month() == time.December && s.to.Day() == 31
	if wholeYears {
		return t.Format("2006")
	}
	wholeMonths := s.from.Day() == 1 && s.to.AddDate(0, 0, 1).Day() == 1
	if wholeMonths {
		return t.Format("2006-01")
	}
	return t.Format("2006-01-02")
}
