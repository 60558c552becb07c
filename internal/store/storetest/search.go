package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/search"
)

// searchCorpus puts five short articles in Arabic, French and English with events, dates
// and places the search tests filter on.
func searchCorpus(t *testing.T, s store.Store) {
	t.Helper()
	tangier := event.Place{Name: "Tangier", Names: []string{"طنجة", "Tanger"}, Country: "MA"}
	nador := event.Place{Name: "Nador", Names: []string{"الناظور"}, Country: "MA"}
	ev := func(typ, from, to string, pl event.Place) event.Event {
		e := Event(typ)
		if from != "" {
			e.Date = &event.Period{From: from, To: to}
		}
		e.Places = []event.Place{pl}
		e.Evidence = event.Span{Start: 0, End: 5, Text: typ}
		return e
	}
	doc := func(id, lang, published, title, text string, evs ...event.Event) extract.Result {
		r := Result(id, text, evs...)
		r.Lang, r.Published, r.Title, r.Source = lang, published, title, "Test"
		return r
	}
	for _, r := range []extract.Result{
		doc("s1", "ar", "2023-03-02", "تفكيك خلية إرهابية بطنجة",
			"تمكنت عناصر الأمن من تفكيك خلية إرهابية بمدينة طنجة تتكون من أربعة أشخاص، وحجز أسلحة بيضاء. "+
				"وأكدت المصادر أن الخلية كانت تخطط لعمليات تخريبية.",
			ev("cell_dismantled", "2023-03-01", "2023-03-01", tangier), ev("arrest", "", "", tangier)),
		doc("s2", "ar", "2022-11-20", "حجز مخدرات بالناظور",
			"أحبطت المصالح الأمنية محاولة تهريب أطنان من المخدرات بالناظور، وأوقفت عناصر شبكة إجرامية. "+
				"وتحدث البلاغ عن خلايا نائمة في المنطقة.",
			ev("seizure", "2022-11-19", "2022-11-19", nador), ev("network_dismantled", "2022-11", "2022-11", nador)),
		doc("s3", "ar", "2024-01-10", "امتدادات في الخارج",
			"أعلنت السلطات أن للخلية امتدادات في الخارج، وقامت القوات بتفكيك الشبكة."),
		doc("s4", "fr", "2023-03-03", "Démantèlement d'une cellule terroriste à Tanger",
			"Les services de sécurité ont démantelé mardi une cellule terroriste et arrêté quatre suspects à Tanger.",
			ev("cell_dismantled", "2023-03-01", "2023-03-01", tangier)),
		doc("s5", "en", "2021-06-01", "Police arrest smugglers in Nador",
			"Moroccan police arrested five smugglers and seized two tonnes of cannabis. The arrests followed a long investigation.",
			ev("arrest", "2021-05-30", "2021-05-30", nador), ev("seizure", "", "", nador)),
	} {
		put(t, s, r)
	}
}

func searchHits(t *testing.T, s store.Store, q store.SearchQuery) []store.SearchHit {
	t.Helper()
	hits, err := s.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	return hits
}

func hitIDs(hits []store.SearchHit) []string {
	ids := []string{}
	for _, h := range hits {
		ids = append(ids, h.Doc.ID)
	}
	return ids
}

func sortedIDs(hits []store.SearchHit) string {
	ids := hitIDs(hits)
	// Sets compared in a stable order; ranking has tests of its own.
	for i := range ids {
		for j := i + 1; j < len(ids); j++ {
			if ids[j] < ids[i] {
				ids[i], ids[j] = ids[j], ids[i]
			}
		}
	}
	return strings.Join(ids, " ")
}

func testSearchArabic(t *testing.T, s store.Store) {
	searchCorpus(t, s)
	for _, tc := range []struct{ q, want string }{
		{"خلية", "s1 s2 s3"},     // الخلية, خلايا (a broken plural), للخلية (ل + ال)
		{"الخلايا", "s1 s2 s3"},  // the plural with its article finds the singular
		{"تفكيك", "s1 s3"},       // بتفكيك: a preposition in front
		{"التفكيك", "s1 s3"},     // the article on the query side
		{"سلاح", "s1"},           // أسلحة
		{"مخدر", "s2"},           // المخدرات: article and sound plural
		{"عنصر", "s1 s2"},        // عناصر
		{"شخص", "s1"},            // أشخاص
		{"شبكات", "s2 s3"},       // شبكة, الشبكة
		{"إرهابي", "s1"},         // إرهابية
		{"ارهابيه", "s1"},        // hamza and taa marbuta folded
		{"طنجة", "s1"},           // بمدينة طنجة; the title's بطنجة
		{"خلية طنجة", "s1"},      // every word must occur
		{"في خلية", "s1 s2 s3"},  // function words are not required
		{"خلية مدريد", ""},       // a word no document has
		{"الشرطة", ""},           // none
		{"خَلِيَّة", "s1 s2 s3"}, // harakat
	} {
		if got := sortedIDs(searchHits(t, s, store.SearchQuery{Text: tc.q})); got != tc.want {
			t.Errorf("search %q: got [%s], want [%s]", tc.q, got, tc.want)
		}
	}
}

