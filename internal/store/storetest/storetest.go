package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"testing"

	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/store"
)

// Run holds a backend to the Store contract. open returns a new, empty store each time it
// is called, opened with store.Config{} (no Normalize); Run closes it.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"RoundTripEveryField", testRoundTrip},
		{"RePutSameHashStoresNothing", testIdempotent},
		{"SameTextUnderAnotherIDIsADuplicate", testSameTextOtherID},
		{"NewVersionReplacesOld", testNewVersion},
		{"VersionsInOneBatch", testVersionsInOneBatch},
		{"DocumentWithoutEvents", testNoEvents},
		{"QualifierDefaultsToExact", testDefaultQualifier},
		{"RejectsIncompleteResults", testRejects},
		{"LightListingThenEvidence", testLight},
		{"RelistReadsOnlyWhatChanged", testRelist},
		{"GenerationGrowsWithEveryChange", testGeneration},
		{"FilterByType", testFilterType},
		{"FilterByYearOverlap", testFilterYear},
		{"FilterByPlaceNameOrAlias", testFilterPlace},
		{"PlaceNamesFollowNewVersions", testPlaceNamesFollowVersions},
		{"LimitOffsetAndOrder", testLimitOffset},
		{"UnicodeNames", testUnicode},
		{"Stats", testStats},
		{"CancelledPutStoresNothing", testCancelled},
		{"ConcurrentReadersWhileWriting", testConcurrent},
		{"PutBatch", testPutBatch},
		{"SearchArabicCliticsAndPlurals", testSearchArabic},
		{"SearchFrenchEnglishStems", testSearchLatin},
		{"SearchRanking", testSearchRanking},
		{"SearchSnippetAndHit", testSearchSnippet},
		{"SearchFilters", testSearchFilters},
		{"SearchPages", testSearchPages},
		{"SearchRankWindows", testSearchWindows},
		{"SearchRejects", testSearchRejects},
		{"SearchFollowsNewVersions", testSearchFollowsVersions},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
			tc.fn(t, s)
		})
	}
}

func f64(v float64) *float64 { return &v }

// Full returns a Result that sets every field the store keeps, in several scripts.
func Full() extract.Result {
	res := Result("004_1d7fd286a55e51f8", "نص المقال الكامل: تفكيك خلية إرهابية بطنجة. Démantèlement à Tanger.")
	res.Lang = "ar"
	res.Title = "حصيلة المديرية العامة للأمن الوطني لسنة 2023"
	res.Published = "2023-12-26"
	res.URL = "https://example.org/ar/حصيلة?id=4"
	res.Source = "هسبريس"
	res.Entities = []event.Entity{
		{Type: "person", Name: "Abdellatif Hammouchi", Names: []string{"عبد اللطيف حموشي", "حموشي"}},
		{Type: "org", Name: "DGST", Names: []string{"المديرية العامة لمراقبة التراب الوطني"}, ID: "org:dgst"},
		{Type: "place", Name: "Tangier", Names: []string{"طنجة"}, Country: "MA", Lat: f64(35.77), Lon: f64(-5.8), ID: "place:MA.01.511"},
		{Type: "place", Name: "Nador", Country: "MA"},
	}
	cell := Event("cell_dismantled")
	cell.Date = &event.Period{From: "2023-01-01", To: "2023-12-26"}
	cell.Figures = map[string]event.Figure{
		"cells":    {Value: 6, Qualifier: "exact", Start: 10, End: 14},
		"arrested": {Value: 21, Qualifier: "at_least", Start: 20, End: 30},
	}
	cell.Places = []event.Place{
		{Name: "Tangier", Names: []string{"طنجة"}, Country: "MA", Lat: f64(35.77), Lon: f64(-5.8), ID: "place:MA.01.511"},
		{Name: "Nador", Country: "MA"},
	}
	cell.Actors = []string{"DGST", "BCIJ"}
	cell.Participants = []string{"Abdellatif Hammouchi"}
	cell.Partners = []string{"ES", "FR"}
	cell.Affiliations = []string{"ISIS"}
	cell.Evidence = event.Span{Start: 12, End: 40, Text: "تفكيك خلية إرهابية بطنجة"}

	seizure := Event("seizure")
	seizure.Figures = map[string]event.Figure{
		"quantity": {Value: 1.25, Qualifier: "approx", Unit: "t", Item: "cannabis resin", Start: 41, End: 50},
	}
	seizure.Evidence = event.Span{Start: 41, End: 66, Text: "Démantèlement à Tanger."}
	res.Events = []event.Event{cell, seizure}
	return res
}

func put(t *testing.T, s store.Store, res extract.Result) bool {
	t.Helper()
	inserted, err := s.Put(context.Background(), res)
	if err != nil {
		t.Fatalf("put %s: %v", res.Doc, err)
	}
	return inserted
}

