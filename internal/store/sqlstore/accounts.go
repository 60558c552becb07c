package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"marsad/internal/store"
)

var _ store.Accounts = (*Store)(nil)

// timeLayout writes times as UTC text of one width, so that they sort and compare as
// strings on both backends.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime is fmtTime, or NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return fmtTime(t)
}

func parseTime(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// isUnique tells a unique-constraint violation ("UNIQUE constraint failed" in SQLite,
// SQLSTATE 23505 "duplicate key value violates unique constraint" in PostgreSQL).
func isUnique(err error) bool {
	return err != nil && strings.Contains(strings.ToLower(err.Error()), "unique constraint")
}

const userCols = `u.id, u.name, u.role, u.password_hash, u.must_change_password, u.created_at`

func scanUser(sc interface{ Scan(...any) error }, u *store.User, more ...any) error {
	var must int
	var created sql.NullString
	if err := sc.Scan(append([]any{&u.ID, &u.Name, &u.Role, &u.PasswordHash, &must, &created}, more...)...); err != nil {
		return err
	}
	u.MustChangePassword = must != 0
	u.Created = parseTime(created)
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// CreateUser implements store.Accounts.
func (s *Store) CreateUser(ctx context.Context, u store.User) (store.User, error) {
	if store.RoleRank(u.Role) < 0 {
		return store.User{}, fmt.Errorf("create user %s: unknown role %q: use one of %s", u.Name, u.Role, strings.Join(store.Roles, ", "))
	}
	if strings.TrimSpace(u.Name) == "" || u.PasswordHash == "" {
		return store.User{}, fmt.Errorf("create user: a name and a password are needed")
	}
	if u.Created.IsZero() {
		u.Created = time.Now()
	}
	err := s.W.QueryRowContext(ctx, s.q(`INSERT INTO users (name, role, password_hash, must_change_password, created_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`), u.Name, u.Role, u.PasswordHash, boolInt(u.MustChangePassword), fmtTime(u.Created)).Scan(&u.ID)
	if isUnique(err) {
		return store.User{}, fmt.Errorf("create user %s: %w", u.Name, store.ErrExists)
	}
	if err != nil {
		return store.User{}, fmt.Errorf("create user %s: %w", u.Name, err)
	}
	return u, nil
}

// User implements store.Accounts.
func (s *Store) User(ctx context.Context, name string) (store.User, error) {
	var u store.User
	err := scanUser(s.R.QueryRowContext(ctx, s.q(`SELECT `+userCols+` FROM users u WHERE u.name = ?`), name), &u)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %s: %w", name, store.ErrNotFound)
	}
	if err != nil {
		return u, fmt.Errorf("user %s: %w", name, err)
	}
	return u, nil
}

// Users implements store.Accounts.
func (s *Store) Users(ctx context.Context) ([]store.User, error) {
	rows, err := s.R.QueryContext(ctx, `SELECT `+userCols+` FROM users u ORDER BY u.name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	us := []store.User{}
	for rows.Next() {
		var u store.User
		if err := scanUser(rows, &u); err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		us = append(us, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return us, nil
}

// CountUsers implements store.Accounts.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	if err := s.R.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// SetPassword implements store.Accounts.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string, mustChange bool, keep string) error {
	tx, err := s.W.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, s.q(`UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?`),
		hash, boolInt(mustChange), userID)
	if err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("set password of user %d: %w", userID, store.ErrNotFound)
	}
	if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE user_id = ? AND hash <> ?`), userID, keep); err != nil {
		return fmt.Errorf("set password: end sessions: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return nil
}

// CreateSession implements store.Accounts.
func (s *Store) CreateSession(ctx context.Context, ss store.Session) error {
	if _, err := s.W.ExecContext(ctx, s.q(`INSERT INTO sessions (hash, user_id, csrf, created_at, expires_at, remote)
		VALUES (?, ?, ?, ?, ?, ?)`), ss.Hash, ss.UserID, ss.CSRF, fmtTime(ss.Created), fmtTime(ss.Expires), ss.Remote); err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// SessionUser implements store.Accounts.
func (s *Store) SessionUser(ctx context.Context, hash string, now time.Time) (store.Session, store.User, error) {
	var ss store.Session
	var u store.User
	var created, expires sql.NullString
	err := scanUser(s.R.QueryRowContext(ctx, s.q(`SELECT `+userCols+`, se.hash, se.csrf, se.created_at, se.expires_at, se.remote
		FROM sessions se JOIN users u ON u.id = se.user_id
		WHERE se.hash = ? AND se.expires_at > ?`), hash, fmtTime(now)), &u, &ss.Hash, &ss.CSRF, &created, &expires, &ss.Remote)
	if errors.Is(err, sql.ErrNoRows) {
		return ss, u, fmt.Errorf("session: %w", store.ErrNotFound)
	}
	if err != nil {
		return ss, u, fmt.Errorf("session: %w", err)
	}
	ss.UserID, ss.Created, ss.Expires = u.ID, parseTime(created), parseTime(expires)
	return ss, u, nil
}

// DeleteSession implements store.Accounts.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	if _, err := s.W.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE hash = ?`), hash); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions implements store.Accounts.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := s.W.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE expires_at <= ?`), fmtTime(now))
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// CreateToken implements store.Accounts.
func (s *Store) CreateToken(ctx context.Context, t store.Token) (store.Token, error) {
	if t.Created.IsZero() {
		t.Created = time.Now()
	}
	err := s.W.QueryRowContext(ctx, s.q(`INSERT INTO api_tokens (user_id, name, hash, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`), t.UserID, t.Name, t.Hash, fmtTime(t.Created), nullTime(t.Expires)).Scan(&t.ID)
	if err != nil {
		return store.Token{}, fmt.Errorf("create token %q: %w", t.Name, err)
	}
	return t, nil
}

// TokenUser implements store.Accounts.
func (s *Store) TokenUser(ctx context.Context, hash string, now time.Time) (store.Token, store.User, error) {
	var t store.Token
	var u store.User
	var created, expires, used sql.NullString
	err := scanUser(s.R.QueryRowContext(ctx, s.q(`SELECT `+userCols+`, t.id, t.name, t.created_at, t.expires_at, t.last_used_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.hash = ? AND (t.expires_at IS NULL OR t.expires_at > ?)`), hash, fmtTime(now)),
		&u, &t.ID, &t.Name, &created, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return t, u, fmt.Errorf("token: %w", store.ErrNotFound)
	}
	if err != nil {
		return t, u, fmt.Errorf("token: %w", err)
	}
	t.UserID, t.Hash = u.ID, hash
	t.Created, t.Expires, t.LastUsed = parseTime(created), parseTime(expires), parseTime(used)
	// Last use is kept to the minute: a token used for every request of a scraper would
	// otherwise cost a write per request.
	if now.Sub(t.LastUsed) >= time.Minute {
		if _, err := s.W.ExecContext(ctx, s.q(`UPDATE api_tokens SET last_used_at = ? WHERE id = ?`), fmtTime(now), t.ID); err != nil {
			return t, u, fmt.Errorf("token: record its use: %w", err)
		}
		t.LastUsed = now
	}
	return t, u, nil
}

// Tokens implements store.Accounts.
func (s *Store) Tokens(ctx context.Context, userID int64) ([]store.Token, error) {
	rows, err := s.R.QueryContext(ctx, s.q(`SELECT id, name, created_at, expires_at, last_used_at
		FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, id DESC`), userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	ts := []store.Token{}
	for rows.Next() {
		t := store.Token{UserID: userID}
		var created, expires, used sql.NullString
		if err := rows.Scan(&t.ID, &t.Name, &created, &expires, &used); err != nil {
			return nil, fmt.Errorf("list tokens: %w", err)
		}
		t.Created, t.Expires, t.LastUsed = parseTime(created), parseTime(expires), parseTime(used)
		ts = append(ts, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return ts, nil
}

// DeleteToken implements store.Accounts.
func (s *Store) DeleteToken(ctx context.Context, userID, tokenID int64) error {
	res, err := s.W.ExecContext(ctx, s.q(`DELETE FROM api_tokens WHERE id = ? AND user_id = ?`), tokenID, userID)
	if err != nil {
		return fmt.Errorf("revoke token %d: %w", tokenID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("revoke token %d: %w", tokenID, store.ErrNotFound)
	}
	return nil
}

// AppendAudit implements store.Accounts.
func (s *Store) AppendAudit(ctx context.Context, entries []store.AuditEntry) error {
	if len(entries) == 0 {
		return nil
	}
	tx, err := s.W.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	defer tx.Rollback()
	// Multi-row statements of up to 100 entries: one round trip each on PostgreSQL.
	for len(entries) > 0 {
		n := min(100, len(entries))
		var b strings.Builder
		b.WriteString(`INSERT INTO audit_log (at, user_name, role, action, target, remote, status, detail) VALUES `)
		args := make([]any, 0, 8*n)
		for i, e := range entries[:n] {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`(?, ?, ?, ?, ?, ?, ?, ?)`)
			at := e.At
			if at.IsZero() {
				at = time.Now()
			}
			args = append(args, fmtTime(at), e.User, e.Role, e.Action, e.Target, e.Remote, e.Status, e.Detail)
		}
		if _, err := tx.ExecContext(ctx, s.q(b.String()), args...); err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		entries = entries[n:]
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Audit implements store.Accounts.
func (s *Store) Audit(ctx context.Context, f store.AuditFilter) ([]store.AuditEntry, error) {
	var where []string
	var args []any
	if f.User != "" {
		where = append(where, `user_name = ?`)
		args = append(args, f.User)
	}
	if f.Action != "" {
		where = append(where, `action = ?`)
		args = append(args, f.Action)
	}
	if !f.Since.IsZero() {
		where = append(where, `at >= ?`)
		args = append(args, fmtTime(f.Since))
	}
	if !f.Until.IsZero() {
		where = append(where, `at < ?`)
		args = append(args, fmtTime(f.Until))
	}
	q := `SELECT id, at, user_name, role, action, target, remote, status, detail FROM audit_log`
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY id DESC`
	if f.Limit > 0 || f.Offset > 0 {
		var limit any = f.Limit
		if f.Limit <= 0 {
			limit = s.D.NoLimit
		}
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, max(f.Offset, 0))
	}
	rows, err := s.R.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	out := []store.AuditEntry{}
	for rows.Next() {
		var e store.AuditEntry
		var at sql.NullString
		if err := rows.Scan(&e.ID, &at, &e.User, &e.Role, &e.Action, &e.Target, &e.Remote, &e.Status, &e.Detail); err != nil {
			return nil, fmt.Errorf("read audit log: %w", err)
		}
		e.At = parseTime(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	return out, nil
}

var _ store.DocumentLister = (*Store)(nil)

// Documents implements store.DocumentLister: by publication date, newest first (undated
// last), then most recently stored first.
func (s *Store) Documents(ctx context.Context, f store.DocumentFilter) ([]store.DocRef, error) {
	q := `SELECT id, COALESCE(title, ''), COALESCE(url, ''), COALESCE(source, ''), COALESCE(published, '')
		FROM documents`
	var args []any
	if f.Source != "" {
		q += ` WHERE source = ?`
		args = append(args, f.Source)
	}
	limit := f.Limit
	if limit <= 0 {
		limit = store.DefaultSearchLimit
	}
	q += ` ORDER BY published IS NULL, published DESC, pk DESC LIMIT ? OFFSET ?`
	args = append(args, limit, max(f.Offset, 0))
	rows, err := s.R.QueryContext(ctx, s.q(q), args...)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	out := []store.DocRef{}
	for rows.Next() {
		var d store.DocRef
		if err := rows.Scan(&d.ID, &d.Title, &d.URL, &d.Source, &d.Published); err != nil {
			return nil, fmt.Errorf("list documents: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	return out, nil
}
