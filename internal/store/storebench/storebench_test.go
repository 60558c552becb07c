package storebench

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"marsad/internal/store"
	"marsad/internal/store/postgres"
	"marsad/internal/store/sqlite"
	"marsad/internal/store/storetest"
	"marsad/internal/text"
)

// TestSearchLatency prints the latency of Queries on the database MARSAD_BENCH_DB (a
// SQLite path or a postgres:// DSN holding an ingested corpus), MARSAD_BENCH_ROUNDS times
// each (default 20).
func TestSearchLatency(t *testing.T) {
	dsn := os.Getenv("MARSAD_BENCH_DB")
	if dsn == "" {
		t.Skip("MARSAD_BENCH_DB is not set: give a database with an ingested corpus (scripts/bench-store.sh does)")
	}
	rounds := 20
	if v, err := strconv.Atoi(os.Getenv("MARSAD_BENCH_ROUNDS")); err == nil && v > 0 {
		rounds = v
	}
	reg := store.NewRegistry()
	sqlite.Register(reg)
	postgres.Register(reg)
	// The command's configuration, so place names fold as they were stored.
	s, err := reg.Open(context.Background(), dsn, store.Config{Normalize: text.NormalizeKey, MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	all, per, hits, err := Measure(context.Background(), s, rounds)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range Queries {
		t.Logf("%-40q type=%-15s from=%-4s place=%-5s hits=%2d  p50 %6.2f ms  p95 %6.2f ms",
			q.Text, q.Type, q.From, q.Place, hits[i], ms(per[i].P50), ms(per[i].P95))
	}
	t.Logf("search over %d documents: %d queries × %d rounds: p50 %.2f ms, p95 %.2f ms",
		st.Documents, len(Queries), rounds, ms(all.P50), ms(all.P95))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// The queries are valid and each finds something in a small corpus made for the tests,
// so the benchmark never silently times errors.
func TestQueriesRun(t *testing.T) {
	s, err := sqlite.Open(context.Background(), t.TempDir()+"/q.db", store.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range 50 {
		if _, err := s.Put(context.Background(), storetest.Realistic(i, 2, 3)); err != nil {
			t.Fatal(err)
		}
	}
	all, _, _, err := Measure(context.Background(), s, 1)
	if err != nil {
		t.Fatal(err)
	}
	if all.Runs != len(Queries) {
		t.Errorf("%d runs, want %d", all.Runs, len(Queries))
	}
}
