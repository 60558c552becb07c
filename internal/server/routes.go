package server

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"marsad/internal/store"
)

// access is who may use a route.
type access int

const (
	public  access = iota // anyone: sign-in, /healthz, assets
	viewer                // any signed-in user or token
	analyst               // analysts and admins
	admin                 // admins only
)

func (a access) role() string {
	switch a {
	case viewer:
		return store.RoleViewer
	case analyst:
		return store.RoleAnalyst
	case admin:
		return store.RoleAdmin
	}
	return ""
}

// route is one entry of the site. Every route is listed here, with who may use it and
// what the audit log records of it; TestOpenAPIMatchesRoutes holds the API's to
// openapi.json.
type route struct {
	method, pattern string
	access          access
	api             bool // JSON answers: 401/403 instead of a redirect to the sign-in page
	// audit is the action recorded for each request ("" records nothing); target says
	// what it was done to.
	audit  string
	target func(r *http.Request) string
	h      http.HandlerFunc
}

func pathValue(name string) func(*http.Request) string {
	return func(r *http.Request) string { return r.PathValue(name) }
}

func query(name string) func(*http.Request) string {
	return func(r *http.Request) string { return r.URL.Query().Get(name) }
}

func (s *Server) routeTable() []route {
	return []route{
		// Outside accounts.
		{method: "GET", pattern: "/healthz", access: public, h: s.healthz},
		{method: "GET", pattern: "/static/", access: public, h: s.static},
		{method: "GET", pattern: "/login", access: public, h: s.loginPage},
		{method: "POST", pattern: "/login", access: public, h: s.login},

		// Operations.
		{method: "GET", pattern: "/metrics", access: viewer, api: true, h: s.metricsHandler},

		// JSON API.
		{method: "GET", pattern: "/api/v1/openapi.json", access: viewer, api: true, h: s.openAPI},
		{method: "GET", pattern: "/api/v1/me", access: viewer, api: true, h: s.apiMe},
		{method: "GET", pattern: "/api/v1/documents", access: viewer, api: true, audit: "document.list", target: query("source"), h: s.apiDocuments},
		{method: "POST", pattern: "/api/v1/documents", access: analyst, api: true, audit: "ingest", h: s.apiIngest},
		{method: "GET", pattern: "/api/v1/documents/{id}", access: viewer, api: true, audit: "document.read", target: pathValue("id"), h: s.apiDocument},
		{method: "GET", pattern: "/api/v1/events", access: viewer, api: true, audit: "event.list", target: rawQuery, h: s.apiEvents},
		{method: "GET", pattern: "/api/v1/events/{id}", access: viewer, api: true, audit: "event.read", target: pathValue("id"), h: s.apiEvent},
		{method: "GET", pattern: "/api/v1/clusters", access: viewer, api: true, audit: "cluster.list", target: rawQuery, h: s.apiClusters},
		{method: "GET", pattern: "/api/v1/clusters/{id}", access: viewer, api: true, audit: "cluster.read", target: pathValue("id"), h: s.apiCluster},
		{method: "GET", pattern: "/api/v1/entities", access: viewer, api: true, h: s.apiEntities},
		{method: "GET", pattern: "/api/v1/entities/{key}", access: viewer, api: true, audit: "entity.read", target: pathValue("key"), h: s.apiEntity},
		{method: "GET", pattern: "/api/v1/search", access: viewer, api: true, audit: "search", target: query("q"), h: s.apiSearch},
		{method: "GET", pattern: "/api/v1/stats", access: viewer, api: true, h: s.apiStats},
		{method: "GET", pattern: "/api/v1/contradictions", access: viewer, api: true, h: s.apiContradictions},
		{method: "GET", pattern: "/api/v1/audit", access: admin, api: true, audit: "audit.read", target: rawQuery, h: s.apiAudit},
		{method: "GET", pattern: "/api/v1/users", access: admin, api: true, h: s.apiUsers},
		{method: "POST", pattern: "/api/v1/users", access: admin, api: true, audit: "user.create", h: s.apiCreateUser},
		{method: "POST", pattern: "/api/v1/tokens", access: viewer, api: true, audit: "token.create", h: s.apiCreateToken},

		// Web UI.
		{method: "GET", pattern: "/{$}", access: viewer, h: s.overviewPage},
		{method: "POST", pattern: "/logout", access: viewer, audit: "logout", h: s.logout},
		{method: "GET", pattern: "/search", access: viewer, audit: "search", target: query("q"), h: s.searchPage},
		{method: "GET", pattern: "/events", access: viewer, audit: "event.list", target: rawQuery, h: s.eventsPage},
		{method: "GET", pattern: "/events/{id}", access: viewer, audit: "event.read", target: pathValue("id"), h: s.eventPage},
		{method: "GET", pattern: "/documents/{id}", access: viewer, audit: "document.read", target: pathValue("id"), h: s.documentPage},
		{method: "GET", pattern: "/entities", access: viewer, h: s.entitiesPage},
		{method: "GET", pattern: "/entities/{key}", access: viewer, audit: "entity.read", target: pathValue("key"), h: s.entityPage},
		{method: "GET", pattern: "/map", access: viewer, h: s.mapPage},
		{method: "GET", pattern: "/add", access: analyst, h: s.addPage},
		{method: "POST", pattern: "/add", access: analyst, audit: "ingest", h: s.addDocument},
		{method: "GET", pattern: "/balance", access: viewer, h: s.balancePage},
		{method: "GET", pattern: "/contradictions", access: viewer, h: s.contradictionsPage},
		{method: "GET", pattern: "/account", access: viewer, h: s.accountPage},
		{method: "POST", pattern: "/account/password", access: viewer, audit: "password.change", h: s.changePassword},
		{method: "POST", pattern: "/account/tokens", access: viewer, audit: "token.create", h: s.createTokenForm},
		{method: "POST", pattern: "/account/tokens/{id}/delete", access: viewer, audit: "token.revoke", target: pathValue("id"), h: s.revokeTokenForm},
		{method: "GET", pattern: "/admin/audit", access: admin, audit: "audit.read", target: rawQuery, h: s.auditPage},
		{method: "GET", pattern: "/admin/users", access: admin, h: s.usersPage},
		{method: "POST", pattern: "/admin/users", access: admin, audit: "user.create", h: s.createUserForm},
	}
}

