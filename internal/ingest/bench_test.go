package ingest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/sqlite"
	"marsad/internal/text"
)

// antDocs reads the ANT corpus into memory, or skips when the shared data is absent.
func antDocs(tb testing.TB) []document.Document {
	tb.Helper()
	shared := os.Getenv("MARSAD_SHARED")
	if shared == "" {
		shared = filepath.Join("..", "..", "..", "shared")
	}
	path := filepath.Join(shared, "corpus", "ant", "ant-v1.1.jsonl")
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("corpus not available (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	defer f.Close()
	var out []document.Document
	if _, err := document.ReadJSONL(context.Background(), f, path, document.Options{}, func(d document.Document) error {
		out = append(out, d)
		return nil
	}, func(error) {}); err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkRunSQLite is `marsad ingest` of the ANT corpus into a fresh SQLite file, in
// process: extraction on every core feeding the store's single writer. It reports the
// rate `marsad ingest` prints.
//
//	go test ./internal/ingest -run '^$' -bench RunSQLite -benchtime 1x -cpuprofile cpu.out
func BenchmarkRunSQLite(b *testing.B) {
	list := antDocs(b)
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	timeRuns(b, x, docs(list), func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") })
}

// timeRuns ingests src b.N times, each time into the SQLite file path gives (made before
// the clock runs, as is opening it), and reports the rate `marsad ingest` prints.
func timeRuns(b *testing.B, x *extract.Extractor, src Source, path func(b *testing.B) string) {
	defer debug.SetGCPercent(debug.SetGCPercent(extract.BatchGCPercent)) // as cmd/marsad sets it for ingest
	ctx := context.Background()
	var done int
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		// Opening migrates an older file: not part of the ingest timed.
		s, err := sqlite.Open(ctx, path(b), store.Config{Normalize: text.NormalizeKey})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c, err := Run(ctx, src, x.Extract, s, Config{})
		if err != nil {
			b.Fatal(err)
		}
		done += c.Done()
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(done)/b.Elapsed().Seconds(), "docs/s")
}

// BenchmarkRunGrownSQLite is ingest into a database that already holds many documents,
// where the writer's costs show that a fresh file hides (larger indexes, checkpoints, FTS5
// merges). MARSAD_BENCH_GROWN_DB names a database to copy (e.g. one `marsad bench` left
// with KEEP=1), MARSAD_BENCH_GROWN_CORPUS the JSONL documents to add, not in it yet:
//
//	sed -n '100001,120000p' corpus-1000000.jsonl > add.jsonl
//	MARSAD_BENCH_GROWN_DB=marsad-100000.db MARSAD_BENCH_GROWN_CORPUS=add.jsonl \
//	  go test ./internal/ingest -run '^$' -bench RunGrownSQLite -benchtime 1x -cpuprofile cpu.out
func BenchmarkRunGrownSQLite(b *testing.B) {
	from, corpus := os.Getenv("MARSAD_BENCH_GROWN_DB"), os.Getenv("MARSAD_BENCH_GROWN_CORPUS")
	if from == "" || corpus == "" {
		b.Skip("set MARSAD_BENCH_GROWN_DB and MARSAD_BENCH_GROWN_CORPUS")
	}
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	src := func(ctx context.Context, emit func(document.Document) error, onErr func(error)) error {
		_, err := document.Walk(ctx, []string{corpus}, document.Options{}, emit, onErr)
		return err
	}
	timeRuns(b, x, src, func(b *testing.B) string {
		path := filepath.Join(b.TempDir(), "grown.db")
		copyFile(b, from, path)
		return path
	})
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	in, err := os.Open(from)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}
