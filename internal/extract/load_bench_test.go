package extract

import "testing"

// BenchmarkNew measures start-up: loading and compiling the embedded lexicons and
// gazetteers, which every `marsad` command that reads text pays once.
//
//	go test ./internal/extract -run '^$' -bench New -benchtime 5x
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
