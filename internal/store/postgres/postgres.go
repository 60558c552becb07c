// Package postgres is the server store: PostgreSQL through pgx's database/sql driver,
// with the queries of store/sqlstore, its own migrations, and full-text search as a
// tsvector of the analyzer's terms under a GIN index.
//
// A DSN is a pgx connection string: postgres://user:password@host:port/db?sslmode=disable.
// Extra parameters are run-time settings, so ?search_path=marsad keeps the tables in
// their own schema.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strconv"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"marsad/internal/store"
	"marsad/internal/store/sqlstore"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is a PostgreSQL database.
type Store struct {
	*sqlstore.Store
}

var _ store.Store = (*Store)(nil)

// Register adds PostgreSQL to a registry, for postgres:// and postgresql:// DSNs.
func Register(r *store.Registry) {
	r.Register("postgres", func(ctx context.Context, dsn string, cfg store.Config) (store.Store, error) {
		return Open(ctx, dsn, cfg)
	})
}

// migrationLockID names the advisory lock migrations take ("marsad" in ASCII, read as a
// number), so that two processes opening a new database migrate it once.
const migrationLockID = 0x6d61727361640000

// maxIndexChars bounds the analyzed text given to to_tsvector: a tsvector holds at most
// 1 MB, and an article past this many characters of terms is indexed by its beginning.
const maxIndexChars = 400000

func dialect() sqlstore.Dialect {
	migrations, err := fs.Sub(migrationFS, "migrations")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return sqlstore.Dialect{
		Name:    "postgres",
		Rebind:  rebind,
		NoLimit: nil, // LIMIT NULL
		// A snapshot for the whole read: REPEATABLE READ.
		ReadTx:     &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
		Migrations: migrations,
		SchemaVersionDDL: `CREATE TABLE IF NOT EXISTS schema_version (
			version    INTEGER PRIMARY KEY,
			applied_at TEXT NOT NULL
		)`,
		MigrationLock: fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, int64(migrationLockID)),
		IndexInto:     `INSERT INTO doc_search (doc_pk, tsv)`,
		IndexRow: fmt.Sprintf(`(?,
			setweight(to_tsvector('simple', left(?, %[1]d)), 'A') ||
			setweight(to_tsvector('simple', left(?, %[1]d)), 'B'))`, maxIndexChars),
		IndexDelete: `DELETE FROM doc_search WHERE doc_pk = ?`,
		IndexClear:  `DELETE FROM doc_search`,
		// ts_rank weighs A (title) 1.0 and B (body) 0.4 by default.
		SearchScore: `ts_rank(s.tsv, tq)`,
		SearchFrom: `FROM doc_search s JOIN documents d ON d.pk = s.doc_pk,
				plainto_tsquery('simple', ?) tq
			WHERE s.tsv @@ tq`,
		SearchIndexFrom: `FROM doc_search s, plainto_tsquery('simple', ?) tq WHERE s.tsv @@ tq`,
		SearchKey:       `s.doc_pk`,
		// plainto_tsquery ANDs the words it is given, parsed as to_tsvector parsed the
		// index: the terms need no quoting.
		MatchArg: func(terms []string) string { return strings.Join(terms, " ") },
	}
}

// Open connects to the database a DSN names and brings its schema up to date.
// Config.MustExist is not checked: a server database exists once created by its
// administrator, and an empty one says "no documents" by itself.
func Open(ctx context.Context, dsn string, cfg store.Config) (*Store, error) {
	where := store.Redact(dsn)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", where, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres %s: %w", where, err)
	}
	// One pool for reads and writes: the server runs writers side by side.
	s, err := sqlstore.New(ctx, where, cfg, db, db, dialect())
	if err != nil {
		return nil, err
	}
	return &Store{s}, nil
}

// rebind numbers the "?" placeholders of a query: $1, $2...
func rebind(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}
