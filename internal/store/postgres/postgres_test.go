package postgres

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
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

// A database written before migration 0003 keeps its names: the migration counts the
// documents that gave each entity each name, as the writer does from then on.
func TestMigrationCountsStoredNames(t *testing.T) {
	dsn := testDSN(t)
	s := open(t, dsn)
	ctx := context.Background()
	var batch []extract.Result
	for i := range 12 {
		batch = append(batch, storetest.Realistic(i, 2, 6))
	}
	v2 := storetest.Realistic(20, 2, 3)
	v2.Doc = batch[4].Doc
	if _, err := s.PutBatch(ctx, append(batch, v2)); err != nil {
		t.Fatal(err)
	}
	counts := func() map[string]int {
		rows, err := s.R.Query(`SELECT name_key || '|' || entity_id, docs FROM entity_name_keys`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]int{}
		for rows.Next() {
			var k string
			var n int
			if err := rows.Scan(&k, &n); err != nil {
				t.Fatal(err)
			}
			m[k] = n
		}
		return m
	}
	written := counts()
	if len(written) == 0 {
		t.Fatal("no names counted")
	}
	// Back to schema 2: the index instead of the table.
	for _, q := range []string{`DROP TABLE entity_name_keys`, `CREATE INDEX entity_names_key ON entity_names (name_key, entity_id)`,
		`DELETE FROM schema_version WHERE version = 3`} {
		if _, err := s.W.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	s = open(t, dsn)
	defer s.Close()
	if migrated := counts(); !reflect.DeepEqual(migrated, written) {
		t.Errorf("counts after the migration\n got: %v\nwant (as written): %v", migrated, written)
	}
	evs, err := s.Events(ctx, store.EventFilter{Place: "الناظور"})
	if err != nil || len(evs) == 0 {
		t.Errorf("place filter after the migration: %d events, %v", len(evs), err)
	}
}
