package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/search"
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

// PutBatch implements store.Store. Each Result is written inside a savepoint, so one that
// fails half-way is rolled back alone; the commit at the end makes the batch durable at
// once, which is where batching saves time: a commit writes and syncs the log.
func (s *Store) PutBatch(ctx context.Context, batch []extract.Result) ([]store.PutOutcome, error) {
	out := make([]store.PutOutcome, len(batch))
	// Analysis is the CPU-heavy part of indexing; it is done before the transaction
	// begins, so nobody waits on it for the write lock.
	index := make([][2]string, len(batch))
	todo := 0
	for i, res := range batch {
		if out[i].Err = store.Check(res); out[i].Err == nil {
			index[i] = [2]string{search.Text(res.Title), search.Text(res.Text)}
			todo++
		}
	}
	if todo == 0 {
		return out, nil
	}
	tx, err := s.W.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put %d documents: begin: %w", todo, err)
	}
	defer tx.Rollback()
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	changed := false
	for i, res := range batch {
		if out[i].Err != nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT doc`); err != nil {
			return nil, fmt.Errorf("put %s: savepoint: %w", res.Doc, err)
		}
		w := putTx{s: s, ctx: ctx, tx: tx, stmts: stmts, index: index[i]}
		out[i].Inserted, out[i].Err = w.put(res)
		if out[i].Err != nil {
			if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT doc`); err != nil {
				return nil, fmt.Errorf("put %s: roll back its savepoint: %w", res.Doc, err)
			}
		}
		if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT doc`); err != nil {
			return nil, fmt.Errorf("put %s: release its savepoint: %w", res.Doc, err)
		}
		changed = changed || out[i].Inserted
	}
	if !changed {
		return out, nil // nothing written: the deferred rollback ends the transaction
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put %d documents: commit: %w", todo, err)
	}
	return out, nil
}

// putTx writes one document inside a PutBatch transaction. Rows of one kind go in one
// multi-row statement each, so a document costs about ten statements whatever its size:
// on PostgreSQL each statement is a round trip.
type putTx struct {
	s   *Store
	ctx context.Context
	tx  *sql.Tx
	// stmts are the batch's prepared statements by query text: a batch runs the same
	// dozen statements for every document (multi-row inserts vary only by their row
	// count), and parsing each anew costs more than running it on SQLite.
	stmts map[string]*sql.Stmt
	doc   int64
	index [2]string // the analyzed title and text
}

func (w *putTx) stmt(query string) (*sql.Stmt, error) {
	if st, ok := w.stmts[query]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(w.ctx, w.s.q(query))
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

func (w *putTx) id(query string, args ...any) (int64, error) {
	var id int64
	found := false
	err := w.query(query, args, func(rows *sql.Rows) error {
		found = true
		return rows.Scan(&id)
	})
	if err == nil && !found {
		err = sql.ErrNoRows
	}
	return id, err
}

// chunk is the most rows one multi-row statement carries: well under every backend's
// limit on bound parameters, and few distinct statement texts to prepare.
const chunk = 100

// insertRows inserts rows of len(cols) values each with as few statements as chunk
// allows. head is "INSERT INTO t (cols)"; tail follows the VALUES (ON CONFLICT,
// RETURNING); scan, if not nil, reads the rows RETURNING yields.
func (w *putTx) insertRows(head, tail string, cols int, rows [][]any, scan func(*sql.Rows) error) error {
	for len(rows) > 0 {
		n := min(chunk, len(rows))
		var b strings.Builder
		b.WriteString(head)
		b.WriteString(" VALUES ")
		row := "(" + strings.Repeat("?, ", cols-1) + "?)"
		args := make([]any, 0, n*cols)
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

func (w *putTx) put(res extract.Result) (bool, error) {
	if _, err := w.id(`SELECT pk FROM documents WHERE hash = ?`, res.Hash); err == nil {
		return false, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("put %s: look up hash: %w", res.Doc, err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	doc, err := w.id(`SELECT pk FROM documents WHERE id = ?`, res.Doc)
	switch {
	case err == nil:
		w.doc = doc
		if err := w.replace(res, now); err != nil {
			return false, fmt.Errorf("put %s: replace the stored version: %w", res.Doc, err)
		}
		w.s.Cfg.Log().Debug("document replaced by a new version", "doc", res.Doc)
	case errors.Is(err, sql.ErrNoRows):
		w.doc, err = w.id(`INSERT INTO documents (id, hash, url, source, title, published, lang, text, ingested_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk`,
			res.Doc, res.Hash, null(res.URL), null(res.Source), null(res.Title), null(res.Published), null(res.Lang), res.Text, now)
		if err != nil {
			return false, fmt.Errorf("put %s: insert document: %w", res.Doc, err)
		}
	default:
		return false, fmt.Errorf("put %s: look up id: %w", res.Doc, err)
	}
	if err := w.exec(w.s.D.IndexAdd, w.doc, w.index[0], w.index[1]); err != nil {
		return false, fmt.Errorf("put %s: index text: %w", res.Doc, err)
	}
	ids, err := w.entities(res)
	if err != nil {
		return false, fmt.Errorf("put %s: entities: %w", res.Doc, err)
	}
	if err := w.events(res, ids); err != nil {
		return false, fmt.Errorf("put %s: events: %w", res.Doc, err)
	}
	return true, nil
}

func (w *putTx) replace(res extract.Result, now string) error {
	// Figures, places and roles go with their events (ON DELETE CASCADE).
	for _, q := range []string{`DELETE FROM events WHERE doc_pk = ?`, `DELETE FROM doc_entities WHERE doc_pk = ?`,
		`DELETE FROM entity_names WHERE doc_pk = ?`, w.s.D.IndexDelete} {
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
	key, typ, name, country, lexID string
	lat, lon                       *float64
}

// entities upserts the canonical entities of the document's entities and event places,
// links the document to its entities and records the names it gave them. It returns the
// entity ids by key.
func (w *putTx) entities(res extract.Result) (map[string]int64, error) {
	var order []string
	rows := map[string]*entityRow{}
	type named struct {
		key   string
		names []string
	}
	var names []named
	add := func(typ, name, country string, lat, lon *float64, lexID string, ns []string) string {
		key := lexID
		if key == "" {
			key = typ + "|" + country + "|" + w.s.Cfg.Key(name)
		}
		if r, ok := rows[key]; ok {
			// The first mention sets the entity; later ones fill only what is missing,
			// as later documents do (the upsert's COALESCE).
			r.country = orElse(r.country, country)
			if r.lat == nil {
				r.lat, r.lon = lat, lon
			}
		} else {
			rows[key] = &entityRow{key: key, typ: typ, name: name, country: country, lexID: lexID, lat: lat, lon: lon}
			order = append(order, key)
		}
		names = append(names, named{key, ns})
		return key
	}
	docKeys := make([]string, len(res.Entities))
	for i, e := range res.Entities {
		docKeys[i] = add(e.Type, e.Name, e.Country, e.Lat, e.Lon, e.ID, e.Names)
	}
	for _, ev := range res.Events {
		for _, pl := range ev.Places {
			add("place", pl.Name, pl.Country, pl.Lat, pl.Lon, pl.ID, pl.Names)
		}
	}
	ids := make(map[string]int64, len(rows))
	if len(order) == 0 {
		return ids, nil
	}
	vals := make([][]any, len(order))
	for i, k := range order {
		r := rows[k]
		vals[i] = []any{r.key, r.typ, r.name, w.s.Cfg.Key(r.name), null(r.country), r.lat, r.lon, null(r.lexID)}
	}
	// DO UPDATE (not DO NOTHING) so that RETURNING yields the id of an existing row too.
	if err := w.insertRows(`INSERT INTO entities (key, type, name, name_key, country, lat, lon, lexicon_id)`,
		`ON CONFLICT (key) DO UPDATE SET
			country = COALESCE(entities.country, excluded.country),
			lat = COALESCE(entities.lat, excluded.lat),
			lon = COALESCE(entities.lon, excluded.lon)
		RETURNING key, id`, 8, vals, func(rows *sql.Rows) error {
			var k string
			var id int64
			if err := rows.Scan(&k, &id); err != nil {
				return err
			}
			ids[k] = id
			return nil
		}); err != nil {
		return nil, err
	}

	vals = vals[:0]
	for i, k := range docKeys {
		vals = append(vals, []any{w.doc, ids[k], i})
	}
	if err := w.insertRows(`INSERT INTO doc_entities (doc_pk, entity_id, ord)`, `ON CONFLICT DO NOTHING`, 3, vals, nil); err != nil {
		return nil, err
	}
	vals = vals[:0]
	ord := map[int64]int{}
	for _, n := range names {
		id := ids[n.key]
		for _, name := range n.names {
			vals = append(vals, []any{id, w.doc, name, w.s.Cfg.Key(name), ord[id]})
			ord[id]++
		}
	}
	if err := w.insertRows(`INSERT INTO entity_names (entity_id, doc_pk, name, name_key, ord)`, `ON CONFLICT DO NOTHING`, 5, vals, nil); err != nil {
		return nil, err
	}
	return ids, nil
}

func (w *putTx) events(res extract.Result, entityIDs map[string]int64) error {
	if len(res.Events) == 0 {
		return nil
	}
	vals := make([][]any, len(res.Events))
	for i, ev := range res.Events {
		var from, to any
		if ev.Date != nil {
			from, to = null(ev.Date.From), null(ev.Date.To)
			if ev.Date.To == "" {
				// An open end is read as the start day, month or year: "from" alone still
				// places the event in time for the date filters.
				to = from
			}
		}
		vals[i] = []any{w.doc, i, ev.Type, from, to, ev.Evidence.Start, ev.Evidence.End, ev.Evidence.Text}
	}
	ids := make([]int64, len(res.Events))
	if err := w.insertRows(`INSERT INTO events (doc_pk, ord, type, date_from, date_to, evidence_start, evidence_end, evidence_text)`,
		`RETURNING ord, id`, 8, vals, func(rows *sql.Rows) error {
			var ord int
			var id int64
			if err := rows.Scan(&ord, &id); err != nil {
				return err
			}
			ids[ord] = id
			return nil
		}); err != nil {
		return err
	}
	var places, roles, figures [][]any
	for i := range res.Events {
		ev := &res.Events[i]
		for j, pl := range ev.Places {
			key := pl.ID
			if key == "" {
				key = "place|" + pl.Country + "|" + w.s.Cfg.Key(pl.Name)
			}
			places = append(places, []any{ids[i], j, entityIDs[key]})
		}
		for _, rl := range store.RoleLists(ev) {
			for j, v := range *rl.Values {
				roles = append(roles, []any{ids[i], rl.Role, j, v})
			}
		}
		for key, f := range ev.Figures {
			q := f.Qualifier
			if q == "" {
				q = "exact" // the contract's default, stored explicitly so queries need not know it
			}
			figures = append(figures, []any{ids[i], w.doc, key, f.Value, q, null(f.Unit), null(f.Item), f.Start, f.End})
		}
	}
	if err := w.insertRows(`INSERT INTO event_places (event_id, ord, entity_id)`, ``, 3, places, nil); err != nil {
		return fmt.Errorf("places: %w", err)
	}
	if err := w.insertRows(`INSERT INTO event_roles (event_id, role, ord, value)`, ``, 4, roles, nil); err != nil {
		return fmt.Errorf("roles: %w", err)
	}
	if err := w.insertRows(`INSERT INTO figures (event_id, doc_pk, key, value, qualifier, unit, item, span_start, span_end)`,
		``, 9, figures, nil); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	return nil
}

// orElse returns a, or b when a is empty.
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
