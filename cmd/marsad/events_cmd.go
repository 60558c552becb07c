package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"marsad/internal/event"
	"marsad/internal/report"
	"marsad/internal/store"
)

func cmdEvents(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("events", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, dbUsage)
	typ := fs.String("type", "", "only events of this type ("+strings.Join(event.Types, ", ")+")")
	year := fs.Int("year", 0, "only events whose period overlaps this year (undated events are left out)")
	place := fs.String("place", "", "only events at this place: a name or alias in any script, case and diacritics ignored")
	limit := fs.Int("limit", 100, "at most this many events (0: all)")
	offset := fs.Int("offset", 0, "skip this many events first (to page through)")
	format := fs.String("format", "table", "output: table, jsonl (one event per line, with its evidence) or csv")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad events [--db marsad.db] [--type T] [--year Y] [--place P] [--limit N] [--format table|jsonl|csv]\n\n"+
			"Lists stored events, oldest first (undated last), with their figures, places, actors\n"+
			"and source document.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "marsad events: unexpected argument %q: filters are flags (--place %s)\n", fs.Arg(0), fs.Arg(0))
		return 2
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "marsad events: --format: %v\n", err)
		return 2
	}
	if *typ != "" && !slices.Contains(event.Types, *typ) {
		fmt.Fprintf(stderr, "marsad events: unknown --type %q: use one of %s\n", *typ, strings.Join(event.Types, ", "))
		return 2
	}
	if *year != 0 && (*year < 1000 || *year > 9999) {
		fmt.Fprintf(stderr, "marsad events: --year %d: give a four-digit year\n", *year)
		return 2
	}
	if *limit < 0 || *offset < 0 {
		fmt.Fprintln(stderr, "marsad events: --limit and --offset must be 0 or more")
		return 2
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := openStore(ctx, *db, true, log)
	if err != nil {
		storeError(stderr, "events", *db, err)
		return 1
	}
	defer st.Close()
	filter := store.EventFilter{Type: *typ, Year: *year, Place: strings.TrimSpace(*place), Limit: *limit, Offset: *offset}
	if *limit > 0 {
		filter.Limit++ // one more than shown tells whether there are more
	}
	evs, err := st.Events(ctx, filter)
	if err != nil {
		fmt.Fprintf(stderr, "marsad events: %v\n", err)
		return 1
	}
	more := *limit > 0 && len(evs) > *limit
	if more {
		evs = evs[:*limit]
	}
	if len(evs) == 0 && f == report.Table {
		fmt.Fprintln(stderr, "marsad events: no stored event matches")
		return 0
	}
	w := bufio.NewWriter(stdout)
	if err := report.Write(w, f, evs); err != nil {
		fmt.Fprintf(stderr, "marsad events: %v\n", err)
		return 1
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "marsad events: write: %v\n", err)
		return 1
	}
	if more {
		fmt.Fprintf(stderr, "marsad events: showing %d events from %d; --offset %d shows the next ones, --limit 0 all\n",
			len(evs), *offset+1, *offset+len(evs))
	}
	return 0
}