func get(t *testing.T, s store.Store, id string) extract.Result {
	t.Helper()
	res, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatalf("get %s: %v", id, err)
	}
	return res
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("stats: %v", err)
	}
	return st
}

func events(t *testing.T, s store.Store, f store.EventFilter) []store.StoredEvent {
	t.Helper()
	evs, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatalf("events %+v: %v", f, err)
	}
	return evs
}

func docIDs(evs []store.StoredEvent) []string {
	ids := []string{}
	for _, e := range evs {
		ids = append(ids, e.Doc.ID)
	}
	return ids
}

func testRoundTrip(t *testing.T, s store.Store) {
	want := Full()
	if !put(t, s, want) {
		t.Fatal("first put: inserted = false")
	}
	got := get(t, s, want.Doc)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip differs\n got: %+v\nwant: %+v", got, want)
	}

	evs := events(t, s, store.EventFilter{})
	if len(evs) != 2 {
		t.Fatalf("events: got %d, want 2", len(evs))
	}
	// The dated event comes first; undated ones last.
	se := evs[0]
	wantRef := store.DocRef{ID: want.Doc, Title: want.Title, URL: want.URL, Source: want.Source, Published: want.Published}
	if *se.Doc != wantRef {
		t.Errorf("doc ref: got %+v, want %+v", se.Doc, wantRef)
	}
	if se.ID == 0 || se.ID == evs[1].ID {
		t.Errorf("event ids must be distinct and non-zero: %d, %d", se.ID, evs[1].ID)
	}
	if !reflect.DeepEqual(se.Event, want.Events[0]) || !reflect.DeepEqual(evs[1].Event, want.Events[1]) {
		t.Errorf("listed events differ from the ones put\n got: %+v\nwant: %+v", []event.Event{se.Event, evs[1].Event}, want.Events)
	}
}

// testLight: a light listing is the full listing without the evidence sentences and the
// figures' offsets, and Evidence gives back what makes each event whole.
func testLight(t *testing.T, s store.Store) {
	put(t, s, Full())
	// Realistic documents draw figures from a small set: light events share equal sets,
	// and each must still get its own.
	for i := range 6 {
		put(t, s, Realistic(i, 3, 5))
	}
	full := events(t, s, store.EventFilter{})
	light := events(t, s, store.EventFilter{Light: true})
	if len(light) != len(full) || len(full) != 20 {
		t.Fatalf("listed %d light events, %d whole, want 20 each", len(light), len(full))
	}
	var ids []int64
	offsets := 0
	for i := range light {
		l, w := light[i], full[i]
		if l.Event.Evidence.Text != "" {
			t.Errorf("light event %d has its sentence %q", l.ID, l.Event.Evidence.Text)
		}
		if w.Event.Evidence.Text == "" {
			t.Fatalf("the fixture's event %d needs a sentence", w.ID)
		}
		// Apart from the sentence and the offsets, the listings agree.
		l.Event.Evidence.Text = w.Event.Evidence.Text
		figs := map[string]event.Figure{}
		for k, f := range w.Event.Figures {
			if f.Start != 0 || f.End != 0 {
				offsets++
			}
			f.Start, f.End = 0, 0
			figs[k] = f
		}
		if len(figs) == 0 {
			figs = nil
		}
		w.Event.Figures = figs
		if !reflect.DeepEqual(l, w) {
			t.Errorf("light and whole listings differ beyond sentence and offsets\n got: %+v\nwant: %+v", l, w)
		}
		ids = append(ids, light[i].ID)
	}
	if offsets == 0 {
		t.Fatal("the fixture needs figures with offsets")
	}
	// Filters and pages apply to light listings as to whole ones.
	if page := events(t, s, store.EventFilter{Light: true, Limit: 5, Offset: 3}); !reflect.DeepEqual(page, light[3:8]) {
		t.Errorf("a light page differs from the same part of the light listing\n got: %+v\nwant: %+v", page, light[3:8])
	}
	if tail := events(t, s, store.EventFilter{Light: true, Offset: 18}); !reflect.DeepEqual(tail, light[18:]) {
		t.Errorf("the light listing's tail: got %d events, want %d", len(tail), len(light[18:]))
	}
	arrests := events(t, s, store.EventFilter{Type: "arrest"})
	lightArrests := events(t, s, store.EventFilter{Type: "arrest", Light: true})
	if len(arrests) == 0 || len(lightArrests) != len(arrests) {
		t.Errorf("arrests: %d light, %d whole; want the same, at least one", len(lightArrests), len(arrests))
	}
	// Evidence makes each light event whole again; an id it does not know is left out.
	evs, err := s.Evidence(context.Background(), append(slices.Clone(ids), 987654321))
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != len(ids) {
		t.Errorf("evidence of %d events and an unknown id: got %d", len(ids), len(evs))
	}
	for i := range light {
		ev, ok := evs[light[i].ID]
		if !ok {
			t.Errorf("no evidence for event %d", light[i].ID)
			continue
		}
		before := fmt.Sprint(light[i].Event.Figures)
		if got := ev.Whole(light[i]); !reflect.DeepEqual(got, full[i]) {
			t.Errorf("light event made whole differs from the whole listing's\n got: %+v\nwant: %+v", got, full[i])
		}
		if after := fmt.Sprint(light[i].Event.Figures); after != before {
			t.Errorf("Whole changed the light event's shared figures: %s -> %s", before, after)
		}
	}
}

