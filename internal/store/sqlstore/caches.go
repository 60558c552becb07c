package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"marsad/internal/store"
)

// entityCacheMax bounds the entity cache: about 40 MB of keys and ids at the most.
const entityCacheMax = 1 << 18

// cachedEntity is what the writer needs to know of a stored entity to skip its upsert.
type cachedEntity struct {
	id int64
	// Whether the row has a country and coordinates: the upsert only fills what is
	// missing, so a document that brings nothing missing need not run it.
	country, coords bool
}

// committedCache maps keys to what the database holds for them (ids of entities, of name
// lists). It only ever holds committed rows, and those rows are never deleted or changed,
// so an entry stays true for the life of the database, whoever else writes to it. It is
// emptied when it would pass its bound: news names the same few thousand places and
// bodies over and over, so it soon holds them again.
type committedCache[V any] struct {
	mu sync.Mutex
	m  map[string]V
}

func (c *committedCache[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[key]
	return v, ok
}

// add records the rows of a committed transaction, keeping at most max entries.
func (c *committedCache[V]) add(rows map[string]V, max int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m)+len(rows) > max {
		c.m = make(map[string]V, len(rows))
	}
	for k, v := range rows {
		c.m[k] = v
	}
}

// entityCache maps entity keys to their stored ids (at most entityCacheMax).
type entityCache = committedCache[cachedEntity]

// listCacheMax bounds the cache of name lists: a few tens of MB at the most. A lexicon
// entity is named with the same list of aliases in every document, so a few thousand
// lists serve 100,000 documents.
const listCacheMax = 1 << 16

// listCache maps name lists (listKey) to their ids in name_lists (at most listCacheMax).
type listCache = committedCache[int64]

// keyCacheMax bounds the cache of name keys: a few MB. News names the same places,
// bodies and people, and a lexicon entity comes with the same aliases every time: 100,000
// documents give about 20,000 distinct names.
const keyCacheMax = 1 << 16

// keyCache holds store.Config.Key of the names documents gave: folding a name (marks,
// case, the configured normalization) cost 8% of ingest's CPU time (pprof, 100,000
// documents), nearly all of it on names folded before. Extraction workers prepare
// documents side by side, hence the lock.
type keyCache struct {
	mu sync.Mutex
	m  map[string]string
}

// key returns a function of a name that gives cfg.Key(name), from the cache when it can.
// A store's Config does not change, so neither does the key of a name.
func (c *keyCache) key(cfg store.Config) func(string) string {
	return func(name string) string {
		c.mu.Lock()
		k, ok := c.m[name]
		c.mu.Unlock()
		if ok {
			return k
		}
		k = cfg.Key(name)
		c.mu.Lock()
		if c.m == nil || len(c.m) >= keyCacheMax {
			c.m = make(map[string]string)
		}
		c.m[name] = k
		c.mu.Unlock()
		return k
	}
}

// stmtCache holds the write statements of a store, prepared once for its life: the
// writer runs the same few dozen statements for every document, and on SQLite preparing
// one costs more than running it; on PostgreSQL each prepare is a round trip.
//
// A statement is prepared on the pool, and SQLite's pool of writers has one connection,
// which a transaction holds: so a transaction that needs a statement the cache lacks
// prepares it for itself and asks for it (want), and the cache prepares the wanted ones
// once the transaction is over (fill).
type stmtCache struct {
	mu     sync.Mutex
	m      map[string]*sql.Stmt
	wanted []string
}

// get returns the prepared statement for query, or nil after noting that it is wanted.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.m[query]
	if !ok {
		c.wanted = append(c.wanted, query)
	}
	return st
}

// fill prepares the statements asked for since the last fill. Run it with no
// transaction open on db.
func (c *stmtCache) fill(ctx context.Context, db *sql.DB) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, q := range c.wanted {
		if _, ok := c.m[q]; ok {
			continue
		}
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("prepare %q: %w", q, err)
		}
		if c.m == nil {
			c.m = map[string]*sql.Stmt{}
		}
		c.m[q] = st
	}
	c.wanted = c.wanted[:0]
	return nil
}

func (c *stmtCache) close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs []error
	for _, st := range c.m {
		errs = append(errs, st.Close())
	}
	c.m = nil
	return errors.Join(errs...)
}
