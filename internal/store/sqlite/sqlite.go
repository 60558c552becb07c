// Package sqlite is the embedded store: one SQLite file (modernc.org/sqlite, no cgo) in
// WAL mode, with one writer connection and a separate pool of readers.
//
// SQLite allows one writer at a time; giving writes a single connection of their own makes
// them queue in Go instead of failing with SQLITE_BUSY, and keeps readers, which WAL lets
// run beside the writer, from waiting behind it.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"marsad/internal/store"
	"marsad/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a SQLite database file.
type Store struct {
	*sqlstore.Store
}

var _ store.Store = (*Store)(nil)

// Register adds SQLite to a registry, for "sqlite:PATH" and plain file paths.
func Register(r *store.Registry) {
	r.Register("sqlite", func(ctx context.Context, dsn string, cfg store.Config) (store.Store, error) {
		return Open(ctx, store.SQLitePath(dsn), cfg)
	})
}

// dialect is SQLite's side of sqlstore.
func dialect() sqlstore.Dialect {
	migrations, err := fs.Sub(migrationFS, "migrations")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return sqlstore.Dialect{
		Name:       "sqlite",
		NoLimit:    -1,
		Migrations: migrations,
		SchemaVersionDDL: `CREATE TABLE IF NOT EXISTS schema_version (
			version    INTEGER PRIMARY KEY,
			applied_at TEXT NOT NULL
		) STRICT`,
		IndexInto:   `INSERT INTO search_fts (rowid, title, body)`,
		IndexRow:    `(?, ?, ?)`,
		IndexDelete: `DELETE FROM search_fts WHERE rowid = ?`,
		IndexClear:  `INSERT INTO search_fts (search_fts) VALUES ('delete-all')`,
		// Title terms weigh twice body terms in bm25, which is lower for better matches:
		// the score turns it round.
		SearchScore: `-bm25(search_fts, 2.0, 1.0)`,
		SearchFrom: `FROM search_fts JOIN documents d ON d.pk = search_fts.rowid
			WHERE search_fts MATCH ?`,
		SearchIndexFrom: `FROM search_fts WHERE search_fts MATCH ?`,
		SearchKey:       `search_fts.rowid`,
		MatchArg: func(terms []string) string {
			// Quoted terms side by side: an AND in FTS5's query syntax.
			q := make([]string, len(terms))
			for i, t := range terms {
				q[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
			}
			return strings.Join(q, " ")
		},
	}
}

// Open opens or creates the database at path and brings its schema up to date.
func Open(ctx context.Context, path string, cfg store.Config) (*Store, error) {
	if path == "" || path == ":memory:" {
		// Two connection pools on ":memory:" would be two different databases.
		return nil, fmt.Errorf("open sqlite %q: a database file path is needed", path)
	}
	if cfg.MustExist {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w at %s", store.ErrNoDatabase, path)
		}
	}
	// busy_timeout first so that opening while another process holds the write lock waits
	// instead of failing. synchronous=NORMAL is durable against a killed process in WAL
	// mode (only a power cut can lose the last commits), at a fraction of FULL's fsyncs.
	// The writer's own page cache (64 MB instead of 2 MB) keeps the index pages a batch
	// touches in memory instead of reading them back from the log (pprof of ingest: pread
	// was a twentieth of the time); temp_store keeps the statement journal in memory;
	// checkpoints every 32 MB of log instead of 4 MB write hot pages to the file less often.
	w, err := sql.Open("sqlite", dsn(path, url.Values{
		"_pragma": {"busy_timeout(10000)", "foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)", "temp_store(MEMORY)", "cache_size(-65536)", "wal_autocheckpoint(8192)"},
		// IMMEDIATE takes the write lock at BEGIN: a transaction that reads then writes can
		// never fail half-way to upgrade its lock.
		"_txlock": {"immediate"},
	}))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	r, err := sql.Open("sqlite", dsn(path, url.Values{
		"_pragma": {"busy_timeout(10000)", "foreign_keys(1)", "query_only(1)"},
	}))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s, err := sqlstore.New(ctx, path, cfg, w, r, dialect())
	if err != nil {
		return nil, err
	}
	return &Store{s}, nil
}

// dsn builds a SQLite URI for path. The "file:" form lets a path hold '?' or '#' safely.
func dsn(path string, q url.Values) string {
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath(), RawQuery: q.Encode()}
	return u.String()
}
