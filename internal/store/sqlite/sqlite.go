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
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver

	"marsad/internal/store"
)

// Store is a SQLite database file.
type Store struct {
	path string
	cfg  store.Config
	w    *sql.DB // the single writer connection
	r    *sql.DB // read-only pool
	put  *putStmts
}

var _ store.Store = (*Store)(nil)

// Register adds SQLite to a registry, for "sqlite:PATH" and plain file paths.
func Register(r *store.Registry) {
	r.Register("sqlite", func(ctx context.Context, dsn string, cfg store.Config) (store.Store, error) {
		return Open(ctx, store.SQLitePath(dsn), cfg)
	})
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
	w, err := sql.Open("sqlite", dsn(path, url.Values{
		"_pragma": {"busy_timeout(10000)", "foreign_keys(1)", "journal_mode(WAL)", "synchronous(NORMAL)"},
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
	s := &Store{path: path, cfg: cfg, w: w}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	if err := s.reindex(ctx); err != nil {
		w.Close()
		return nil, err
	}
	s.r, err = sql.Open("sqlite", dsn(path, url.Values{
		"_pragma": {"busy_timeout(10000)", "foreign_keys(1)", "query_only(1)"},
	}))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	n := max(4, runtime.GOMAXPROCS(0))
	s.r.SetMaxOpenConns(n)
	s.r.SetMaxIdleConns(n)
	if err := s.r.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if s.put, err = preparePut(ctx, w); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return s, nil
}

// dsn builds a SQLite URI for path. The "file:" form lets a path hold '?' or '#' safely.
func dsn(path string, q url.Values) string {
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath(), RawQuery: q.Encode()}
	return u.String()
}

// Close releases both pools. A Put in progress finishes or rolls back first.
func (s *Store) Close() error {
	var errs []error
	if s.put != nil {
		errs = append(errs, s.put.close())
	}
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close sqlite %s: %w", s.path, err)
	}
	return nil
}
