package storetest

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"marsad/internal/store"
)

// RunAccounts holds a backend to the store.Accounts and store.DocumentLister contracts.
// open returns a new, empty store each time; RunAccounts closes it.
func RunAccounts(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store, a store.Accounts)
	}{
		{"UsersCreateFindList", testUsers},
		{"UserNameTaken", testUserTaken},
		{"UserUnknownRole", testUserRole},
		{"SessionsExpireAndEnd", testSessions},
		{"PasswordChangeEndsOtherSessions", testPasswordChange},
		{"TokensExpireAndRevoke", testTokens},
		{"AuditAppendFilterPage", testAudit},
		{"DocumentsNewestFirst", testDocuments},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			})
			a, ok := store.AccountsOf(s)
			if !ok {
				t.Fatalf("%T does not implement store.Accounts", s)
			}
			tc.fn(t, s, a)
		})
	}
}

func mustUser(t *testing.T, a store.Accounts, name, role string) store.User {
	t.Helper()
	u, err := a.CreateUser(context.Background(), store.User{Name: name, Role: role, PasswordHash: "hash-of-" + name})
	if err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	return u
}

func testUsers(t *testing.T, _ store.Store, a store.Accounts) {
	ctx := context.Background()
	if n, err := a.CountUsers(ctx); err != nil || n != 0 {
		t.Fatalf("count on a new store = %d, %v; want 0", n, err)
	}
	created := time.Date(2025, 3, 12, 9, 30, 0, 0, time.UTC)
	u, err := a.CreateUser(ctx, store.User{Name: "سلمى", Role: store.RoleAnalyst, PasswordHash: "h1", MustChangePassword: true, Created: created})
	if err != nil {
		t.Fatal(err)
	}
	if u.ID == 0 {
		t.Error("created user has no id")
	}
	mustUser(t, a, "admin", store.RoleAdmin)
	got, err := a.User(ctx, "سلمى")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != u.ID || got.Role != store.RoleAnalyst || got.PasswordHash != "h1" || !got.MustChangePassword || !got.Created.Equal(created) {
		t.Errorf("user read back = %+v, want %+v", got, u)
	}
	if _, err := a.User(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown user: err = %v, want ErrNotFound", err)
	}
	us, err := a.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(us) != 2 || us[0].Name != "admin" {
		t.Errorf("users = %+v, want admin then سلمى", us)
	}
	if n, _ := a.CountUsers(ctx); n != 2 {
		t.Errorf("count = %d, want 2", n)
	}
}

func testUserTaken(t *testing.T, _ store.Store, a store.Accounts) {
	mustUser(t, a, "karim", store.RoleViewer)
	_, err := a.CreateUser(context.Background(), store.User{Name: "karim", Role: store.RoleAdmin, PasswordHash: "x"})
	if !errors.Is(err, store.ErrExists) {
		t.Errorf("second karim: err = %v, want ErrExists", err)
	}
}

func testUserRole(t *testing.T, _ store.Store, a store.Accounts) {
	if _, err := a.CreateUser(context.Background(), store.User{Name: "x", Role: "root", PasswordHash: "x"}); err == nil {
		t.Error("role root accepted")
	}
}

