package extract

import (
	"testing"

	"marsad/internal/clean"
	"marsad/internal/event"
	"marsad/internal/recognize"
	"marsad/internal/text"
)

// BenchmarkStages splits extraction time by stage over the ANT corpus, to see where
// the time goes (go test -bench Stages -benchtime 1x -cpu 1).
func BenchmarkStages(b *testing.B) {
	docs := loadJSONL(b, "corpus/ant/ant-v1.1.jsonl", 0)
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	texts := make([]string, len(docs))
	for i, d := range docs {
		size += int64(len(d.Text) + len(d.Title))
		c, _ := clean.Document(d)
		texts[i] = withTitle(c.Title, c.Text)
	}
	analyses := make([]text.Analysis, len(docs))
	recs := make([]*recognize.Doc, len(docs))
	b.Run("clean", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				_, _ = clean.Document(d)
			}
		}
	})
	b.Run("analyze", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for j, t := range texts {
				analyses[j] = text.Analyze(t, "")
			}
		}
	})
	b.Run("recognize", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for j := range analyses {
				recs[j] = recognize.Recognize(x.lex, &analyses[j], docs[j].Published)
			}
		}
	})
	b.Run("events", func(b *testing.B) {
		b.SetBytes(size)
		for i := 0; i < b.N; i++ {
			for _, r := range recs {
				_ = event.Extract(r)
				_ = Entities(r)
			}
		}
	})
}
