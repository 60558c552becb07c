package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"time"

	"github.com/blevesearch/bleve/v2"

	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/store/search"
)

// ReadCorpus calls fn with the documents of a generated corpus file, in batches of n.
func ReadCorpus(ctx context.Context, path string, n int, fn func([]document.Document) error) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	defer f.Close()
	var batch []document.Document
	_, err = document.ReadJSONL(ctx, f, path, document.Options{}, func(d document.Document) error {
		batch = append(batch, d)
		if len(batch) == n {
			if err := fn(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
		return nil
	}, func(error) {})
	if err == nil && len(batch) > 0 {
		err = fn(batch)
	}
	return err
}

// WriteCorpus writes documents as JSONL, the input `marsad ingest` reads.
func WriteCorpus(w io.Writer) (emit func(document.Document) error, flush func() error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	return func(d document.Document) error { return enc.Encode(d) }, bw.Flush
}

// Build fills ix from the corpus file and returns the documents added and the time taken.
func Build(ctx context.Context, ix Indexer, corpus string) (int, time.Duration, error) {
	start := time.Now()
	n := 0
	err := ReadCorpus(ctx, corpus, 1000, func(docs []document.Document) error {
		n += len(docs)
		return ix.Add(ctx, docs)
	})
	return n, time.Since(start), err
}

// Latency is the p50 and p95 of a set of timings.
type Latency struct{ P50, P95 time.Duration }

func percentiles(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))] }
	return Latency{P50: at(0.50), P95: at(0.95)}
}

// Measure times the first page (20 hits) of every query, rounds times after a warm-up
// round, and returns the percentiles over all timings.
func Measure(ctx context.Context, s Searcher, queries []string, rounds int) (Latency, error) {
	var all []time.Duration
	for r := -1; r < rounds; r++ {
		for _, q := range queries {
			start := time.Now()
			if _, err := s.Page(ctx, q, 20); err != nil {
				return Latency{}, fmt.Errorf("%s: query %q: %w", s.Name(), q, err)
			}
			if r >= 0 {
				all = append(all, time.Since(start))
			}
		}
	}
	return percentiles(all), nil
}

// Truth is which documents of a corpus are relevant to each RelevanceQuery.
type Truth struct {
	Relevant map[string]uint64 // document id → bit i set when relevant to query i
	Total    []int             // relevant documents per query
}

// Judge reads the corpus and applies j to every document.
func JudgeCorpus(ctx context.Context, corpus string, qs []RelevanceQuery) (Truth, error) {
	j := NewJudge(qs)
	t := Truth{Relevant: map[string]uint64{}, Total: make([]int, len(qs))}
	err := ReadCorpus(ctx, corpus, 1000, func(docs []document.Document) error {
		for _, d := range docs {
			bits := j.Relevant(body(d))
			if bits == 0 {
				continue
			}
			t.Relevant[d.ID] = bits
			for i := range qs {
				if bits&(1<<i) != 0 {
					t.Total[i]++
				}
			}
		}
		return nil
	})
	return t, err
}

// Found is what one system finds for one query: every document it returns, and how many
// of them are relevant.
type Found struct{ Hits, Relevant int }

// Count runs every query of qs for all its matches on s and judges them by t.
func Count(ctx context.Context, s Searcher, qs []RelevanceQuery, t Truth) ([]Found, error) {
	out := make([]Found, len(qs))
	for i, q := range qs {
		ids, err := s.All(ctx, q.Text)
		if err != nil {
			return nil, fmt.Errorf("%s: query %q: %w", s.Name(), q.Text, err)
		}
		out[i].Hits = len(ids)
		for _, id := range ids {
			if t.Relevant[id]&(1<<i) != 0 {
				out[i].Relevant++
			}
		}
	}
	return out, nil
}

// Throughput is one text-processing rate over a corpus on one core.
type Throughput struct {
	Name         string
	MBps, DocsPS float64
	AllocsPerDoc float64
	BytesPerDoc  float64
	// Failed counts the documents the job refused, as `marsad extract` reports them and
	// goes on (a page that is all furniture has no text to extract); First is the first
	// such refusal. Their bytes stay in the rate: they were read and cleaned.
	Failed int
	First  string
}

// ExtractRates runs, on one goroutine, `marsad extract`'s pipeline, Marsad's search
// analyzer and Bleve's Arabic analyzer over docs, runs times each, and returns the median
// rate of each: extraction next to what the cheapest comparable tool does with the same
// bytes (tokenize, normalize and stem for an index).
func ExtractRates(ctx context.Context, docs []document.Document, runs int) ([]Throughput, error) {
	x, err := extract.New()
	if err != nil {
		return nil, err
	}
	ana := bleve.NewIndexMapping().AnalyzerNamed("ar")
	if ana == nil {
		return nil, fmt.Errorf("bleve has no analyzer \"ar\"")
	}
	var size int64
	for _, d := range docs {
		size += int64(len(d.Title) + len(d.Text))
	}
	type job struct {
		name string
		fn   func(d document.Document) error
	}
	jobs := []job{
		{"marsad extract (clean, analyze, recognize, events)", func(d document.Document) error {
			_, err := x.Extract(ctx, d)
			return err
		}},
		{"Marsad search analyzer (search.Text)", func(d document.Document) error {
			_ = search.Text(d.Title)
			_ = search.Text(d.Text)
			return nil
		}},
		{"Bleve Arabic analyzer", func(d document.Document) error {
			_ = ana.Analyze([]byte(d.Title))
			_ = ana.Analyze([]byte(d.Text))
			return nil
		}},
	}
	// The collector as `marsad extract` sets it, for the baselines too: the same process
	// conditions for all three.
	defer debug.SetGCPercent(debug.SetGCPercent(extract.BatchGCPercent))
	var out []Throughput
	for _, j := range jobs {
		var rs []Throughput
		for range runs {
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			failed, first := 0, ""
			start := time.Now()
			for _, d := range docs {
				if err := j.fn(d); err != nil {
					if ctx.Err() != nil {
						return nil, fmt.Errorf("%s: %w", j.name, ctx.Err())
					}
					if failed == 0 {
						first = err.Error()
					}
					failed++
				}
			}
			el := time.Since(start).Seconds()
			runtime.ReadMemStats(&m1)
			n := float64(len(docs))
			rs = append(rs, Throughput{Name: j.name, MBps: float64(size) / 1e6 / el, DocsPS: n / el,
				AllocsPerDoc: float64(m1.Mallocs-m0.Mallocs) / n, BytesPerDoc: float64(m1.TotalAlloc-m0.TotalAlloc) / n,
				Failed: failed, First: first})
		}
		sort.Slice(rs, func(a, b int) bool { return rs[a].MBps < rs[b].MBps })
		out = append(out, rs[len(rs)/2])
	}
	return out, nil
}
