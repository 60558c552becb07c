package lexicon_test

import (
	"testing"

	"marsad/internal/lexicon"
	"marsad/internal/lexicon/lexicontest"
	"marsad/internal/shared"
	"marsad/internal/text"
)

// BenchmarkScan measures the matcher alone: every phrase starting at every token of the
// ANT corpus (its clitic variants included), as the recognizer asks for them.
//
//	go test ./internal/lexicon -run '^$' -bench Scan -benchtime 3x -cpu 1
func BenchmarkScan(b *testing.B) {
	texts, size, err := shared.Texts("corpus", "ant", "ant-v1.1.jsonl")
	if err != nil {
		b.Skipf("shared corpus not read (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	docs := make([][]text.Token, len(texts))
	for i, s := range texts {
		docs[i] = text.Tokenize(s)
	}
	lx := lexicontest.MustLoad()
	var out []lexicon.Match
	b.SetBytes(size)
	b.ResetTimer()
	for range b.N {
		for _, toks := range docs {
			for i, t := range toks {
				var vs text.Variants
				if t.Script == text.Arabic {
					vs = text.VariantsOf(t.Key)
				}
				out = out[:0]
				lx.M.Scan(&out, toks, i, &vs)
			}
		}
	}
}
