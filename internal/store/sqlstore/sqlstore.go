// Package sqlstore is the part of the SQL backends they share: store.Store over
// database/sql and the common schema (documents, entities, events, figures; schema_version
// and settings), with the few things that differ — placeholders, migrations, the
// full-text index — given by a Dialect. store/sqlite and store/postgres are a Dialect and
// an Open each.
//
// Queries are written once with "?" placeholders; Dialect.Rebind turns them into the
// backend's. They never hold a literal "?".
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"

	"marsad/internal/store"
)

// Dialect is what one SQL backend does its own way.
type Dialect struct {
	Name string // "sqlite", "postgres": for messages

	// Rebind rewrites the "?" placeholders of a query; nil keeps them.
	Rebind func(query string) string
	// NoLimit is bound to LIMIT to mean "all rows".
	NoLimit any
	// ReadTx are the options of read transactions: a snapshot, so that an event and its
	// figures, read by separate queries, come from the same commit.
	ReadTx *sql.TxOptions

	// Migrations holds NNNN_name.sql files; the number is the schema version a file
	// brings the database to. SchemaVersionDDL creates the schema_version table if it
	// does not exist. MigrationLock, when set, runs first in every migration transaction
	// to keep two processes from migrating at once (SQLite's write lock does that alone).
	Migrations       fs.FS
	SchemaVersionDDL string
	MigrationLock    string

	// The full-text index. IndexInto followed by VALUES and IndexRow indexes a document
	// (args: pk, analyzed title, analyzed body), or several with IndexRow repeated;
	// IndexDelete removes one (arg: pk); IndexClear removes all.
	IndexInto, IndexRow, IndexDelete, IndexClear string
	// SearchFrom is the FROM and WHERE of the documents (d) matching the one "?" it holds;
	// conditions are appended with AND. SearchScore is the score of a match, higher
	// better, and SearchKey the index's column that equals d.pk: ranges on it are what
	// lets the index skip to a window of matches (SQLite's planner does not carry a range
	// on d.pk over to the FTS5 rowid). MatchArg is the value bound to that "?" for a
	// query's terms (all of which must match).
	// SearchIndexFrom is SearchFrom without the documents, for the window boundaries of
	// searches that filter nothing: it saves a lookup of the document of each match read.
	SearchFrom, SearchIndexFrom, SearchScore, SearchKey string
	MatchArg                                            func(terms []string) string
}

// Store is a store.Store on a SQL database.
type Store struct {
	Where string // the database, for messages (a path, or a DSN without its password)
	Cfg   store.Config
	// W takes the writes, R the reads; they are the same pool when the database runs
	// writers side by side itself (PostgreSQL), and SQLite's single writer connection and
	// read pool otherwise.
	W, R *sql.DB
	D    Dialect

	// entities are the ids of stored entities, so that the writer upserts only the ones
	// a document brings new (see putTx.entities).
	entities entityCache
	// lists are the ids of stored name lists (see putTx.listID).
	lists listCache
	// keys are the folded names of names (see Prepare).
	keys     keyCache
	prepared stmtCache
}

var _ store.Store = (*Store)(nil)

// New migrates the database to the latest schema, rebuilds the search index if the
// analyzer changed, and returns the store. It takes ownership of w and r: Close closes
// them, and so does a failing New.
func New(ctx context.Context, where string, cfg store.Config, w, r *sql.DB, d Dialect) (*Store, error) {
	s := &Store{Where: where, Cfg: cfg, W: w, R: r, D: d}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.reindex(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the pools. A Put in progress finishes or rolls back first.
func (s *Store) Close() error {
	errs := []error{s.prepared.close()}
	if s.R != nil && s.R != s.W {
		errs = append(errs, s.R.Close())
	}
	errs = append(errs, s.W.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close %s %s: %w", s.D.Name, s.Where, err)
	}
	return nil
}

// q rewrites a query's placeholders for the dialect.
func (s *Store) q(query string) string {
	if s.D.Rebind == nil {
		return query
	}
	return s.D.Rebind(query)
}

// read runs fn in a read-only snapshot transaction.
func (s *Store) read(ctx context.Context, what string, fn func(tx *sql.Tx) error) error {
	opts := sql.TxOptions{ReadOnly: true}
	if s.D.ReadTx != nil {
		opts = *s.D.ReadTx
	}
	tx, err := s.R.BeginTx(ctx, &opts)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// IndexAdd is the statement that indexes one document (see IndexInto).
func (d *Dialect) IndexAdd() string { return d.IndexInto + " VALUES " + d.IndexRow }
