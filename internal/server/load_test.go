package server

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"marsad/internal/extract"
	"marsad/internal/resolve"
	"marsad/internal/store"
	"marsad/internal/store/postgres"
	"marsad/internal/store/sqlite"
	"marsad/internal/store/storebench"
	"marsad/internal/text"
)

// TestLoadLoopback is a short load test over loopback: concurrent clients with an API
// token send a mix of searches (the queries of storebench, in Arabic, French and
// English), event listings, single events and the overview page, for a bounded time,
// and it reports requests per second and latency percentiles per kind. Every answer must
// be a success.
//
// In `go test ./...` it runs 2 seconds on the test articles. For the figures of
// docs/benchmarks.md, point it at a real database (built with marsad ingest):
//
//	MARSAD_BENCH_DB=/tmp/ant.db MARSAD_LOAD_SECONDS=20 go test ./internal/server -run LoadLoopback -v
func TestLoadLoopback(t *testing.T) {
	seconds, conc := envInt(t, "MARSAD_LOAD_SECONDS", 2), envInt(t, "MARSAD_LOAD_CONCURRENCY", 8)
	x := sharedExtractor(t)
	st := benchStore(t, x)
	srv, err := New(Config{Store: st, Key: store.Config{Normalize: text.NormalizeKey}.Key, Extract: x.Extract,
		Resolver: resolve.New(resolve.FromLexicon(x.Lexicon())), Hash: testHash})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer func() { ts.Close(); srv.Close(); st.Close() }()
	token := loadToken(t, st)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: conc, MaxConnsPerHost: conc}, Timeout: 30 * time.Second}
	get := func(path string) (int, error) {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, nil
	}
	// Event ids to open, and a warm-up of the resolved view (built once per store change).
	start := time.Now()
	if code, err := get("/api/v1/stats"); err != nil || code != 200 {
		t.Fatalf("warm-up: %d %v", code, err)
	}
	t.Logf("resolved view built in %v", time.Since(start).Round(time.Millisecond))
	v, _ := srv.views.get(context.Background())
	var ids []int64
	for i := 0; i < len(v.events) && len(ids) < 500; i += max(1, len(v.events)/500) {
		ids = append(ids, v.events[i].ID)
	}
	searches := make([]string, len(storebench.Queries))
	for i, q := range storebench.Queries {
		u := url.Values{"q": {q.Text}}
		for k, val := range map[string]string{"type": q.Type, "from": q.From, "to": q.To, "place": q.Place} {
			if val != "" {
				u.Set(k, val)
			}
		}
		searches[i] = "/api/v1/search?" + u.Encode()
	}
	kinds := []string{"search", "search", "search", "search", "search", "search", "events", "events", "event", "overview"}

	type result struct {
		kind string
		d    time.Duration
		ok   bool
	}
	deadline := time.Now().Add(time.Duration(seconds) * time.Second)
	results := make([][]result, conc)
	var wg sync.WaitGroup
	began := time.Now()
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; time.Now().Before(deadline); i += conc {
				kind := kinds[i%len(kinds)]
				var path string
				switch kind {
				case "search":
					path = searches[(i/len(kinds))%len(searches)]
				case "events":
					path = "/api/v1/events?limit=50&offset=" + strconv.Itoa((i*7)%200)
				case "event":
					path = fmt.Sprintf("/api/v1/events/%d", ids[i%len(ids)])
				case "overview":
					path = "/"
				}
				t0 := time.Now()
				code, err := get(path)
				results[w] = append(results[w], result{kind, time.Since(t0), err == nil && code == 200})
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(began)

	by := map[string][]time.Duration{}
	total, failed := 0, 0
	for _, rs := range results {
		for _, r := range rs {
			total++
			if !r.ok {
				failed++
			}
			by[r.kind] = append(by[r.kind], r.d)
			by["all"] = append(by["all"], r.d)
		}
	}
	t.Logf("load: %d clients for %v on loopback: %d requests, %.0f requests/s, %d failed", conc, elapsed.Round(time.Millisecond),
		total, float64(total)/elapsed.Seconds(), failed)
	names := make([]string, 0, len(by))
	for k := range by {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		p50, p95, p99 := pct(by[k], 0.50), pct(by[k], 0.95), pct(by[k], 0.99)
		t.Logf("  %-8s n=%-6d p50 %-8v p95 %-8v p99 %v", k, len(by[k]), p50, p95, p99)
	}
	if failed > 0 {
		t.Errorf("%d of %d requests failed", failed, total)
	}
	if total < conc {
		t.Errorf("only %d requests in %v", total, elapsed)
	}
	srv.audit.flush()
	acc, _ := store.AccountsOf(st)
	if es, _ := acc.Audit(context.Background(), store.AuditFilter{User: "load-test", Since: began, Limit: 1}); len(es) == 0 {
		t.Error("the requests of the load test are not in the audit log")
	}
}

func pct(ds []time.Duration, p float64) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, int(p*float64(len(s))))].Round(10 * time.Microsecond)
}

func envInt(t *testing.T, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("%s=%q: give a positive number", name, v)
	}
	return n
}

// openBenchDB opens an existing database: a SQLite file, or a postgres:// DSN.
// benchStore is the store a load test or benchmark runs on: the database MARSAD_BENCH_DB
// names, or a new one with the test articles and the examples.
func benchStore(t testing.TB, x *extract.Extractor) store.Store {
	if db := os.Getenv("MARSAD_BENCH_DB"); db != "" {
		return openBenchDB(t, db)
	}
	st := openSQLite(t)
	ingestFile(t, st, x, "testdata/articles.jsonl")
	ingestFile(t, st, x, "../../examples")
	return st
}

func openBenchDB(t testing.TB, db string) store.Store {
	cfg := store.Config{Normalize: text.NormalizeKey, MustExist: true}
	var st store.Store
	var err error
	if store.Scheme(db) == "postgres" {
		st, err = postgres.Open(context.Background(), db, cfg)
	} else {
		st, err = sqlite.Open(context.Background(), store.SQLitePath(db), cfg)
	}
	if err != nil {
		t.Fatalf("MARSAD_BENCH_DB: %v", err)
	}
	return st
}

// loadToken returns a token of the user load-test, created if needed.
func loadToken(t *testing.T, st store.Store) string {
	acc, _ := store.AccountsOf(st)
	ctx := context.Background()
	u, err := acc.User(ctx, "load-test")
	if err != nil {
		hash, _ := testHash.Hash(RandomPassword())
		if u, err = acc.CreateUser(ctx, store.User{Name: "load-test", Role: store.RoleViewer, PasswordHash: hash}); err != nil {
			t.Fatal(err)
		}
	}
	secret, hash := NewToken()
	if _, err := acc.CreateToken(ctx, store.Token{UserID: u.ID, Name: "load " + time.Now().Format(time.RFC3339), Hash: hash}); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(secret) == "" {
		t.Fatal("empty token")
	}
	return secret
}
