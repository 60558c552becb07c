package bench

import (
	"context"
	"os"
	"slices"
	"strconv"
	"strings"
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
// single timings of all rounds. first-page-kept is the share of the articles of each
// query's first page, all matches ranked, that the windowed first page shows too.
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
	// The first page when every match is ranked, to tell what a window changes: the
	// share of its hits a windowed first page also shows.
	full := make([][]string, len(qs))
	for k, q := range qs {
		hits, err := st.Search(ctx, store.SearchQuery{Text: q, Limit: 20, Window: -1})
		if err != nil {
			b.Fatal(err)
		}
		full[k] = hitIDs(hits)
	}
	for _, w := range []int{-1, 20000, 10000, 5000, 2000} {
		b.Run("window="+strconv.Itoa(w), func(b *testing.B) {
			var ds []time.Duration
			shown, total := 0, 0
			for b.Loop() {
				for k, q := range qs {
					start := time.Now()
					hits, err := st.Search(ctx, store.SearchQuery{Text: q, Limit: 20, Window: w})
					if err != nil {
						b.Fatal(err)
					}
					ds = append(ds, time.Since(start))
					got := hitIDs(hits)
					for _, id := range full[k] {
						if slices.Contains(got, id) {
							shown++
						}
					}
					total += len(full[k])
				}
			}
			slices.Sort(ds)
			b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
			if total > 0 {
				b.ReportMetric(float64(shown)/float64(total), "first-page-kept")
			}
		})
	}
}

// hitIDs lists the articles of a page of hits: the copies `marsad bench corpus` makes of
// one article ("id~7", with light variation) count as that article, since they score
// alike and which copy a page shows says nothing of its relevance.
func hitIDs(hits []store.SearchHit) []string {
	out := make([]string, len(hits))
	for k, h := range hits {
		id, _, _ := strings.Cut(h.Doc.ID, "~")
		out[k] = id
	}
	return out
}
