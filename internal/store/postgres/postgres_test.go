package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/sqlstore"
	"marsad/internal/store/storetest"
)

// dsnEnv names the server the tests run against; .ci/run starts one and sets it.
const dsnEnv = "MARSAD_TEST_POSTGRES"

// testDSN returns a DSN for a new, empty schema of the test server, dropped when the test
// ends, or skips the test when no server is configured.
func testDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(dsnEnv)
	if base == "" {
		t.Skipf("%s is not set: no PostgreSQL server to test against (.ci/run starts one; or set it to postgres://user@127.0.0.1:5432/db?sslmode=disable)", dsnEnv)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", dsnEnv, err)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	var b [6]byte
	rand.Read(b[:])
	schema := "marsad_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema on %s: %v", store.Redact(base), err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(context.Background(), dsn, store.Config{})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, testDSN(t))
	})
}

func TestMigrationsOnceUnderConcurrentOpens(t *testing.T) {
	dsn := testDSN(t)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := Open(context.Background(), dsn, store.Config{})
			if err != nil {
				errs <- err
				return
			}
			s.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent open: %v", err)
	}
	s := open(t, dsn)
	defer s.Close()
	var versions []int
	rows, err := s.R.Query(`SELECT version FROM schema_version ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int
		rows.Scan(&v)
		versions = append(versions, v)
	}
	ms, _ := sqlstore.Migrations(dialect().Migrations)
	var want []int
	for _, m := range ms {
		want = append(want, m.Version)
	}
	if !reflect.DeepEqual(versions, want) {
		t.Errorf("schema_version rows %v, want %v (one per migration)", versions, want)
	}
}

func TestReopenKeepsEverything(t *testing.T) {
	dsn := testDSN(t)
	s := open(t, dsn)
	want := storetest.Full()
	if _, err := s.Put(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, dsn)
	defer s.Close()
	got, err := s.Get(context.Background(), want.Doc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after reopening\n got: %+v\nwant: %+v", got, want)
	}
	hits, err := s.Search(context.Background(), store.SearchQuery{Text: "خلايا"})
	if err != nil || len(hits) != 1 {
		t.Errorf("search after reopening: %v, %v", hits, err)
	}
}

func TestRegistryAndPasswords(t *testing.T) {
	reg := store.NewRegistry()
	Register(reg)
	_, err := reg.Open(context.Background(), "postgresql://marsad:s3cret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", store.Config{})
	if err == nil {
		t.Fatal("opened a server that is not there")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("the password is in the error: %v", err)
	}
	if !strings.Contains(err.Error(), "open postgres") {
		t.Errorf("error without context: %v", err)
	}
}

func TestRebind(t *testing.T) {
	got := rebind(`SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?`)
	if want := `SELECT a FROM t WHERE b = $1 AND c IN ($2, $3) LIMIT $4`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// A database written before migrations 0003 and 0004 (a row of entity_names per name and
// document, indexed by name) keeps everything: documents read back the same, the place
// filter finds the same events, and the names are counted as the writer counts them.
func TestMigrationFromEntityNames(t *testing.T) {
	dsn := testDSN(t)
	s := open(t, dsn)
	ctx := context.Background()
	var batch []extract.Result
	for i := range 12 {
		batch = append(batch, storetest.Realistic(i, 2, 6))
	}
	batch[0].Entities[0].Names = append(batch[0].Entities[0].Names, "Tanja", batch[0].Entities[0].Names[0])
	batch[1].Entities[1].Names = nil
	v2 := storetest.Realistic(20, 2, 3)
	v2.Doc = batch[4].Doc
	if _, err := s.PutBatch(ctx, append(batch, v2)); err != nil {
		t.Fatal(err)
	}
	read := func() ([]extract.Result, map[string][]store.StoredEvent, map[string]int, int) {
		docs, evs := storetest.ReadBack(t, s, batch, storetest.MigrationPlaces)
		rows, err := s.R.Query(`SELECT name_key || '|' || entity_id, docs FROM entity_name_keys`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		counts := map[string]int{}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				t.Fatal(err)
			}
			counts[k] = n
		}
		var lists int
		if err := s.R.QueryRow(`SELECT COUNT(*) FROM name_lists`).Scan(&lists); err != nil {
			t.Fatal(err)
		}
		return docs, evs, counts, lists
	}
	docs, evs, counts, lists := read()
	if len(counts) == 0 || len(evs["tanja"]) == 0 {
		t.Fatal("the fixture names nothing the test looks for")
	}
	// Back to schema 2, as a database written before 0003 has it.
	for _, q := range []string{
		`CREATE TABLE entity_names (
			entity_id BIGINT NOT NULL REFERENCES entities (id),
			doc_pk    BIGINT NOT NULL REFERENCES documents (pk) ON DELETE CASCADE,
			name      TEXT NOT NULL,
			name_key  TEXT NOT NULL,
			ord       INTEGER NOT NULL,
			PRIMARY KEY (entity_id, doc_pk, name)
		)`,
		`INSERT INTO entity_names (entity_id, doc_pk, name, name_key, ord)
			SELECT dn.entity_id, dn.doc_pk, n.value, k.value, n.ord - 1
			FROM doc_names dn JOIN name_lists l ON l.id = dn.list_id,
				json_array_elements_text(l.names::json) WITH ORDINALITY AS n (value, ord),
				json_array_elements_text(l.keys::json) WITH ORDINALITY AS k (value, ord)
			WHERE k.ord = n.ord`,
		`CREATE INDEX entity_names_key ON entity_names (name_key, entity_id)`,
		`CREATE INDEX entity_names_doc ON entity_names (doc_pk)`,
		`DROP TABLE doc_names`, `DROP TABLE name_lists`, `DROP TABLE entity_name_keys`,
		`DELETE FROM schema_version WHERE version >= 3`,
	} {
		if _, err := s.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = open(t, dsn)
	defer s.Close()
	docs2, evs2, counts2, lists2 := read()
	if !reflect.DeepEqual(docs2, docs) {
		t.Errorf("documents read differently after the migration\n got: %+v\nwant: %+v", docs2, docs)
	}
	if !reflect.DeepEqual(evs2, evs) {
		t.Errorf("place filters find other events after the migration\n got: %v\nwant: %v", evs2, evs)
	}
	if !reflect.DeepEqual(counts2, counts) {
		t.Errorf("name counts after the migration\n got: %v\nwant (as written): %v", counts2, counts)
	}
	if lists2 > lists { // the lists of replaced versions are not migrated
		t.Errorf("%d name lists after the migration, %d written", lists2, lists)
	}
	// The migrated lists are the ones the writer looks up.
	again := storetest.Realistic(0, 2, 6)
	again.Doc += "-again"
	again.Text += " "
	again.Hash = storetest.Result(again.Doc, again.Text).Hash
	if _, err := s.Put(ctx, again); err != nil {
		t.Fatal(err)
	}
	if _, _, _, n := read(); n != lists2 {
		t.Errorf("%d name lists after putting known names again, %d before", n, lists2)
	}
}

// Migration 0005 drops the index of documents by entity, which no query reads; an older
// database that has it loses it at the next open.
func TestNoDocEntitiesIndex(t *testing.T) {
	dsn := testDSN(t)
	s := open(t, dsn)
	count := func(s *Store) int {
		var n int
		if err := s.R.QueryRow(`SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'doc_entities_entity'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(s); n != 0 {
		t.Errorf("a new database has the index doc_entities_entity")
	}
	for _, q := range []string{`CREATE INDEX doc_entities_entity ON doc_entities (entity_id)`,
		`DELETE FROM schema_version WHERE version >= 5`} {
		if _, err := s.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = open(t, dsn)
	defer s.Close()
	if n := count(s); n != 0 {
		t.Errorf("the migration left the index doc_entities_entity")
	}
}

// Two writers storing at once into one database (two `marsad ingest` runs, or one beside a
// server taking posts) both get through with documents that share entities and names. (A
// batch upserts its entities and counts their names in the order of their keys, so that
// two writers lock shared rows in the same order; this test does not force the
// interleaving that would deadlock otherwise, it holds the whole to working at once.)
func TestTwoWritersAtOnce(t *testing.T) {
	dsn := testDSN(t)
	a, b := open(t, dsn), open(t, dsn)
	defer a.Close()
	defer b.Close()
	const perWriter, batch = 384, 64
	put := func(s *Store, from int) error {
		for i := from; i < from+perWriter; i += batch {
			docs := make([]extract.Result, batch)
			for k := range docs {
				// the two writers' documents name the same places and bodies in turn
				docs[k] = storetest.Realistic(i+k, 2, 9)
			}
			out, err := s.PutBatch(context.Background(), docs)
			if err != nil {
				return err
			}
			for k, o := range out {
				if o.Err != nil || !o.Inserted {
					return fmt.Errorf("document %d: %+v", i+k, o)
				}
			}
		}
		return nil
	}
	errs := make(chan error, 2)
	go func() { errs <- put(a, 0) }()
	go func() { errs <- put(b, perWriter) }()
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("a writer failed: %v", err)
		}
	}
	st, err := a.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2*perWriter || st.Events != 2*2*perWriter {
		t.Errorf("stats: %+v, want %d documents and %d events", st, 2*perWriter, 4*perWriter)
	}
}
