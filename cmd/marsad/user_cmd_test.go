package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"marsad/internal/server"
	"marsad/internal/store"
)

func TestUserCommands(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "marsad.db")
	code, out, errOut := runCmd(t, ctx, "user", "add", "--db", db, "salma", "--role", "analyst")
	if code != 0 || !strings.Contains(out, "added salma (analyst)") {
		t.Fatalf("add: exit %d\n%s%s", code, out, errOut)
	}
	pw := strings.TrimSpace(out[strings.LastIndex(out, ":")+1:])
	if len(pw) < 16 {
		t.Fatalf("one-time password %q", pw)
	}
	if code, _, errOut = runCmd(t, ctx, "user", "add", "--db", db, "salma"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("second add: exit %d, %q", code, errOut)
	}
	if code, _, _ = runCmd(t, ctx, "user", "add", "--db", db, "--role", "root", "x"); code != 2 {
		t.Errorf("role root: exit %d, want 2", code)
	}
	code, out, _ = runCmd(t, ctx, "user", "list", "--db", db)
	if code != 0 || !strings.Contains(out, "salma") || !strings.Contains(out, "analyst") || !strings.Contains(out, "true") {
		t.Errorf("list: exit %d\n%s", code, out)
	}
	code, out, _ = runCmd(t, ctx, "user", "token", "--db", db, "--name", "scraper", "salma")
	tok := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(tok, server.TokenPrefix) {
		t.Fatalf("token: exit %d, %q", code, out)
	}
	if code, _, errOut = runCmd(t, ctx, "user", "token", "--db", db, "nobody"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("token for nobody: exit %d, %q", code, errOut)
	}
	code, out, _ = runCmd(t, ctx, "user", "passwd", "--db", db, "salma")
	if code != 0 || !strings.Contains(out, "one-time password") {
		t.Errorf("passwd: exit %d, %q", code, out)
	}

	// What the commands did is in the database: the password hashed, the token usable,
	// and both in the audit log.
	st, err := openStore(ctx, db, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	acc, _ := store.AccountsOf(st)
	u, err := acc.User(ctx, "salma")
	if err != nil || strings.Contains(u.PasswordHash, pw) || !strings.HasPrefix(u.PasswordHash, "$argon2id$") || !u.MustChangePassword {
		t.Errorf("stored user %+v, %v", u, err)
	}
	es, _ := acc.Audit(ctx, store.AuditFilter{})
	var actions []string
	for _, e := range es {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "password.reset,token.create,user.create" {
		t.Errorf("audit: %s", got)
	}

	if code, _, _ := runCmd(t, ctx, "user"); code != 2 {
		t.Errorf("no subcommand: exit %d", code)
	}
	if code, _, _ := runCmd(t, ctx, "user", "delete", "--db", db, "salma"); code != 2 {
		t.Errorf("unknown subcommand: exit %d", code)
	}
	if code, _, errOut := runCmd(t, ctx, "user", "list", "--db", filepath.Join(t.TempDir(), "none.db")); code != 1 || !strings.Contains(errOut, "ingest") {
		t.Errorf("list on no database: exit %d, %q", code, errOut)
	}
}
