package store

import (
	"context"
	"errors"
	"time"
)

// Accounts keeps who may use a served database and what they did: users with a role,
// browser sessions, API tokens and the audit log. It is a separate interface from Store
// because only `marsad serve` and `marsad user` need it; both SQL backends implement it
// (AccountsOf finds it), and store/storetest.RunAccounts holds them to it.
//
// Secrets never reach the store in the clear: sessions and tokens are kept by the SHA-256
// of their value, passwords as the hash the caller computed.
type Accounts interface {
	// CreateUser adds a user and returns it with its id. A name already taken is an error
	// wrapping ErrExists.
	CreateUser(ctx context.Context, u User) (User, error)
	// User returns the user with that name, or an error wrapping ErrNotFound.
	User(ctx context.Context, name string) (User, error)
	// Users lists every user by name.
	Users(ctx context.Context) ([]User, error)
	// CountUsers says how many users there are (0 on a new database: serve creates an admin).
	CountUsers(ctx context.Context) (int, error)
	// SetPassword replaces a user's password hash and sets whether it must be changed at
	// the next sign-in. It ends the user's sessions but one (keep, a session hash, may be
	// ""): a changed password signs out everyone who knew the old one.
	SetPassword(ctx context.Context, userID int64, hash string, mustChange bool, keep string) error

	// CreateSession stores a session. SessionUser returns the session with that hash and
	// its user while it has not expired at now, else an error wrapping ErrNotFound.
	CreateSession(ctx context.Context, s Session) error
	SessionUser(ctx context.Context, hash string, now time.Time) (Session, User, error)
	// DeleteSession ends a session (signing out); an unknown hash is not an error.
	DeleteSession(ctx context.Context, hash string) error
	// DeleteExpiredSessions removes sessions expired at now and says how many.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	// CreateToken stores an API token and returns it with its id. TokenUser returns the
	// token with that hash and its user while it has not expired at now (a zero Expires
	// never expires), recording now as its last use, else an error wrapping ErrNotFound.
	CreateToken(ctx context.Context, t Token) (Token, error)
	TokenUser(ctx context.Context, hash string, now time.Time) (Token, User, error)
	// Tokens lists a user's tokens, newest first (their hashes left empty).
	Tokens(ctx context.Context, userID int64) ([]Token, error)
	// DeleteToken revokes one of a user's tokens; ErrNotFound when it has no such token.
	DeleteToken(ctx context.Context, userID, tokenID int64) error

	// AppendAudit records entries in one transaction, in order.
	AppendAudit(ctx context.Context, entries []AuditEntry) error
	// Audit lists entries matching f, newest first.
	Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}

// AccountsOf returns the Accounts side of a store, when its backend has one.
func AccountsOf(s Store) (Accounts, bool) {
	a, ok := s.(Accounts)
	return a, ok
}

// The roles, from least to most allowed. A role may do everything the ones before it may.
const (
	RoleViewer  = "viewer"  // reads everything but the audit log
	RoleAnalyst = "analyst" // also adds documents
	RoleAdmin   = "admin"   // also reads and exports the audit log and manages users
)

// Roles lists the roles in order of what they allow.
var Roles = []string{RoleViewer, RoleAnalyst, RoleAdmin}

// RoleRank orders roles: a user may act where their rank is at least the one required.
// An unknown role ranks below every role (-1).
func RoleRank(role string) int {
	for i, r := range Roles {
		if r == role {
			return i
		}
	}
	return -1
}

// ErrExists is wrapped by creations of something whose unique name is taken.
var ErrExists = errors.New("already exists")

// User is someone who may sign in.
type User struct {
	ID           int64
	Name         string
	Role         string
	PasswordHash string
	// MustChangePassword is set for a password someone else chose (the first admin's
	// one-time password, `marsad user add`): the UI asks for a new one before anything else.
	MustChangePassword bool
	Created            time.Time
}

// Session is a signed-in browser. Hash is the SHA-256 of the cookie's value; CSRF the token
// its forms must carry.
type Session struct {
	Hash    string
	UserID  int64
	CSRF    string
	Created time.Time
	Expires time.Time
	Remote  string // where it signed in from
}

// Token is an API token: Hash is the SHA-256 of the secret given once to its owner.
type Token struct {
	ID       int64
	UserID   int64
	Name     string
	Hash     string
	Created  time.Time
	Expires  time.Time // zero: never
	LastUsed time.Time // zero: never used
}

// AuditEntry is one thing someone did: who, what, when, from where, and how it ended.
type AuditEntry struct {
	ID     int64
	At     time.Time
	User   string // the user name ("" when nobody signed in, as for a failed sign-in)
	Role   string
	Action string // document.read, event.read, search, ingest, login, login.failed, ...
	Target string // what it was done to: a document or event id, a query, a user name
	Remote string // the client address
	Status int    // the HTTP status of the answer
	Detail string
}

// AuditFilter selects audit entries. Zero fields do not filter.
type AuditFilter struct {
	User   string
	Action string
	Since  time.Time // entries at or after
	Until  time.Time // entries before
	Limit  int       // 0: no limit
	Offset int
}

// DocumentLister pages through the stored documents, newest first. Both SQL backends
// implement it; the server's document listing uses it.
type DocumentLister interface {
	Documents(ctx context.Context, f DocumentFilter) ([]DocRef, error)
}

// DocumentFilter selects documents. Zero fields do not filter.
type DocumentFilter struct {
	Source        string // the outlet, exactly
	Limit, Offset int    // Limit 0: DefaultSearchLimit
}
