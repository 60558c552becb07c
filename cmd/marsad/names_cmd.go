package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"marsad/data"
	"marsad/internal/lexicon"
	"marsad/internal/names"
)

func cmdNames(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stderr, "usage: marsad names match [--pairs FILE] [--no-tables]\n\n"+
			"subcommands:\n  match   score pairs of names (any script) for naming the same entity\n\n"+
			"run 'marsad names match -h' for its flags")
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "match":
		return cmdNamesMatch(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "marsad names: unknown subcommand %q: use match\n", args[0])
	return 2
}

func cmdNamesMatch(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("names match", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pairs := fs.String("pairs", "", "file of pairs, name_a<TAB>name_b a line (# lines skipped); stdin when not given")
	noTables := fs.Bool("no-tables", false, "compare by transliteration alone, without the lexicon's alias tables")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad names match [--pairs FILE] [--no-tables] < pairs.tsv\n\n"+
			"Reads pairs of names, name_a<TAB>name_b a line, in Arabic or Latin script, and writes\n"+
			"score<TAB>same for each: the score in [0,1] that they name the same person, place or\n"+
			"organisation, and whether it reaches Marsad's threshold. Entity resolution uses the\n"+
			"same function. Columns after the second are ignored; when the third is a label\n"+
			"(same|different) on every line, the accuracy is printed on stderr.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "marsad names match: unexpected argument %q: give the file with --pairs or on stdin\n", fs.Arg(0))
		return 2
	}
	in := io.Reader(os.Stdin)
	if *pairs != "" {
		f, err := os.Open(*pairs)
		if err != nil {
			fmt.Fprintf(stderr, "marsad names match: %v\n", err)
			return 1
		}
		defer f.Close()
		in = f
	}
	ps, err := names.ReadPairs(in)
	if err != nil {
		fmt.Fprintf(stderr, "marsad names match: %s: %v\n", orStdin(*pairs), err)
		return 1
	}
	var t names.Tables
	if !*noTables {
		lx, err := lexicon.LoadData(data.FS)
		if err != nil {
			fmt.Fprintf(stderr, "marsad names match: load lexicon: %v\n", err)
			return 1
		}
		t = names.FromData(&lx)
	}
	m := names.New(t)
	w := bufio.NewWriter(stdout)
	labelled := len(ps) > 0
	for _, p := range ps {
		s := m.Score(p.A, p.B)
		fmt.Fprintf(w, "%.4f\t%t\n", s, s >= m.Threshold())
		if p.Label != "same" && p.Label != "different" {
			labelled = false
		}
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "marsad names match: write: %v\n", err)
		return 1
	}
	if labelled {
		acc := names.Measure(ps, m.Score, m.Threshold())
		fmt.Fprintf(stderr, "accuracy %.3f (%d of %d pairs; %d different judged same, %d same judged different; threshold %.2f)\n",
			acc.Rate(), acc.Correct, acc.Pairs, acc.FalseSame, acc.FalseDiff, m.Threshold())
	}
	return 0
}

func orStdin(path string) string {
	if path == "" {
		return "stdin"
	}
	return path
}