func rawQuery(r *http.Request) string { return r.URL.RawQuery }

// build wires the routes with their access checks, then the layers every request goes
// through: recovery, security headers, cross-origin protection, logs and metrics.
func (s *Server) build() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.method+" "+rt.pattern, s.guard(rt))
	}
	// Unknown API paths get a JSON 404. Only for GET: a pattern for every method would
	// hide the 405 a known path answers to a wrong method.
	mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such route: see /api/v1/openapi.json")
	})
	var h http.Handler = mux
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusForbidden, "cross-origin request refused: send it from the site itself")
	}))
	h = cop.Handler(h)
	h = s.secureHeaders(h)
	h = s.observe(h)
	return h
}

// reqInfo is what the layers learn about a request as it is handled: who sent it, how it
// ended, and what the handler adds to its audit entry.
type reqInfo struct {
	route   string
	who     *principal
	status  int
	target  string // overrides the route's target when set
	detail  string
	noAudit bool
}

type ctxKey struct{}

func info(r *http.Request) *reqInfo {
	if ri, ok := r.Context().Value(ctxKey{}).(*reqInfo); ok {
		return ri
	}
	return &reqInfo{}
}

// statusWriter remembers the status a handler answered with.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs every request, counts it for /metrics and turns a panic into a 500.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := &reqInfo{route: "unmatched"}
		sw := &statusWriter{ResponseWriter: w}
		r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, ri))
		defer func() {
			if p := recover(); p != nil {
				s.log.Error("handler panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				if sw.status == 0 {
					writeError(sw, http.StatusInternalServerError, "internal error: it was logged; try again or report it")
				}
			}
			d := time.Since(start)
			status := sw.status
			if status == 0 {
				status = http.StatusOK
			}
			s.metrics.observe(ri.route, r.Method, status, d)
			user := ""
			if ri.who != nil {
				user = ri.who.user.Name
			}
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			s.log.LogAttrs(r.Context(), level, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", status), slog.Duration("duration", d), slog.String("user", user),
				slog.String("remote", remoteHost(r)))
		}()
		next.ServeHTTP(sw, r)
	})
}

