package postgres

import (
	"context"
	"testing"
	"time"

	"marsad/internal/extract"
	"marsad/internal/store/storetest"
)

// BenchmarkPutBatch stores distinct realistic documents (a ~5 KB Arabic text, 5 events
// with 3 figures and 2 places each, 10 entities) in batches of 256, as `marsad ingest`
// writes, into a new schema of the server MARSAD_TEST_POSTGRES names: the store's side of
// ingest, where each statement is a round trip to the server.
//
//	MARSAD_TEST_POSTGRES=postgres://... go test ./internal/store/postgres -run '^$' -bench PutBatch -benchtime 4096x
func BenchmarkPutBatch(b *testing.B) {
	s := open(b, testDSN(b))
	defer s.Close()
	const batch = 256
	docs := make([]extract.Result, b.N)
	for i := range docs {
		docs[i] = storetest.Realistic(i, 5, 10)
	}
	ctx := context.Background()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i += batch {
		out, err := s.PutBatch(ctx, docs[i:min(i+batch, b.N)])
		if err != nil {
			b.Fatal(err)
		}
		for _, o := range out {
			if o.Err != nil || !o.Inserted {
				b.Fatalf("%+v", o)
			}
		}
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "docs/s")
}
