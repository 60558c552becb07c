package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/storetest"
)

// BenchmarkPut stores distinct realistic documents (a ~5 KB Arabic text, 5 events with 3
// figures and 2 places each, 10 entities) into a growing database, one transaction each:
// the store's side of `marsad ingest`.
//
//	go test ./internal/store/sqlite -run '^$' -bench Put -benchtime 2000x
func BenchmarkPut(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), store.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	docs := make([]extract.Result, b.N)
	for i := range docs {
		docs[i] = storetest.Realistic(i, 5, 10)
	}
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if _, err := s.Put(ctx, docs[i]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
}

// BenchmarkPutBatch is BenchmarkPut in batches of 64 documents per transaction, as
// `marsad ingest` writes.
//
//	go test ./internal/store/sqlite -run '^$' -bench PutBatch -benchtime 4096x
func BenchmarkPutBatch(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), store.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	storetest.BenchPutBatch(b, s, 64)
}

// BenchmarkEvents lists one page of events filtered by place from a store of 2,000
// documents (10,000 events): what `marsad events --place X` costs.
func BenchmarkEvents(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), store.Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	for i := 0; i < 2000; i++ {
		if _, err := s.Put(ctx, storetest.Realistic(i, 5, 10)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		evs, err := s.Events(ctx, store.EventFilter{Place: "طنجة", Year: 2021, Limit: 50})
		if err != nil {
			b.Fatal(err)
		}
		if len(evs) == 0 {
			b.Fatal("no events")
		}
	}
}
