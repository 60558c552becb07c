package bench

import (
	"context"
	"crypto/sha256"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"marsad/internal/document"
	"marsad/internal/store"
	"marsad/internal/store/sqlite"
	"marsad/internal/store/storetest"
)

var fixture = []document.Document{
	{ID: "a", Title: "تفكيك خلية 12", Published: "2016-02-29",
		Text: "تمكنت الوحدات الأمنية بسوسة من تفكيك خلية تضم 4 عناصر. وحجزت 120 غراما من المخدرات. وتتواصل الأبحاث."},
	{ID: "b", Text: "استضاف البرنامج الفنان في حلقة خاصة"}, // no number, no place, one sentence
	{ID: "c", Title: "hearing", Text: "The court in Tangier heard 3 suspects. The hearing resumes on 12 May."},
}

func generate(t *testing.T, n int, seed uint64) []document.Document {
	t.Helper()
	var out []document.Document
	if err := Generate(context.Background(), fixture, n, seed, func(d document.Document) error {
		out = append(out, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// The corpus is the same for the same seed, N documents long, every one with its own id
// and text (ingest stores N), the base first and unchanged.
func TestGenerateDeterministicAndDistinct(t *testing.T) {
	const n = 300
	a, b := generate(t, n, 7), generate(t, n, 7)
	if len(a) != n {
		t.Fatalf("%d documents, want %d", len(a), n)
	}
	if !slices.Equal(a, b) {
		t.Error("two runs with the same seed differ")
	}
	if c := generate(t, n, 8); slices.Equal(a, c) {
		t.Error("another seed gives the same corpus")
	}
	ids, texts := map[string]bool{}, map[[32]byte]bool{}
	for _, d := range a {
		ids[d.ID] = true
		texts[sha256.Sum256([]byte(d.Text))] = true
	}
	if len(ids) != n || len(texts) != n {
		t.Errorf("%d distinct ids and %d distinct texts in %d documents", len(ids), len(texts), n)
	}
	for i, d := range fixture {
		if a[i] != d {
			t.Errorf("document %d is not the base document as it was", i)
		}
	}
	v := a[len(fixture)] // the first variant of "a"
	if v.ID != "a~1" || v.Text == fixture[0].Text || v.Published == "" || v.Published[4:] != "-02-28" && v.Published[4:] != "-02-29" {
		t.Errorf("variant %+v", v)
	}
}

// Relevance is judged by the hand-listed forms with proclitics, whatever diacritics or
// hamza seats the text writes, and every word of the query must be there.
func TestJudge(t *testing.T) {
	j := NewJudge(RelevanceQueries)
	idx := func(text string) int {
		for i, q := range RelevanceQueries {
			if q.Text == text {
				return i
			}
		}
		t.Fatalf("no query %q", text)
		return 0
	}
	terrorists, drugs, cell := idx("الإرهابيين"), idx("بالمخدرات"), idx("خلية إرهابية")
	for _, c := range []struct {
		text string
		q    int
		want bool
	}{
		{"اعتقال ثلاثة إرهابيين في سوسة", terrorists, true},
		{"اعتقال ثلاثة الارهابيّين في سوسة", terrorists, true}, // shadda, bare alef
		{"وللإرهابيين دعم", terrorists, true},
		{"الإرهاب آفة", terrorists, false}, // terrorism is another lemma
		{"إرهابيينا", terrorists, false},   // an enclitic is not listed
		{"حجز كمية من المخدرات", drugs, true},
		{"مخدرة", drugs, false},
		{"تفكيك خلية في الجنوب", cell, false}, // one of two words
		{"تفكيك خليتين إرهابيتين", cell, true},
		{"خلايا وصفت بأنها إرهابية", cell, true}, // words apart still count
	} {
		got := j.Relevant(c.text)&(1<<c.q) != 0
		if got != c.want {
			t.Errorf("%q relevant to %q: %v, want %v", c.text, RelevanceQueries[c.q].Text, got, c.want)
		}
	}
}

// Both baselines index documents and find them: FTS5 only by the word as written, Bleve
// through its Arabic analyzer (the article ال and the taa marbuta fold away).
func TestBaselines(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	f, err := OpenFTS5(ctx, filepath.Join(dir, "plain.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := OpenBleve(filepath.Join(dir, "bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for _, ix := range []Indexer{f, b} {
		if err := ix.Add(ctx, fixture); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		s    Searcher
		q    string
		want []string
	}{
		{f, "خلية", []string{"a"}},
		{f, "الخلية", nil},
		{f, "خلية عناصر", []string{"a"}},
		{f, "خلية الفنان", nil}, // every word must occur
		{b, "خلية", []string{"a"}},
		{b, "الخلية", []string{"a"}},
		{b, "خلية الفنان", nil},
		{b, "suspects", []string{"c"}},
	} {
		got, err := c.s.All(ctx, c.q)
		if err != nil {
			t.Fatalf("%s %q: %v", c.s.Name(), c.q, err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%s %q: %v, want %v", c.s.Name(), c.q, got, c.want)
		}
		n, err := c.s.Page(ctx, c.q, 20)
		if err != nil || n != len(c.want) {
			t.Errorf("%s %q: page of %d (%v), want %d", c.s.Name(), c.q, n, err, len(c.want))
		}
	}
}

// Count judges what a system returns against the truth.
func TestCount(t *testing.T) {
	truth := Truth{Relevant: map[string]uint64{"a": 1, "b": 1 | 2}, Total: []int{2, 1}}
	qs := []RelevanceQuery{{Text: "x"}, {Text: "y"}}
	got, err := Count(context.Background(), fakeSearcher{"x": {"a", "c"}, "y": {"a", "b", "c"}}, qs, truth)
	if err != nil {
		t.Fatal(err)
	}
	if want := []Found{{Hits: 2, Relevant: 1}, {Hits: 3, Relevant: 1}}; !slices.Equal(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}

type fakeSearcher map[string][]string

func (f fakeSearcher) Name() string                                           { return "fake" }
func (f fakeSearcher) Page(ctx context.Context, q string, n int) (int, error) { return len(f[q]), nil }
func (f fakeSearcher) All(ctx context.Context, q string) ([]string, error)    { return f[q], nil }
func (f fakeSearcher) Close() error                                           { return nil }

// Marsad's side of the comparison reads the database ingest wrote: All lists every
// document the analyzed query matches (clitics and plurals included), the ranked page
// the same documents, store.Search pages with its own limit.
func TestMarsadSearchers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "marsad.db")
	st, err := sqlite.Open(ctx, path, store.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range 5 {
		if _, err := st.Put(ctx, storetest.Realistic(i, 2, 3)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Put(ctx, storetest.Result("other", "نص عن الطقس والرياح")); err != nil {
		t.Fatal(err)
	}
	m, err := OpenMarsad(st, path)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	all, err := m.All(ctx, "بالوثائق") // وثيقة, as a plural behind بال
	if err != nil || len(all) != 5 || slices.Contains(all, "other") {
		t.Errorf("all: %v (%v), want the 5 realistic documents", all, err)
	}
	for _, s := range []Searcher{m, MarsadUnbounded{m}, MarsadRanked{m}} {
		if n, err := s.Page(ctx, "وثيقة", 3); err != nil || n != 3 {
			t.Errorf("%s: page of %d (%v), want 3", s.Name(), n, err)
		}
		if n, err := s.Page(ctx, "الطقس", 20); err != nil || n != 1 {
			t.Errorf("%s: page of %d (%v), want 1", s.Name(), n, err)
		}
	}
}

// A document extraction refuses (all furniture, no text left) is counted and named, and the
// rates are still measured over the corpus: the bench stopped at the first such page of
// the Moroccan corpus.
func TestExtractRatesGoOnPastRefusedDocuments(t *testing.T) {
	docs := append(slices.Clone(fixture), document.Document{ID: "furniture", Text: "شارك على فيسبوك"})
	rates, err := ExtractRates(context.Background(), docs, 1)
	if err != nil {
		t.Fatalf("ExtractRates: %v", err)
	}
	if len(rates) != 3 {
		t.Fatalf("got %d rates, want extraction and its two baselines", len(rates))
	}
	for i, r := range rates {
		want := 0
		if i == 0 {
			want = 1 // extraction; the analyzers read any text
		}
		if r.Failed != want {
			t.Errorf("%s: %d refused, want %d (first: %q)", r.Name, r.Failed, want, r.First)
		}
		if r.MBps <= 0 {
			t.Errorf("%s: no rate", r.Name)
		}
	}
	if !strings.Contains(rates[0].First, "furniture") {
		t.Errorf("the refusal does not name the document: %q", rates[0].First)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ExtractRates(ctx, docs, 1); err == nil {
		t.Error("a cancelled run reported rates")
	}
}
