package bench

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"marsad/internal/store"
	"marsad/internal/store/sqlite"
)

// BenchmarkSearchWindows times Store.Search (first page of 20, snippets and events) over
// a database marsad ingest filled, for several rank windows (SearchQuery.Window; -1 ranks
// every match). It needs a large store, so it reads one named by MARSAD_BENCH_DB:
//
//	MARSAD_BENCH_DB=path/to/marsad-1000000.db go test ./internal/bench -run '^$' -bench SearchWindows -benchtime 5x
//
// One op is one round of every query of LatencyQueries; p50 and p95 are over the queries'
// single timings of all rounds.
func BenchmarkSearchWindows(b *testing.B) {
	path := os.Getenv("MARSAD_BENCH_DB")
	if path == "" {
		b.Skip("set MARSAD_BENCH_DB to a database marsad ingest filled (scripts/bench-scale.sh keeps one)")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, path, store.Config{MustExist: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	qs := LatencyQueries()
	for _, w := range []int{-1, 20000, 10000, 5000, 2000} {
		b.Run("window="+strconv.Itoa(w), func(b *testing.B) {
			var ds []time.Duration
			for b.Loop() {
				for _, q := range qs {
					start := time.Now()
					if _, err := st.Search(ctx, store.SearchQuery{Text: q, Limit: 20, Window: w}); err != nil {
						b.Fatal(err)
					}
					ds = append(ds, time.Since(start))
				}
			}
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
		})
	}
}
