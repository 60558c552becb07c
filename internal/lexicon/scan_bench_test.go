package lexicon_test

import (
	"bufio"
	"encoding/json"
	"os"
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
	path := shared.Path("corpus", "ant", "ant-v1.1.jsonl")
	f, err := os.Open(path)
	if err != nil {
		b.Skipf("shared corpus not found (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	defer f.Close()
	var docs [][]text.Token
	var size int64
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var d struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			b.Fatalf("%s: %v", path, err)
		}
		docs = append(docs, text.Tokenize(d.Title+"\n\n"+d.Text))
		size += int64(len(d.Title) + len(d.Text))
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
				out, _, _ = lx.M.Scan(out[:0], toks, i, &vs)
			}
		}
	}
}
