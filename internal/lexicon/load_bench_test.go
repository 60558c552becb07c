package lexicon_test

import (
	"testing"

	"marsad/data"
	"marsad/internal/lexicon"
)

// BenchmarkLoad measures what every `marsad extract` pays before its first document, and
// a server before the first posted one: reading the embedded tables (LoadData) and
// compiling the matcher over their phrases (Compile).
//
//	go test ./internal/lexicon -run '^$' -bench Load -benchtime 5x
func BenchmarkLoad(b *testing.B) {
	b.Run("data", func(b *testing.B) {
		b.ReportAllocs()
		for range b.N {
			if _, err := lexicon.LoadData(data.FS); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compile", func(b *testing.B) {
		d, err := lexicon.LoadData(data.FS)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for range b.N {
			if _, err := lexicon.Compile(d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
