package clean

import (
	"context"
	"os"
	"testing"

	"marsad/internal/document"
	"marsad/internal/shared"
)

// loadCorpus reads the documents of a shared corpus file, as `marsad extract` reads them
// (records without an article are skipped, as it skips them); it skips when the shared
// data is absent.
func loadCorpus(tb testing.TB, parts ...string) []document.Document {
	tb.Helper()
	p := shared.Path(parts...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("corpus not available (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	var docs []document.Document
	_, err := document.Walk(context.Background(), []string{p}, document.Options{},
		func(d document.Document) error { docs = append(docs, d); return nil },
		func(error) {})
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

// BenchmarkDocumentANT measures cleaning over the ANT corpus (Tunisian news), the same
// documents as extract's BenchmarkExtract, so that the two can be compared:
//
//	go test ./internal/clean -run '^$' -bench DocumentANT -cpu 1 -count 3
func BenchmarkDocumentANT(b *testing.B) {
	docs := loadCorpus(b, "corpus", "ant", "ant-v1.1.jsonl")
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text) + len(d.Title))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			// ErrNoText is an answer, not a failure: the corpus has such documents.
			_, _ = Document(d)
		}
	}
}
