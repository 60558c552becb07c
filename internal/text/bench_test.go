package text

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"marsad/internal/shared"
)

// BenchmarkAnalyze measures the analysis of the ANT corpus (tokens, language, sentences)
// into one reused token array, as extraction runs it:
//
//	go test ./internal/text -run '^$' -bench Analyze -benchtime 5x -cpu 1
func BenchmarkAnalyze(b *testing.B) {
	path := shared.Path("corpus", "ant", "ant-v1.1.jsonl")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("shared corpus not found (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	defer f.Close()
	var texts []string
	var size int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var d struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		texts = append(texts, d.Title+"\n\n"+d.Text)
		size += int64(len(d.Title) + len(d.Text))
	}
	var buf []Token
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, s := range texts {
			a := AnalyzeInto(buf, s, "")
			buf = a.Tokens
		}
	}
}
