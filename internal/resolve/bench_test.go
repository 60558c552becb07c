package resolve

import (
	"fmt"
	"testing"

	"marsad/internal/event"
	"marsad/internal/store"
)

// synthetic makes n reports: operations spread over a year, 40 cities and four types, each
// operation reported by about two outlets, and a yearly tally per type from a few outlets.
func synthetic(n int) []store.StoredEvent {
	types := []string{"arrest", "seizure", "network_dismantled", "cell_dismantled"}
	out := make([]store.StoredEvent, 0, n)
	for i := 0; len(out) < n; i++ {
		op := i / 2
		day := 1 + op%365
		city := event.Place{Name: fmt.Sprintf("City %d", op%40), Country: "MA", ID: fmt.Sprintf("MA.c%d", op%40)}
		date := fmt.Sprintf("2023-%02d-%02d", 1+(day-1)/31%12, 1+(day-1)%28)
		out = append(out, ev(int64(i), fmt.Sprintf("doc%d", i), types[op%len(types)], date, date,
			at(city), actors("DGSN"), fig("arrested", float64(1+op%7), "")))
		if i%500 == 0 {
			out = append(out, ev(int64(n+i), fmt.Sprintf("tally%d", i), types[i%len(types)], "2023", "2023",
				at(morocco), fig("arrested", float64(1000+i), "approx")))
		}
	}
	return out
}

func BenchmarkResolve(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		evs := synthetic(n)
		r := resolver()
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				r.Resolve(evs)
			}
		})
	}
}

// BenchmarkResolveCorpus resolves events extracted from real articles (ANT, then Wikinews),
// whose names are many and varied: unlike the synthetic reports above, they make the
// comparison of every new name with the names already seen show.
//
//	go test ./internal/resolve -run '^$' -bench ResolveCorpus -benchtime 3x
func BenchmarkResolveCorpus(b *testing.B) {
	all := corpusEvents(b, 0)
	r := projectResolver(b)
	// "all" rather than its number: the count follows the extractor.
	for _, size := range []struct {
		name string
		n    int
	}{{"1000", 1000}, {"2000", 2000}, {"all", len(all)}} {
		evs := all[:min(size.n, len(all))]
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r.Resolve(evs)
			}
			b.ReportMetric(float64(len(evs)), "events")
		})
	}
}
