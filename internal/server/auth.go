package server

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/argon2"

	"marsad/internal/store"
)

// Cookie names. The session cookie holds a random secret; the store keeps only its hash.
const (
	sessionCookie   = "marsad_session"
	loginCSRFCookie = "marsad_login"
	langCookie      = "marsad_lang"
)

// TokenPrefix starts every API token, so a leaked one is recognisable in logs and scans.
const TokenPrefix = "mrsd_"

// HashParams are argon2id's costs. The encoded hash carries them, so changing them only
// affects new passwords.
type HashParams struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultHashParams follow OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): about
// 30 ms per sign-in on the project machine.
func DefaultHashParams() HashParams { return HashParams{Memory: 19 * 1024, Time: 2, Threads: 1} }

// Hash returns the PHC-encoded argon2id hash of a password with a new random salt.
func (p HashParams) Hash(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	sum := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(sum)), nil
}

// CheckPassword reports whether password matches an encoded hash, in constant time.
func CheckPassword(encoded, password string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var p HashParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// RandomPassword returns a password of 20 characters from an alphabet without look-alikes.
func RandomPassword() string {
	const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// NewToken returns a new API token secret and the hash the store keeps of it.
func NewToken() (secret, hash string) {
	secret = TokenPrefix + randomString(32)
	return secret, hashSecret(secret)
}

func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// principal is who sent a request: a user signed in with a session or a token.
type principal struct {
	user    store.User
	session *store.Session
	token   *store.Token
}

// identify finds the user behind a request: a bearer token first, else the session
// cookie. It returns nil for nobody.
func (s *Server) identify(r *http.Request) (*principal, error) {
	now := s.cfg.Now()
	if h := r.Header.Get("Authorization"); h != "" {
		secret, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			return nil, nil
		}
		tok, u, err := s.accounts.TokenUser(r.Context(), hashSecret(strings.TrimSpace(secret)), now)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return &principal{user: u, token: &tok}, nil
	}
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return nil, nil
	}
	ss, u, err := s.accounts.SessionUser(r.Context(), hashSecret(c.Value), now)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &principal{user: u, session: &ss}, nil
}

// csrfOK checks a state-changing request. Tokens are not sent by browsers on their own,
// so token requests need nothing more; a session must prove the request came from one
// of its own pages: the form field "csrf" or the header X-CSRF-Token equal to the
// session's token.
func (s *Server) csrfOK(r *http.Request, who *principal) bool {
	if who.token != nil {
		return true
	}
	if who.session == nil {
		return false
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" && isForm(r) {
		got = r.PostFormValue("csrf")
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(who.session.CSRF)) == 1
}

func isForm(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	return strings.HasPrefix(ct, "application/x-www-form-urlencoded") || strings.HasPrefix(ct, "multipart/form-data")
}

func (s *Server) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	c := &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, Secure: s.cfg.SecureCookies,
		SameSite: http.SameSiteLaxMode}
	switch {
	case maxAge < 0:
		c.MaxAge = -1
	case maxAge > 0:
		c.MaxAge = int(maxAge.Seconds())
	}
	http.SetCookie(w, c)
}

// loginPage shows the sign-in form. Before a session exists, CSRF is a double submit: a
// random value in a cookie and in the form, which another site can neither read nor set.
func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, http.StatusOK, "")
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, msg string) {
	token := randomString(24)
	s.setCookie(w, loginCSRFCookie, token, 30*time.Minute)
	p := s.newPage(w, r, "signin")
	p.CSRF = token
	p.Data = map[string]string{"Error": msg, "Next": safeNext(r.FormValue("next"))}
	s.render(w, status, "login", p)
}

// safeNext keeps a redirect after sign-in on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	ri := info(r)
	ri.route = "POST /login"
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	c, err := r.Cookie(loginCSRFCookie)
	form := r.PostFormValue("csrf")
	if err != nil || form == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(form)) != 1 {
		s.renderLogin(w, r, http.StatusForbidden, "stale")
		return
	}
	name := strings.TrimSpace(r.PostFormValue("user"))
	password := r.PostFormValue("password")
	remote := remoteHost(r)
	entry := store.AuditEntry{At: s.cfg.Now(), User: name, Action: "login", Target: name, Remote: remote}
	if !s.limiter.allow(remote, s.cfg.Now()) {
		entry.Action, entry.Status, entry.Detail = "login.failed", http.StatusTooManyRequests, "too many failed sign-ins"
		s.audit.add(entry)
		s.renderLogin(w, r, http.StatusTooManyRequests, "toomany")
		return
	}
	u, err := s.accounts.User(r.Context(), name)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		s.log.Error("sign in", "err", err)
		s.errorPage(w, r, http.StatusInternalServerError, "cannot read accounts: see the server log")
		return
	}
	hash := u.PasswordHash
	if err != nil {
		hash = s.dummyHash
	}
	if !CheckPassword(hash, password) || err != nil {
		s.limiter.fail(remote, s.cfg.Now())
		entry.Action, entry.Status, entry.Role = "login.failed", http.StatusUnauthorized, u.Role
		s.audit.add(entry)
		s.renderLogin(w, r, http.StatusUnauthorized, "badlogin")
		return
	}
	secret := randomString(32)
	now := s.cfg.Now()
	ss := store.Session{Hash: hashSecret(secret), UserID: u.ID, CSRF: randomString(24), Created: now,
		Expires: now.Add(s.cfg.SessionTTL), Remote: remote}
	if err := s.accounts.CreateSession(r.Context(), ss); err != nil {
		s.log.Error("sign in", "err", err)
		s.errorPage(w, r, http.StatusInternalServerError, "cannot start a session: see the server log")
		return
	}
	// Sign-ins are rare enough to sweep expired sessions on: no timer to run.
	if n, err := s.accounts.DeleteExpiredSessions(r.Context(), now); err != nil {
		s.log.Warn("delete expired sessions", "err", err)
	} else if n > 0 {
		s.log.Info("expired sessions deleted", "sessions", n)
	}
	s.setCookie(w, sessionCookie, secret, s.cfg.SessionTTL)
	s.setCookie(w, loginCSRFCookie, "", -1)
	entry.Role, entry.Status = u.Role, http.StatusSeeOther
	s.audit.add(entry)
	next := safeNext(r.PostFormValue("next"))
	if u.MustChangePassword {
		next = "/account?first=1"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if who := info(r).who; who != nil && who.session != nil {
		if err := s.accounts.DeleteSession(r.Context(), who.session.Hash); err != nil {
			s.log.Error("sign out", "err", err)
		}
	}
	s.setCookie(w, sessionCookie, "", -1)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// loginLimiter slows password guessing: after max failures from one address within
// window, sign-ins from it are refused until the window has passed.
type loginLimiter struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	fails  map[string][]time.Time
}

func newLoginLimiter(max int, window time.Duration) *loginLimiter {
	return &loginLimiter{max: max, window: window, fails: map[string][]time.Time{}}
}

func (l *loginLimiter) recent(remote string, now time.Time) []time.Time {
	ts := l.fails[remote]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) > l.window {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(l.fails, remote)
	} else {
		l.fails[remote] = ts
	}
	return ts
}

func (l *loginLimiter) allow(remote string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.recent(remote, now)) < l.max
}

func (l *loginLimiter) fail(remote string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fails[remote] = append(l.recent(remote, now), now)
}

// remoteHost is the client's address without its port. Marsad does not trust
// X-Forwarded-For: behind a proxy, the proxy's address is recorded.
func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }
