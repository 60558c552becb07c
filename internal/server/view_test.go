package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/resolve"
	"marsad/internal/shared"
	"marsad/internal/store"
)

// TestViewAfterAChangeEqualsAWholeBuild: a view built from the previous one (taking the
// events that did not change from its listing) is the view a build from nothing gives:
// the same events, clusters, contradictions and balance, after new documents and a new
// version of a stored one.
func TestViewAfterAChangeEqualsAWholeBuild(t *testing.T) {
	x := sharedExtractor(t)
	st := openSQLite(t)
	defer st.Close()
	rv := resolve.New(resolve.FromLexicon(x.Lexicon()))
	docs := newsDocs(t, 400)
	// One operation reported twice with different counts, once before the change and
	// once in it: a contradiction between an old event and a new one.
	report := func(id, n string) document.Document {
		return document.Document{ID: id, Lang: "ar", Published: "2024-03-12", Title: "تفكيك خلية إرهابية بطنجة",
			Text: "تمكنت المصالح الأمنية يوم 11 مارس 2024 من تفكيك خلية إرهابية بمدينة طنجة وتوقيف " + n + " أشخاص موالين لتنظيم داعش."}
	}
	first := append(docs[:len(docs)*3/4:len(docs)*3/4], report("cell-a", "6"))
	later := append(docs[len(docs)*3/4:], report("cell-b", "8"))
	put(t, st, x, first)
	v0 := viewOf(t, st, rv, nil)

	// New documents, and a new version of one already stored (its events are deleted and
	// others take their place).
	changed := first[len(first)/2]
	changed.Text += "\n\nوأعلنت المديرية العامة للأمن الوطني عن توقيف 12 شخصا بمدينة طنجة."
	put(t, st, x, append(later, changed))
	v1 := viewOf(t, st, rv, v0)
	whole := viewOf(t, st, rv, nil)

	if v1.listing.Read == 0 || v1.listing.Read >= len(v1.events) {
		t.Errorf("the view after the change read %d of its %d events; want the changed ones only", v1.listing.Read, len(v1.events))
	}
	taken := map[*store.StoredEvent]bool{}
	for _, e := range v0.events {
		taken[e] = true
	}
	shared := 0
	for _, e := range v1.events {
		if taken[e] {
			shared++
		}
	}
	if shared != len(v1.events)-v1.listing.Read {
		t.Errorf("%d events shared with the previous view, want %d", shared, len(v1.events)-v1.listing.Read)
	}
	if len(v1.events) != len(whole.events) {
		t.Fatalf("%d events after the change, %d in a whole build", len(v1.events), len(whole.events))
	}
	for i := range v1.events {
		if !reflect.DeepEqual(*v1.events[i], *whole.events[i]) {
			t.Fatalf("event %d differs from the whole build's:\n got: %+v\nwant: %+v", i, *v1.events[i], *whole.events[i])
		}
	}
	if got, want := clustersJSON(t, v1), clustersJSON(t, whole); got != want {
		t.Errorf("the clusters differ from a whole build's")
	}
	for name, pair := range map[string][2]any{
		"contradictions": {v1.contradictions, whole.contradictions},
		"balance":        {v1.balance, whole.balance},
		"entities":       {v1.res.Entities, whole.res.Entities},
		"cluster ids":    {v1.clusterID, whole.clusterID},
	} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("the %s differ from a whole build's", name)
		}
	}
	if len(whole.res.Clusters) == 0 || len(whole.contradictions) == 0 {
		t.Errorf("the corpus gave %d clusters and %d contradictions: the test needs some of each", len(whole.res.Clusters), len(whole.contradictions))
	}
}

