package resolve

import (
	"math"
	"sort"

	"marsad/internal/event"
)

// Claim is one figure as one document states it: a value with its qualifier, traced to the
// sentence it was read from.
type Claim struct {
	Key       string  `json:"key"`
	Unit      string  `json:"unit,omitempty"` // quantity only
	Item      string  `json:"item,omitempty"` // quantity only
	Value     float64 `json:"value"`
	Qualifier string  `json:"qualifier"` // exact | approx | at_least | at_most
	Doc       string  `json:"doc"`
	Event     int64   `json:"event"`
	// Evidence is the sentence the event was read from; Text the words of the figure itself
	// when they lie inside it ("حوالي8 خلايا").
	Evidence string `json:"evidence"`
	Text     string `json:"text,omitempty"`
}

// ApproxShare is the tolerance of an approximate figure: "about N" covers every value within
// 10% of N, and at least N±1, so "about 8" is 7 to 9 (6 disagrees with it) and "about 500"
// is 450 to 550 (520 agrees).
const ApproxShare = 0.10

// interval is the set of values a claim allows, in the claim's comparable unit.
func (c Claim) interval() (lo, hi float64) {
	v := comparable(c.Value, c.Unit)
	switch c.Qualifier {
	case "approx":
		tol := ApproxShare * v
		if unitStep(c.Unit) > tol {
			tol = unitStep(c.Unit)
		}
		return v - tol, v + tol
	case "at_least":
		return v, math.Inf(1)
	case "at_most":
		return math.Inf(-1), v
	}
	return v, v
}

// unitStep is the smallest difference an approximate count is taken to allow: one of the
// thing counted. Amounts (weights, money) have no such step: their tolerance is the share.
func unitStep(unit string) float64 {
	switch unit {
	case "", "units":
		return 1
	}
	return 0
}

// comparable converts weights to kilograms so that "2 t" and "2000 kg" compare.
func comparable(v float64, unit string) float64 {
	switch unit {
	case "t":
		return v * 1000
	case "g":
		return v / 1000
	}
	return v
}

// comparableUnit is the unit claims are compared in.
func comparableUnit(unit string) string {
	switch unit {
	case "t", "g":
		return "kg"
	}
	return unit
}

// Agree reports whether two claims on the same key can both hold: the values their
// qualifiers allow overlap. "at least 500" and 520 agree; "about 8" and 6 do not.
func Agree(a, b Claim) bool {
	alo, ahi := a.interval()
	blo, bhi := b.interval()
	return alo <= bhi && blo <= ahi
}

func (c Claim) agrees(o Claim) bool { return Agree(c, o) }

// sameOperationFactor is how far apart two figures may be and still be the same operation
// reported twice: beyond it (3 arrests against 40) they are two operations.
const sameOperationFactor = 1.5

// claimKey is a figure of an item, kept to compare with other items' figures. Without its
// offsets, which comparisons do not read, equal figures of many events are one key.
type claimKey struct {
	key, unit, item string
	f               event.Figure
}

func newClaimKey(key string, f event.Figure) claimKey {
	f.Start, f.End = 0, 0
	return claimKey{key: key, unit: comparableUnit(f.Unit), item: f.Item, f: f}
}

func (k claimKey) sameKey(o claimKey) bool {
	return k.key == o.key && k.unit == o.unit && k.item == o.item
}

func (k claimKey) claim() Claim {
	return Claim{Key: k.key, Unit: k.f.Unit, Item: k.f.Item, Value: k.f.Value, Qualifier: qualifier(k.f)}
}

// sameOperation reports figures close enough to be one operation counted by two sources.
func (k claimKey) sameOperation(o claimKey) bool {
	alo, ahi := k.claim().interval()
	blo, bhi := o.claim().interval()
	return alo/sameOperationFactor <= bhi*sameOperationFactor && blo/sameOperationFactor <= ahi*sameOperationFactor
}

func qualifier(f event.Figure) string {
	if f.Qualifier == "" {
		return "exact"
	}
	return f.Qualifier
}

// Claims lists every figure of the cluster's events as a claim, by key then document.
func (c *Cluster) Claims() []Claim {
	var out []Claim
	for _, e := range c.Events {
		for key, f := range e.Event.Figures {
			out = append(out, Claim{
				Key: key, Unit: f.Unit, Item: f.Item, Value: f.Value, Qualifier: qualifier(f),
				Doc: e.Doc.ID, Event: e.ID, Evidence: e.Event.Evidence.Text,
				Text: figureText(e.Event.Evidence, f),
			})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		if ua, ub := comparableUnit(a.Unit), comparableUnit(b.Unit); ua != ub {
			return ua < ub
		}
		if a.Item != b.Item {
			return a.Item < b.Item
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		return a.Event < b.Event
	})
	return out
}

// Source sets the claim's sentence and words from e, the whole event it was read from:
// claims of events listed light (store.EventFilter.Light) have neither.
func (c *Claim) Source(e event.Event) {
	c.Evidence = e.Evidence.Text
	if f, ok := e.Figures[c.Key]; ok {
		c.Text = figureText(e.Evidence, f)
	}
}

// figureText cuts the figure's own words out of the evidence sentence, when its offsets lie
// inside it (both are code-point offsets into the cleaned text).
func figureText(ev event.Span, f event.Figure) string {
	if f.Start < ev.Start || f.End > ev.End || f.End <= f.Start {
		return ""
	}
	rs := []rune(ev.Text)
	from, to := f.Start-ev.Start, f.End-ev.Start
	if to > len(rs) {
		return ""
	}
	return string(rs[from:to])
}

// Contradiction is a set of claims on one cluster and key that cannot all hold.
type Contradiction struct {
	Cluster int           `json:"cluster"`
	Type    string        `json:"type"`
	Scale   Scale         `json:"scale"`
	Period  *event.Period `json:"period,omitempty"`
	Key     string        `json:"key"`
	Unit    string        `json:"unit,omitempty"`
	Item    string        `json:"item,omitempty"`
	// Claims are all the claims on the key, agreeing ones included, so that every side is
	// shown.
	Claims []Claim `json:"claims"`
}

// Contradictions finds, in each cluster, the keys whose claims do not all agree.
func Contradictions(clusters []Cluster) []Contradiction {
	var out []Contradiction
	for i := range clusters {
		c := &clusters[i]
		claims := c.Claims()
		for start := 0; start < len(claims); {
			end := start + 1
			for end < len(claims) && sameClaimKey(claims[start], claims[end]) {
				end++
			}
			group := claims[start:end]
			if !allAgree(group) {
				out = append(out, Contradiction{
					Cluster: c.ID, Type: c.Type, Scale: c.Scale, Period: c.Period,
					Key: group[0].Key, Unit: comparableUnit(group[0].Unit), Item: group[0].Item,
					Claims: append([]Claim(nil), group...),
				})
			}
			start = end
		}
	}
	return out
}

func sameClaimKey(a, b Claim) bool {
	return a.Key == b.Key && comparableUnit(a.Unit) == comparableUnit(b.Unit) && a.Item == b.Item
}

func allAgree(cs []Claim) bool {
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			if !Agree(cs[i], cs[j]) {
				return false
			}
		}
	}
	return true
}