// testRelist: a listing made from the previous one equals a listing of the whole store,
// takes the unchanged events from the previous one and reads only the others, including
// events of a new version that took the ids of the old one's (SQLite reuses the largest).
func testRelist(t *testing.T, s store.Store) {
	ctx := context.Background()
	relist := func(prev *store.Listing) *store.Listing {
		t.Helper()
		l, err := s.Relist(ctx, prev)
		if err != nil {
			t.Fatalf("relist: %v", err)
		}
		return l
	}
	// equal checks that l lists what a light listing of the store lists.
	equal := func(what string, l *store.Listing) {
		t.Helper()
		want := events(t, s, store.EventFilter{Light: true})
		got := make([]store.StoredEvent, len(l.Events))
		for i, e := range l.Events {
			got[i] = *e
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d events listed, a light listing of the store has %d", what, len(got), len(want))
			return
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], want[i]) {
				g, _ := json.Marshal(got[i])
				w, _ := json.Marshal(want[i])
				t.Errorf("%s: event %d differs from a light listing of the store's\n got: %s\nwant: %s", what, i, g, w)
				return
			}
		}
	}
	for i := range 8 {
		put(t, s, Realistic(i, 3, 5))
	}
	l0 := relist(nil)
	equal("first listing", l0)
	if len(l0.Events) != 24 || l0.Read != 24 {
		t.Fatalf("first listing: %d events, %d read; want 24 and 24", len(l0.Events), l0.Read)
	}
	if l := relist(l0); l.Read != 0 || !slices.Equal(l.Events, l0.Events) {
		t.Errorf("nothing changed: %d events read, same events %v; want none read, the same", l.Read, slices.Equal(l.Events, l0.Events))
	}

	// A new version of the last document stored (its events hold the largest ids) with
	// other figures under the same offsets, and a new document.
	v2 := Realistic(7, 3, 5)
	v2.Text += " تحديث."
	v2 = Result(v2.Doc, v2.Text, v2.Events...)
	v2.Entities = Realistic(7, 3, 5).Entities
	for i := range v2.Events {
		figs := map[string]event.Figure{}
		for k, f := range v2.Events[i].Figures {
			f.Value *= 10
			figs[k] = f
		}
		v2.Events[i].Figures = figs
	}
	if !put(t, s, v2) {
		t.Fatal("new version not stored")
	}
	put(t, s, Realistic(8, 3, 5))
	l1 := relist(l0)
	equal("after a new version and a new document", l1)
	if l1.Read != 6 {
		t.Errorf("after a new version and a new document: %d events read, want 6", l1.Read)
	}
	kept := map[*store.StoredEvent]bool{}
	for _, e := range l0.Events {
		kept[e] = true
	}
	taken := 0
	for _, e := range l1.Events {
		if kept[e] {
			taken++
			if e.Doc.ID == v2.Doc {
				t.Errorf("event %d of the replaced version was taken from the previous listing", e.ID)
			}
		}
	}
	if taken != 21 {
		t.Errorf("%d events taken from the previous listing, want the 21 unchanged", taken)
	}

	// A place stored without country or coordinates, which a later document gives: the
	// events that name it show them in the next listing.
	bare := Result("doc-bare", "وثيقة عن مكان. تفكيك خلية في قرية صغيرة.")
	ev := Event("cell_dismantled")
	ev.Places = []event.Place{{Name: "Small Village", ID: "place:MA.99.001", Names: []string{}}}
	ev.Evidence = event.Span{Start: 14, End: 40, Text: "تفكيك خلية في قرية صغيرة"}
	bare.Events = []event.Event{ev}
	put(t, s, bare)
	l2 := relist(l1)
	equal("after a place without country", l2)
	lat, lon := 31.5, -8.0
	filled := Result("doc-filled", "وثيقة أخرى عن المكان نفسه.")
	filled.Entities = []event.Entity{{Type: "place", Name: "Small Village", ID: "place:MA.99.001", Country: "MA", Lat: &lat, Lon: &lon}}
	put(t, s, filled)
	l3 := relist(l2)
	equal("after a document gave the place its country and coordinates", l3)
	for _, e := range l3.Events {
		if e.Doc.ID == "doc-bare" && (len(e.Event.Places) != 1 || e.Event.Places[0].Country != "MA" || e.Event.Places[0].Lat == nil) {
			t.Errorf("the place of doc-bare's event still lacks what a later document gave it: %+v", e.Event.Places)
		}
	}
}

