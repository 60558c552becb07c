package resolve

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"marsad/internal/event"
)

// By is how a balance is broken down: always by year and type, and optionally by place or by
// actor.
type By struct {
	Place, Actor bool
}

// ParseBy reads a --by value: "year,type", "year,type,place" or "year,type,actor", in any
// order.
func ParseBy(s string) (By, error) {
	var b By
	var year, typ bool
	for _, f := range strings.Split(s, ",") {
		switch strings.TrimSpace(strings.ToLower(f)) {
		case "year":
			year = true
		case "type":
			typ = true
		case "place":
			b.Place = true
		case "actor":
			b.Actor = true
		case "":
		default:
			return By{}, fmt.Errorf("unknown dimension %q: use year,type and optionally place or actor", f)
		}
	}
	switch {
	case !year || !typ:
		return By{}, fmt.Errorf("%q: the balance is always by year and type: give year,type[,place|actor]", s)
	case b.Place && b.Actor:
		return By{}, fmt.Errorf("%q: break down by place or by actor, not both", s)
	}
	return b, nil
}

// Row is one line of the balance: what the sources report as aggregates for a period, type
// (and place or actor), next to what Marsad counts from the single operations it clustered.
type Row struct {
	// Period is a year ("2023"), or the years of an aggregate that spans several
	// ("2002-2023": "since 2002, 215 cells").
	Period string `json:"period"`
	Type   string `json:"type"`
	Place  string `json:"place,omitempty"`
	Actor  string `json:"actor,omitempty"`
	// Reported are the figures sources give as aggregates over the period, each with its
	// document.
	Reported []Claim `json:"reported"`
	// Operations is how many single-operation clusters of the type fall in the period;
	// Counted sums their figures.
	Operations int      `json:"operations"`
	Counted    []Count  `json:"counted"`
	Docs       []string `json:"docs"`

	startYear, endYear int
}

// Count is the sum of one figure over the operations of a row.
type Count struct {
	Key   string  `json:"key"`
	Unit  string  `json:"unit,omitempty"`
	Item  string  `json:"item,omitempty"`
	Value float64 `json:"value"`
	// Operations is how many operations the sum is made of: those that gave the figure, and
	// for the type's own unit (cells for cell_dismantled) every operation, which counts 1
	// when it gives no figure.
	Operations int `json:"operations"`
}

type rowKey struct {
	period, typ, split string
}

// Stats draws the balance of res broken down by b. Undated clusters are left out; aggregates
// over parts of several years make rows of their own.
func (r *Resolver) Stats(res Result, b By) []Row {
	rows := map[rowKey]*Row{}
	// The documents each row already lists: a row of a year's arrests lists thousands, and
	// a search of its list per cluster made the balance by place take seconds at 1M.
	docs := map[*Row]map[string]bool{}
	addDocs := func(row *Row, more []string) {
		have := docs[row]
		if have == nil {
			have = map[string]bool{}
			docs[row] = have
		}
		for _, d := range more {
			if !have[d] {
				have[d] = true
				row.Docs = append(row.Docs, d)
			}
		}
	}
	get := func(period string, sy, ey int, typ, split string) *Row {
		k := rowKey{period, typ, split}
		row, ok := rows[k]
		if !ok {
			row = &Row{Period: period, Type: typ, startYear: sy, endYear: ey}
			switch {
			case b.Place:
				row.Place = split
			case b.Actor:
				row.Actor = split
			}
			rows[k] = row
		}
		return row
	}
	for i := range res.Clusters {
		c := &res.Clusters[i]
		if c.Scale == Undated {
			continue
		}
		sy, ey := c.span.from.time().Year(), c.span.to.time().Year()
		switch c.Scale {
		case Aggregate:
			period := strconv.Itoa(sy)
			if ey != sy {
				period = fmt.Sprintf("%d-%d", sy, ey)
			}
			for _, split := range r.splits(res, c, b, true) {
				row := get(period, sy, ey, c.Type, split)
				row.Reported = append(row.Reported, c.Claims()...)
				addDocs(row, c.Docs())
			}
		case Operation:
			for _, split := range r.splits(res, c, b, false) {
				row := get(strconv.Itoa(sy), sy, sy, c.Type, split)
				row.Operations++
				row.Counted = addCounts(row.Counted, c)
				addDocs(row, c.Docs())
			}
		}
	}
	out := make([]Row, 0, len(rows))
	for _, row := range rows {
		sort.Strings(row.Docs)
		sort.SliceStable(row.Reported, func(i, j int) bool {
			a, b := row.Reported[i], row.Reported[j]
			if a.Key != b.Key {
				return a.Key < b.Key
			}
			return a.Doc < b.Doc
		})
		if row.Counted == nil {
			row.Counted = []Count{}
		}
		if row.Reported == nil {
			row.Reported = []Claim{}
		}
		out = append(out, *row)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.startYear != b.startYear {
			return a.startYear < b.startYear
		}
		if a.endYear != b.endYear {
			return a.endYear < b.endYear
		}
		if ta, tb := typeRank(a.Type), typeRank(b.Type); ta != tb {
			return ta < tb
		}
		return a.Place+a.Actor < b.Place+b.Actor
	})
	return out
}

