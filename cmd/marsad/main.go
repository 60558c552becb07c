// Command marsad turns security news into a sourced, searchable record of events.
//
// main only dispatches: each subcommand parses its flags, builds a config and calls into
// internal/.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"syscall"

	"marsad/internal/extract"
)

// command is one subcommand: it returns the process exit status.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() map[string]command {
	return map[string]command{
		"extract": {"print events and entities of articles as JSON lines (no database)", cmdExtract},
		"ingest":  {"extract articles and store them in the database", cmdIngest},
		"events":  {"list stored events", cmdEvents},
		"search":  {"find stored documents and their events by words (Arabic, French, English)", cmdSearch},
		"ner":     {"tag a CoNLL token file with entity BIO tags (PERS, LOC, ORG, MISC)", cmdNER},

		"names":          {"score pairs of names in any script for naming the same entity", cmdNames},
		"contradictions": {"list figures the sources of one event disagree on", cmdContradictions},
		"stats":          {"the yearly balance: figures sources report next to what Marsad counts", cmdStats},
		"serve":          {"serve the web UI and the JSON API, with accounts and an audit log", cmdServe},
		"user":           {"add users, reset passwords, make API tokens for marsad serve", cmdUser},
		"bench":          {"measure ingest and search at scale beside Bleve and plain FTS5 (docs/benchmarks.md)", cmdBench},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "marsad: unknown command %q\n\n", args[0])
		usage(stderr, cmds)
		return 2
	}
	if args[0] == "extract" || args[0] == "ingest" {
		debug.SetGCPercent(extract.BatchGCPercent)
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: marsad <command> [flags] [args]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-14s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nrun 'marsad <command> -h' for the flags of a command")
}
