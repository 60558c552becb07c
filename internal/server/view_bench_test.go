package server

import (
	"context"
	"runtime"
	"testing"

	"marsad/internal/resolve"
)

// BenchmarkViewBuild builds the server's resolved view and reports what it keeps: the live
// heap it adds (after a collection), per view and per event. On the test articles by
// default; for the figures of docs/benchmarks.md ("Memory"), on a real store:
//
//	MARSAD_BENCH_DB=/tmp/100k.db go test ./internal/server -run '^$' -bench ViewBuild -benchtime 3x
func BenchmarkViewBuild(b *testing.B) {
	x := sharedExtractor(b)
	st := benchStore(b, x)
	defer st.Close()
	rv := resolve.New(resolve.FromLexicon(x.Lexicon()))
	ctx := context.Background()
	stats, err := st.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	live := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var kept uint64
	var events int
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		before := live()
		b.StartTimer()
		v, err := build(ctx, st, rv, stats, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		kept = live() - before
		events = len(v.events)
		runtime.KeepAlive(v)
		b.StartTimer()
	}
	b.ReportMetric(float64(events), "events")
	b.ReportMetric(float64(kept)/(1<<20), "view-MB")
	if events > 0 {
		b.ReportMetric(float64(kept)/float64(events), "view-B/event")
	}
}
