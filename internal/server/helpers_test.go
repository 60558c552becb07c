package server

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"marsad/internal/document"
	"marsad/internal/extract"
	"marsad/internal/resolve"
	"marsad/internal/store"
	"marsad/internal/store/postgres"
	"marsad/internal/store/sqlite"
	"marsad/internal/text"
)

// The extractor takes most of a second to build: the tests share one.
var (
	extractorOnce sync.Once
	extractor     *extract.Extractor
	extractorErr  error
)

func sharedExtractor(t testing.TB) *extract.Extractor {
	t.Helper()
	extractorOnce.Do(func() { extractor, extractorErr = extract.New() })
	if extractorErr != nil {
		t.Fatal(extractorErr)
	}
	return extractor
}

// testHash makes sign-ins cheap in tests; production uses DefaultHashParams.
var testHash = HashParams{Memory: 1024, Time: 1, Threads: 1}

// env is a running server over a real store holding the test articles, with a user and
// an API token per role.
type env struct {
	t       testing.TB
	srv     *Server
	ts      *httptest.Server
	st      store.Store
	tokens  map[string]string // role → token
	pass    map[string]string // role → password (user name = role)
	dataset string
}

type envOption func(*Config)

// backends lists the stores the server tests run on: SQLite always, PostgreSQL when
// MARSAD_TEST_POSTGRES names a server.
func backends(t *testing.T) map[string]func(t testing.TB) store.Store {
	out := map[string]func(t testing.TB) store.Store{"sqlite": openSQLite}
	if os.Getenv("MARSAD_TEST_POSTGRES") != "" {
		out["postgres"] = openPostgres
	}
	return out
}

func openSQLite(t testing.TB) store.Store {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "marsad.db"), store.Config{Normalize: text.NormalizeKey})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// openPostgres opens a new schema of the test server, dropped at the end.
func openPostgres(t testing.TB) store.Store {
	base := os.Getenv("MARSAD_TEST_POSTGRES")
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	var b [6]byte
	rand.Read(b[:])
	schema := "marsad_server_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() { admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`) })
	u, _ := url.Parse(base)
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	st, err := postgres.Open(context.Background(), u.String(), store.Config{Normalize: text.NormalizeKey})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// newEnv starts a server on open's store with testdata/articles.jsonl ingested.
func newEnv(t testing.TB, open func(t testing.TB) store.Store, opts ...envOption) *env {
	t.Helper()
	x := sharedExtractor(t)
	st := open(t)
	ingestFile(t, st, x, "testdata/articles.jsonl")
	cfg := Config{
		Store: st, Key: store.Config{Normalize: text.NormalizeKey}.Key, Extract: x.Extract,
		Resolver: resolve.New(resolve.FromLexicon(x.Lexicon())), Hash: testHash,
		AuditDelay: 10 * time.Millisecond, MaxBodyBytes: 64 << 10,
	}
	for _, o := range opts {
		o(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, srv: srv, st: st, tokens: map[string]string{}, pass: map[string]string{}}
	e.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		e.ts.Close()
		if err := srv.Close(); err != nil {
			t.Error(err)
		}
		st.Close()
	})
	acc, _ := store.AccountsOf(st)
	for _, role := range store.Roles {
		pw := "password-of-" + role
		hash, _ := testHash.Hash(pw)
		u, err := acc.CreateUser(context.Background(), store.User{Name: role, Role: role, PasswordHash: hash})
		if err != nil {
			t.Fatal(err)
		}
		secret, th := NewToken()
		if _, err := acc.CreateToken(context.Background(), store.Token{UserID: u.ID, Name: "test", Hash: th}); err != nil {
			t.Fatal(err)
		}
		e.tokens[role], e.pass[role] = secret, pw
	}
	return e
}

func ingestFile(t testing.TB, st store.Store, x *extract.Extractor, path string) {
	t.Helper()
	var res []extract.Result
	_, err := document.Walk(context.Background(), []string{path}, document.Options{}, func(d document.Document) error {
		r, err := x.Extract(context.Background(), d)
		if err != nil {
			return err
		}
		res = append(res, r)
		return nil
	}, func(err error) { t.Errorf("read %s: %v", path, err) })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.PutBatch(context.Background(), res); err != nil {
		t.Fatal(err)
	}
}

// do sends a request as role ("" for nobody) with its API token.
func (e *env) do(method, path, role, contentType string, body []byte) (*http.Response, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := noRedirect().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func noRedirect() *http.Client {
	return &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// browser is a cookie-keeping client signed in through the login form.
type browser struct {
	e    *env
	c    *http.Client
	csrf string
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (e *env) newBrowser() *browser {
	jar, _ := cookiejar.New(nil)
	c := noRedirect()
	c.Jar = jar
	return &browser{e: e, c: c}
}

func (b *browser) get(path string, header ...string) (*http.Response, string) {
	b.e.t.Helper()
	req, _ := http.NewRequest("GET", b.e.ts.URL+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if m := csrfField.FindStringSubmatch(string(body)); m != nil {
		b.csrf = m[1]
	}
	return resp, string(body)
}

func (b *browser) post(path string, form url.Values, header ...string) (*http.Response, string) {
	b.e.t.Helper()
	req, _ := http.NewRequest("POST", b.e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if m := csrfField.FindStringSubmatch(string(body)); m != nil {
		b.csrf = m[1]
	}
	return resp, string(body)
}

// login signs in through the form and fails the test if that does not work.
func (b *browser) login(user, password string) {
	b.e.t.Helper()
	b.get("/login")
	resp, body := b.post("/login", url.Values{"csrf": {b.csrf}, "user": {user}, "password": {password}, "next": {"/"}})
	if resp.StatusCode != http.StatusSeeOther {
		b.e.t.Fatalf("sign in as %s: %d\n%s", user, resp.StatusCode, body)
	}
	// The session's own CSRF token is on every page.
	b.get("/account")
}

func decode[T any](t testing.TB, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %s: %v", b, err)
	}
	return v
}
