package text

import (
	"testing"

	"marsad/internal/shared"
)

// BenchmarkAnalyze measures the analysis of the ANT corpus (tokens, language, sentences)
// into one reused token array and Tokenizer, as extraction runs it:
//
//	go test ./internal/text -run '^$' -bench Analyze -benchtime 5x -cpu 1
func BenchmarkAnalyze(b *testing.B) {
	texts, size, err := shared.Texts("corpus", "ant", "ant-v1.1.jsonl")
	if err != nil {
		b.Skipf("shared corpus not read (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	var buf []Token
	var z Tokenizer
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, s := range texts {
			a := AnalyzeInto(buf, &z, s, "")
			buf = a.Tokens
		}
	}
}
