package server

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"marsad/internal/document"
	"marsad/internal/resolve"
	"marsad/internal/store"
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
		v, err := build(ctx, st, rv, stats, base{})
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

// BenchmarkViewRebuild rebuilds the view after one new document, from the previous view
// (Store.Relist takes the unchanged events from it): the time and the allocations of a
// rebuild, and how many events it read. With MARSAD_BENCH_DB it works on a copy of that
// store, which it writes to:
//
//	MARSAD_BENCH_DB=/tmp/100k.db go test ./internal/server -run '^$' -bench ViewRebuild -benchtime 5x
func BenchmarkViewRebuild(b *testing.B) {
	x := sharedExtractor(b)
	var st store.Store
	if db := os.Getenv("MARSAD_BENCH_DB"); db != "" {
		cp := filepath.Join(b.TempDir(), "copy.db")
		if err := copyFile(db, cp); err != nil {
			b.Fatal(err)
		}
		st = openBenchDB(b, cp)
	} else {
		st = benchStore(b, x)
	}
	defer st.Close()
	rv := resolve.New(resolve.FromLexicon(x.Lexicon()))
	ctx := context.Background()
	v, err := build(ctx, st, rv, store.Stats{}, base{})
	if err != nil {
		b.Fatal(err)
	}
	read := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		doc := document.Document{ID: fmt.Sprintf("rebuild-bench-%d-%d", i, time.Now().UnixNano()), Lang: "ar", Published: "2025-03-04",
			Text: fmt.Sprintf("أعلنت المديرية العامة للأمن الوطني عن توقيف %d أشخاص بمدينة طنجة للاشتباه في تورطهم في تهريب المخدرات.", 3+i%20)}
		res, err := x.Extract(ctx, doc)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := st.Put(ctx, res); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if v, err = build(ctx, st, rv, store.Stats{}, v.next()); err != nil {
			b.Fatal(err)
		}
		read += v.listing.Read
	}
	b.ReportMetric(float64(len(v.events)), "events")
	b.ReportMetric(float64(read)/float64(b.N), "read/rebuild")
}

// copyFile copies a SQLite database file (no writer may have it open: a WAL is not copied).
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
