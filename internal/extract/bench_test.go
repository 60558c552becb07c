package extract

import (
	"bufio"
	"context"
	"encoding/json"
	"marsad/internal/shared"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"marsad/internal/document"
)

// sharedDir is where the shared corpus and evaluation data live (internal/shared).
func sharedDir() string { return shared.Dir() }

// loadJSONL reads the documents of a corpus file; it skips the test when the file is absent.
func loadJSONL(tb testing.TB, rel string, limit int) []document.Document {
	tb.Helper()
	path := filepath.Join(sharedDir(), rel)
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("corpus not available (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	defer f.Close()
	var docs []document.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 32<<20)
	for sc.Scan() && (limit <= 0 || len(docs) < limit) {
		var d document.Document
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil || d.Text == "" {
			continue
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkExtract measures extraction over the ANT corpus (Tunisian news): b.SetBytes
// makes `go test -bench` report MB/s on one core.
//
//	go test ./internal/extract -run '^$' -bench Extract -benchtime 1x -cpu 1
func BenchmarkExtract(b *testing.B) {
	docs := loadJSONL(b, "corpus/ant/ant-v1.1.jsonl", 0)
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	for _, d := range docs {
		size += int64(len(d.Text) + len(d.Title))
	}
	ctx := context.Background()
	batchGC(b)
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if _, err := x.Extract(ctx, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	cpu := cpuTime() - cpu0
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(size), "bytes/pass") // for instructions per byte (scripts/bench-instructions.sh)
	// MB per CPU second of the whole process (collector included): the per-core figure
	// when other jobs share the machine and stretch the wall clock.
	if cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	}
}

// BenchmarkExtractShort measures what extraction costs a document apart from its length:
// 2,000 ANT articles cut to the first word of their text, with no headline ("word"), to
// their first 120 bytes of text ("text") and to those with their headline ("lead"). Set
// beside BenchmarkExtract (1.3 KB a document on average), it shows how much of a pass is
// paid per document (docs/benchmarks.md, "Tenth round"). It reports microseconds a
// document.
func BenchmarkExtractShort(b *testing.B) {
	docs := loadJSONL(b, "corpus/ant/ant-v1.1.jsonl", 2000)
	x, err := New()
	if err != nil {
		b.Fatal(err)
	}
	batchGC(b)
	cuts := []struct {
		name string
		cut  func(d document.Document) document.Document
	}{
		{"word", func(d document.Document) document.Document {
			d.Title = ""
			if f := strings.Fields(d.Text); len(f) > 0 {
				d.Text = f[0]
			}
			return d
		}},
		{"text", func(d document.Document) document.Document {
			d.Title = ""
			return lead(d)
		}},
		{"lead", lead},
	}
	ctx := context.Background()
	for _, c := range cuts {
		b.Run(c.name, func(b *testing.B) {
			var short []document.Document
			for _, d := range docs {
				// a first word alone may be page furniture ("رويترز"), which has no text left
				if d = c.cut(d); d.Text != "" {
					if _, err := x.Extract(ctx, d); err == nil {
						short = append(short, d)
					}
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, d := range short {
					if _, err := x.Extract(ctx, d); err != nil {
						b.Fatalf("%s: %v", d.ID, err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(short)), "µs/doc")
		})
	}
}

// lead cuts a document's text to its first 120 bytes, back to a rune's start.
func lead(d document.Document) document.Document {
	if n := 120; len(d.Text) > n {
		for n > 0 && !utf8.RuneStart(d.Text[n]) {
			n--
		}
		d.Text = d.Text[:n]
	}
	return d
}

// batchGC sets the collector as `marsad extract` and `marsad ingest` run it
// (cmd/marsad/main.go) for the rest of the benchmark, unless GOGC is set:
// scripts/bench-instructions.sh counts instructions with the collector off, so that the
// count does not depend on when collections fall.
func batchGC(b *testing.B) {
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(BatchGCPercent)
		b.Cleanup(func() { debug.SetGCPercent(old) })
	}
}

// cpuTime is the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
