package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"
	"time"

	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/ingest"
	"marsad/internal/store"
)

func cmdIngest(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, dbUsage)
	workers := fs.Int("workers", 0, "documents extracted in parallel (0: one per CPU)")
	maxSize := fs.String("max-doc-size", "10MB", "largest article accepted (e.g. 10MB, 512KB)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad ingest [--db marsad.db] [--workers N] [--max-doc-size 10MB] PATH...\n\n"+
			"Reads .txt, .html and .jsonl articles (files or directories), extracts their entities and\n"+
			"security events, and stores them. Documents already stored (same cleaned text) are\n"+
			"skipped, so an interrupted run can simply be started again.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "marsad ingest: give at least one file or directory to read")
		fs.Usage()
		return 2
	}
	if *workers < 0 {
		fmt.Fprintln(stderr, "marsad ingest: --workers must be 0 or more")
		return 2
	}
	limit, err := parseSize(*maxSize)
	if err != nil {
		fmt.Fprintf(stderr, "marsad ingest: --max-doc-size: %v\n", err)
		return 2
	}

	progress := ingest.NewProgress(stderr, isTerminal(stderr))
	log := slog.New(slog.NewTextHandler(progress, nil))

	// Opening (and migrating) is short and all-or-nothing; an early Ctrl-C is seen by Run.
	st, err := openStore(context.WithoutCancel(ctx), *db, false, log)
	if err != nil {
		storeError(stderr, "ingest", *db, err)
		return 1
	}
	defer st.Close()
	x, err := extract.New()
	if err != nil {
		fmt.Fprintf(stderr, "marsad ingest: %v\n", err)
		return 1
	}
	paths := fs.Args()
	src := func(ctx context.Context, emit func(document.Document) error, onErr func(error)) error {
		_, err := document.Walk(ctx, paths, document.Options{MaxDocBytes: limit, Logger: log}, emit, onErr)
		return err
	}
	counts, runErr := ingest.Run(ctx, src, x.Extract, st, ingest.Config{
		Workers: *workers, Logger: log, Progress: progress.Update,
	})
	progress.Finish()

	fmt.Fprintf(stdout, "read %d documents: %d stored, %d already stored, %d failed in %s (%.1f docs/s)\n",
		counts.Read, counts.Stored, counts.Duplicates, counts.Failed,
		counts.Elapsed.Round(10*time.Millisecond), rate(counts))
	// The summary of the store is wanted even after Ctrl-C, so not on the cancelled ctx.
	if stats, err := st.Stats(context.WithoutCancel(ctx)); err == nil {
		fmt.Fprintf(stdout, "%s: %s\n", *db, summary(stats))
	} else {
		fmt.Fprintf(stderr, "marsad ingest: %v\n", err)
	}

	switch {
	case runErr != nil && ingest.Interrupted(runErr):
		fmt.Fprintln(stderr, "marsad ingest: interrupted; every stored document is complete: run the same command again to continue")
		return 1
	case runErr != nil:
		fmt.Fprintf(stderr, "marsad ingest: %v\n", runErr)
		return 1
	case counts.Read == 0:
		fmt.Fprintf(stderr, "marsad ingest: no document could be read from %s: give .txt, .html or .jsonl files or directories of them\n",
			strings.Join(paths, " "))
		return 1
	case counts.Stored+counts.Duplicates == 0:
		fmt.Fprintln(stderr, "marsad ingest: no document could be stored; the messages above say why")
		return 1
	}
	return 0
}

func rate(c ingest.Counts) float64 {
	if c.Elapsed <= 0 {
		return 0
	}
	return float64(c.Done()) / c.Elapsed.Seconds()
}

// summary reads "1035 documents, 240 events (arrest 120, seizure 80, …)".
func summary(st store.Stats) string {
	s := fmt.Sprintf("%d documents, %d events", st.Documents, st.Events)
	if len(st.EventsByType) == 0 {
		return s
	}
	types := make([]string, 0, len(st.EventsByType))
	for t := range st.EventsByType {
		types = append(types, t)
	}
	// Most frequent first: the summary answers "what is in there".
	sort.Slice(types, func(i, j int) bool {
		a, b := st.EventsByType[types[i]], st.EventsByType[types[j]]
		if a != b {
			return a > b
		}
		return types[i] < types[j]
	})
	parts := make([]string, len(types))
	for i, t := range types {
		parts[i] = fmt.Sprintf("%s %d", t, st.EventsByType[t])
	}
	return s + " (" + strings.Join(parts, ", ") + ")"
}
