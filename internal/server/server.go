// Package server is `marsad serve`: the JSON API under /api/v1, the bilingual web UI
// (server-rendered, templates and assets embedded, nothing fetched from elsewhere),
// accounts with roles, sessions, API tokens and CSRF protection, and the audit log.
//
// It is cut by concern: routes.go lists every route with the role it needs and what the
// audit log records of it; auth.go signs people in; audit.go records; api.go answers
// JSON; ui.go renders pages; view.go keeps the resolved picture of the store (clusters,
// entities, contradictions) that both read from.
package server

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/resolve"
	"marsad/internal/store"
)

// Config is what a Server is built from.
type Config struct {
	// Store is the database. Its backend must implement store.Accounts and
	// store.DocumentLister (both SQL backends do).
	Store store.Store
	// Key folds names for place, actor and source filters as the store does
	// (store.Config.Key); nil folds case only.
	Key func(string) string
	// Extract reads a posted document; nil turns POST /api/v1/documents off (503).
	Extract func(ctx context.Context, doc document.Document) (extract.Result, error)
	// Resolver clusters events and resolves entities; nil uses resolve.New's defaults.
	Resolver *resolve.Resolver
	Logger   *slog.Logger // nil: discard
	// MaxBodyBytes bounds a posted body (0: 8 MiB); a larger one is answered 413.
	MaxBodyBytes int64
	// SessionTTL is how long a sign-in lasts (0: 12 hours).
	SessionTTL time.Duration
	// SecureCookies marks cookies Secure and sends Strict-Transport-Security: set it when
	// serving over TLS (directly or behind a proxy that terminates it).
	SecureCookies bool
	// Hash is how passwords are hashed (zero: DefaultHashParams()).
	Hash HashParams
	// ViewTTL is how often the resolved view checks the store for documents another
	// process added (0: 5 seconds). Documents posted to this server show at once.
	ViewTTL time.Duration
	// OnBuild, when set, is called as a build of the resolved view starts (done false)
	// and after it ended (done true), in the goroutine that builds. A rebuild holds the
	// previous view while it builds the next (unless OneView): serve paces its collector
	// around builds.
	OnBuild func(done bool)
	// OnSlowBuild, when set, is called as a rebuild starts that requests do not wait for
	// (the last one took over a second: a large store), after OnBuild(false). Such a
	// rebuild holds two views at once; memory the caller can rebuild cheaply, such as the
	// compiled extractor (a second to compile again, against a rebuild's twelve at a
	// million documents), is better let go first, and free memory given back.
	OnSlowBuild func()
	// OneView rebuilds the view without keeping the previous one: while a rebuild runs,
	// requests that need the view wait for it (seconds at a million documents; searches
	// answer from the store after 2 s), and memory holds about one view instead of two.
	OneView bool
	// Now is the clock (nil: time.Now); tests move it.
	Now func() time.Time
	// AuditBatch and AuditDelay bound how long audit entries wait to be written: a batch
	// is written when it holds AuditBatch entries (0: 256) or AuditDelay after its first
	// (0: 200ms). Close writes what is left.
	AuditBatch int
	AuditDelay time.Duration
}

// Server serves one store. Build it with New, serve Handler, and Close it after the
// HTTP server has shut down, so the last audit entries are written.
type Server struct {
	cfg      Config
	log      *slog.Logger
	accounts store.Accounts
	lister   store.DocumentLister
	audit    *auditor
	views    *views
	metrics  *metrics
	pages    map[string]*template.Template
	handler  http.Handler
	routes   []route
	limiter  *loginLimiter
	// dummyHash is checked against when a sign-in names no known user, so that the
	// answer takes as long as for a wrong password and does not tell which names exist.
	dummyHash string

	closeOnce sync.Once
}

// New builds a Server. It fails when the store has no accounts or the embedded templates
// do not parse.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	acc, ok := store.AccountsOf(cfg.Store)
	if !ok {
		return nil, fmt.Errorf("server: the %T store keeps no accounts: use a SQLite file or PostgreSQL", cfg.Store)
	}
	lister, ok := cfg.Store.(store.DocumentLister)
	if !ok {
		return nil, fmt.Errorf("server: the %T store cannot list documents", cfg.Store)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Key == nil {
		cfg.Key = store.Config{}.Key
	}
	if cfg.Resolver == nil {
		cfg.Resolver = resolve.New(resolve.Config{})
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 8 << 20
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.Hash == (HashParams{}) {
		cfg.Hash = DefaultHashParams()
	}
	if cfg.ViewTTL <= 0 {
		cfg.ViewTTL = 5 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg: cfg, log: cfg.Logger, accounts: acc, lister: lister, pages: pages,
		metrics: newMetrics(),
		limiter: newLoginLimiter(10, 15*time.Minute),
	}
	if s.dummyHash, err = cfg.Hash.Hash("no such user"); err != nil {
		return nil, err
	}
	s.views = &views{st: cfg.Store, rv: cfg.Resolver, ttl: cfg.ViewTTL, now: cfg.Now, log: cfg.Logger, onBuild: cfg.OnBuild,
		onSlowBuild: cfg.OnSlowBuild, oneView: cfg.OneView}
	s.audit = newAuditor(acc, cfg.Logger, cfg.AuditBatch, cfg.AuditDelay, s.metrics)
	s.metrics.register(s)
	s.routes = s.routeTable()
	s.handler = s.build()
	return s, nil
}

// Handler is the whole site.
func (s *Server) Handler() http.Handler { return s.handler }

// Registry is the Prometheus registry /metrics serves; it is the server's own.
func (s *Server) Registry() *prometheus.Registry { return s.metrics.reg }

// Close writes the audit entries still waiting. Call it once the HTTP server has stopped.
func (s *Server) Close() error {
	var err error
	s.closeOnce.Do(func() { err = s.audit.close() })
	return err
}

// Bootstrap makes sure someone can sign in: on a database without users it creates an
// admin named name with a random one-time password, which it returns (the caller prints
// it once; it is stored only hashed, and must be changed at the first sign-in). With
// users present it returns "".
func (s *Server) Bootstrap(ctx context.Context, name string) (string, error) {
	n, err := s.accounts.CountUsers(ctx)
	if err != nil {
		return "", err
	}
	if n > 0 {
		return "", nil
	}
	pw := RandomPassword()
	hash, err := s.cfg.Hash.Hash(pw)
	if err != nil {
		return "", err
	}
	if _, err := s.accounts.CreateUser(ctx, store.User{Name: name, Role: store.RoleAdmin, PasswordHash: hash,
		MustChangePassword: true, Created: s.cfg.Now()}); err != nil {
		return "", fmt.Errorf("create the first admin: %w", err)
	}
	s.audit.add(store.AuditEntry{At: s.cfg.Now(), User: "", Role: "", Action: "user.create", Target: name,
		Remote: "local", Status: 0, Detail: "first admin, one-time password"})
	return pw, nil
}

// Warm builds the resolved view now, so the first page does not wait for it. serve
// calls it in the background at start.
func (s *Server) Warm(ctx context.Context) error {
	_, err := s.views.get(ctx)
	return err
}

// Invalidate makes the next read rebuild the resolved view (after documents were added
// by this process outside the API, as `serve --ingest` does).
func (s *Server) Invalidate() { s.views.invalidate() }