// testGeneration: every Put or PutBatch that stores something makes the generation
// larger, a new version that leaves the counts equal too; one that stores nothing does not.
func testGeneration(t *testing.T, s store.Store) {
	ctx := context.Background()
	gen := func() int64 {
		t.Helper()
		g, err := s.Generation(ctx)
		if err != nil {
			t.Fatalf("generation: %v", err)
		}
		return g
	}
	last := gen()
	step := func(what string, changed bool) {
		t.Helper()
		g := gen()
		switch {
		case changed && g <= last:
			t.Errorf("%s: generation %d, was %d; want larger", what, g, last)
		case !changed && g != last:
			t.Errorf("%s: generation %d, was %d; want the same", what, g, last)
		}
		last = g
	}
	res := Realistic(1, 2, 3)
	put(t, s, res)
	step("a new document", true)
	put(t, s, res)
	step("the same document again", false)
	v2 := Result(res.Doc, res.Text+" تحديث.", res.Events...)
	v2.Entities = res.Entities
	put(t, s, v2)
	step("a new version with the same counts", true)
	bad := Result("", "بلا معرف")
	if out, err := s.PutBatch(ctx, []extract.Result{bad}); err != nil || out[0].Err == nil {
		t.Fatalf("a batch of one refused Result: %v, %+v", err, out)
	}
	step("a batch whose only Result is refused", false)
	if _, err := s.PutBatch(ctx, []extract.Result{Realistic(2, 1, 1), Realistic(3, 1, 1)}); err != nil {
		t.Fatal(err)
	}
	step("a batch of two new documents", true)
}

func testIdempotent(t *testing.T, s store.Store) {
	res := Full()
	put(t, s, res)
	before := stats(t, s)
	if put(t, s, res) {
		t.Error("second put of the same result: inserted = true, want false")
	}
	if after := stats(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("second put changed the store: %+v → %+v", before, after)
	}
}

func testSameTextOtherID(t *testing.T, s store.Store) {
	a := Full()
	put(t, s, a)
	b := a
	b.Doc = "syndicated-copy"
	if put(t, s, b) {
		t.Error("same cleaned text under another id: inserted = true, want false")
	}
	if _, err := s.Get(context.Background(), b.Doc); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("get %s: err = %v, want ErrNotFound", b.Doc, err)
	}
	if n := stats(t, s).Documents; n != 1 {
		t.Errorf("documents = %d, want 1", n)
	}
}

func testNewVersion(t *testing.T, s store.Store) {
	old := Full()
	put(t, s, old)
	v2 := Result(old.Doc, old.Text+" تحديث: ارتفاع عدد الموقوفين.")
	v2.Title = "نسخة محدثة"
	ev := Event("arrest")
	ev.Figures = map[string]event.Figure{"arrested": {Value: 25, Qualifier: "exact", Start: 70, End: 72}}
	ev.Places = []event.Place{{Name: "Fes", Country: "MA"}}
	ev.Evidence = event.Span{Start: 60, End: 90, Text: "ارتفاع عدد الموقوفين"}
	v2.Events = []event.Event{ev}
	v2.Entities = []event.Entity{{Type: "place", Name: "Fes", Country: "MA"}}
	if !put(t, s, v2) {
		t.Fatal("new version: inserted = false, want true")
	}
	if got := get(t, s, old.Doc); !reflect.DeepEqual(got, v2) {
		t.Errorf("after a new version\n got: %+v\nwant: %+v", got, v2)
	}
	st := stats(t, s)
	if st.Documents != 1 || st.Events != 1 || st.Figures != 1 {
		t.Errorf("stats after replace: %+v, want 1 document, 1 event, 1 figure", st)
	}
	if evs := events(t, s, store.EventFilter{Place: "Tangier"}); len(evs) != 0 {
		t.Errorf("the old version's events are still listed: %+v", evs)
	}
	// Putting the old text again is a new version again, not a duplicate of nothing.
	if !put(t, s, old) {
		t.Error("putting the first version back: inserted = false, want true")
	}
	if got := get(t, s, old.Doc); !reflect.DeepEqual(got, old) {
		t.Errorf("after restoring v1\n got: %+v\nwant: %+v", got, old)
	}
}

// Versions of one document in one batch are stored as if put one after the other: each
// replaces the one before, a version the batch itself wrote included, and a text stored
// before the batch but replaced in it is new again.
func testVersionsInOneBatch(t *testing.T, s store.Store) {
	v1 := Full()
	put(t, s, v1)
	v2 := Result(v1.Doc, v1.Text+" تحديث أول.")
	ev := Event("seizure")
	ev.Figures = map[string]event.Figure{"quantity": {Value: 2, Qualifier: "exact", Unit: "t", Item: "cannabis", Start: 5, End: 9}}
	ev.Places = []event.Place{{Name: "Fes", Country: "MA", Names: []string{"فاس"}}}
	v2.Events = []event.Event{ev}
	v2.Entities = []event.Entity{{Type: "place", Name: "Fes", Country: "MA", Names: []string{"فاس"}}}
	other := Result("other-1", "حجز مخدرات بالناظور", Event("seizure"))
	v3 := Result(v1.Doc, v1.Text+" تحديث ثان.")
	v3.Entities = []event.Entity{{Type: "person", Name: "Karim", Names: []string{"كريم"}}}
	out, err := s.PutBatch(context.Background(), []extract.Result{v2, other, v1, other, v3})
	if err != nil {
		t.Fatalf("put batch: %v", err)
	}
	want := []bool{true, true, true, false, true}
	for i, o := range out {
		if o.Err != nil || o.Inserted != want[i] {
			t.Errorf("outcome %d: %+v, want inserted = %v", i, o, want[i])
		}
	}
	if got := get(t, s, v1.Doc); !reflect.DeepEqual(got, v3) {
		t.Errorf("after the batch\n got: %+v\nwant: %+v", got, v3)
	}
	if got := get(t, s, other.Doc); !reflect.DeepEqual(got, other) {
		t.Errorf("the other document\n got: %+v\nwant: %+v", got, other)
	}
	if st := stats(t, s); st.Documents != 2 || st.Events != 1 || st.Figures != 0 {
		t.Errorf("stats: %+v, want 2 documents, 1 event (the other's), no figure", st)
	}
	if evs := events(t, s, store.EventFilter{Place: "Fes"}); len(evs) != 0 {
		t.Errorf("a replaced version's events are still listed: %+v", evs)
	}
	if got := sortedIDs(searchHits(t, s, store.SearchQuery{Text: "ثان"})); got != v1.Doc {
		t.Errorf("search for the last version's word: [%s], want [%s]", got, v1.Doc)
	}
	if got := sortedIDs(searchHits(t, s, store.SearchQuery{Text: "أول"})); got != "" {
		t.Errorf("search for a replaced version's word: [%s], want none", got)
	}
	// a version with names only, replaced in the same batch: nothing of it may stay
	v4 := Result(v1.Doc, v1.Text+" تحديث ثالث.")
	v4.Entities = []event.Entity{{Type: "place", Name: "Oujda", Country: "MA", Names: []string{"وجدة"}}}
	out, err = s.PutBatch(context.Background(), []extract.Result{v4, v2})
	if err != nil || len(out) != 2 || !out[0].Inserted || !out[1].Inserted {
		t.Fatalf("second batch: %+v, %v; want both inserted", out, err)
	}
	if got := get(t, s, v1.Doc); !reflect.DeepEqual(got, v2) {
		t.Errorf("after the second batch\n got: %+v\nwant: %+v", got, v2)
	}
}

func testNoEvents(t *testing.T, s store.Store) {
	res := Result("empty-1", "خبر لا يتضمن أي حدث أمني.")
	res.Lang, res.Title = "", ""
	if !put(t, s, res) {
		t.Fatal("inserted = false")
	}
	got := get(t, s, res.Doc)
	if !reflect.DeepEqual(got, res) {
		t.Errorf("got %+v, want %+v", got, res)
	}
	if got.Events == nil || got.Entities == nil {
		t.Error("empty lists must come back as [], not nil")
	}
	if st := stats(t, s); st.Documents != 1 || st.Events != 0 {
		t.Errorf("stats: %+v", st)
	}
}

func testDefaultQualifier(t *testing.T, s store.Store) {
	ev := Event("arrest")
	ev.Figures = map[string]event.Figure{"arrested": {Value: 3, Start: 1, End: 2}}
	res := Result("q-1", "three arrested", ev)
	put(t, s, res)
	if got := get(t, s, res.Doc).Events[0].Figures["arrested"]; got.Qualifier != "exact" || got.Value != 3 {
		t.Errorf("figure without qualifier: got %+v, want value 3, qualifier exact", got)
	}
}

