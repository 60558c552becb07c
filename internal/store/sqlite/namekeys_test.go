package sqlite

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/storetest"
)

// checkNameKeys fails unless entity_name_keys holds, for every entity and folded name in
// the documents' name lists, the number of documents that gave it, and nothing else.
func checkNameKeys(t *testing.T, s *Store) {
	t.Helper()
	want := map[[2]any]int{}
	rows, err := s.R.Query(`SELECT dn.entity_id, l.keys FROM doc_names dn JOIN name_lists l ON l.id = dn.list_id`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id int64
		var js string
		var keys []string
		if err := rows.Scan(&id, &js); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(js), &keys); err != nil {
			t.Fatal(err)
		}
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			want[[2]any{k, id}]++
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	got := map[[2]any]int{}
	rows, err = s.R.Query(`SELECT name_key, entity_id, docs FROM entity_name_keys`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var id int64
		var n int
		if err := rows.Scan(&key, &id, &n); err != nil {
			t.Fatal(err)
		}
		got[[2]any{key, id}] = n
	}
	if len(want) == 0 {
		t.Fatal("no entity names stored: the test checks nothing")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("entity_name_keys (%d rows) does not count the name lists (%d pairs)\n got: %v\nwant: %v", len(got), len(want), got, want)
	}
}

// Documents, new versions of some (in the same batch and in later ones) and duplicates:
// entity_name_keys counts exactly the documents that give each entity each name.
func TestNameKeysCountDocuments(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "marsad.db"), store.Config{})
	defer s.Close()
	ctx := context.Background()
	batch := realistic(20, 6)
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

// A database written before migrations 0005 and 0006 (a row of entity_names per name and
// document, indexed by name) keeps everything: documents read back the same, the place
// filter finds the same events, and the names are counted.
func TestMigrationFromEntityNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "marsad.db")
	ctx := context.Background()
	s := open(t, path, store.Config{})
	batch := realistic(12, 6)
	// Names given twice, as a place and an entity, and one without names.
	batch[0].Entities[0].Names = append(batch[0].Entities[0].Names, "Tanja", batch[0].Entities[0].Names[0])
	batch[1].Entities[1].Names = nil
	if _, err := s.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	read := func() ([]extract.Result, map[string][]store.StoredEvent) {
		return storetest.ReadBack(t, s, batch, storetest.MigrationPlaces)
	}
	docs, evs := read()
	if got, want := docs[0].Entities[0].Names, batch[0].Entities[0].Names[:2]; !reflect.DeepEqual(got, want) {
		t.Fatalf("names read back %q, want %q (each once, in order)", got, want)
	}
	if docs[1].Entities[1].Names != nil || len(evs["tanja"]) == 0 {
		t.Fatalf("the fixture does not read back: %+v, %d events by an added name", docs[1].Entities[1], len(evs["tanja"]))
	}
	// Back to schema 4, as a database written before 0005 has it.
	for _, q := range []string{
		`CREATE TABLE entity_names (
			entity_id INTEGER NOT NULL REFERENCES entities (id),
			doc_pk    INTEGER NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
			name      TEXT NOT NULL,
			name_key  TEXT NOT NULL,
			ord       INTEGER NOT NULL,
			PRIMARY KEY (doc_pk, entity_id, name)
		) STRICT, WITHOUT ROWID`,
		`INSERT INTO entity_names (entity_id, doc_pk, name, name_key, ord)
			SELECT dn.entity_id, dn.doc_pk, n.value, k.value, n.key
			FROM doc_names dn JOIN name_lists l ON l.id = dn.list_id, json_each(l.names) n, json_each(l.keys) k
			WHERE k.key = n.key`,
		`CREATE INDEX entity_names_key ON entity_names (name_key, entity_id)`,
		`DROP TABLE doc_names`, `DROP TABLE name_lists`, `DROP TABLE entity_name_keys`,
		`DELETE FROM schema_version WHERE version >= 5`,
	} {
		if _, err := s.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	var rows int
	if err := s.W.QueryRow(`SELECT COUNT(*) FROM entity_names`).Scan(&rows); err != nil || rows < 12*3 {
		t.Fatalf("entity_names has %d rows (%v) before the migration", rows, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, path, store.Config{MustExist: true})
	defer s.Close()
	checkNameKeys(t, s)
	docs2, evs2 := read()
	if !reflect.DeepEqual(docs2, docs) {
		t.Errorf("documents read differently after the migration\n got: %+v\nwant: %+v", docs2, docs)
	}
	if !reflect.DeepEqual(evs2, evs) {
		t.Errorf("place filters find other events after the migration\n got: %v\nwant: %v", evs2, evs)
	}
	// The migrated lists are the ones the writer looks up: the same documents again under
	// new ids add no list.
	var lists, lists2 int
	if err := s.R.QueryRow(`SELECT COUNT(*) FROM name_lists`).Scan(&lists); err != nil {
		t.Fatal(err)
	}
	for i := range batch {
		batch[i].Doc += "-again"
		batch[i].Text += " "
		batch[i].Hash = storetest.Result(batch[i].Doc, batch[i].Text).Hash
	}
	if _, err := s.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if err := s.R.QueryRow(`SELECT COUNT(*) FROM name_lists`).Scan(&lists2); err != nil {
		t.Fatal(err)
	}
	if lists2 != lists {
		t.Errorf("name lists: %d after putting the same names again, %d before", lists2, lists)
	}
	checkNameKeys(t, s)
	for _, name := range []string{"entity_names", "entity_names_key"} {
		var n int
		if err := s.R.QueryRow(`SELECT COUNT(*) FROM sqlite_schema WHERE name = ?`, name).Scan(&n); err != nil || n != 0 {
			t.Errorf("%s: %d (%v), want dropped", name, n, err)
		}
	}
}

// A database written before migration 0007 loses the index of documents by entity and
// nothing else: documents and place filters read back the same, and it takes more.
func TestMigrationDropsDocEntitiesIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "marsad.db")
	ctx := context.Background()
	s := open(t, path, store.Config{})
	batch := realistic(8, 5)
	if _, err := s.PutBatch(ctx, batch); err != nil {
		t.Fatal(err)
	}
	docs, evs := storetest.ReadBack(t, s, batch, storetest.MigrationPlaces)
	hasIndex := func(s *Store) bool {
		var n int
		if err := s.R.QueryRow(`SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'doc_entities_entity'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	if hasIndex(s) {
		t.Fatal("a new database has the index doc_entities_entity")
	}
	// Back to schema 6, as a database written before 0007 has it.
	for _, q := range []string{`CREATE INDEX doc_entities_entity ON doc_entities (entity_id)`,
		`DELETE FROM schema_version WHERE version >= 7`} {
		if _, err := s.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, path, store.Config{MustExist: true})
	defer s.Close()
	if hasIndex(s) {
		t.Error("the migration left the index doc_entities_entity")
	}
	docs2, evs2 := storetest.ReadBack(t, s, batch, storetest.MigrationPlaces)
	if !reflect.DeepEqual(docs2, docs) || !reflect.DeepEqual(evs2, evs) {
		t.Errorf("documents or place filters read differently after the migration")
	}
	more := storetest.Realistic(20, 2, 5)
	if inserted, err := s.Put(ctx, more); err != nil || !inserted {
		t.Errorf("put after the migration: inserted=%v err=%v", inserted, err)
	}
}

// realistic returns n documents of storetest.Realistic, each with 2 events and the given
// number of entities.
func realistic(n, entities int) []extract.Result {
	batch := make([]extract.Result, n)
	for i := range batch {
		batch[i] = storetest.Realistic(i, 2, entities)
	}
	return batch
}
