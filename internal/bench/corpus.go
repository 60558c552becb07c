// Package bench measures Marsad at scale beside what users would pick instead: corpora of
// 10k to 1M documents grown from the shared news corpora, Bleve with its Arabic analyzer
// and a plain SQLite FTS5 table as search baselines, and a relevance count for Arabic
// queries with clitics and plurals. `marsad bench` and scripts/bench-scale.sh drive it;
// docs/benchmarks.md reports what they print.
package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"strconv"
	"strings"

	"marsad/internal/document"
)

// LoadBase reads the documents with text of JSONL corpus files, in file order.
func LoadBase(ctx context.Context, paths ...string) ([]document.Document, error) {
	var docs []document.Document
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, fmt.Errorf("base corpus: %w", err)
		}
		_, err = document.ReadJSONL(ctx, f, p, document.Options{}, func(d document.Document) error {
			if strings.TrimSpace(d.Text) != "" {
				docs = append(docs, d)
			}
			return nil
		}, func(error) {}) // a bad line is one base document fewer, not a failed benchmark
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("base corpus %s: %w", p, err)
		}
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("base corpus %s: no document with text", strings.Join(paths, ", "))
	}
	return docs, nil
}

// Generate emits n documents grown from base: the first len(base) are base itself, each
// later one a variant of base[i % len(base)] (see Vary). The same base, n and seed give
// the same documents, byte for byte.
func Generate(ctx context.Context, base []document.Document, n int, seed uint64, emit func(document.Document) error) error {
	for i := range n {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		d := base[i%len(base)]
		if v := i / len(base); v > 0 {
			d = Vary(d, v, rand.New(rand.NewPCG(seed, uint64(i))))
		}
		if err := emit(d); err != nil {
			return err
		}
	}
	return nil
}

// places are swapped for one another in variants: cities of the two base corpora, so a
// variant reads like news of another town.
var places = []string{
	"صفاقس", "سوسة", "القيروان", "بنزرت", "قابس", "القصرين", "قفصة", "المنستير", "نابل", "مدنين",
	"طنجة", "فاس", "مراكش", "وجدة", "أكادير", "تطوان", "الناظور", "مكناس", "القنيطرة", "العيون",
}

var (
	digitRun = regexp.MustCompile(`[0-9]+`)
	placeRe  = regexp.MustCompile(strings.Join(places, "|"))
)

// Vary returns the v-th variant of d: a new id; every number replaced by another of as
// many digits; one city of the list replaced by another wherever it occurs; two sentences
// swapped; the publication year moved by up to two years; and a closing reference line
// numbered by v, so that no two variants share a text (ingest is idempotent by text, and
// a benchmark of N documents must store N).
func Vary(d document.Document, v int, rng *rand.Rand) document.Document {
	d.ID = d.ID + "~" + strconv.Itoa(v)
	d.Origin = ""
	num := func(s string) string {
		b := []byte(s)
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		if len(b) > 1 && b[0] == '0' {
			b[0] = byte('1' + rng.IntN(9))
		}
		return string(b)
	}
	text := digitRun.ReplaceAllStringFunc(d.Text, num)
	if found := placeRe.FindString(text); found != "" {
		to := places[rng.IntN(len(places))]
		text = strings.ReplaceAll(text, found, to)
	}
	text = swapSentences(text, rng)
	d.Text = text + "\n\nرقم المرجع " + strconv.Itoa(v) + "."
	d.Title = digitRun.ReplaceAllStringFunc(d.Title, num)
	if len(d.Published) >= 4 {
		if y, err := strconv.Atoi(d.Published[:4]); err == nil {
			d.Published = strconv.Itoa(y+rng.IntN(5)-2) + d.Published[4:]
			if strings.HasSuffix(d.Published, "-02-29") {
				d.Published = d.Published[:len(d.Published)-2] + "28" // not every year has one
			}
		}
	}
	return d
}

// swapSentences swaps two of the sentences (ending in "." and a space or a line break)
// of s, when it has at least two.
func swapSentences(s string, rng *rand.Rand) string {
	var sents []string
	start := 0
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && (s[i+1] == ' ' || s[i+1] == '\n') {
			sents = append(sents, s[start:i+2])
			start = i + 2
		}
	}
	if len(sents) < 2 {
		return s
	}
	rest := s[start:]
	a, b := rng.IntN(len(sents)), rng.IntN(len(sents))
	sents[a], sents[b] = sents[b], sents[a]
	return strings.Join(sents, "") + rest
}