func testRejects(t *testing.T, s store.Store) {
	for name, res := range map[string]extract.Result{
		"no id":         func() extract.Result { r := Full(); r.Doc = ""; return r }(),
		"no hash":       func() extract.Result { r := Full(); r.Hash = ""; return r }(),
		"untyped event": func() extract.Result { r := Full(); r.Events[1].Type = ""; return r }(),
	} {
		if _, err := s.Put(context.Background(), res); err == nil {
			t.Errorf("%s: put succeeded, want an error", name)
		}
	}
	if n := stats(t, s).Documents; n != 0 {
		t.Errorf("rejected results left %d documents", n)
	}
	if _, err := s.Get(context.Background(), "nothing-here"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("get missing: err = %v, want ErrNotFound", err)
	}
}

// filterCorpus puts four documents with events spread over types, periods and places.
func filterCorpus(t *testing.T, s store.Store) {
	mk := func(typ, from, to string, places ...event.Place) event.Event {
		ev := Event(typ)
		if from != "" {
			ev.Date = &event.Period{From: from, To: to}
		}
		ev.Places = append(ev.Places, places...)
		ev.Evidence = event.Span{Start: 0, End: 5, Text: typ}
		return ev
	}
	tangier := event.Place{Name: "Tangier", Names: []string{"طنجة", "Tanger"}, Country: "MA", ID: "place:MA.01.511"}
	tetouan := event.Place{Name: "Tétouan", Names: []string{"تطوان"}, Country: "MA"}
	madrid := event.Place{Name: "Madrid", Country: "ES"}
	put(t, s, Result("d1", "one",
		mk("cell_dismantled", "2022-06", "2023-02", tangier),
		mk("arrest", "2023-05-04", "2023-05-04", tetouan)))
	put(t, s, Result("d2", "two",
		mk("seizure", "2021", "2021", madrid),
		mk("arrest", "", "", tangier)))
	put(t, s, Result("d3", "three",
		mk("cooperation", "2024-01-10", "2024-01-10", madrid, tetouan)))
	put(t, s, Result("d4", "four",
		mk("cell_dismantled", "2002", "2023-12-26")))
}

func types(evs []store.StoredEvent) []string {
	ts := []string{}
	for _, e := range evs {
		ts = append(ts, e.Doc.ID+":"+e.Event.Type)
	}
	return ts
}

func testFilterType(t *testing.T, s store.Store) {
	filterCorpus(t, s)
	got := types(events(t, s, store.EventFilter{Type: "arrest"}))
	if want := []string{"d1:arrest", "d2:arrest"}; !reflect.DeepEqual(got, want) {
		t.Errorf("type arrest: got %v, want %v", got, want)
	}
	if got := events(t, s, store.EventFilter{Type: "hosting"}); len(got) != 0 {
		t.Errorf("type hosting: got %v, want none", types(got))
	}
}

func testFilterYear(t *testing.T, s store.Store) {
	filterCorpus(t, s)
	for _, tc := range []struct {
		year int
		want []string
	}{
		// d4's aggregate 2002–2023 overlaps every year in between.
		{2002, []string{"d4:cell_dismantled"}},
		{2021, []string{"d4:cell_dismantled", "d2:seizure"}},
		{2022, []string{"d4:cell_dismantled", "d1:cell_dismantled"}},
		{2023, []string{"d4:cell_dismantled", "d1:cell_dismantled", "d1:arrest"}},
		{2024, []string{"d3:cooperation"}},
		{2025, []string{}},
	} {
		if got := types(events(t, s, store.EventFilter{Year: tc.year})); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("year %d: got %v, want %v", tc.year, got, tc.want)
		}
	}
	got := types(events(t, s, store.EventFilter{Year: 2023, Type: "arrest"}))
	if want := []string{"d1:arrest"}; !reflect.DeepEqual(got, want) {
		t.Errorf("year 2023 and type arrest: got %v, want %v", got, want)
	}
}

func testFilterPlace(t *testing.T, s store.Store) {
	filterCorpus(t, s)
	tangier := []string{"d1:cell_dismantled", "d2:arrest"}
	tetouan := []string{"d1:arrest", "d3:cooperation"}
	for _, tc := range []struct {
		place string
		want  []string
	}{
		{"Tangier", tangier},
		{"tangier", tangier},
		{"TANGER", tangier},    // an alias, in capitals
		{"طنجة", tangier},      // an Arabic alias
		{"طَنْجَة", tangier},   // with harakat
		{"tetouan", tetouan},   // canonical "Tétouan" without its accent
		{" Tétouan ", tetouan}, // spaces around
		{"تطوان", tetouan},
		{"Madrid", []string{"d2:seizure", "d3:cooperation"}},
		{"Rabat", []string{}},
		{"Tan", []string{}}, // a name matches whole, not as a prefix
	} {
		if got := types(events(t, s, store.EventFilter{Place: tc.place})); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("place %q: got %v, want %v", tc.place, got, tc.want)
		}
	}
	got := types(events(t, s, store.EventFilter{Place: "madrid", Year: 2024}))
	if want := []string{"d3:cooperation"}; !reflect.DeepEqual(got, want) {
		t.Errorf("place madrid in 2024: got %v, want %v", got, want)
	}
}

