package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"

	"marsad/internal/resolve"
)

func cmdStats(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, dbUsage)
	by := fs.String("by", "year,type", "breakdown: year,type, optionally with place or actor (year,type,place)")
	format := fs.String("format", "table", "output: table, csv or jsonl")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad stats [--db marsad.db] [--by year,type[,place|actor]] [--format table|csv|jsonl]\n\n"+
			"The yearly balance: for each year and event type (and place or actor), the figures\n"+
			"sources report as aggregates, each with its document, next to what Marsad counts from\n"+
			"the single operations it clustered (\"sources say 6 / about 8; Marsad counts N from M\n"+
			"operations\"). An operation without a figure counts as one of its type's unit (one\n"+
			"cell, one network). By place, an operation counts under each of its places.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "marsad stats: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	b, err := resolve.ParseBy(*by)
	if err != nil {
		fmt.Fprintf(stderr, "marsad stats: --by %v\n", err)
		return 2
	}
	switch *format {
	case "table", "csv", "jsonl":
	default:
		fmt.Fprintf(stderr, "marsad stats: --format: unknown format %q: use table, csv or jsonl\n", *format)
		return 2
	}
	rv, res, ok := resolveStore(ctx, "stats", *db, stderr)
	if !ok {
		return 1
	}
	rows := rv.Stats(res, b)
	if len(rows) == 0 && *format == "table" {
		fmt.Fprintln(stderr, "marsad stats: no dated event stored")
		return 0
	}
	w := bufio.NewWriter(stdout)
	err = resolve.WriteStats(w, *format, rows, b)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "marsad stats: %v\n", err)
		return 1
	}
	return 0
}
