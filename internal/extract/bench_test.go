package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"marsad/internal/shared"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"marsad/internal/document"
)

// sharedDir is where the shared corpus and evaluation data live (internal/shared).
func sharedDir() string { return shared.Dir() }

// loadJSONL reads the documents of a corpus file; it skips the test when the file is absent.
func loadJSONL(tb testing.TB, rel string, limit int) []document.Document {
	tb.Helper()
	path := filepath.Join(sharedDir(), rel)
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("corpus not available (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	defer f.Close()
	var docs []document.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 32<<20)
	for sc.Scan() && (limit <= 0 || len(docs) < limit) {
		var d document.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil || d.Text == "" {
			continue
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkExtract measures extraction over the ANT corpus (Tunisian news): b.SetBytes
// makes `go test -bench` report MB/s on one core.
//
//	go test ./internal/extract -run '^$' -bench Extract -benchtime 1x -cpu 1
func BenchmarkExtract(b *testing.B) {
	docs := loadJSONL(b, "corpus/ant/ant-v1.1.jsonl", 0)
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text) + len(d.Title))
	}
	ctx := context.Background()
	// as `marsad extract` and `marsad ingest` run (cmd/marsad/main.go)
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := x.Extract(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
}