func testSearchLatin(t *testing.T, s store.Store) {
	searchCorpus(t, s)
	for _, tc := range []struct{ q, want string }{
		{"démanteler", "s4"}, // démantelé, Démantèlement
		{"DEMANTELEMENT", "s4"},
		{"cellules terroristes", "s4"},
		{"terrorist cell", ""}, // English "cell" is not French "cellule"
		{"arrest", "s5"},       // arrested, arrests
		{"smuggler", "s5"},     // smugglers
		{"seizing", "s5"},      // seized
		{"tanger", "s4"},
		{"the arrests", "s5"},
		{"police", "s5"},
	} {
		if got := sortedIDs(searchHits(t, s, store.SearchQuery{Text: tc.q})); got != tc.want {
			t.Errorf("search %q: got [%s], want [%s]", tc.q, got, tc.want)
		}
	}
}

func testSearchRanking(t *testing.T, s store.Store) {
	long := strings.Repeat("نص طويل عن أحوال الطقس والرياضة والاقتصاد في البلاد. ", 12)
	put(t, s, Result("weak", long+"وذكر التقرير خلية واحدة."))
	strong := Result("strong", "أعلنت المصالح الأمنية تفكيك خلية إرهابية، وأكدت أن الخلية كانت تضم عناصر من خلايا أخرى.")
	strong.Title = "تفكيك خلية إرهابية"
	put(t, s, strong)
	put(t, s, Result("middle", long+"تفكيك الخلية وحجز أسلحة لدى الخلية."))
	hits := searchHits(t, s, store.SearchQuery{Text: "خلية"})
	if got := hitIDs(hits); !reflect.DeepEqual(got, []string{"strong", "middle", "weak"}) {
		t.Errorf("ranking: got %v, want [strong middle weak] (title and more hits first, a passing mention in a long text last)", got)
	}
	for i := 1; i < len(hits); i++ {
		if hits[i].Score > hits[i-1].Score {
			t.Errorf("scores not in decreasing order: %v", hits)
		}
	}
}

func testSearchSnippet(t *testing.T, s store.Store) {
	searchCorpus(t, s)
	hits := searchHits(t, s, store.SearchQuery{Text: "خلية"})
	want := map[string]string{"s1": "خلية", "s2": "خلايا", "s3": "للخلية"}
	for _, h := range hits {
		if w := search.MarkStart + want[h.Doc.ID] + search.MarkEnd; !strings.Contains(h.Snippet, w) {
			t.Errorf("%s: snippet %q lacks the matched word as written, %s", h.Doc.ID, h.Snippet, w)
		}
	}
	hits = searchHits(t, s, store.SearchQuery{Text: "smugglers cannabis"})
	if len(hits) != 1 || !strings.Contains(hits[0].Snippet, "[smugglers] and seized two tonnes of [cannabis]") {
		t.Errorf("snippet: %+v", hits)
	}
	h := hits[0]
	wantRef := store.DocRef{ID: "s5", Title: "Police arrest smugglers in Nador", Source: "Test", Published: "2021-06-01"}
	if h.Doc != wantRef {
		t.Errorf("doc: got %+v, want %+v", h.Doc, wantRef)
	}
	if got := types(h.Events); !reflect.DeepEqual(got, []string{"s5:arrest", "s5:seizure"}) {
		t.Errorf("events of the hit without filters: got %v, want every event in document order", got)
	}
	if len(h.Events) > 0 && len(h.Events[0].Event.Places) != 1 {
		t.Errorf("events come whole, with places: %+v", h.Events[0])
	}
}

