package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"marsad/internal/store"
	"marsad/internal/store/postgres"
	"marsad/internal/store/sqlite"
	"marsad/internal/text"
)

// defaultDB is the database the store commands use without --db: a file in the current
// directory, so `marsad ingest PATH` then `marsad events` just work.
const defaultDB = "marsad.db"

const dbUsage = "database: a SQLite file path (or sqlite:PATH), or a PostgreSQL server as postgres://user:password@host:5432/db"

// openStore opens the database a --db value names, with the backends compiled in.
func openStore(ctx context.Context, dsn string, mustExist bool, log *slog.Logger) (store.Store, error) {
	reg := store.NewRegistry()
	sqlite.Register(reg)
	postgres.Register(reg)
	return reg.Open(ctx, dsn, store.Config{
		// Names and search text are folded with the same keys the lexicons use, so a place
		// asked for as "طنجه" finds "طنجة". A database keeps the analyzer it was built with:
		// changing text.NormalizeKey's rules means re-ingesting.
		Normalize: text.NormalizeKey,
		MustExist: mustExist,
		Logger:    log,
	})
}

// storeError prints an error opening the database with what to do about it.
func storeError(stderr io.Writer, cmd, dsn string, err error) {
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		fmt.Fprintf(stderr, "marsad %s: no database at %s: run `marsad ingest PATH` first, or give --db\n", cmd, dsn)
	case store.Scheme(dsn) == "postgres":
		fmt.Fprintf(stderr, "marsad %s: %v\n  (check that the PostgreSQL server is running, and the user, password and database in --db)\n", cmd, err)
	default:
		fmt.Fprintf(stderr, "marsad %s: %v\n  (check that --db names a marsad database and its directory exists)\n", cmd, err)
	}
}

// isTerminal reports whether w is a terminal (a character device), where a progress line
// can be rewritten in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
