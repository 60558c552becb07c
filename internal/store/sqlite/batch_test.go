package sqlite

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"testing"

	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/storetest"
)

// A document that fails half-way through its rows (a figure SQLite stores as NULL, after
// the document, its entities and events are written) is left out whole, and the others of
// its batch are stored and searchable: the batch is written straight through first, then
// again with a savepoint per document when one fails.
func TestPutBatchDocumentFailingHalfWay(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "marsad.db"), store.Config{})
	defer s.Close()
	ctx := context.Background()
	bad := storetest.Realistic(1, 2, 3)
	bad.Text += " كلمةفريدة"
	bad.Hash = storetest.Result(bad.Doc, bad.Text).Hash
	bad.Events[1].Figures = map[string]event.Figure{"arrested": {Value: math.NaN(), Qualifier: "exact"}}
	batch := []extract.Result{storetest.Realistic(0, 2, 3), bad, storetest.Realistic(2, 2, 3)}

	out, err := s.PutBatch(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	if !out[0].Inserted || out[0].Err != nil || !out[2].Inserted || out[2].Err != nil {
		t.Errorf("good documents: %+v, %+v, want inserted", out[0], out[2])
	}
	if out[1].Err == nil || out[1].Inserted {
		t.Errorf("bad document: %+v, want an error", out[1])
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 || st.Events != 4 {
		t.Errorf("stats %+v, want 2 documents with 2 events each", st)
	}
	if _, err := s.Get(ctx, bad.Doc); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("get the bad document: %v, want not found", err)
	}
	if hits, err := s.Search(ctx, store.SearchQuery{Text: "كلمةفريدة"}); err != nil || len(hits) != 0 {
		t.Errorf("the bad document's word finds %d hits (%v), want none", len(hits), err)
	}
	for _, res := range []extract.Result{batch[0], batch[2]} {
		if _, err := s.Get(ctx, res.Doc); err != nil {
			t.Errorf("get %s: %v", res.Doc, err)
		}
	}
	if hits, err := s.Search(ctx, store.SearchQuery{Text: "وثيقة"}); err != nil || len(hits) != 2 {
		t.Errorf("search finds %d documents (%v), want the 2 stored", len(hits), err)
	}
	checkNameKeys(t, s) // the bad document's names are not counted
	// The bad document fixed goes in on its own.
	bad.Events[1].Figures = map[string]event.Figure{"arrested": {Value: 3, Qualifier: "exact"}}
	if ins, err := s.Put(ctx, bad); err != nil || !ins {
		t.Errorf("put the fixed document: inserted=%v, %v", ins, err)
	}
	checkNameKeys(t, s)
}