func viewOf(t *testing.T, st store.Store, rv *resolve.Resolver, prev *view) *view {
	t.Helper()
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	v, err := build(context.Background(), st, rv, stats, prev.next())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// clustersJSON writes the clusters with their events' ids in place of the events.
func clustersJSON(t *testing.T, v *view) string {
	t.Helper()
	type cl struct {
		resolve.Cluster
		Events []int64 `json:"events"`
	}
	var out []cl
	for _, c := range v.res.Clusters {
		o := cl{Cluster: c}
		for _, e := range c.Events {
			o.Events = append(o.Events, e.ID)
		}
		out = append(out, o)
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newsDocs reads up to n documents of the shared Moroccan corpus, or skips the test.
func newsDocs(t *testing.T, n int) []document.Document {
	t.Helper()
	path := filepath.Join(shared.Dir(), "corpus", "morocco", "moroccan-news.jsonl")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("corpus not available (%v): set MARSAD_SHARED to the shared data folder", err)
	}
	var docs []document.Document
	enough := errors.New("enough documents")
	_, err := document.Walk(context.Background(), []string{path}, document.Options{}, func(d document.Document) error {
		docs = append(docs, d)
		if len(docs) == n {
			return enough
		}
		return nil
	}, func(error) {})
	if err != nil && !errors.Is(err, enough) {
		t.Fatal(err)
	}
	return docs
}

func put(t *testing.T, st store.Store, x *extract.Extractor, docs []document.Document) {
	t.Helper()
	var res []extract.Result
	for _, d := range docs {
		r, err := x.Extract(context.Background(), d)
		if err != nil {
			continue // a page with no article text: nothing to store
		}
		res = append(res, r)
	}
	if _, err := st.PutBatch(context.Background(), res); err != nil {
		t.Fatal(err)
	}
}

// TestViewSeesAnotherProcesssNewVersion: a document stored by another process (straight
// into the store) shows once the view's ttl has passed, and so does a new version of it
// that leaves every count as it was (one event, one figure, the same entities): the view
// asks the store's generation, not its counts.
func TestViewSeesAnotherProcesssNewVersion(t *testing.T) {
	e := newEnv(t, openSQLite, func(c *Config) { c.ViewTTL = 20 * time.Millisecond })
	x := sharedExtractor(t)
	version := func(n int) {
		t.Helper()
		res, err := x.Extract(context.Background(), document.Document{ID: "elsewhere-1", Lang: "ar", Published: "2025-02-03",
			Text: fmt.Sprintf("أعلنت المديرية العامة للأمن الوطني عن توقيف %d أشخاص بمدينة طنجة للاشتباه في تورطهم في تهريب المخدرات.", n)})
		if err != nil {
			t.Fatal(err)
		}
		if inserted, err := e.st.Put(context.Background(), res); err != nil || !inserted {
			t.Fatalf("put version with %d: inserted %v, %v", n, inserted, err)
		}
	}
	// the arrests the server lists for the document, once the ttl has passed
	arrested := func() []float64 {
		t.Helper()
		time.Sleep(60 * time.Millisecond)
		_, b := e.do("GET", "/api/v1/events?doc=elsewhere-1", "viewer", "", nil)
		var out []float64
		for _, ev := range decode[page[apiEvent]](t, b).Items {
			if f, ok := ev.Figures["arrested"]; ok {
				out = append(out, f.Value)
			}
		}
		return out
	}
	e.do("GET", "/api/v1/events", "viewer", "", nil) // the first view
	version(6)
	if got := arrested(); !slices.Equal(got, []float64{6}) {
		t.Fatalf("after another process stored the document: arrested %v, want [6]", got)
	}
	before, _ := e.st.Stats(context.Background())
	version(8)
	if after, _ := e.st.Stats(context.Background()); after.Documents != before.Documents || after.Events != before.Events ||
		after.Figures != before.Figures || after.Entities != before.Entities {
		t.Fatalf("the new version must leave the counts as they were: %+v, then %+v", before, after)
	}
	if got := arrested(); !slices.Equal(got, []float64{8}) {
		t.Errorf("after another process stored a new version: arrested %v, want [8]", got)
	}
}

// TestOneViewLetsThePreviousViewGo: with Config.OneView the rebuild does not hold the
// previous view (its listing is kept, to share the unchanged events), requests wait for
// the next one, and they see the change.
func TestOneViewLetsThePreviousViewGo(t *testing.T) {
	for _, one := range []bool{false, true} {
		e := newEnv(t, openSQLite, func(c *Config) { c.OneView = one })
		vs := e.srv.views
		v0, err := vs.get(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		b := vs.base()
		if b.listing != v0.listing {
			t.Errorf("OneView %v: the base of the next view is not the current view's listing", one)
		}
		vs.mu.Lock()
		held := vs.cur != nil
		vs.mu.Unlock()
		if held == one {
			t.Errorf("OneView %v: the current view is held (%v) while the next one builds", one, held)
		}
		body := `{"id": "one-view-1", "lang": "ar", "published": "2025-02-03", "text": "أعلنت المديرية العامة للأمن الوطني عن توقيف 9 أشخاص بمدينة طنجة للاشتباه في تورطهم في تهريب المخدرات."}`
		if resp, b := e.do("POST", "/api/v1/documents", "analyst", "application/json", []byte(body)); resp.StatusCode != http.StatusCreated {
			t.Fatalf("post: %d %s", resp.StatusCode, b)
		}
		_, got := e.do("GET", "/api/v1/events?doc=one-view-1", "viewer", "", nil)
		if n := len(decode[page[apiEvent]](t, got).Items); n == 0 {
			t.Errorf("OneView %v: the posted document's events are not listed: %s", one, got)
		}
	}
}

// The view holds its contradictions without their sentences; a response reads them: what
// it gives is what the clusters read whole give, in the same order, and the view's own
// claims stay light.
func TestContradictionsSourcedAsWhole(t *testing.T) {
	e := newEnv(t, openSQLite)
	// Three operations, each reported twice with different counts.
	report := func(id, date, text string) document.Document {
		return document.Document{ID: id, Lang: "ar", Published: date, Text: text}
	}
	put(t, e.st, sharedExtractor(t), []document.Document{
		report("chunk-a1", "2024-03-12", "تمكنت المصالح الأمنية يوم 11 مارس 2024 من تفكيك خلية إرهابية بمدينة طنجة وتوقيف 6 أشخاص موالين لتنظيم داعش."),
		report("chunk-a2", "2024-03-12", "تمكنت المصالح الأمنية يوم 11 مارس 2024 من تفكيك خلية إرهابية بمدينة طنجة وتوقيف 8 أشخاص موالين لتنظيم داعش."),
		report("chunk-b1", "2024-06-03", "أوقفت عناصر الشرطة بمدينة فاس يوم 2 يونيو 2024 ثلاثة أشخاص للاشتباه في تورطهم في السرقة بالعنف."),
		report("chunk-b2", "2024-06-03", "أوقفت عناصر الشرطة بمدينة فاس يوم 2 يونيو 2024 خمسة أشخاص للاشتباه في تورطهم في السرقة بالعنف."),
		report("chunk-c1", "2024-09-20", "حجزت مصالح الدرك الملكي بمدينة الناظور يوم 19 شتنبر 2024 طنين من مخدر الشيرا وأوقفت شخصين."),
		report("chunk-c2", "2024-09-20", "حجزت مصالح الدرك الملكي بمدينة الناظور يوم 19 شتنبر 2024 ثلاثة أطنان من مخدر الشيرا وأوقفت شخصين."),
	})
	ctx := context.Background()
	v, err := e.srv.views.get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var whole []resolve.Cluster
	for i := range v.res.Clusters {
		c := &v.res.Clusters[i]
		ts, err := readEvidence(ctx, e.st, c.Events)
		if err != nil {
			t.Fatal(err)
		}
		whole = append(whole, wholeCluster(c, ts))
	}
	want := resolve.Contradictions(whole)
	if len(want) < 3 {
		t.Fatalf("the test articles give %d contradictions: the test needs three or more", len(want))
	}
	for _, k := range want {
		sourced(t, k.Claims)
	}
	got, err := v.sourceContradictions(ctx, e.st, v.contradictions)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sourced contradictions:\n%+v\nwant, as the clusters read whole give them:\n%+v", got, want)
	}
	// The API gives them a page at a time, each page sourced, with the total.
	for i := range want {
		want[i].Cluster = int(v.publicID(want[i].Cluster))
	}
	for _, limit := range []int{1, 2} {
		var all []resolve.Contradiction
		for offset := 0; ; offset += limit {
			_, b := e.do("GET", fmt.Sprintf("/api/v1/contradictions?limit=%d&offset=%d", limit, offset), "viewer", "", nil)
			p := decode[page[resolve.Contradiction]](t, b)
			if p.Total != len(want) || p.Limit != limit || p.Offset != offset {
				t.Fatalf("limit %d offset %d: total %d, limit %d, offset %d; want total %d", limit, offset, p.Total, p.Limit, p.Offset, len(want))
			}
			if len(p.Items) == 0 {
				break
			}
			all = append(all, p.Items...)
		}
		if !reflect.DeepEqual(all, want) {
			t.Errorf("pages of %d: %+v\nwant %+v", limit, all, want)
		}
	}
	if resp, _ := e.do("GET", "/api/v1/contradictions?limit=0", "viewer", "", nil); resp.StatusCode != 400 {
		t.Errorf("limit=0: status %d, want 400", resp.StatusCode)
	}
	for _, k := range v.contradictions {
		for _, cl := range k.Claims {
			if cl.Evidence != "" || cl.Text != "" {
				t.Fatalf("the view's claim of event %d holds its sentence after a response read it", cl.Event)
			}
		}
	}
}

// A rebuild that requests do not wait for (the last took over a second) first calls
// OnSlowBuild, so that serve lets its extractor go, and lets the previous view's balances
// go; a quick one does neither.
func TestSlowRebuildCallsOnSlowBuild(t *testing.T) {
	var calls atomic.Int32
	e := newEnv(t, openSQLite, func(c *Config) { c.OnSlowBuild = func() { calls.Add(1) } })
	vs := e.srv.views
	ctx := context.Background()
	// rebuild returns how many balances the view before it still holds after it.
	rebuild := func(cost time.Duration) int {
		t.Helper()
		old, err := vs.get(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.balanceBy(ctx, e.st, vs.rv, resolve.By{Place: true}); err != nil {
			t.Fatal(err)
		}
		vs.mu.Lock()
		vs.lastCost, vs.stale = cost, true
		vs.mu.Unlock()
		if _, err := vs.get(ctx); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
			vs.mu.Lock()
			busy := vs.building != nil
			vs.mu.Unlock()
			if !busy {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the rebuild did not end within 10 s")
			}
		}
		old.balMu.Lock()
		defer old.balMu.Unlock()
		return len(old.balances)
	}
	if kept := rebuild(10 * time.Millisecond); kept != 1 {
		t.Errorf("a quick rebuild left the view before it %d balances, want its one", kept)
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("OnSlowBuild called %d times around quick rebuilds, want none", n)
	}
	if kept := rebuild(2 * inlineBuild); kept != 0 {
		t.Errorf("a slow rebuild left the view before it %d balances, want none (they hold the heap's pages)", kept)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("OnSlowBuild called %d times around a slow rebuild, want once", n)
	}
}