func testSessions(t *testing.T, _ store.Store, a store.Accounts) {
	ctx := context.Background()
	u := mustUser(t, a, "nadia", store.RoleViewer)
	now := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	for i, exp := range []time.Duration{time.Hour, -time.Minute} {
		if err := a.CreateSession(ctx, store.Session{Hash: fmt.Sprintf("s%d", i), UserID: u.ID, CSRF: "c", Created: now.Add(-2 * time.Hour),
			Expires: now.Add(exp), Remote: "127.0.0.1"}); err != nil {
			t.Fatal(err)
		}
	}
	ss, su, err := a.SessionUser(ctx, "s0", now)
	if err != nil {
		t.Fatal(err)
	}
	if su.Name != "nadia" || ss.CSRF != "c" || ss.UserID != u.ID || !ss.Expires.Equal(now.Add(time.Hour)) || ss.Remote != "127.0.0.1" {
		t.Errorf("session = %+v of %+v", ss, su)
	}
	if _, _, err := a.SessionUser(ctx, "s1", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired session: err = %v, want ErrNotFound", err)
	}
	if n, err := a.DeleteExpiredSessions(ctx, now); err != nil || n != 1 {
		t.Errorf("delete expired = %d, %v; want 1", n, err)
	}
	if err := a.DeleteSession(ctx, "s0"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.SessionUser(ctx, "s0", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("ended session: err = %v, want ErrNotFound", err)
	}
	if err := a.DeleteSession(ctx, "never"); err != nil {
		t.Errorf("ending an unknown session: %v", err)
	}
}

func testPasswordChange(t *testing.T, _ store.Store, a store.Accounts) {
	ctx := context.Background()
	u := mustUser(t, a, "omar", store.RoleAdmin)
	now := time.Now()
	for _, h := range []string{"keep", "other"} {
		if err := a.CreateSession(ctx, store.Session{Hash: h, UserID: u.ID, CSRF: "c", Created: now, Expires: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.SetPassword(ctx, u.ID, "new-hash", false, "keep"); err != nil {
		t.Fatal(err)
	}
	got, _ := a.User(ctx, "omar")
	if got.PasswordHash != "new-hash" || got.MustChangePassword {
		t.Errorf("after SetPassword: %+v", got)
	}
	if _, _, err := a.SessionUser(ctx, "keep", now); err != nil {
		t.Errorf("the kept session ended: %v", err)
	}
	if _, _, err := a.SessionUser(ctx, "other", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another session survived a password change: %v", err)
	}
	if err := a.SetPassword(ctx, 999999, "h", false, ""); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown user: err = %v, want ErrNotFound", err)
	}
}

func testTokens(t *testing.T, _ store.Store, a store.Accounts) {
	ctx := context.Background()
	u := mustUser(t, a, "api", store.RoleAnalyst)
	now := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	forever, err := a.CreateToken(ctx, store.Token{UserID: u.ID, Name: "scraper", Hash: "t1", Created: now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.CreateToken(ctx, store.Token{UserID: u.ID, Name: "old", Hash: "t2", Created: now.Add(-48 * time.Hour), Expires: now.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	tok, tu, err := a.TokenUser(ctx, "t1", now)
	if err != nil {
		t.Fatal(err)
	}
	if tok.ID != forever.ID || tok.Name != "scraper" || tu.Name != "api" || tu.Role != store.RoleAnalyst {
		t.Errorf("token = %+v of %+v", tok, tu)
	}
	if _, _, err := a.TokenUser(ctx, "t2", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("expired token: err = %v, want ErrNotFound", err)
	}
	ts, err := a.Tokens(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) != 2 || ts[0].Name != "scraper" || ts[0].Hash != "" || !ts[0].LastUsed.Equal(now) {
		t.Errorf("tokens = %+v, want scraper (used at %v, no hash) first", ts, now)
	}
	if err := a.DeleteToken(ctx, u.ID, forever.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.TokenUser(ctx, "t1", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("revoked token: err = %v, want ErrNotFound", err)
	}
	if err := a.DeleteToken(ctx, u.ID, forever.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("revoking twice: err = %v, want ErrNotFound", err)
	}
}

func testAudit(t *testing.T, _ store.Store, a store.Accounts) {
	ctx := context.Background()
	t0 := time.Date(2025, 5, 1, 8, 0, 0, 0, time.UTC)
	var es []store.AuditEntry
	for i := range 250 {
		user, action := "nadia", "event.read"
		if i%5 == 0 {
			user, action = "omar", "ingest"
		}
		es = append(es, store.AuditEntry{At: t0.Add(time.Duration(i) * time.Second), User: user, Role: store.RoleAnalyst,
			Action: action, Target: fmt.Sprint(i), Remote: "127.0.0.1:5000", Status: 200, Detail: "تفاصيل"})
	}
	if err := a.AppendAudit(ctx, es); err != nil {
		t.Fatal(err)
	}
	all, err := a.Audit(ctx, store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 250 || all[0].Target != "249" || !all[0].At.Equal(t0.Add(249*time.Second)) || all[0].Detail != "تفاصيل" {
		t.Fatalf("audit: %d entries, first %+v; want 250, newest first", len(all), all[0])
	}
	omar, _ := a.Audit(ctx, store.AuditFilter{User: "omar"})
	if len(omar) != 50 {
		t.Errorf("omar: %d entries, want 50", len(omar))
	}
	ingest, _ := a.Audit(ctx, store.AuditFilter{Action: "ingest", Since: t0.Add(100 * time.Second), Until: t0.Add(200 * time.Second)})
	if len(ingest) != 20 {
		t.Errorf("ingest in [100s, 200s): %d entries, want 20", len(ingest))
	}
	page, _ := a.Audit(ctx, store.AuditFilter{Limit: 10, Offset: 10})
	if len(page) != 10 || page[0].Target != "239" {
		t.Errorf("second page of 10: %d entries starting at %+v", len(page), page)
	}
}

func testDocuments(t *testing.T, s store.Store, _ store.Accounts) {
	l, ok := s.(store.DocumentLister)
	if !ok {
		t.Fatalf("%T does not implement store.DocumentLister", s)
	}
	for i, pub := range []string{"2023-01-05", "", "2024-02-01", "2023-07-30"} {
		res := Result(fmt.Sprintf("d%d", i), fmt.Sprintf("نص الوثيقة %d", i))
		res.Published = pub
		res.Source = "Hespress"
		if i == 3 {
			res.Source = "Le360"
		}
		put(t, s, res)
	}
	ids := func(ds []store.DocRef) []string {
		out := []string{}
		for _, d := range ds {
			out = append(out, d.ID)
		}
		return out
	}
	all, err := l.Documents(context.Background(), store.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(ids(all)), "[d2 d3 d0 d1]"; got != want {
		t.Errorf("documents = %s, want %s (newest first, undated last)", got, want)
	}
	page, _ := l.Documents(context.Background(), store.DocumentFilter{Limit: 2, Offset: 1})
	if got, want := fmt.Sprint(ids(page)), "[d3 d0]"; got != want {
		t.Errorf("page = %s, want %s", got, want)
	}
	src, _ := l.Documents(context.Background(), store.DocumentFilter{Source: "Le360"})
	if len(src) != 1 || src[0].ID != "d3" || src[0].Published != "2023-07-30" {
		t.Errorf("source Le360 = %+v", src)
	}
}
