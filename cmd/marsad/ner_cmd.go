package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"marsad/internal/extract"
	"marsad/internal/ner"
)

func cmdNER(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	gold := fs.Bool("gold", false, "write 'token GOLD PRED' (the file's own tag, then ours) instead of 'token PRED'")
	score := fs.Bool("score", false, "print precision, recall and F1 per type against the file's tags instead of the tokens")
	window := fs.Int("window", 20, "sentences recognized together as one text (context for surnames and home country)")
	lang := fs.String("lang", "", "language of the file (ar, fr, en); empty detects it")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "goroutines tagging in parallel")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: marsad ner [--gold | --score] [--window N] FILE\n\n"+
			"Reads a CoNLL token file (one `token [TAG]` per line, a blank line between sentences;\n"+
			"- for standard input) and writes the same lines, each token followed by Marsad's BIO tag\n"+
			"(PERS, LOC, ORG; never MISC). With --score, the file's second column is the gold tag and\n"+
			"a table of exact-span entity scores (as conlleval) is printed instead; a file with a third\n"+
			"column (`token GOLD PRED`, as --gold writes) is scored as it stands, without tagging.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	if *gold && *score {
		fmt.Fprintln(stderr, "marsad ner: --gold and --score are exclusive: --gold writes tokens, --score writes a table")
		return 2
	}
	path := fs.Arg(0)
	f, err := readCoNLL(path)
	if err != nil {
		fmt.Fprintf(stderr, "marsad ner: %v\n", err)
		return 1
	}
	if (*gold || *score) && f.Columns < 2 {
		name := path
		if path == "-" {
			name = "standard input"
		}
		fmt.Fprintf(stderr, "marsad ner: %s has no gold tag column: --gold and --score need `token TAG` lines\n", name)
		return 1
	}

	var elapsed time.Duration
	if !*score || f.Columns < 3 {
		x, err := extract.New()
		if err != nil {
			fmt.Fprintf(stderr, "marsad ner: %v\n", err)
			return 1
		}
		if err := ctx.Err(); err != nil {
			fmt.Fprintf(stderr, "marsad ner: %v\n", err)
			return 1
		}
		start := time.Now()
		tags, err := ner.Tag(x.Lexicon(), f.Words(), ner.Options{Window: *window, Lang: *lang, Workers: *workers})
		elapsed = time.Since(start)
		var te *ner.TagError
		if errors.As(err, &te) {
			fmt.Fprintf(stderr, "marsad ner: %s: sentence at line %d: %v\n", path, f.Sentences[te.From].Line, err)
			return 1
		}
		if err != nil {
			fmt.Fprintf(stderr, "marsad ner: %s: %v\n", path, err)
			return 1
		}
		if err := f.SetPred(tags); err != nil {
			fmt.Fprintf(stderr, "marsad ner: %s: %v\n", path, err)
			return 1
		}
	}

	if !*score {
		layout := ner.PredOnly
		if *gold {
			layout = ner.GoldPred
		}
		if err := f.Write(stdout, layout); err != nil {
			fmt.Fprintf(stderr, "marsad ner: %v\n", err)
			return 1
		}
		return 0
	}
	r, err := ner.ScoreFile(f)
	if err != nil {
		fmt.Fprintf(stderr, "marsad ner: %s: %v\n", path, err)
		return 1
	}
	if err := r.WriteTable(stdout); err != nil {
		fmt.Fprintf(stderr, "marsad ner: %v\n", err)
		return 1
	}
	if elapsed > 0 {
		fmt.Fprintf(stdout, "tagged %d sentences in %.3fs: %.0f sentences/s (%d workers, window %d; lexicon load excluded)\n",
			len(f.Sentences), elapsed.Seconds(), float64(len(f.Sentences))/elapsed.Seconds(), *workers, max(*window, 1))
	}
	return 0
}

// readCoNLL reads a CoNLL file, or standard input for "-".
func readCoNLL(path string) (*ner.File, error) {
	if path == "-" {
		f, err := ner.Read(os.Stdin)
		if err != nil {
			return nil, fmt.Errorf("standard input: %w", err)
		}
		return f, nil
	}
	in, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w (give a CoNLL token file, or - for standard input)", err)
	}
	defer in.Close()
	f, err := ner.Read(in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}