// testPlaceNamesFollowVersions checks that a place is found by a name exactly while some
// stored document gives it that name: a new version that drops the name takes it away,
// also when an earlier version came in the same batch, and a name another document still
// gives stays. Listings and searches filter by place alike.
func testPlaceNamesFollowVersions(t *testing.T, s store.Store) {
	ctx := context.Background()
	doc := func(id, text string, names ...string) extract.Result {
		ev := Event("arrest")
		ev.Places = []event.Place{{Name: "Nador", Country: "MA", ID: "place:MA.02.381", Names: names}}
		ev.Evidence = event.Span{Start: 0, End: 6, Text: "arrest"}
		res := Result(id, text, ev)
		// The document names the place as an entity too, under another spelling.
		res.Entities = []event.Entity{{Type: "place", Name: "Nador", Country: "MA", ID: "place:MA.02.381", Names: []string{"Nadir"}}}
		return res
	}
	found := func(step, name string, want int) {
		t.Helper()
		if got := events(t, s, store.EventFilter{Place: name}); len(got) != want {
			t.Errorf("%s: place %q lists %v, want %d events", step, name, types(got), want)
		}
		hits, err := s.Search(ctx, store.SearchQuery{Text: "arrest", Place: name})
		if err != nil {
			t.Fatalf("%s: search place %q: %v", step, name, err)
		}
		if wantHits := min(want, 2); len(hits) != wantHits {
			t.Errorf("%s: search place %q finds %d documents, want %d", step, name, len(hits), wantHits)
		}
	}
	// a, and a new version of it in the same batch: the name both give counts once.
	out, err := s.PutBatch(ctx, []extract.Result{
		doc("a", "arrest one", "الناظور", "Nadour"),
		doc("a", "arrest one again", "الناظور"),
		doc("b", "arrest two", "Nadour"),
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range out {
		if !o.Inserted || o.Err != nil {
			t.Fatalf("document %d: %+v, want inserted", i, o)
		}
	}
	found("first batch", "الناظور", 2) // the place, with both documents' events
	found("first batch", "Nadour", 2)  // given by b (a's second version dropped it)
	found("first batch", "nadir", 2)
	found("first batch", "Nador", 2) // the entity's own name

	put(t, s, doc("a", "arrest one revised", "Nadur"))
	found("a replaced", "الناظور", 0) // no stored document gives it any more
	found("a replaced", "Nadur", 2)
	found("a replaced", "Nadour", 2)

	put(t, s, doc("b", "arrest two revised"))
	found("b replaced", "Nadour", 0)
	found("b replaced", "Nadur", 2)
	found("b replaced", "Nadir", 2) // both still name the entity so
	found("b replaced", "Nador", 2)
}

func testLimitOffset(t *testing.T, s store.Store) {
	filterCorpus(t, s)
	all := types(events(t, s, store.EventFilter{}))
	// By period start (YYYY sorts before YYYY-MM within a year), undated last.
	want := []string{"d4:cell_dismantled", "d2:seizure", "d1:cell_dismantled", "d1:arrest", "d3:cooperation", "d2:arrest"}
	if !reflect.DeepEqual(all, want) {
		t.Fatalf("all events: got %v, want %v", all, want)
	}
	for _, tc := range []struct{ limit, offset int }{{2, 0}, {2, 2}, {2, 5}, {0, 4}, {10, 0}, {3, 9}} {
		got := types(events(t, s, store.EventFilter{Limit: tc.limit, Offset: tc.offset}))
		lo := min(tc.offset, len(want))
		hi := len(want)
		if tc.limit > 0 {
			hi = min(lo+tc.limit, len(want))
		}
		if !reflect.DeepEqual(got, want[lo:hi]) {
			t.Errorf("limit %d offset %d: got %v, want %v", tc.limit, tc.offset, got, want[lo:hi])
		}
	}
}

func testUnicode(t *testing.T, s store.Store) {
	res := Result("unicode-1", "Ṭanja — طنجة — 丹吉尔 — 😀 — Ÿ")
	res.Title = "عنوان بالعربية مع تشكيل: مُحَمَّد — et français: Ça déménage"
	names := []string{"الدار البيضاء", "Casablanca", "Dār al-Bayḍāʾ", "ⵜⴰⴷⴷⴰⵔⵜ ⵜⵓⵎⵍⵉⵍⵜ", "卡萨布兰卡"}
	res.Entities = []event.Entity{{Type: "place", Name: "الدار البيضاء", Names: names[1:], Country: "MA"}}
	ev := Event("attack")
	ev.Places = []event.Place{{Name: "الدار البيضاء", Names: names[1:], Country: "MA"}}
	ev.Participants = []string{"مُحَمَّد", "Zoë", "😀"}
	ev.Evidence = event.Span{Start: 0, End: 5, Text: "Ṭanja"}
	res.Events = []event.Event{ev}
	put(t, s, res)
	if got := get(t, s, res.Doc); !reflect.DeepEqual(got, res) {
		t.Errorf("round trip\n got: %+v\nwant: %+v", got, res)
	}
	for _, q := range append(names, "الدار  البيضاء", "DAR AL-BAYDAʾ", "الدَّار البَيْضاء") {
		if n := len(events(t, s, store.EventFilter{Place: q})); n != 1 {
			t.Errorf("place %q: %d events, want 1", q, n)
		}
	}
}

func testStats(t *testing.T, s store.Store) {
	if st := stats(t, s); st.Documents != 0 || st.Events != 0 || len(st.EventsByType) != 0 {
		t.Errorf("empty store: %+v", st)
	}
	filterCorpus(t, s)
	put(t, s, Full())
	st := stats(t, s)
	want := map[string]int{"cell_dismantled": 3, "arrest": 2, "seizure": 2, "cooperation": 1}
	if st.Documents != 5 || st.Events != 8 || st.Figures != 3 || !reflect.DeepEqual(st.EventsByType, want) {
		t.Errorf("stats: %+v, want 5 documents, 8 events, 3 figures, by type %v", st, want)
	}
	// Tangier, Tétouan, Madrid; then Full adds Hammouchi, DGST and Nador (Tangier is the same
	// lexicon id).
	if st.Entities != 6 {
		t.Errorf("entities = %d, want 6", st.Entities)
	}
}

func testCancelled(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Put(ctx, Full()); err == nil {
		t.Error("put with a cancelled context succeeded")
	}
	if n := stats(t, s).Documents; n != 0 {
		t.Errorf("cancelled put left %d documents", n)
	}
}

// testConcurrent reads while one goroutine writes. Every document has exactly two events
// with one figure and one place each, so any read that sees part of a Put breaks a count.
func testConcurrent(t *testing.T, s store.Store) {
	const docs = 40
	ctx := context.Background()
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for r := 0; r < 4; r++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				st, err := s.Stats(ctx)
				if err != nil {
					errs <- fmt.Errorf("stats: %w", err)
					return
				}
				if st.Events != 2*st.Documents || st.Figures != st.Events {
					errs <- fmt.Errorf("stats saw part of a put: %+v", st)
					return
				}
				evs, err := s.Events(ctx, store.EventFilter{Place: "Nador"})
				if err != nil {
					errs <- fmt.Errorf("events: %w", err)
					return
				}
				for _, e := range evs {
					if len(e.Event.Figures) != 1 || len(e.Event.Places) != 1 {
						errs <- fmt.Errorf("event %d read without its figure or place: %+v", e.ID, e.Event)
						return
					}
				}
			}
		}()
	}
	for i := 0; i < docs; i++ {
		var evs []event.Event
		for k := 0; k < 2; k++ {
			ev := Event("arrest")
			ev.Figures = map[string]event.Figure{"arrested": {Value: float64(i), Qualifier: "exact"}}
			ev.Places = []event.Place{{Name: "Nador", Country: "MA"}}
			evs = append(evs, ev)
		}
		if _, err := s.Put(ctx, Result(fmt.Sprintf("c%d", i), fmt.Sprintf("text %d", i), evs...)); err != nil {
			t.Fatalf("put %d: %v", i, err)
		}
	}
	close(done)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if st := stats(t, s); st.Documents != docs || st.Events != 2*docs {
		t.Errorf("final stats: %+v", st)
	}
}

// MigrationPlaces are places the Realistic documents name (and one they do not), written
// in several scripts and cases: the place filters a schema migration must leave as they
// were.
var MigrationPlaces = []string{"طنجة", "Tangier", "الناظور", "مدريد", "tanja", "Rabat"}

// ReadBack reads every document of batch back from s, and the events at each place:
// what a migration of the schema must leave unchanged.
func ReadBack(t *testing.T, s store.Store, batch []extract.Result, places []string) ([]extract.Result, map[string][]store.StoredEvent) {
	t.Helper()
	ctx := context.Background()
	var docs []extract.Result
	for _, res := range batch {
		got, err := s.Get(ctx, res.Doc)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, got)
	}
	evs := map[string][]store.StoredEvent{}
	for _, p := range places {
		e, err := s.Events(ctx, store.EventFilter{Place: p})
		if err != nil {
			t.Fatal(err)
		}
		evs[p] = e
	}
	return docs, evs
}
