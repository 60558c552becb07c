package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"marsad/internal/store"
	"marsad/internal/store/storebench"
)

// LatencyQueries are the searches timed on every system: the Arabic queries of
// storebench that need no filter only Marsad has, and the relevance queries.
func LatencyQueries() []string {
	var qs []string
	for _, q := range storebench.Queries {
		if q.Type != "" || q.From != "" || q.To != "" || q.Place != "" || !hasArabic(q.Text) {
			continue
		}
		qs = append(qs, q.Text)
	}
	for _, q := range RelevanceQueries {
		if !slices.Contains(qs, q.Text) {
			qs = append(qs, q.Text)
		}
	}
	return qs
}

func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// SearchConfig names the indexes of one corpus to compare.
type SearchConfig struct {
	Corpus     string      // the generated corpus file the indexes hold
	Marsad     store.Store // the Marsad database `marsad ingest` filled with Corpus
	MarsadPath string      // its SQLite file
	FTS5Path   string      // the plain FTS5 baseline (`marsad bench index --system fts5`)
	BlevePath  string      // the Bleve baseline (`marsad bench index --system bleve`)
	Rounds     int         // timed rounds of every query after a warm-up round
}

// RunSearch prints the latency of every system and the relevant hits each finds.
func RunSearch(ctx context.Context, cfg SearchConfig, w io.Writer) error {
	m, err := OpenMarsad(cfg.Marsad, cfg.MarsadPath)
	if err != nil {
		return err
	}
	defer m.Close()
	f, err := OpenFTS5(ctx, cfg.FTS5Path)
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := OpenBleve(cfg.BlevePath)
	if err != nil {
		return err
	}
	defer b.Close()
	msize := dirSize(cfg.MarsadPath) + dirSize(cfg.MarsadPath+"-wal")
	timed := []Searcher{m, MarsadUnbounded{m}, MarsadRanked{m}, f, b}
	sizes := []int64{msize, msize, msize, dirSize(cfg.FTS5Path), dirSize(cfg.BlevePath)}
	systems := []Searcher{m, f, b}

	queries := LatencyQueries()
	fmt.Fprintf(w, "search latency: first page of 20 hits, %d Arabic queries × %d rounds after a warm-up round\n", len(queries), cfg.Rounds)
	fmt.Fprintf(w, "| system | on disk | p50 | p95 |\n| --- | ---: | ---: | ---: |\n")
	for i, s := range timed {
		l, err := Measure(ctx, s, queries, cfg.Rounds)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s |\n", s.Name(), mb(sizes[i]), ms(l.P50), ms(l.P95))
	}

	start := time.Now()
	truth, err := JudgeCorpus(ctx, cfg.Corpus, RelevanceQueries)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nrelevant hits (every match of the query; relevant: holds a hand-listed form of each word, see internal/bench/relevance.go), judged in %s\n",
		time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(w, "| query | relevant in corpus |")
	for _, s := range systems {
		fmt.Fprintf(w, " %s: relevant found / hits |", s.Name())
	}
	fmt.Fprintf(w, "\n| --- | ---: |%s\n", repeat(" ---: |", len(systems)))
	found := make([][]Found, len(systems))
	for i, s := range systems {
		if found[i], err = Count(ctx, s, RelevanceQueries, truth); err != nil {
			return err
		}
	}
	sumRel := make([]int, len(systems))
	sumHits := make([]int, len(systems))
	total := 0
	for qi, q := range RelevanceQueries {
		fmt.Fprintf(w, "| %s | %d |", q.Text, truth.Total[qi])
		total += truth.Total[qi]
		for si := range systems {
			fr := found[si][qi]
			sumRel[si] += fr.Relevant
			sumHits[si] += fr.Hits
			fmt.Fprintf(w, " %d / %d |", fr.Relevant, fr.Hits)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "| all | %d |", total)
	for si := range systems {
		fmt.Fprintf(w, " %d / %d (recall %.2f, precision %.2f) |", sumRel[si], sumHits[si],
			ratio(sumRel[si], total), ratio(sumRel[si], sumHits[si]))
	}
	fmt.Fprintln(w)
	return firstPages(ctx, m, truth, w)
}

// firstPages prints what the rank window changes in what a user sees: the relevant
// documents on the first page of each relevance query, with the window and with every
// match ranked, and how many documents the two pages share.
func firstPages(ctx context.Context, m *MarsadIndex, truth Truth, w io.Writer) error {
	const n = store.DefaultSearchLimit
	fmt.Fprintf(w, "\nfirst page of %d (Marsad): relevant with the rank window of %d / relevant with every match ranked / documents both pages share\n",
		n, store.DefaultRankWindow)
	var rw, ru, shared, pages int
	for qi, q := range RelevanceQueries {
		win, err := m.PageIDs(ctx, q.Text, n, 0)
		if err != nil {
			return err
		}
		all, err := m.PageIDs(ctx, q.Text, n, -1)
		if err != nil {
			return err
		}
		rel := func(ids []string) int {
			k := 0
			for _, id := range ids {
				if truth.Relevant[id]&(1<<qi) != 0 {
					k++
				}
			}
			return k
		}
		both := 0
		for _, id := range win {
			if slices.Contains(all, id) {
				both++
			}
		}
		fmt.Fprintf(w, "| %s | %d / %d | %d / %d | %d |\n", q.Text, rel(win), len(win), rel(all), len(all), both)
		rw, ru, shared, pages = rw+rel(win), ru+rel(all), shared+both, pages+len(all)
	}
	fmt.Fprintf(w, "| all | %d | %d | %d of %d |\n", rw, ru, shared, pages)
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func mb(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/1e6) }
