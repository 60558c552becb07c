package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sync"

	"marsad/internal/document"
	"marsad/internal/extract"
)

func cmdExtract(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "jsonl", "output format: jsonl (one JSON object per document) or json (indented)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents extracted in parallel")
	maxSize := fs.String("max-doc-size", "10MB", "largest article accepted (e.g. 10MB, 512KB)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad extract [--format jsonl|json] [--workers N] PATH...\n\n"+
			"Reads .txt, .html and .jsonl articles (files or directories) and prints, for each, its\n"+
			"entities and security events as JSON (contract: SCHEMA.md). No database is used.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	if *format != "jsonl" && *format != "json" {
		fmt.Fprintf(stderr, "marsad extract: unknown --format %q: use jsonl or json\n", *format)
		return 2
	}
	limit, err := parseSize(*maxSize)
	if err != nil {
		fmt.Fprintf(stderr, "marsad extract: --max-doc-size: %v\n", err)
		return 2
	}
	x, err := extract.New()
	if err != nil {
		fmt.Fprintf(stderr, "marsad extract: %v\n", err)
		return 1
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if *format == "json" {
		enc.SetIndent("", "  ")
	}
	n, failed, err := extractAll(ctx, x, fs.Args(), document.Options{MaxDocBytes: limit}, *workers,
		func(r extract.Result) error { return enc.Encode(r) },
		func(e error) { fmt.Fprintf(stderr, "marsad extract: %v\n", e) })
	if err != nil {
		fmt.Fprintf(stderr, "marsad extract: %v\n", err)
		return 1
	}
	slog.Debug("extract done", "documents", n, "failed", failed)
	if n == 0 {
		fmt.Fprintln(stderr, "marsad extract: no document could be read from the paths given")
		return 1
	}
	return 0
}

// extractAll reads documents and extracts them on several goroutines, handing results to
// emit in input order so the output is deterministic.
func extractAll(ctx context.Context, x *extract.Extractor, paths []string, opt document.Options, workers int,
	emit func(extract.Result) error, onErr func(error)) (int, int, error) {
	if workers < 1 {
		workers = 1
	}
	type job struct {
		seq int
		doc document.Document
	}
	type out struct {
		seq int
		res extract.Result
		err error
	}
	jobs := make(chan job, workers*2)
	results := make(chan out, workers*2)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r, err := x.Extract(ctx, j.doc)
				if err != nil {
					err = fmt.Errorf("%s: %w", j.doc.Origin, err)
				}
				results <- out{j.seq, r, err}
			}
		}()
	}
	var readErr error
	var nread int
	go func() {
		seq := 0
		nread, readErr = document.Walk(ctx, paths, opt, func(d document.Document) error {
			jobs <- job{seq, d}
			seq++
			return nil
		}, onErr)
		close(jobs)
		wg.Wait()
		close(results)
	}()
	pending := map[int]out{}
	next, failed := 0, 0
	var emitErr error
	for r := range results {
		pending[r.seq] = r
		for {
			o, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if o.err != nil {
				failed++
				onErr(o.err)
				continue
			}
			if emitErr == nil {
				emitErr = emit(o.res)
			}
		}
	}
	if emitErr != nil {
		return nread, failed, emitErr
	}
	return nread - failed, failed, readErr
}

// parseSize reads sizes like 10MB, 512KB, 1048576.
func parseSize(s string) (int64, error) {
	var n int64
	var unit string
	if _, err := fmt.Sscanf(s, "%d%s", &n, &unit); err != nil {
		if _, err2 := fmt.Sscanf(s, "%d", &n); err2 != nil {
			return 0, fmt.Errorf("%q is not a size (try 10MB)", s)
		}
	}
	switch unit {
	case "", "B":
	case "KB", "K", "KiB":
		n <<= 10
	case "MB", "M", "MiB":
		n <<= 20
	case "GB", "G", "GiB":
		n <<= 30
	default:
		return 0, fmt.Errorf("unknown unit %q in %q (use KB, MB or GB)", unit, s)
	}
	if n <= 0 {
		return 0, fmt.Errorf("size must be positive, got %q", s)
	}
	return n, nil
}
