package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"marsad/data"
	"marsad/internal/lexicon"
	"marsad/internal/resolve"
	"marsad/internal/store"
)

func cmdContradictions(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("contradictions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, dbUsage)
	format := fs.String("format", "table", "output: table, or jsonl (one contradiction per line, with every claim and its evidence)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad contradictions [--db marsad.db] [--format table|jsonl]\n\n"+
			"Groups the stored reports of one real event into clusters and lists the figures their\n"+
			"sources give that cannot all hold (\"about 8\" against 6 cells), every claim with its\n"+
			"document and evidence. \"about N\" allows N±10% (at least ±1).\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "marsad contradictions: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *format != "table" && *format != "jsonl" {
		fmt.Fprintf(stderr, "marsad contradictions: --format: unknown format %q: use table or jsonl\n", *format)
		return 2
	}
	_, res, ok := resolveStore(ctx, "contradictions", *db, stderr)
	if !ok {
		return 1
	}
	cs := resolve.Contradictions(res.Clusters)
	if len(cs) == 0 && *format == "table" {
		fmt.Fprintf(stderr, "marsad contradictions: no disagreement among the sources of %d clusters\n", len(res.Clusters))
		return 0
	}
	w := bufio.NewWriter(stdout)
	var err error
	if *format == "jsonl" {
		err = resolve.WriteContradictionsJSONL(w, cs)
	} else {
		err = resolve.WriteContradictionsTable(w, cs)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "marsad contradictions: %v\n", err)
		return 1
	}
	return 0
}

// resolveStore loads every stored event and resolves them with the project's tables. It
// prints what went wrong and returns false on failure.
func resolveStore(ctx context.Context, cmd, db string, stderr io.Writer) (*resolve.Resolver, resolve.Result, bool) {
	log := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := openStore(ctx, db, true, log)
	if err != nil {
		storeError(stderr, cmd, db, err)
		return nil, resolve.Result{}, false
	}
	defer st.Close()
	evs, err := st.Events(ctx, store.EventFilter{})
	if err != nil {
		fmt.Fprintf(stderr, "marsad %s: %v\n", cmd, err)
		return nil, resolve.Result{}, false
	}
	lx, err := lexicon.LoadData(data.FS)
	if err != nil {
		fmt.Fprintf(stderr, "marsad %s: load lexicon: %v\n", cmd, err)
		return nil, resolve.Result{}, false
	}
	rv := resolve.New(resolve.FromData(&lx))
	return rv, rv.Resolve(evs), true
}
