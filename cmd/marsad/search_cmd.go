package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"marsad/internal/event"
	"marsad/internal/report"
	"marsad/internal/store"
)

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", defaultDB, dbUsage)
	typ := fs.String("type", "", "only documents with an event of this type ("+strings.Join(event.Types, ", ")+")")
	from := fs.String("from", "", "only documents published, or with an event, on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	to := fs.String("to", "", "only documents published, or with an event, on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)")
	place := fs.String("place", "", "only documents with an event at this place: a name or alias in any script")
	limit := fs.Int("limit", store.DefaultSearchLimit, "at most this many documents")
	offset := fs.Int("offset", 0, "skip this many documents first (to page through)")
	window := fs.Int("window", 0, "rank together the newest N matches (0: "+strconv.Itoa(store.DefaultRankWindow)+"); -1 ranks every match, slower on a large store")
	format := fs.String("format", "table", "output: table (for reading) or jsonl (one document per line, with its events)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad search [--db marsad.db] [--type T] [--from D] [--to D] [--place P] [--format table|jsonl] QUERY\n\n"+
			"Finds stored documents holding every word of QUERY, best first, with a passage around\n"+
			"the words found and the document's events. Words match across Arabic clitics and\n"+
			"plurals (خلية finds الخلية, خلايا, للخلية) and French and English endings\n"+
			"(démanteler finds démantèlement, arrest finds arrested).\n\n"+
			"\"Best first\" is within windows of the "+strconv.Itoa(store.DefaultRankWindow)+" most recently stored matches: the\n"+
			"newest window's hits come first, best first, then the next older window's, so a\n"+
			"query matching more documents than that does not score them all (--window -1 does).\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	// Flags may follow the query too: `marsad search خلية --type arrest`.
	words := []string{}
	rest := fs.Args()
	for len(rest) > 0 {
		words = append(words, rest[0])
		if err := fs.Parse(rest[1:]); err != nil {
			return 2
		}
		rest = fs.Args()
	}
	query := strings.TrimSpace(strings.Join(words, " "))
	if query == "" {
		fmt.Fprintln(stderr, "marsad search: give the words to look for, e.g. marsad search \"تفكيك خلية\"")
		fs.Usage()
		return 2
	}
	f, err := report.ParseFormat(*format)
	if err != nil || f == report.CSV {
		fmt.Fprintf(stderr, "marsad search: --format %q: use table or jsonl\n", *format)
		return 2
	}
	if *typ != "" && !slices.Contains(event.Types, *typ) {
		fmt.Fprintf(stderr, "marsad search: unknown --type %q: use one of %s\n", *typ, strings.Join(event.Types, ", "))
		return 2
	}
	for name, d := range map[string]string{"--from": *from, "--to": *to} {
		if d == "" {
			continue
		}
		if err := store.CheckDate(d); err != nil {
			fmt.Fprintf(stderr, "marsad search: %s: %v\n", name, err)
			return 2
		}
	}
	if *limit <= 0 || *offset < 0 {
		fmt.Fprintln(stderr, "marsad search: --limit must be 1 or more and --offset 0 or more")
		return 2
	}

	log := slog.New(slog.NewTextHandler(stderr, nil))
	st, err := openStore(ctx, *db, true, log)
	if err != nil {
		storeError(stderr, "search", *db, err)
		return 1
	}
	defer st.Close()
	q := store.SearchQuery{Text: query, Type: *typ, From: *from, To: *to, Place: strings.TrimSpace(*place),
		Limit: *limit + 1, Offset: *offset, Window: *window} // one more than shown tells whether there are more
	hits, err := st.Search(ctx, q)
	switch {
	case errors.Is(err, store.ErrNoSearchTerms):
		fmt.Fprintf(stderr, "marsad search: %v\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "marsad search: %v\n", err)
		return 1
	}
	more := len(hits) > *limit
	if more {
		hits = hits[:*limit]
	}
	if len(hits) == 0 && f == report.Table {
		fmt.Fprintln(stderr, "marsad search: no stored document matches; fewer words or filters find more")
		return 0
	}
	w := bufio.NewWriter(stdout)
	if err := report.WriteHits(w, f, hits, *offset+1); err != nil {
		fmt.Fprintf(stderr, "marsad search: %v\n", err)
		return 1
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "marsad search: write: %v\n", err)
		return 1
	}
	if more {
		fmt.Fprintf(stderr, "marsad search: showing documents %d to %d; --offset %d shows the next ones\n",
			*offset+1, *offset+len(hits), *offset+len(hits))
	}
	return 0
}
