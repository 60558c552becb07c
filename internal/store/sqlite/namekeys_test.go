package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/storetest"
)

// checkNameKeys fails unless entity_name_keys holds, for every entity and folded name in
// entity_names, the number of documents that gave it, and nothing else.
func checkNameKeys(t *testing.T, s *Store) {
	t.Helper()
	read := func(q string) map[[2]any]int {
		rows, err := s.R.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[[2]any]int{}
		for rows.Next() {
			var key string
			var id int64
			var n int
			if err := rows.Scan(&key, &id, &n); err != nil {
				t.Fatal(err)
			}
			m[[2]any{key, id}] = n
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return m
	}
	want := read(`SELECT name_key, entity_id, COUNT(DISTINCT doc_pk) FROM entity_names GROUP BY name_key, entity_id`)
	got := read(`SELECT name_key, entity_id, docs FROM entity_name_keys`)
	if len(want) == 0 {
		t.Fatal("no entity names stored: the test checks nothing")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entity_name_keys (%d rows) does not count entity_names (%d pairs)\n got: %v\nwant: %v", len(got), len(want), got, want)
	}
}

// Documents, new versions of some (in the same batch and in later ones) and duplicates:
// entity_name_keys counts exactly the documents that give each entity each name.
func TestNameKeysCountDocuments(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "marsad.db"), store.Config{})
	defer s.Close()
	ctx := context.Background()
	var batch []extract.Result
	for i := range 20 {
		batch = append(batch, storetest.Realistic(i, 2, 6))
	}
	// A new version of document 3 in the same batch, naming other entities.
	v2 := storetest.Realistic(30, 2, 3)
	v2.Doc = batch[3].Doc
	batch = append(batch, v2, batch[5])
	if _, err := s.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	checkNameKeys(t, s)
	v3 := storetest.Realistic(31, 1, 12)
	v3.Doc = batch[7].Doc
	if _, err := s.PutBatch(ctx, []extract.Result{v3, storetest.Realistic(40, 2, 2)}); err != nil {
		t.Fatal(err)
	}
	checkNameKeys(t, s)
}

// A database written before migration 0005 keeps its names: the migration counts them,
// and the place filter finds the same events by them.
func TestMigrationCountsStoredNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "marsad.db")
	ctx := context.Background()
	s := open(t, path, store.Config{})
	var batch []extract.Result
	for i := range 12 {
		batch = append(batch, storetest.Realistic(i, 2, 6))
	}
	if _, err := s.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	// Back to schema 4: the index instead of the table.
	for _, q := range []string{`DROP TABLE entity_name_keys`, `CREATE INDEX entity_names_key ON entity_names (name_key, entity_id)`,
		`DELETE FROM schema_version WHERE version = 5`} {
		if _, err := s.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	// The events the place filter found through the index on entity_names.
	places := []string{"طنجة", "Tangier", "الناظور", "مدريد", "Rabat"}
	before := map[string][]int64{}
	for _, p := range places {
		k := s.Cfg.Key(p)
		rows, err := s.R.Query(`SELECT id FROM events WHERE id IN (
			SELECT event_id FROM event_places WHERE entity_id IN (
				SELECT id FROM entities WHERE name_key = ? UNION SELECT entity_id FROM entity_names WHERE name_key = ?))
			ORDER BY id`, k, k)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			before[p] = append(before[p], id)
		}
		rows.Close()
	}
	if len(before["طنجة"]) == 0 || len(before["الناظور"]) == 0 {
		t.Fatalf("the fixture names no place the test looks for: %v", before)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, path, store.Config{MustExist: true})
	defer s.Close()
	checkNameKeys(t, s)
	for _, p := range places {
		evs, err := s.Events(ctx, store.EventFilter{Place: p})
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, e := range evs {
			ids = append(ids, e.ID)
		}
		slices.Sort(ids)
		if !reflect.DeepEqual(ids, before[p]) {
			t.Errorf("place %q: events %v after the migration, %v before", p, ids, before[p])
		}
	}
	var n int
	if err := s.R.QueryRow(`SELECT COUNT(*) FROM sqlite_schema WHERE name = 'entity_names_key'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("index entity_names_key: %d (%v), want dropped", n, err)
	}
}
