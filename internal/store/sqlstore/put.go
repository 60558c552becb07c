package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/store"
	"marsad/internal/store/search"
)

// putStmts are the statements of Put, prepared once on the writer connection: a document
// runs a hundred or so of them, and parsing each anew would cost more than executing it.
type putStmts struct {
	docByHash, docByID, insertDoc, updateDoc                     *sql.Stmt
	clearEvents, clearDocEntities, clearNames, ftsDelete, ftsAdd *sql.Stmt
	upsertEntity, addDocEntity, addName                          *sql.Stmt
	addEvent, addPlace, addRole, addFigure                       *sql.Stmt
}

func preparePut(ctx context.Context, db *sql.DB) (*putStmts, error) {
	p := &putStmts{}
	for _, s := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&p.docByHash, `SELECT pk FROM documents WHERE hash = ?`},
		{&p.docByID, `SELECT pk FROM documents WHERE id = ?`},
		{&p.insertDoc, `INSERT INTO documents (id, hash, url, source, title, published, lang, text, ingested_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk`},
		{&p.updateDoc, `UPDATE documents SET hash = ?, url = ?, source = ?, title = ?, published = ?,
			lang = ?, text = ?, ingested_at = ? WHERE pk = ?`},
		// Figures, places and roles go with their events (ON DELETE CASCADE).
		{&p.clearEvents, `DELETE FROM events WHERE doc_pk = ?`},
		{&p.clearDocEntities, `DELETE FROM doc_entities WHERE doc_pk = ?`},
		{&p.clearNames, `DELETE FROM entity_names WHERE doc_pk = ?`},
		{&p.ftsDelete, `DELETE FROM search_fts WHERE rowid = ?`},
		{&p.ftsAdd, `INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)`},
		// The first document to give coordinates or a country sets them; later ones fill
		// only what is missing. DO UPDATE (not DO NOTHING) so RETURNING yields the id of an
		// existing row too.
		{&p.upsertEntity, `INSERT INTO entities (key, type, name, name_key, country, lat, lon, lexicon_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET
				country = COALESCE(entities.country, excluded.country),
				lat = COALESCE(entities.lat, excluded.lat),
				lon = COALESCE(entities.lon, excluded.lon)
			RETURNING id`},
		{&p.addDocEntity, `INSERT INTO doc_entities (doc_pk, entity_id, ord) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`},
		{&p.addName, `INSERT INTO entity_names (entity_id, doc_pk, name, name_key, ord) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`},
		{&p.addEvent, `INSERT INTO events (doc_pk, ord, type, date_from, date_to, evidence_start, evidence_end, evidence_text)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`},
		{&p.addPlace, `INSERT INTO event_places (event_id, ord, entity_id) VALUES (?, ?, ?)`},
		{&p.addRole, `INSERT INTO event_roles (event_id, role, ord, value) VALUES (?, ?, ?, ?)`},
		{&p.addFigure, `INSERT INTO figures (event_id, doc_pk, key, value, qualifier, unit, item, span_start, span_end)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`},
	} {
		st, err := db.PrepareContext(ctx, s.sql)
		if err != nil {
			p.close()
			return nil, fmt.Errorf("prepare %q: %w", s.sql, err)
		}
		*s.dst = st
	}
	return p, nil
}

