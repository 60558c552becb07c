package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"marsad/internal/store"
	"marsad/internal/store/search"
	"marsad/internal/store/sqlstore"
	"marsad/internal/store/storetest"
)

func open(t *testing.T, path string, cfg store.Config) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, cfg)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		return open(t, filepath.Join(t.TempDir(), "marsad.db"), store.Config{})
	})
}

func TestReopenKeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "marsad.db")
	s := open(t, path, store.Config{})
	want := storetest.Full()
	if _, err := s.Put(context.Background(), want); err != nil {
		t.Fatal(err)
	}
	before, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, path, store.Config{MustExist: true})
	defer s.Close()
	got, err := s.Get(context.Background(), want.Doc)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("after reopening\n got: %+v\nwant: %+v", got, want)
	}
	after, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(after, before) {
		t.Errorf("stats after reopening: %+v, before: %+v", after, before)
	}
	if inserted, err := s.Put(context.Background(), want); err != nil || inserted {
		t.Errorf("re-put after reopening: inserted=%v err=%v, want false, nil", inserted, err)
	}
	var versions int
	if err := s.R.QueryRow(`SELECT COUNT(*) FROM schema_version`).Scan(&versions); err != nil {
		t.Fatal(err)
	}
	ms, _ := sqlstore.Migrations(dialect().Migrations)
	if versions != len(ms) {
		t.Errorf("schema_version has %d rows after two opens, want %d (one per migration)", versions, len(ms))
	}
}

func TestMustExist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "none.db")
	_, err := Open(context.Background(), path, store.Config{MustExist: true})
	if !errors.Is(err, store.ErrNoDatabase) {
		t.Fatalf("err = %v, want ErrNoDatabase", err)
	}
	if _, statErr := os.Stat(path); !errors.Is(statErr, os.ErrNotExist) {
		t.Errorf("opening with MustExist created %s", path)
	}
}

func TestPragmas(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "marsad.db"), store.Config{})
	defer s.Close()
	for _, tc := range []struct {
		db     string
		pragma string
		want   string
	}{
		{"writer", "journal_mode", "wal"},
		{"writer", "foreign_keys", "1"},
		{"writer", "synchronous", "1"}, // NORMAL
		{"writer", "busy_timeout", "10000"},
		{"reader", "journal_mode", "wal"},
		{"reader", "foreign_keys", "1"},
		{"reader", "query_only", "1"},
		{"reader", "busy_timeout", "10000"},
	} {
		db := s.W
		if tc.db == "reader" {
			db = s.R
		}
		var got string
		if err := db.QueryRow("PRAGMA " + tc.pragma).Scan(&got); err != nil {
			t.Fatalf("%s %s: %v", tc.db, tc.pragma, err)
		}
		if got != tc.want {
			t.Errorf("%s: PRAGMA %s = %s, want %s", tc.db, tc.pragma, got, tc.want)
		}
	}
	if _, err := s.R.Exec(`DELETE FROM documents`); err == nil {
		t.Error("the read pool accepted a write")
	}
}

// The index holds the analyzer's terms, and a database built by another analyzer
// version (or before search existed) is re-indexed when opened.
func TestSearchIndexFollowsTheAnalyzer(t *testing.T) {
	path := filepath.Join(t.TempDir(), "marsad.db")
	s := open(t, path, store.Config{})
	res := storetest.Result("fts-1", "أعلن مُحَمَّد عن تفكيك الخلايا بطنجة. Démantèlement à Tanger.")
	res.Title = "Cellules démantelées"
	if _, err := s.Put(context.Background(), res); err != nil {
		t.Fatal(err)
	}
	count := func(match string) int {
		t.Helper()
		var n int
		if err := s.R.QueryRow(`SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?`, match).Scan(&n); err != nil {
			t.Fatalf("match %s: %v", match, err)
		}
		return n
	}
	for _, tc := range []struct {
		match string
		want  int
	}{
		{`"محمد"`, 1},
		{`"خلي"`, 1}, // الخلايا as its term
		{`body:"طنج"`, 1},
		{`title:"cellul"`, 1},
		{`title:"tanger"`, 0},
		{`"الخلايا"`, 0}, // words as written are not in the index
	} {
		if n := count(tc.match); n != tc.want {
			t.Errorf("match %s: %d rows, want %d", tc.match, n, tc.want)
		}
	}
	// As if an older analyzer had built the index: a stale version and terms it would
	// not have made.
	if _, err := s.W.Exec(`UPDATE settings SET value = 'old' WHERE key = 'analyzer'`); err != nil {
		t.Fatal(err)
	}
	if _, err := s.W.Exec(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`); err != nil {
		t.Fatal(err)
	}
	if n := count(`"خلي"`); n != 0 {
		t.Fatalf("index not emptied: %d", n)
	}
	s.Close()
	s = open(t, path, store.Config{MustExist: true})
	defer s.Close()
	hits, err := s.Search(context.Background(), store.SearchQuery{Text: "خلية"})
	if err != nil || len(hits) != 1 {
		t.Fatalf("search after reopening: %v, %v; want the document found again", hits, err)
	}
	var v string
	if err := s.R.QueryRow(`SELECT value FROM settings WHERE key = 'analyzer'`).Scan(&v); err != nil || v != search.Version {
		t.Errorf("analyzer version after the rebuild: %q, %v; want %q", v, err, search.Version)
	}
}

func TestRegistry(t *testing.T) {
	reg := store.NewRegistry()
	Register(reg)
	dir := t.TempDir()
	for _, dsn := range []string{filepath.Join(dir, "a.db"), "sqlite:" + filepath.Join(dir, "b.db")} {
		s, err := reg.Open(context.Background(), dsn, store.Config{})
		if err != nil {
			t.Fatalf("open %s: %v", dsn, err)
		}
		s.Close()
	}
	for _, f := range []string{"a.db", "b.db"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s not created: %v", f, err)
		}
	}
	_, err := reg.Open(context.Background(), "postgres://marsad:secret@localhost/marsad", store.Config{})
	if err == nil || !strings.Contains(err.Error(), `no store for scheme "postgres"`) {
		t.Errorf("postgres dsn in a registry without PostgreSQL: err = %v", err)
	}
	if strings.Contains(err.Error(), "secret") {
		t.Errorf("the password leaked into the error: %v", err)
	}
}
