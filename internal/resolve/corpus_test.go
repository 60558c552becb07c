package resolve

import (
	"context"
	shareddata "marsad/internal/shared"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"marsad/data"
	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/lexicon"
	"marsad/internal/store"
)

// sharedDir is where the shared corpus and evaluation data live (internal/shared).
func sharedDir() string { return shareddata.Dir() }

// corpus holds the events extracted from real articles, as the store would return them:
// one per distinct cleaned text, the document id its hash. Extraction takes most of a
// minute over ANT, so a test binary does it once and its tests and benchmarks share it.
type corpus struct {
	events []store.StoredEvent
	err    error
}

// corpusFiles are what `marsad ingest` is run on for the figures of docs/benchmarks.md:
// ANT (Arabic, Tunisian) and Wikinews (French, English).
var corpusFiles = []string{
	"corpus/ant/ant-v1.1.jsonl",
	"corpus/wikinews/wikinews-fr.jsonl",
	"corpus/wikinews/wikinews-en.jsonl",
}

var realCorpus = sync.OnceValue(func() corpus {
	var docs []document.Document
	for _, rel := range corpusFiles {
		f, err := os.Open(filepath.Join(sharedDir(), rel))
		if err != nil {
			return corpus{err: err}
		}
		_, err = document.ReadJSONL(context.Background(), f, rel, document.Options{},
			func(d document.Document) error { docs = append(docs, d); return nil }, func(error) {})
		f.Close()
		if err != nil {
			return corpus{err: err}
		}
	}
	x, err := extract.New()
	if err != nil {
		return corpus{err: err}
	}
	results := make([]extract.Result, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				// A document extraction fails on is left out, as ingest leaves it out.
				results[i], _ = x.Extract(context.Background(), docs[i])
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	var c corpus
	seen := map[string]bool{}
	for _, r := range results {
		if r.Hash == "" || seen[r.Hash] {
			continue
		}
		seen[r.Hash] = true
		ref := &store.DocRef{ID: r.Hash, Title: r.Title, URL: r.URL, Source: r.Source, Published: r.Published}
		for _, e := range r.Events {
			c.events = append(c.events, store.StoredEvent{ID: int64(len(c.events) + 1), Doc: ref, Event: e})
		}
	}
	return c
})

// corpusEvents returns the first n events of the real corpus (all for n <= 0); it skips
// the test when the shared corpus is absent.
func corpusEvents(tb testing.TB, n int) []store.StoredEvent {
	tb.Helper()
	c := realCorpus()
	if c.err != nil {
		tb.Skipf("real corpus not available (%v): set MARSAD_SHARED to the shared data folder", c.err)
	}
	if n <= 0 || n > len(c.events) {
		n = len(c.events)
	}
	return c.events[:n]
}

var projectTables = sync.OnceValues(func() (lexicon.Data, error) { return lexicon.LoadData(data.FS) })

// projectResolver resolves with the project's tables, as the commands do.
func projectResolver(tb testing.TB) *Resolver {
	tb.Helper()
	d, err := projectTables()
	if err != nil {
		tb.Fatal(err)
	}
	return New(FromData(&d))
}
