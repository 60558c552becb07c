// Package storebench measures the stores on a real database: search latency over a fixed
// list of queries (Arabic with clitics and plurals, French, English), for
// docs/benchmarks.md. scripts/bench-store.sh builds the databases and runs it; run alone:
//
//	MARSAD_BENCH_DB=ant.db go test ./internal/store/storebench -run SearchLatency -v
package storebench

import (
	"context"
	"fmt"
	"sort"
	"time"

	"marsad/internal/store"
)

// Queries are the searches timed: what an analyst would type, in the three languages.
var Queries = []store.SearchQuery{
	{Text: "خلية إرهابية"},
	{Text: "الخلايا الإرهابية"},
	{Text: "تفكيك خلية"},
	{Text: "بتفكيك"},
	{Text: "للإرهابيين"},
	{Text: "المخدرات"},
	{Text: "حجز أسلحة"},
	{Text: "عناصر إرهابية"},
	{Text: "الحرس الوطني"},
	{Text: "القبض على أشخاص"},
	{Text: "تهريب"},
	{Text: "القصرين"},
	{Text: "خلية", Type: "cell_dismantled"},
	{Text: "مخدرات", From: "2016", To: "2016"},
	{Text: "إرهاب", Place: "تونس"},
	{Text: "démantèlement cellule terroriste"},
	{Text: "arrestation"},
	{Text: "police arrested smugglers"},
	{Text: "terrorist attack"},
	{Text: "sécurité"},
}

// Latency is the p50 and p95 of a set of timings.
type Latency struct {
	P50, P95 time.Duration
	Runs     int
}

// Measure runs every query rounds times (after one warm-up round) and returns the
// latency over all runs and per query, and the hit counts of the first page.
func Measure(ctx context.Context, s store.Store, rounds int) (Latency, []Latency, []int, error) {
	var all []time.Duration
	per := make([][]time.Duration, len(Queries))
	hits := make([]int, len(Queries))
	for r := -1; r < rounds; r++ {
		for i, q := range Queries {
			start := time.Now()
			h, err := s.Search(ctx, q)
			d := time.Since(start)
			if err != nil {
				return Latency{}, nil, nil, fmt.Errorf("query %q: %w", q.Text, err)
			}
			if r < 0 {
				hits[i] = len(h)
				continue // warm-up: caches, prepared plans
			}
			all = append(all, d)
			per[i] = append(per[i], d)
		}
	}
	out := make([]Latency, len(per))
	for i, p := range per {
		out[i] = percentiles(p)
	}
	return percentiles(all), out, hits, nil
}

func percentiles(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return Latency{P50: at(0.50), P95: at(0.95), Runs: len(s)}
}
