package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"marsad/internal/extract"
	"marsad/internal/store"
)

// Put implements store.Store. A new version of a document (same id, new hash) keeps its
// pk and replaces everything read from the old text: the old events' offsets point into a
// text that no longer exists, so keeping them beside the new ones would be wrong, and
// keeping both versions as documents would count the same article twice.
func (s *Store) Put(ctx context.Context, res extract.Result) (bool, error) {
	out, err := s.PutBatch(ctx, []extract.Result{res})
	if err != nil {
		return false, err
	}
	return out[0].Inserted, out[0].Err
}

// PutBatch implements store.Store: Prepare each Result, then PutPrepared.
func (s *Store) PutBatch(ctx context.Context, batch []extract.Result) ([]store.PutOutcome, error) {
	prep := make([]store.Prepared, len(batch))
	for i, res := range batch {
		prep[i] = s.Prepare(res)
	}
	return s.PutPrepared(ctx, prep)
}

// Prepare does the work of storing res that needs no database (store.Config.Prepare),
// with the keys of names the store has folded before taken from its cache.
func (s *Store) Prepare(res extract.Result) store.Prepared {
	return s.Cfg.PrepareKeys(res, s.keys.key(s.Cfg))
}

// PutPrepared stores prepared Results as PutBatch does. The batch is one transaction: the
// commit at the end makes it durable at once, which is where batching saves time (a
// commit writes and syncs the log).
//
// The batch is first written straight through. Only when a document fails half-way is
// that attempt rolled back and the batch written again with each document inside a
// savepoint, so that the failing one is rolled back alone. Savepoints are kept off the
// common path because on SQLite they cost more than the rows (pprof of ingest): every
// page a document touches first is copied to the statement journal, and FTS5 flushes its
// pending terms at each one, a segment per document to merge later instead of one per
// batch.
func (s *Store) PutPrepared(ctx context.Context, batch []store.Prepared) ([]store.PutOutcome, error) {
	out := make([]store.PutOutcome, len(batch))
	todo := 0
	for i, p := range batch {
		if out[i].Err = p.Err; p.Err == nil {
			todo++
		}
	}
	if todo == 0 {
		return out, nil
	}
	// Statements the batch had to prepare for itself are prepared for the next ones once
	// its transaction is over; failing to is no reason to fail the batch.
	defer func() {
		if err := s.prepared.fill(ctx, s.W); err != nil {
			s.Cfg.Log().Warn("prepare write statements", "db", s.Where, "err", err)
		}
	}()
	done, err := s.putBatch(ctx, batch, out, false)
	if err == nil && !done {
		for i, p := range batch {
			out[i] = store.PutOutcome{Err: p.Err} // forget what the undone attempt said
		}
		_, err = s.putBatch(ctx, batch, out, true)
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// putBatch writes the Results whose outcome has no error yet in one transaction. Without
// savepoints it stops at the first document that fails and reports done=false, having
// written nothing; with them, a failing document is rolled back alone and the rest are
// written. A non-nil error means the transaction as a whole failed.
func (s *Store) putBatch(ctx context.Context, batch []store.Prepared, out []store.PutOutcome, savepoints bool) (done bool, err error) {
	todo := 0
	for i := range out {
		if out[i].Err == nil {
			todo++
		}
	}
	tx, err := s.W.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("put %d documents: begin: %w", todo, err)
	}
	defer tx.Rollback()
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	// Entities and name lists this transaction created or read: known to the caches only
	// once committed.
	seen := map[string]cachedEntity{}
	lists := map[string]int64{}
	// Without savepoints the rows no statement of the batch reads back are written at its
	// end (laterRows), the stored versions of the batch's documents are looked up at its
	// start (knownDocs), and the counts of entity_name_keys are added up over the batch
	// and written once (see nameCounts); with them, each document writes its own inside
	// its savepoint.
	var (
		names *nameCounts
		later *laterRows
		known *knownDocs
	)
	if !savepoints {
		names, later = &nameCounts{}, &laterRows{}
		w := &putTx{s: s, ctx: ctx, tx: tx, stmts: stmts}
		if known, err = w.knownDocs(batch, out); err != nil {
			return false, fmt.Errorf("put %d documents: look up stored versions: %w", todo, err)
		}
	}
	changed := false
	if !savepoints {
		// The new documents are written together, in runs: a run ends where a document
		// replaces a stored version (written on its own, after the run before it, so that
		// entities keep the values the first document to name them gave).
		var run []*putTx
		inRun := map[string]bool{} // the ids of the run's documents
		writeRun := func() error {
			if len(run) == 0 {
				return nil
			}
			err := writeNew(run)
			for _, w := range run {
				out[w.i].Inserted = err == nil
			}
			run = run[:0]
			clear(inRun)
			return err
		}
		for i := range batch {
			if out[i].Err != nil {
				continue
			}
			res := &batch[i].Result
			w := &putTx{s: s, ctx: ctx, tx: tx, stmts: stmts, p: &batch[i], i: i, seen: seen, lists: lists,
				names: names, later: later, known: known}
			if known.hashes[res.Hash] {
				continue // stored already, or earlier in this batch
			}
			if inRun[res.Doc] {
				// a new version of a document of the run: the run goes first
				if err := writeRun(); err != nil {
					return false, nil // the deferred rollback undoes the batch; the caller redoes it
				}
			}
			if known.ids[res.Doc].pk != 0 {
				if err := writeRun(); err != nil {
					return false, nil
				}
				if out[i].Inserted, out[i].Err = w.put(); out[i].Err != nil {
					return false, nil
				}
				changed = true
				continue
			}
			known.hashes[res.Hash] = true
			inRun[res.Doc] = true
			run = append(run, w)
			changed = true
		}
		if err := writeRun(); err != nil {
			return false, nil
		}
	} else {
		for i := range batch {
			if out[i].Err != nil {
				continue
			}
			// one document at a time, each in a savepoint, rolled back alone if it fails
			res := &batch[i].Result
			if _, err := tx.ExecContext(ctx, `SAVEPOINT doc`); err != nil {
				return false, fmt.Errorf("put %s: savepoint: %w", res.Doc, err)
			}
			w := &putTx{s: s, ctx: ctx, tx: tx, stmts: stmts, p: &batch[i], i: i, seen: map[string]cachedEntity{},
				lists: map[string]int64{}}
			out[i].Inserted, out[i].Err = w.put()
			if out[i].Err != nil {
				if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT doc`); err != nil {
					return false, fmt.Errorf("put %s: roll back its savepoint: %w", res.Doc, err)
				}
			}
			if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT doc`); err != nil {
				return false, fmt.Errorf("put %s: release its savepoint: %w", res.Doc, err)
			}
			if out[i].Err == nil {
				maps.Copy(seen, w.seen)
				maps.Copy(lists, w.lists)
			}
			changed = changed || out[i].Inserted
		}
	}
	if !changed {
		return true, nil // nothing written: the deferred rollback ends the transaction
	}
	if later != nil {
		// undone on failure; with savepoints each document writes its own
		w := &putTx{s: s, ctx: ctx, tx: tx, stmts: stmts, later: later}
		if err := w.writeLater(); err != nil {
			return false, nil
		}
		if err := w.countNames(names); err != nil {
			return false, nil
		}
		if err := w.writeIndexLater(); err != nil {
			return false, nil
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('generation', '1')
		ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT)`); err != nil {
		return false, fmt.Errorf("put %d documents: count the change: %w", todo, err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("put %d documents: commit: %w", todo, err)
	}
	s.entities.add(seen, entityCacheMax)
	s.lists.add(lists, listCacheMax)
	return true, nil
}

// putTx writes a document inside a PutBatch transaction, alone (put) or with the other
// new documents of its batch (writeNew): rows of one kind go in multi-row statements, so
// that a batch costs a few statements per table whatever its size, not a few per
// document; on PostgreSQL each statement is a round trip.
type putTx struct {
	s   *Store
	ctx context.Context
	tx  *sql.Tx
	// stmts are the statements of this transaction by query text, bound to it from the
	// store's prepared statements (Store.prepared).
	stmts map[string]*sql.Stmt
	p     *store.Prepared
	i     int // p's index in the batch
	doc   int64
	// seen are the entities this document created or read, for the cache; lists the
	// name lists (by listKey). The documents of a batch written without savepoints share
	// the batch's: a failure undoes the batch as a whole.
	seen  map[string]cachedEntity
	lists map[string]int64
	// names, when not nil, gathers the batch's changes to the counts of entity_name_keys,
	// written at the end of the batch; when nil, the document writes its own.
	names *nameCounts
	// later, when not nil, takes the rows written at the end of the batch (laterRows);
	// known, the stored versions of the batch's documents (knownDocs).
	later *laterRows
	known *knownDocs
}

// laterRows are the rows of a batch that no statement of the batch reads back: the links
// of documents to their entities and names, the places, roles and figures of events, and
// the full-text index. Written at the end of the batch they are a few multi-row
// statements for the whole batch instead of six for each document; on PostgreSQL each
// statement is a round trip to the server, and they were most of a document's. The index
// goes last: SQLite's FTS5 writes its pending terms out as a new segment whenever a
// statement opens a statement journal, as multi-row inserts do, and indexing each
// document as it was written made a segment per document to merge later (pprof).
type laterRows struct {
	tables []laterTable
	index  [][]any
}

// laterTable is the rows waiting for one table (see insertRows for head and tail).
type laterTable struct {
	head, tail string
	cols       int
	rows       [][]any
}

func (l *laterRows) add(head, tail string, cols int, rows [][]any) {
	for i := range l.tables {
		if t := &l.tables[i]; t.head == head {
			t.rows = append(t.rows, rows...)
			return
		}
	}
	l.tables = append(l.tables, laterTable{head, tail, cols, slices.Clone(rows)})
}

// insertLater inserts rows that nothing reads back in this batch: at its end when the
// batch writes them so (w.later), now otherwise.
func (w *putTx) insertLater(head, tail string, cols int, rows [][]any) error {
	if w.later == nil {
		return w.insertRows(head, tail, cols, rows, nil)
	}
	if len(rows) > 0 {
		w.later.add(head, tail, cols, rows)
	}
	return nil
}

// writeLater writes the rows waiting in w.later but the index, in the order their tables
// first came (a table's rows refer only to rows written before the batch's end).
func (w *putTx) writeLater() error {
	for i := range w.later.tables {
		t := &w.later.tables[i]
		if err := w.insertRows(t.head, t.tail, t.cols, t.rows, nil); err != nil {
			return err
		}
	}
	w.later.tables = w.later.tables[:0]
	return nil
}

// writeIndexLater writes the full-text index rows waiting in w.later.
func (w *putTx) writeIndexLater() error {
	if err := w.insertRowsAs(w.s.D.IndexInto, w.s.D.IndexRow, "", w.later.index, nil); err != nil {
		return fmt.Errorf("index text: %w", err)
	}
	w.later.index = w.later.index[:0]
	return nil
}

// knownDocs are the stored versions of a batch's documents, looked up at once at the start
// of the batch (two statements for it instead of two for each document) and kept up to date
// as the batch writes: the hashes stored, and by id the pk and hash of the stored version.
type knownDocs struct {
	hashes map[string]bool
	ids    map[string]knownDoc
}

type knownDoc struct {
	pk   int64
	hash string
}

// knownDocs looks up the stored versions of the batch's documents (those without an
// error in out).
func (w *putTx) knownDocs(batch []store.Prepared, out []store.PutOutcome) (*knownDocs, error) {
	k := &knownDocs{hashes: map[string]bool{}, ids: map[string]knownDoc{}}
	var hashes, ids []any
	for i := range batch {
		if out[i].Err == nil {
			hashes = append(hashes, batch[i].Result.Hash)
			ids = append(ids, batch[i].Result.Doc)
		}
	}
	if err := w.selectIn(`SELECT hash FROM documents WHERE hash IN`, hashes, func(rows *sql.Rows) error {
		var h string
		if err := rows.Scan(&h); err != nil {
			return err
		}
		k.hashes[h] = true
		return nil
	}); err != nil {
		return nil, err
	}
	if err := w.selectIn(`SELECT id, pk, hash FROM documents WHERE id IN`, ids, func(rows *sql.Rows) error {
		var id string
		var d knownDoc
		if err := rows.Scan(&id, &d.pk, &d.hash); err != nil {
			return err
		}
		k.ids[id] = d
		return nil
	}); err != nil {
		return nil, err
	}
	return k, nil
}

// selectIn runs head followed by a list of values, in as few statements as chunk allows
// (a power of two values each, as insertRows), and calls scan for every row.
func (w *putTx) selectIn(head string, values []any, scan func(*sql.Rows) error) error {
	for len(values) > 0 {
		n := chunk
		for n > len(values) {
			n /= 2
		}
		q := head + " (" + strings.Repeat("?, ", n-1) + "?)"
		if err := w.query(q, values[:n], scan); err != nil {
			return err
		}
		values = values[n:]
	}
	return nil
}

// nameKey is one row of entity_name_keys: a folded name some document gave an entity.
type nameKey struct {
	key    string
	entity int64
}

// nameCounts are changes to the counts of entity_name_keys not written yet: how many more
// (or, after new versions, fewer) documents give each entity each folded name.
type nameCounts map[nameKey]int

// countNames adds counts to entity_name_keys and empties them; rows whose count falls to
// zero go. Rows go in sorted order, the same in every transaction, so that two PostgreSQL
// writers counting the same names lock their rows in the same order and never deadlock.
func (w *putTx) countNames(counts *nameCounts) error {
	maps.DeleteFunc(*counts, func(_ nameKey, n int) bool { return n == 0 })
	if len(*counts) == 0 {
		return nil
	}
	keys := slices.SortedFunc(maps.Keys(*counts), func(a, b nameKey) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Compare(a.entity, b.entity)
	})
	vals := make([][]any, len(keys))
	fewer := false
	for i, k := range keys {
		n := (*counts)[k]
		vals[i] = []any{k.key, k.entity, n}
		fewer = fewer || n < 0
	}
	if err := w.insertRows(`INSERT INTO entity_name_keys (name_key, entity_id, docs)`,
		`ON CONFLICT (name_key, entity_id) DO UPDATE SET docs = entity_name_keys.docs + excluded.docs`, 3, vals, nil); err != nil {
		return fmt.Errorf("count names: %w", err)
	}
	if fewer {
		// A small table (a row per entity and name), and new versions are rare.
		if err := w.exec(`DELETE FROM entity_name_keys WHERE docs <= 0`); err != nil {
			return fmt.Errorf("count names: %w", err)
		}
	}
	*counts = nameCounts{}
	return nil
}

// listKey identifies a name list of an entity in the list cache.
func listKey(entity int64, names, keys string) string {
	return strconv.FormatInt(entity, 10) + "\x00" + names + "\x00" + keys
}

// jsonList is a list of names as name_lists stores it: a JSON array, without the HTML
// escapes json.Marshal adds (as the migration from entity_names writes it).
func jsonList(names []string) string {
	var b strings.Builder
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(names); err != nil {
		panic(err) // a []string always encodes
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (w *putTx) key(s string) string { return w.p.Key(w.s.Cfg, s) }

func (w *putTx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	q := w.s.q(query)
	if st := w.s.prepared.get(q); st != nil {
		// On a connection the statement is already prepared on (SQLite's one writer,
		// soon every connection of a PostgreSQL pool), binding it costs nothing.
		st = w.tx.StmtContext(w.ctx, st)
		w.stmts[query] = st
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare %q: %w", query, err)
	}
	w.stmts[query] = st
	return st, nil
}

func (w *putTx) exec(query string, args ...any) error {
	st, err := w.stmt(query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(w.ctx, args...)
	return err
}

func (w *putTx) query(query string, args []any, scan func(*sql.Rows) error) error {
	st, err := w.stmt(query)
	if err != nil {
		return err
	}
	rows, err := st.QueryContext(w.ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// chunk is the most rows one multi-row statement carries: well under every backend's
// limit on bound parameters. Statements carry a power of two rows up to it, so a table
// has seven statement texts whatever the row counts, each prepared once per store.
const chunk = 64

// insertRows inserts rows of len(cols) values each with as few statements as chunk
// allows. head is "INSERT INTO t (cols)"; tail follows the VALUES (ON CONFLICT,
// RETURNING); scan, if not nil, reads the rows RETURNING yields.
func (w *putTx) insertRows(head, tail string, cols int, rows [][]any, scan func(*sql.Rows) error) error {
	return w.insertRowsAs(head, "("+strings.Repeat("?, ", cols-1)+"?)", tail, rows, scan)
}

// insertRowsAs is insertRows with the VALUES row written out: row holds a "?" for each
// value of a row.
func (w *putTx) insertRowsAs(head, row, tail string, rows [][]any, scan func(*sql.Rows) error) error {
	for len(rows) > 0 {
		n := chunk
		for n > len(rows) {
			n /= 2
		}
		var b strings.Builder
		b.WriteString(head)
		b.WriteString(" VALUES ")
		args := make([]any, 0, n*len(rows[0]))
		for i, r := range rows[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(row)
			args = append(args, r...)
		}
		b.WriteString(" ")
		b.WriteString(tail)
		var err error
		if scan != nil {
			err = w.query(b.String(), args, scan)
		} else {
			err = w.exec(b.String(), args...)
		}
		if err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func (w *putTx) put() (bool, error) {
	res := &w.p.Result
	stored, doc, err := w.lookUp(res)
	if err != nil {
		return false, fmt.Errorf("put %s: %w", res.Doc, err)
	}
	if stored {
		return false, nil
	}
	if doc.pk == 0 {
		if err := writeNew([]*putTx{w}); err != nil {
			return false, err
		}
		return true, nil
	}
	w.doc = doc.pk
	if err := w.replace(res, now()); err != nil {
		return false, fmt.Errorf("put %s: replace the stored version: %w", res.Doc, err)
	}
	w.s.Cfg.Log().Debug("document replaced by a new version", "doc", res.Doc)
	if w.known != nil {
		delete(w.known.hashes, doc.hash)
		w.known.hashes[res.Hash] = true
		w.known.ids[res.Doc] = knownDoc{w.doc, res.Hash}
	}
	return true, writeContent([]*putTx{w})
}

// now is the time a document is stored: nanoseconds, not seconds, for with the content
// hash, ingested_at tells one stored version of a document from another (Relist relies
// on it).
func now() string { return time.Now().UTC().Format(time.RFC3339Nano) }

// writeNew inserts documents not stored before (of distinct ids and texts), with all
// they hold. The documents of a run share the transaction, the statements and the maps
// of entities and name lists of run[0].
func writeNew(run []*putTx) error {
	w0 := run[0]
	rows := make([][]any, len(run))
	byID := make(map[string]*putTx, len(run))
	for k, w := range run {
		res := &w.p.Result
		rows[k] = []any{res.Doc, res.Hash, null(res.URL), null(res.Source), null(res.Title), null(res.Published), null(res.Lang), res.Text, now()}
		byID[res.Doc] = w
	}
	if err := w0.insertRows(`INSERT INTO documents (id, hash, url, source, title, published, lang, text, ingested_at)`,
		`RETURNING id, pk`, 9, rows, func(r *sql.Rows) error {
			var id string
			var pk int64
			if err := r.Scan(&id, &pk); err != nil {
				return err
			}
			if w := byID[id]; w != nil {
				w.doc = pk
			}
			return nil
		}); err != nil {
		return fmt.Errorf("put %s: insert document: %w", w0.p.Result.Doc, err)
	}
	for _, w := range run {
		if w.doc == 0 {
			return fmt.Errorf("put %s: insert document: no pk returned", w.p.Result.Doc)
		}
		if w.known != nil {
			w.known.ids[w.p.Result.Doc] = knownDoc{w.doc, w.p.Result.Hash}
		}
	}
	return writeContent(run)
}

// writeContent writes what stored documents hold: their full-text index, entities, names
// and events.
func writeContent(run []*putTx) error {
	for _, w := range run {
		if err := w.index(); err != nil {
			return err
		}
	}
	ids, err := writeEntities(run)
	if err != nil {
		return fmt.Errorf("put %s: entities: %w", run[0].p.Result.Doc, err)
	}
	if err := writeEvents(run, ids); err != nil {
		return fmt.Errorf("put %s: events: %w", run[0].p.Result.Doc, err)
	}
	return nil
}

// lookUp tells whether the document's text is stored already, and if not, the stored
// version of the same document (pk 0 if none).
func (w *putTx) lookUp(res *extract.Result) (stored bool, doc knownDoc, err error) {
	known := w.known
	if known == nil {
		// a document on its own (in a savepoint): the batch's lookup for it alone
		if known, err = w.knownDocs([]store.Prepared{*w.p}, make([]store.PutOutcome, 1)); err != nil {
			return false, doc, err
		}
	}
	return known.hashes[res.Hash], known.ids[res.Doc], nil
}

// index adds the document to the full-text index (at the end of the batch if w.later).
func (w *putTx) index() error {
	row := []any{w.doc, w.p.Title, w.p.Body}
	if w.later != nil {
		w.later.index = append(w.later.index, row)
		return nil
	}
	if err := w.exec(w.s.D.IndexAdd(), row...); err != nil {
		return fmt.Errorf("put %s: index text: %w", w.p.Result.Doc, err)
	}
	return nil
}

func (w *putTx) replace(res *extract.Result, now string) error {
	// The version replaced may have been written by this batch, its rows still waiting:
	// they go in first, so that the deletes below find them.
	if w.later != nil {
		if err := w.writeLater(); err != nil {
			return err
		}
		if err := w.writeIndexLater(); err != nil {
			return err
		}
	}
	// The old version's names no longer count (counted with the new version's, in the
	// batch's counts or this document's).
	counts := w.names
	if counts == nil {
		counts = &nameCounts{}
	}
	if err := w.query(`SELECT l.entity_id, l.keys FROM doc_names d JOIN name_lists l ON l.id = d.list_id WHERE d.doc_pk = ?`,
		[]any{w.doc}, func(rows *sql.Rows) error {
			var id int64
			var js string
			if err := rows.Scan(&id, &js); err != nil {
				return err
			}
			var keys []string
			if err := json.Unmarshal([]byte(js), &keys); err != nil {
				return fmt.Errorf("name list of entity %d: %w", id, err)
			}
			for i, k := range keys {
				if !slices.Contains(keys[:i], k) {
					(*counts)[nameKey{k, id}]--
				}
			}
			return nil
		}); err != nil {
		return fmt.Errorf("names of the stored version: %w", err)
	}
	if w.names == nil {
		if err := w.countNames(counts); err != nil {
			return err
		}
	}
	// Figures, places and roles go with their events (ON DELETE CASCADE).
	for _, q := range []string{`DELETE FROM events WHERE doc_pk = ?`, `DELETE FROM doc_entities WHERE doc_pk = ?`,
		`DELETE FROM doc_names WHERE doc_pk = ?`, w.s.D.IndexDelete} {
		if err := w.exec(q, w.doc); err != nil {
			return err
		}
	}
	return w.exec(`UPDATE documents SET hash = ?, url = ?, source = ?, title = ?, published = ?,
			lang = ?, text = ?, ingested_at = ? WHERE pk = ?`,
		res.Hash, null(res.URL), null(res.Source), null(res.Title), null(res.Published), null(res.Lang), res.Text, now, w.doc)
}

// entityRow is one canonical entity as a document gives it.
type entityRow struct {
	key, typ, name, nameKey, country, lexID string
	lat, lon                                *float64
}

// docEntities are one document's entities as writeEntities reads them.
type docEntities struct {
	w     *putTx
	order []string              // the keys of its entities, first mentions first
	rows  map[string]*entityRow // by key
	// keys holds the key of each of the document's entities (event places aside), names
	// the names each mention gave its entity
	keys  []string
	names []docNames
}

type docNames struct {
	key   string
	names []string
}

// entitiesOf reads the canonical entities of a document's entities and event places.
func (w *putTx) entitiesOf() *docEntities {
	res := &w.p.Result
	d := &docEntities{w: w, rows: map[string]*entityRow{}, keys: make([]string, len(res.Entities))}
	add := func(typ, name, country string, lat, lon *float64, lexID string, ns []string) string {
		key := lexID
		if key == "" {
			key = typ + "|" + country + "|" + w.key(name)
		}
		if r, ok := d.rows[key]; ok {
			r.fill(country, lat, lon)
		} else {
			d.rows[key] = &entityRow{key: key, typ: typ, name: name, nameKey: w.key(name), country: country, lexID: lexID, lat: lat, lon: lon}
			d.order = append(d.order, key)
		}
		d.names = append(d.names, docNames{key, ns})
		return key
	}
	for i, e := range res.Entities {
		d.keys[i] = add(e.Type, e.Name, e.Country, e.Lat, e.Lon, e.ID, e.Names)
	}
	for _, ev := range res.Events {
		for _, pl := range ev.Places {
			add("place", pl.Name, pl.Country, pl.Lat, pl.Lon, pl.ID, pl.Names)
		}
	}
	return d
}

// fill completes an entity from a later mention: the first mention sets the entity, later
// ones fill only what is missing, as later documents do (the upsert's COALESCE).
func (r *entityRow) fill(country string, lat, lon *float64) {
	r.country = orElse(r.country, country)
	if r.lat == nil {
		r.lat, r.lon = lat, lon
	}
}

// writeEntities upserts the canonical entities of the documents' entities and event
// places, links each document to its entities and records the names it gave them, in a
// few statements for all the documents. It returns the entity ids by key.
func writeEntities(run []*putTx) (map[string]int64, error) {
	w0 := run[0]
	docs := make([]*docEntities, len(run))
	ids := map[string]int64{}
	// the entities to upsert, merged over the documents in their order: the values of
	// the first document to name one, completed by the others (one row per key, which a
	// multi-row upsert needs)
	merged := map[string]*entityRow{}
	var upsert []string
	for k, w := range run {
		d := w.entitiesOf()
		docs[k] = d
		for _, key := range d.order {
			r := d.rows[key]
			if m, ok := merged[key]; ok {
				m.fill(r.country, r.lat, r.lon)
				continue
			}
			// Most of a document's entities are already stored (the same places and
			// bodies recur in every article): those the cache knows, with nothing left
			// for this document to fill in, need no statement at all.
			if e, ok := w.s.entities.get(key); ok && (e.country || r.country == "") && (e.coords || r.lat == nil) {
				ids[key] = e.id
				continue
			}
			c := *r
			merged[key] = &c
			upsert = append(upsert, key)
		}
	}
	// In the order of their keys, as countNames writes its rows: two PostgreSQL writers
	// upserting the same entities lock their rows in the same order and never deadlock.
	slices.Sort(upsert)
	vals := make([][]any, 0, len(upsert))
	for _, key := range upsert {
		r := merged[key]
		vals = append(vals, []any{r.key, r.typ, r.name, r.nameKey, null(r.country), r.lat, r.lon, null(r.lexID)})
	}
	// DO UPDATE (not DO NOTHING) so that RETURNING yields the id of an existing row too.
	if err := w0.insertRows(`INSERT INTO entities (key, type, name, name_key, country, lat, lon, lexicon_id)`,
		`ON CONFLICT (key) DO UPDATE SET
			country = COALESCE(entities.country, excluded.country),
			lat = COALESCE(entities.lat, excluded.lat),
			lon = COALESCE(entities.lon, excluded.lon)
		RETURNING key, id, country IS NOT NULL, lat IS NOT NULL`, 8, vals, func(rows *sql.Rows) error {
			var k string
			var e cachedEntity
			if err := rows.Scan(&k, &e.id, &e.country, &e.coords); err != nil {
				return err
			}
			ids[k] = e.id
			w0.seen[k] = e
			return nil
		}); err != nil {
		return nil, err
	}

	vals = vals[:0]
	for _, d := range docs {
		for i, k := range d.keys {
			vals = append(vals, []any{d.w.doc, ids[k], i})
		}
	}
	if err := w0.insertLater(`INSERT INTO doc_entities (doc_pk, entity_id, ord)`, `ON CONFLICT DO NOTHING`, 3, vals); err != nil {
		return nil, err
	}
	if err := writeNames(docs, ids); err != nil {
		return nil, err
	}
	return ids, nil
}

// docList is the list of names a document gave one entity.
type docList struct {
	doc, entity int64
	names, keys []string
	key         string // listKey
}

// writeNames records the names each document gave each entity, each once, in the order
// given: one list per entity, stored once for all the documents that give the same
// (name_lists).
func writeNames(docs []*docEntities, ids map[string]int64) error {
	w0 := docs[0].w
	var all []docList
	for _, d := range docs {
		byEntity := map[int64]int{} // index in all
		for _, n := range d.names {
			id := ids[n.key]
			for _, name := range n.names {
				k, ok := byEntity[id]
				if !ok {
					k = len(all)
					byEntity[id] = k
					all = append(all, docList{doc: d.w.doc, entity: id})
				}
				l := &all[k]
				if !slices.Contains(l.names, name) {
					l.names = append(l.names, name)
					l.keys = append(l.keys, d.w.key(name))
				}
			}
		}
	}
	listIDs, err := w0.listIDs(all)
	if err != nil {
		return fmt.Errorf("name list: %w", err)
	}
	// Each folded name counts once per document in entity_name_keys, however many of its
	// spellings the document gave.
	counts := w0.names
	if counts == nil {
		counts = &nameCounts{}
	}
	vals := make([][]any, 0, len(all))
	for _, l := range all {
		vals = append(vals, []any{l.doc, l.entity, listIDs[l.key]})
		for i, k := range l.keys {
			if !slices.Contains(l.keys[:i], k) {
				(*counts)[nameKey{k, l.entity}]++
			}
		}
	}
	if err := w0.insertLater(`INSERT INTO doc_names (doc_pk, entity_id, list_id)`, ``, 3, vals); err != nil {
		return err
	}
	if w0.names == nil {
		return w0.countNames(counts)
	}
	return nil
}

// listIDs returns the ids of the name lists by listKey (setting each list's key), adding
// to name_lists those not there yet. Most lists recur (a lexicon entity's aliases): the
// cache knows them; the others are looked up, then added, in a few statements.
func (w *putTx) listIDs(all []docList) (map[string]int64, error) {
	ids := map[string]int64{}
	type want struct {
		entity      int64
		names, keys string
	}
	var missing []want
	for i := range all {
		l := &all[i]
		jn, jk := jsonList(l.names), jsonList(l.keys)
		l.key = listKey(l.entity, jn, jk)
		if _, ok := ids[l.key]; ok {
			continue
		}
		if id, ok := w.s.lists.get(l.key); ok {
			ids[l.key] = id
		} else if id, ok := w.lists[l.key]; ok {
			ids[l.key] = id
		} else {
			ids[l.key] = 0
			missing = append(missing, want{l.entity, jn, jk})
		}
	}
	if len(missing) == 0 {
		return ids, nil
	}
	found := func(rows *sql.Rows) error {
		var id, entity int64
		var names, keys string
		if err := rows.Scan(&id, &entity, &names, &keys); err != nil {
			return err
		}
		// the first of equal lists, as one lookup ordered by id found it
		if k := listKey(entity, names, keys); ids[k] == 0 || id < ids[k] {
			ids[k] = id
			w.lists[k] = id
		}
		return nil
	}
	for rest := missing; len(rest) > 0; {
		n := chunk
		for n > len(rest) {
			n /= 2
		}
		q := `SELECT id, entity_id, names, keys FROM name_lists WHERE ` +
			strings.Repeat(`(entity_id = ? AND names = ? AND keys = ?) OR `, n-1) + `(entity_id = ? AND names = ? AND keys = ?)`
		args := make([]any, 0, 3*n)
		for _, m := range rest[:n] {
			args = append(args, m.entity, m.names, m.keys)
		}
		if err := w.query(q, args, found); err != nil {
			return nil, err
		}
		rest = rest[n:]
	}
	var add [][]any
	for _, m := range missing {
		if ids[listKey(m.entity, m.names, m.keys)] == 0 {
			add = append(add, []any{m.entity, m.names, m.keys})
		}
	}
	if err := w.insertRows(`INSERT INTO name_lists (entity_id, names, keys)`, `RETURNING id, entity_id, names, keys`, 3, add, found); err != nil {
		return nil, err
	}
	return ids, nil
}

// writeEvents inserts the documents' events, with their places, roles and figures, in a
// few statements for all the documents.
func writeEvents(run []*putTx, entityIDs map[string]int64) error {
	w0 := run[0]
	var vals [][]any
	for _, w := range run {
		for i, ev := range w.p.Result.Events {
			var from, to any
			if ev.Date != nil {
				from, to = null(ev.Date.From), null(ev.Date.To)
				if ev.Date.To == "" {
					// An open end is read as the start day, month or year: "from" alone
					// still places the event in time for the date filters.
					to = from
				}
			}
			vals = append(vals, []any{w.doc, i, ev.Type, from, to, ev.Evidence.Start, ev.Evidence.End, ev.Evidence.Text})
		}
	}
	if len(vals) == 0 {
		return nil
	}
	type ref struct {
		doc int64
		ord int
	}
	ids := make(map[ref]int64, len(vals))
	if err := w0.insertRows(`INSERT INTO events (doc_pk, ord, type, date_from, date_to, evidence_start, evidence_end, evidence_text)`,
		`RETURNING doc_pk, ord, id`, 8, vals, func(rows *sql.Rows) error {
			var r ref
			var id int64
			if err := rows.Scan(&r.doc, &r.ord, &id); err != nil {
				return err
			}
			ids[r] = id
			return nil
		}); err != nil {
		return err
	}
	var places, roles, figures [][]any
	for _, w := range run {
		for i := range w.p.Result.Events {
			ev := &w.p.Result.Events[i]
			id := ids[ref{w.doc, i}]
			for j, pl := range ev.Places {
				key := pl.ID
				if key == "" {
					key = "place|" + pl.Country + "|" + w.key(pl.Name)
				}
				places = append(places, []any{id, j, entityIDs[key]})
			}
			for _, rl := range store.RoleLists(ev) {
				for j, v := range *rl.Values {
					roles = append(roles, []any{id, rl.Role, j, v})
				}
			}
			for key, f := range ev.Figures {
				q := f.Qualifier
				if q == "" {
					q = "exact" // the contract's default, stored explicitly so queries need not know it
				}
				figures = append(figures, []any{id, w.doc, key, f.Value, q, null(f.Unit), null(f.Item), f.Start, f.End})
			}
		}
	}
	if err := w0.insertLater(`INSERT INTO event_places (event_id, ord, entity_id)`, ``, 3, places); err != nil {
		return fmt.Errorf("places: %w", err)
	}
	if err := w0.insertLater(`INSERT INTO event_roles (event_id, role, ord, value)`, ``, 4, roles); err != nil {
		return fmt.Errorf("roles: %w", err)
	}
	if err := w0.insertLater(`INSERT INTO figures (event_id, doc_pk, key, value, qualifier, unit, item, span_start, span_end)`,
		``, 9, figures); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	return nil
}

func orElse(a, b string) string {
	if a == "" {
		return b
	}
	return a
}

// null stores an empty string as NULL: unknown, not "known to be empty".
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}
