package postgres

import (
	"testing"

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
	storetest.BenchPutBatch(b, s, 256)
}