func (p *putStmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{p.docByHash, p.docByID, p.insertDoc, p.updateDoc, p.clearEvents,
		p.clearDocEntities, p.clearNames, p.ftsDelete, p.ftsAdd, p.upsertEntity, p.addDocEntity,
		p.addName, p.addEvent, p.addPlace, p.addRole, p.addFigure} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

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
// once, which is where batching saves time: a commit writes and syncs the WAL.
func (s *Store) PutBatch(ctx context.Context, batch []extract.Result) ([]store.PutOutcome, error) {
	out := make([]store.PutOutcome, len(batch))
	// Analysis is the CPU-heavy part of indexing; it is done before the write lock is
	// taken, so readers and other writers wait only for the database work.
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
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put %d documents: begin: %w", todo, err)
	}
	defer tx.Rollback()
	changed := false
	for i, res := range batch {
		if out[i].Err != nil {
			continue
		}
		if _, err := tx.ExecContext(ctx, `SAVEPOINT doc`); err != nil {
			return nil, fmt.Errorf("put %s: savepoint: %w", res.Doc, err)
		}
		w := putTx{ctx: ctx, tx: tx, p: s.put, cfg: s.cfg, index: index[i]}
		out[i].Inserted, out[i].Err = w.put(res)
		release := `RELEASE doc`
		if out[i].Err != nil {
			release = `ROLLBACK TO doc; RELEASE doc`
		}
		if _, err := tx.ExecContext(ctx, release); err != nil {
			return nil, fmt.Errorf("put %s: %s: %w", res.Doc, release, err)
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

// putTx is one Put's transaction.
type putTx struct {
	ctx context.Context
	tx  *sql.Tx
	p   *putStmts
	cfg store.Config
	doc int64
	// index is the analyzed title and text (search.Text).
	index [2]string
	// names counts the aliases written per entity, for their order.
	names map[int64]int
}

func (w *putTx) exec(st *sql.Stmt, args ...any) error {
	_, err := w.tx.StmtContext(w.ctx, st).ExecContext(w.ctx, args...)
	return err
}

func (w *putTx) id(st *sql.Stmt, args ...any) (int64, error) {
	var id int64
	err := w.tx.StmtContext(w.ctx, st).QueryRowContext(w.ctx, args...).Scan(&id)
	return id, err
}

func (w *putTx) put(res extract.Result) (bool, error) {
	if _, err := w.id(w.p.docByHash, res.Hash); err == nil {
		return false, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("put %s: look up hash: %w", res.Doc, err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	doc, err := w.id(w.p.docByID, res.Doc)
	switch {
	case err == nil:
		w.doc = doc
		if err := w.replace(res, now); err != nil {
			return false, fmt.Errorf("put %s: replace the stored version: %w", res.Doc, err)
		}
		w.cfg.Log().Debug("document replaced by a new version", "doc", res.Doc)
	case errors.Is(err, sql.ErrNoRows):
		w.doc, err = w.id(w.p.insertDoc, res.Doc, res.Hash, null(res.URL), null(res.Source), null(res.Title),
			null(res.Published), null(res.Lang), res.Text, now)
		if err != nil {
			return false, fmt.Errorf("put %s: insert document: %w", res.Doc, err)
		}
	default:
		return false, fmt.Errorf("put %s: look up id: %w", res.Doc, err)
	}
	if err := w.exec(w.p.ftsAdd, w.doc, w.index[0], w.index[1]); err != nil {
		return false, fmt.Errorf("put %s: index text: %w", res.Doc, err)
	}
	w.names = map[int64]int{}
	for i, e := range res.Entities {
		id, err := w.entity(e.Type, e.Name, e.Country, e.Lat, e.Lon, e.ID, e.Names)
		if err != nil {
			return false, fmt.Errorf("put %s: entity %q: %w", res.Doc, e.Name, err)
		}
		if err := w.exec(w.p.addDocEntity, w.doc, id, i); err != nil {
			return false, fmt.Errorf("put %s: entity %q: %w", res.Doc, e.Name, err)
		}
	}
	for i := range res.Events {
		if err := w.event(i, &res.Events[i]); err != nil {
			return false, fmt.Errorf("put %s: event %d (%s): %w", res.Doc, i, res.Events[i].Type, err)
		}
	}
	return true, nil
}

func (w *putTx) replace(res extract.Result, now string) error {
	for _, st := range []*sql.Stmt{w.p.clearEvents, w.p.clearDocEntities, w.p.clearNames, w.p.ftsDelete} {
		if err := w.exec(st, w.doc); err != nil {
			return err
		}
	}
	return w.exec(w.p.updateDoc, res.Hash, null(res.URL), null(res.Source), null(res.Title),
		null(res.Published), null(res.Lang), res.Text, now, w.doc)
}

// entity finds or creates the canonical entity and records the names this document gave it.
func (w *putTx) entity(typ, name, country string, lat, lon *float64, lexID string, names []string) (int64, error) {
	nameKey := w.cfg.Key(name)
	key := lexID
	if key == "" {
		key = typ + "|" + country + "|" + nameKey
	}
	id, err := w.id(w.p.upsertEntity, key, typ, name, nameKey, null(country), lat, lon, null(lexID))
	if err != nil {
		return 0, err
	}
	for _, n := range names {
		if err := w.exec(w.p.addName, id, w.doc, n, w.cfg.Key(n), w.names[id]); err != nil {
			return 0, err
		}
		w.names[id]++
	}
	return id, nil
}

func (w *putTx) event(ord int, ev *event.Event) error {
	var from, to any
	if ev.Date != nil {
		from, to = null(ev.Date.From), null(ev.Date.To)
		if ev.Date.To == "" {
			// An open end is read as the start day, month or year: "from" alone still
			// places the event in time for the year filter.
			to = from
		}
	}
	id, err := w.id(w.p.addEvent, w.doc, ord, ev.Type, from, to,
		ev.Evidence.Start, ev.Evidence.End, ev.Evidence.Text)
	if err != nil {
		return err
	}
	for i, pl := range ev.Places {
		pid, err := w.entity("place", pl.Name, pl.Country, pl.Lat, pl.Lon, pl.ID, pl.Names)
		if err != nil {
			return fmt.Errorf("place %q: %w", pl.Name, err)
		}
		if err := w.exec(w.p.addPlace, id, i, pid); err != nil {
			return fmt.Errorf("place %q: %w", pl.Name, err)
		}
	}
	for _, rl := range store.RoleLists(ev) {
		for i, v := range *rl.Values {
			if err := w.exec(w.p.addRole, id, rl.Role, i, v); err != nil {
				return fmt.Errorf("%s %q: %w", rl.Role, v, err)
			}
		}
	}
	for key, f := range ev.Figures {
		q := f.Qualifier
		if q == "" {
			q = "exact" // the contract's default, stored explicitly so queries need not know it
		}
		if err := w.exec(w.p.addFigure, id, w.doc, key, f.Value, q, null(f.Unit), null(f.Item),
			f.Start, f.End); err != nil {
			return fmt.Errorf("figure %s: %w", key, err)
		}
	}
	return nil
}

// null stores an empty string as NULL: unknown, not "known to be empty".
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}