func testSearchFilters(t *testing.T, s store.Store) {
	searchCorpus(t, s)
	for _, tc := range []struct {
		name string
		q    store.SearchQuery
		want []string // "doc: events" of each hit, in rank order
	}{
		{"type", store.SearchQuery{Text: "خلية", Type: "cell_dismantled"}, []string{"s1:s1:cell_dismantled"}},
		{"type without such events", store.SearchQuery{Text: "خلية", Type: "attack"}, nil},
		{"place alias", store.SearchQuery{Text: "خلية", Place: "الناظور"}, []string{"s2:s2:seizure,s2:network_dismantled"}},
		{"place and type", store.SearchQuery{Text: "خلية", Place: "Nador", Type: "seizure"}, []string{"s2:s2:seizure"}},
		{"year", store.SearchQuery{Text: "خلية", From: "2023", To: "2023"}, []string{"s1:s1:cell_dismantled,s1:arrest"}},
		// s3 has no event: its publication date places it.
		{"published only", store.SearchQuery{Text: "خلية", From: "2024-01"}, []string{"s3:"}},
		// An event period of a month overlaps a range starting inside it.
		{"month period", store.SearchQuery{Text: "عنصر", From: "2022-11-25", To: "2022-12"}, []string{"s2:s2:network_dismantled"}},
		// The undated arrest of s1 is dated by its document (2023-03-02).
		{"undated event", store.SearchQuery{Text: "خلية", Type: "arrest", From: "2023-03-02", To: "2023-03-02"}, []string{"s1:s1:arrest"}},
		{"undated event outside", store.SearchQuery{Text: "خلية", Type: "arrest", To: "2023-03-01"}, nil},
		{"to only", store.SearchQuery{Text: "arrest", To: "2021"}, []string{"s5:s5:arrest,s5:seizure"}},
	} {
		got := []string{}
		for _, h := range searchHits(t, s, tc.q) {
			got = append(got, h.Doc.ID+":"+strings.Join(types(h.Events), ","))
		}
		if tc.want == nil {
			tc.want = []string{}
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
	}
}

func testSearchPages(t *testing.T, s store.Store) {
	searchCorpus(t, s)
	all := hitIDs(searchHits(t, s, store.SearchQuery{Text: "خلية"}))
	if len(all) != 3 {
		t.Fatalf("want 3 hits, got %v", all)
	}
	for _, tc := range []struct{ limit, offset int }{{1, 0}, {1, 1}, {2, 1}, {5, 2}, {1, 3}} {
		got := hitIDs(searchHits(t, s, store.SearchQuery{Text: "خلية", Limit: tc.limit, Offset: tc.offset}))
		lo := min(tc.offset, len(all))
		if want := all[lo:min(lo+tc.limit, len(all))]; !reflect.DeepEqual(got, want) {
			t.Errorf("limit %d offset %d: got %v, want %v", tc.limit, tc.offset, got, want)
		}
	}
}

// testSearchWindows checks the bounded ranking (SearchQuery.Window): seven documents
// mention خلية, stored w1 first; w1, w2 and w6 strongly (in the title, several times), the
// others once in a long text. With windows of 3, the newest three come first (w6 ahead of
// its window), then w2 ahead of w3 and w4, then w1, although w1 and w2 outscore w5 and w7.
func testSearchWindows(t *testing.T, s store.Store) {
	long := strings.Repeat("نص طويل عن أحوال الطقس والرياضة والاقتصاد في البلاد. ", 12)
	for i := 1; i <= 7; i++ {
		id := fmt.Sprintf("w%d", i)
		var r extract.Result
		if i == 1 || i == 2 || i == 6 {
			r = Result(id, fmt.Sprintf("أعلنت المصالح الأمنية تفكيك خلية إرهابية رقم %d، وأكدت أن الخلية كانت تضم عناصر من خلايا أخرى.", i))
			r.Title = "تفكيك خلية إرهابية"
		} else {
			r = Result(id, long+fmt.Sprintf("وذكر التقرير خلية واحدة رقم %d.", i))
		}
		if i%2 == 1 { // w1, w3, w5, w7 have a seizure
			r.Events = []event.Event{Event("seizure")}
		}
		put(t, s, r)
	}
	all := hitIDs(searchHits(t, s, store.SearchQuery{Text: "خلية", Window: 3}))
	want := [][]string{{"w6", "w5 w7"}, {"w2", "w3 w4"}, {"w1", ""}}
	if len(all) != 7 {
		t.Fatalf("windows of 3: got %v, want all 7 documents", all)
	}
	for i, w := range want {
		win := all[3*i : min(3*i+3, 7)]
		rest := slices.Clone(win[1:])
		slices.Sort(rest)
		if win[0] != w[0] || strings.Join(rest, " ") != w[1] {
			t.Errorf("window %d: got %v, want %s first then [%s]", i, win, w[0], w[1])
		}
	}
	// Unbounded, the three strong documents come first whatever their age.
	top := hitIDs(searchHits(t, s, store.SearchQuery{Text: "خلية", Window: -1}))[:3]
	slices.Sort(top)
	if got := strings.Join(top, " "); got != "w1 w2 w6" {
		t.Errorf("unbounded ranking: top 3 %s, want w1 w2 w6", got)
	}
	// Pages cut across windows and give each match once, in the same order.
	for _, tc := range []struct{ limit, offset int }{{1, 0}, {2, 2}, {4, 1}, {3, 3}, {2, 5}, {5, 5}, {7, 0}, {1, 6}, {2, 7}, {1, 9}} {
		got := hitIDs(searchHits(t, s, store.SearchQuery{Text: "خلية", Window: 3, Limit: tc.limit, Offset: tc.offset}))
		lo := min(tc.offset, len(all))
		if want := all[lo:min(lo+tc.limit, len(all))]; !reflect.DeepEqual(got, want) {
			t.Errorf("window 3, limit %d offset %d: got %v, want %v", tc.limit, tc.offset, got, want)
		}
	}
	// Windows are counted among the documents that pass the filters: w7 and w5 first
	// (both weak), then w3 and w1, not w7 alone (the only seizure among the newest 2).
	got := hitIDs(searchHits(t, s, store.SearchQuery{Text: "خلية", Type: "seizure", Window: 2, Limit: 2}))
	slices.Sort(got)
	if strings.Join(got, " ") != "w5 w7" {
		t.Errorf("type filter, window 2: first page %v, want w5 and w7", got)
	}
	got = hitIDs(searchHits(t, s, store.SearchQuery{Text: "خلية", Type: "seizure", Window: 2, Offset: 2}))
	if !reflect.DeepEqual(got, []string{"w1", "w3"}) {
		t.Errorf("type filter, window 2: second page %v, want [w1 w3] (w1 outscores w3)", got)
	}
}

func testSearchRejects(t *testing.T, s store.Store) {
	searchCorpus(t, s)
	if _, err := s.Search(context.Background(), store.SearchQuery{Text: "في the de"}); !errors.Is(err, store.ErrNoSearchTerms) {
		t.Errorf("a query of function words: err = %v, want ErrNoSearchTerms", err)
	}
	for _, q := range []store.SearchQuery{
		{Text: "خلية", Type: "riot"},
		{Text: "خلية", From: "2023-13"},
		{Text: "خلية", To: "23"},
		{Text: "خلية", From: "2024", To: "2023"},
		{Text: "خلية", Limit: -1},
	} {
		if _, err := s.Search(context.Background(), q); err == nil {
			t.Errorf("%+v: no error", q)
		}
	}
}

// testSearchFollowsVersions checks that the index follows what is stored: a new version
// of a document is found by its new words only, and re-putting adds no duplicate hit.
func testSearchFollowsVersions(t *testing.T, s store.Store) {
	searchCorpus(t, s)
	v2 := Result("s1", "نص جديد عن حجز مخدرات بميناء طنجة المتوسط.")
	put(t, s, v2)
	put(t, s, v2)
	if got := sortedIDs(searchHits(t, s, store.SearchQuery{Text: "خلية"})); got != "s2 s3" {
		t.Errorf("after a new version of s1: got [%s], want [s2 s3]", got)
	}
	if got := sortedIDs(searchHits(t, s, store.SearchQuery{Text: "المخدرات"})); got != "s1 s2" {
		t.Errorf("the new version's words: got [%s], want [s1 s2]", got)
	}
}

func testPutBatch(t *testing.T, s store.Store) {
	a := Result("a", "تفكيك خلية بطنجة")
	bad := Result("bad", "نص بلا بصمة")
	bad.Hash = ""
	dup := a
	dup.Doc = "a-copy"
	b := Result("b", "حجز مخدرات بالناظور", Event("seizure"))
	out, err := s.PutBatch(context.Background(), []extract.Result{a, bad, dup, b})
	if err != nil {
		t.Fatalf("put batch: %v", err)
	}
	if len(out) != 4 || !out[0].Inserted || out[0].Err != nil || out[1].Err == nil ||
		out[2].Inserted || out[2].Err != nil || !out[3].Inserted || out[3].Err != nil {
		t.Errorf("outcomes: %+v, want a inserted, bad refused, a-copy a duplicate, b inserted", out)
	}
	if st := stats(t, s); st.Documents != 2 || st.Events != 1 {
		t.Errorf("stats: %+v, want 2 documents and 1 event", st)
	}
	if got := sortedIDs(searchHits(t, s, store.SearchQuery{Text: "خلية مخدرات"})); got != "" {
		t.Errorf("documents were mixed: %s", got)
	}
	if got := sortedIDs(searchHits(t, s, store.SearchQuery{Text: "المخدرات"})); got != "b" {
		t.Errorf("search after a batch: [%s], want [b]", got)
	}
	out, err = s.PutBatch(context.Background(), []extract.Result{a, b})
	if err != nil || out[0].Inserted || out[1].Inserted {
		t.Errorf("the same batch again: %+v, %v; want two duplicates", out, err)
	}
	if out, err := s.PutBatch(context.Background(), nil); err != nil || len(out) != 0 {
		t.Errorf("empty batch: %v, %v", out, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.PutBatch(ctx, []extract.Result{Result("c", "نص ثالث")}); err == nil {
		t.Error("a batch with a cancelled context succeeded")
	}
	if n := stats(t, s).Documents; n != 2 {
		t.Errorf("documents = %d after a cancelled batch, want 2", n)
	}
}
