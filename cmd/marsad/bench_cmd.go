package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"marsad/internal/bench"
	"marsad/internal/document"
)

const benchUsage = `usage: marsad bench SUBCOMMAND [flags]

Measures Marsad at scale beside Bleve and a plain SQLite FTS5 table (docs/benchmarks.md;
scripts/bench-scale.sh runs the whole set):

  corpus   --n N [--seed S] --out FILE [BASE.jsonl...]   grow a corpus of N documents
  index    --system fts5|bleve --corpus FILE --out PATH  build a baseline index
  search   --corpus FILE --db marsad.db --fts5 PATH --bleve PATH [--rounds 5]
           latency p50/p95 of each system and the relevant hits each finds
  extract  --corpus FILE [--limit N] [--runs 3]          MB/s per core and allocations
           per document of extraction, next to Marsad's and Bleve's analyzers
`

func cmdBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, benchUsage)
		return 2
	}
	sub, args := args[0], args[1:]
	fs := flag.NewFlagSet("bench "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, benchUsage+"\nflags:\n"); fs.PrintDefaults() }
	n := fs.Int("n", 0, "corpus: documents to generate")
	seed := fs.Uint64("seed", 1, "corpus: seed of the variations (same seed, same corpus)")
	out := fs.String("out", "", "corpus: file to write; index: index path to create")
	system := fs.String("system", "", "index: fts5 or bleve")
	corpus := fs.String("corpus", "", "a corpus file `marsad bench corpus` wrote")
	db := fs.String("db", defaultDB, "search: the SQLite database `marsad ingest` filled with the corpus")
	fts5 := fs.String("fts5", "", "search: the FTS5 baseline")
	blv := fs.String("bleve", "", "search: the Bleve baseline")
	rounds := fs.Int("rounds", 5, "search: timed rounds of every query")
	runs := fs.Int("runs", 3, "extract: runs of each measurement (the median is printed)")
	limit := fs.Int("limit", 0, "extract: documents of the corpus to use (0: all)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "marsad bench %s: %v\n", sub, err)
		return 1
	}
	fmt.Fprintf(stdout, "machine: %d cores (GOMAXPROCS %d), %s %s/%s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0),
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
	switch sub {
	case "corpus":
		if *n <= 0 || *out == "" {
			fmt.Fprintln(stderr, "marsad bench corpus: give --n and --out")
			return 2
		}
		paths := fs.Args()
		if len(paths) == 0 {
			shared := os.Getenv("MARSAD_SHARED")
			if shared == "" {
				shared = filepath.Join("..", "shared")
			}
			paths = []string{filepath.Join(shared, "corpus", "ant", "ant-v1.1.jsonl"),
				filepath.Join(shared, "corpus", "morocco", "moroccan-news.jsonl")}
		}
		base, err := bench.LoadBase(ctx, paths...)
		if err != nil {
			return fail(fmt.Errorf("%w (give the base corpora as arguments, or set MARSAD_SHARED)", err))
		}
		f, err := os.Create(*out)
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		emit, flush := bench.WriteCorpus(f)
		if err := bench.Generate(ctx, base, *n, *seed, emit); err != nil {
			return fail(err)
		}
		if err := flush(); err != nil {
			return fail(err)
		}
		fi, _ := f.Stat()
		fmt.Fprintf(stdout, "corpus: %d documents grown from %d base documents (seed %d) into %s, %.0f MB\n",
			*n, len(base), *seed, *out, float64(fi.Size())/1e6)
	case "index":
		if *corpus == "" || *out == "" {
			fmt.Fprintln(stderr, "marsad bench index: give --system, --corpus and --out")
			return 2
		}
		var ix bench.Indexer
		var err error
		switch *system {
		case "fts5":
			ix, err = bench.OpenFTS5(ctx, *out)
		case "bleve":
			ix, err = bench.OpenBleve(*out)
		default:
			fmt.Fprintln(stderr, "marsad bench index: --system is fts5 or bleve")
			return 2
		}
		if err != nil {
			return fail(err)
		}
		docs, el, err := bench.Build(ctx, ix, *corpus)
		if cerr := ix.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "index %s: %d documents in %s (%.1f docs/s)\n", *system, docs, el.Round(10*time.Millisecond),
			float64(docs)/el.Seconds())
	case "search":
		if *corpus == "" || *fts5 == "" || *blv == "" {
			fmt.Fprintln(stderr, "marsad bench search: give --corpus, --db, --fts5 and --bleve")
			return 2
		}
		st, err := openStore(ctx, *db, true, nil)
		if err != nil {
			storeError(stderr, "bench search", *db, err)
			return 1
		}
		defer st.Close()
		if err := bench.RunSearch(ctx, bench.SearchConfig{Corpus: *corpus, Marsad: st, MarsadPath: *db,
			FTS5Path: *fts5, BlevePath: *blv, Rounds: *rounds}, stdout); err != nil {
			return fail(err)
		}
	case "extract":
		if *corpus == "" {
			fmt.Fprintln(stderr, "marsad bench extract: give --corpus")
			return 2
		}
		var docs []document.Document
		if err := bench.ReadCorpus(ctx, *corpus, 1000, func(b []document.Document) error {
			docs = append(docs, b...)
			if *limit > 0 && len(docs) >= *limit {
				docs = docs[:*limit]
				return errEnough
			}
			return nil
		}); err != nil && err != errEnough {
			return fail(err)
		}
		rates, err := bench.ExtractRates(ctx, docs, *runs)
		if err != nil {
			return fail(err)
		}
		fmt.Fprintf(stdout, "one goroutine over %d documents, median of %d runs\n", len(docs), *runs)
		fmt.Fprintln(stdout, "| | MB/s per core | docs/s per core | allocations per doc | KB allocated per doc |\n| --- | ---: | ---: | ---: | ---: |")
		for _, r := range rates {
			fmt.Fprintf(stdout, "| %s | %.1f | %.0f | %.0f | %.1f |\n", r.Name, r.MBps, r.DocsPS, r.AllocsPerDoc, r.BytesPerDoc/1024)
		}
		for _, r := range rates {
			if r.Failed > 0 {
				fmt.Fprintf(stderr, "marsad bench extract: %s refused %d of %d documents, timed with the others (the first: %s)\n",
					r.Name, r.Failed, len(docs), r.First)
			}
		}
	default:
		fmt.Fprint(stderr, benchUsage)
		return 2
	}
	return 0
}

// errEnough stops reading a corpus once --limit documents are in.
var errEnough = fmt.Errorf("enough documents")