func typeRank(t string) int {
	if i := slices.Index(event.Types, t); i >= 0 {
		return i
	}
	return len(event.Types)
}

// splits returns the place or actor names a cluster is counted under. An operation counts
// under each of its places (rows by place do not add up to the national total); a tally
// under the one place that holds all of its places, since its figure is for all of them
// together ("6 cells in Tangier, Nador and Tetouan" is Morocco's).
func (r *Resolver) splits(res Result, c *Cluster, b By, aggregate bool) []string {
	var keys []string
	switch {
	case b.Place:
		keys = c.Places()
		if aggregate && len(keys) > 1 {
			keys = []string{r.scope(res, keys)}
		}
	case b.Actor:
		keys = c.Actors()
	default:
		return []string{""}
	}
	if len(keys) == 0 {
		return []string{"-"}
	}
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, res.Name(k))
	}
	return out
}

// scope returns the key (or name) of the country that holds every place of keys, or "-".
func (r *Resolver) scope(res Result, keys []string) string {
	country := ""
	for _, k := range keys {
		e, _ := res.Entity(k)
		if e.Country == "" || country != "" && e.Country != country {
			return "-"
		}
		country = e.Country
	}
	if r.cfg.Places != nil {
		if id, name, ok := r.cfg.Places.Country(country); ok {
			if _, known := res.Entity("place:" + id); known {
				return "place:" + id
			}
			return name
		}
	}
	return country
}

// addCounts adds one operation's figures to a row's sums. Where its sources disagree the
// value most of them give is taken (the smaller on a tie): the disagreement itself is listed
// by Contradictions.
func addCounts(counts []Count, c *Cluster) []Count {
	claims := c.Claims()
	unit := unitFigure(c.Type)
	hasUnit := false
	for start := 0; start < len(claims); {
		end := start + 1
		for end < len(claims) && sameClaimKey(claims[start], claims[end]) {
			end++
		}
		g := claims[start:end]
		v := consensus(g)
		if g[0].Key == unit {
			hasUnit = true
		}
		counts = addCount(counts, Count{Key: g[0].Key, Unit: comparableUnit(g[0].Unit), Item: g[0].Item, Value: v})
		start = end
	}
	if unit != "" && !hasUnit {
		counts = addCount(counts, Count{Key: unit, Value: 1})
	}
	return counts
}

func addCount(counts []Count, c Count) []Count {
	for i := range counts {
		if counts[i].Key == c.Key && counts[i].Unit == c.Unit && counts[i].Item == c.Item {
			counts[i].Value += c.Value
			counts[i].Operations++
			return counts
		}
	}
	c.Operations = 1
	counts = append(counts, c)
	sort.SliceStable(counts, func(i, j int) bool { return counts[i].Key < counts[j].Key })
	return counts
}

// consensus is the value most claims give, the smaller on a tie, in comparable units.
func consensus(cs []Claim) float64 {
	votes := map[float64]int{}
	for _, c := range cs {
		votes[comparable(c.Value, c.Unit)]++
	}
	best, n := 0.0, 0
	for v, k := range votes {
		if k > n || k == n && v < best {
			best, n = v, k
		}
	}
	return best
}
