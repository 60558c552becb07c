package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migration is one schema step.
type Migration struct {
	Version int // the schema version it brings the database to
	Name    string
	SQL     string
}

// Migrations returns the migrations of fsys in version order. Files are named
// NNNN_what.sql; the number is the schema version the file brings the database to.
func Migrations(fsys fs.FS) ([]Migration, error) {
	files, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	ms := make([]Migration, 0, len(files))
	for _, f := range files {
		num, _, ok := strings.Cut(f, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a version number and '_'", f)
		}
		body, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: f, SQL: string(body)})
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("no migrations")
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	for i := 1; i < len(ms); i++ {
		if ms[i].Version == ms[i-1].Version {
			return nil, fmt.Errorf("migrations %s and %s have the same version", ms[i-1].Name, ms[i].Name)
		}
	}
	return ms, nil
}

// migrate applies the pending migrations, each in its own transaction together with its
// schema_version row, so a crash leaves the schema at a version that was fully applied.
// The version is read again inside each write transaction, under the dialect's lock:
// two processes opening a new database at once apply each migration once.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := Migrations(s.D.Migrations)
	if err != nil {
		return fmt.Errorf("%s %s: %w", s.D.Name, s.Where, err)
	}
	latest := ms[len(ms)-1].Version
	// Most opens find the schema current: say so without taking the write lock, which a
	// reader opening beside a running ingest would otherwise wait for.
	var v int
	if err := s.W.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err == nil && v == latest {
		return nil
	}
	for _, m := range ms {
		if err := s.apply(ctx, m, latest); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, m Migration, latest int) error {
	fail := func(err error) error {
		return fmt.Errorf("%s %s: migration %s: %w", s.D.Name, s.Where, m.Name, err)
	}
	tx, err := s.W.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	if s.D.MigrationLock != "" {
		if _, err := tx.ExecContext(ctx, s.D.MigrationLock); err != nil {
			return fail(fmt.Errorf("lock: %w", err))
		}
	}
	if _, err := tx.ExecContext(ctx, s.D.SchemaVersionDDL); err != nil {
		return fail(fmt.Errorf("create schema_version: %w", err))
	}
	v, err := schemaVersion(ctx, tx)
	if err != nil {
		return fail(err)
	}
	if v > latest {
		return fmt.Errorf("%s %s: schema version %d is newer than this marsad (%d): upgrade marsad", s.D.Name, s.Where, v, latest)
	}
	if v >= m.Version {
		return nil // applied before, or by another process while we waited for the lock
	}
	if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`),
		m.Version, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(fmt.Errorf("commit: %w", err))
	}
	s.Cfg.Log().Info("database schema migrated", "db", s.Where, "version", m.Version, "migration", m.Name)
	return nil
}

func schemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
