package store

import (
	"context"
	"fmt"
	"strings"
)

// Opener opens one kind of store. It receives the DSN exactly as the user gave it.
type Opener func(ctx context.Context, dsn string, cfg Config) (Store, error)

// Registry maps DSN schemes to the backends compiled in. The command builds one and lets
// each backend package register itself, so which backends exist is decided in one visible
// place rather than by import side effects.
type Registry struct {
	openers map[string]Opener
}

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{openers: map[string]Opener{}}
}

// Register makes dsns of scheme open with open. A later registration of the same scheme
// replaces the earlier one.
func (r *Registry) Register(scheme string, open Opener) {
	r.openers[scheme] = open
}

// Open opens the store a DSN names: "postgres://…" or "postgresql://…" for PostgreSQL,
// "sqlite:PATH" or a plain file path for SQLite.
func (r *Registry) Open(ctx context.Context, dsn string, cfg Config) (Store, error) {
	if dsn == "" {
		return nil, fmt.Errorf("empty database name")
	}
	scheme := Scheme(dsn)
	open, ok := r.openers[scheme]
	if !ok {
		return nil, fmt.Errorf("open %s: no store for scheme %q", Redact(dsn), scheme)
	}
	return open(ctx, dsn, cfg)
}

// Scheme returns the backend a DSN names: the part before "://" or "sqlite:", with
// "postgresql" folded into "postgres"; anything else is a SQLite file path.
func Scheme(dsn string) string {
	if i := strings.Index(dsn, "://"); i > 0 && !strings.ContainsAny(dsn[:i], `/\.`) {
		s := strings.ToLower(dsn[:i])
		if s == "postgresql" {
			s = "postgres"
		}
		return s
	}
	return "sqlite"
}

// SQLitePath returns the file path of a SQLite DSN ("sqlite:PATH", "sqlite://PATH" or PATH).
func SQLitePath(dsn string) string {
	if p, ok := strings.CutPrefix(dsn, "sqlite://"); ok {
		return p
	}
	if p, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		return p
	}
	return dsn
}

// Redact hides a password in a URL DSN so it never reaches an error message or a log.
func Redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	i := strings.Index(dsn, "://")
	if at < 0 || i < 0 || at < i {
		return dsn
	}
	cred := dsn[i+3 : at]
	if user, _, ok := strings.Cut(cred, ":"); ok {
		return dsn[:i+3] + user + ":xxxxx" + dsn[at:]
	}
	return dsn
}