// contentSecurityPolicy allows the site's own scripts, styles and images and nothing
// else: no inline script, no framing, forms only to the site.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func (s *Server) secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if s.cfg.SecureCookies {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// guard checks who may use rt, then runs it and records it in the audit log.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ri := info(r)
		ri.route = rt.method + " " + rt.pattern
		if rt.access == public {
			rt.h(w, r)
			return
		}
		who, err := s.identify(r)
		if err != nil {
			s.log.Error("identify", "err", err)
			s.fail(w, r, rt.api, http.StatusInternalServerError, "cannot read accounts: see the server log")
			return
		}
		if who == nil {
			if rt.api {
				w.Header().Set("WWW-Authenticate", `Bearer realm="marsad"`)
				writeError(w, http.StatusUnauthorized, "sign in first: send Authorization: Bearer TOKEN (marsad user token NAME) or a session cookie")
				return
			}
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login?next="+urlQueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			} else {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
			}
			return
		}
		ri.who = who
		if who.user.MustChangePassword && !rt.api && rt.pattern != "/account" && rt.pattern != "/account/password" && rt.pattern != "/logout" {
			http.Redirect(w, r, "/account?first=1", http.StatusSeeOther)
			return
		}
		if store.RoleRank(who.user.Role) < store.RoleRank(rt.access.role()) {
			s.record(r, rt, http.StatusForbidden, "role "+who.user.Role+" may not")
			s.fail(w, r, rt.api, http.StatusForbidden, fmt.Sprintf("your role (%s) may not do this: it needs %s", who.user.Role, rt.access.role()))
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.csrfOK(r, who) {
			s.record(r, rt, http.StatusForbidden, "bad CSRF token")
			s.fail(w, r, rt.api, http.StatusForbidden, "the form is stale or was not sent from this site: reload the page and try again")
			return
		}
		sw, _ := w.(*statusWriter)
		rt.h(w, r)
		if rt.audit != "" && !ri.noAudit {
			status := http.StatusOK
			if sw != nil && sw.status != 0 {
				status = sw.status
			}
			s.record(r, rt, status, ri.detail)
		}
	})
}

// record adds an audit entry for a request to rt.
func (s *Server) record(r *http.Request, rt route, status int, detail string) {
	action := rt.audit
	if action == "" {
		action = strings.ToLower(rt.method) + " " + rt.pattern
	}
	ri := info(r)
	target := ri.target
	if target == "" && rt.target != nil {
		target = rt.target(r)
	}
	e := store.AuditEntry{At: s.cfg.Now(), Action: action, Target: target, Remote: remoteHost(r), Status: status, Detail: detail}
	if ri.who != nil {
		e.User, e.Role = ri.who.user.Name, ri.who.user.Role
		if ri.who.token != nil {
			e.Detail = strings.TrimSpace(e.Detail + " (token " + ri.who.token.Name + ")")
		}
	}
	s.audit.add(e)
}

// fail answers an error as JSON for the API and as a page for the UI.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, api bool, status int, msg string) {
	if api {
		writeError(w, status, msg)
		return
	}
	s.errorPage(w, r, status, msg)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if _, err := s.accounts.CountUsers(ctx); err != nil {
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "error": "database: " + err.Error()})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/") {
		http.NotFound(w, r) // no directory listings
		return
	}
	sub, _ := fs.Sub(assetFS, "assets")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	http.StripPrefix("/static/", http.FileServerFS(sub)).ServeHTTP(w, r)
}
