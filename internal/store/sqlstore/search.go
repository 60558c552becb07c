package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"marsad/internal/store"
	"marsad/internal/store/search"
)

// Search implements store.Store.
func (s *Store) Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, error) {
	terms, err := q.Prepare()
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var filterArgs []any
	f := store.FilterSQL{Q: q, Key: s.Cfg.Key, Arg: func(v any) string { filterArgs = append(filterArgs, v); return "?" }}
	where := ""
	if c := f.Document(); c != "" {
		where = " AND " + c
	}
	args := append([]any{s.D.MatchArg(terms)}, filterArgs...)

	var hits []store.SearchHit
	err = s.read(ctx, "search "+q.Text, func(tx *sql.Tx) error {
		bound, order, offset := "", "score DESC, d.pk", q.Offset
		query := ""
		if w := q.RankWindow(); w > 0 && q.Offset+q.PageSize() <= w {
			query = s.newestWindow(where, w)
		} else if w > 0 {
			win, err := s.window(ctx, tx, where, args, w, q.PageSize(), q.Offset)
			if err != nil || win.empty {
				return err
			}
			bound, offset = win.cond, win.skip
			if win.tier != "" {
				order = win.tier + ", " + order
			}
		}
		if query == "" {
			query = "SELECT d.pk, " + s.D.SearchScore + " AS score " + s.D.SearchFrom + where + bound +
				" ORDER BY " + order + " LIMIT ? OFFSET ?"
		}
		rows, err := tx.QueryContext(ctx, s.q(query), append(args, q.PageSize(), offset)...)
		if err != nil {
			return err
		}
		var pks []int64
		for rows.Next() {
			var h store.SearchHit
			var pk int64
			if err := rows.Scan(&pk, &h.Score); err != nil {
				rows.Close()
				return err
			}
			pks = append(pks, pk)
			hits = append(hits, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(hits) == 0 {
			return nil
		}
		return s.fillHits(ctx, tx, f, terms, pks, hits)
	})
	if err != nil {
		return nil, err
	}
	if hits == nil {
		hits = []store.SearchHit{}
	}
	return hits, nil
}

// newestWindow is the query of a page that falls in the window of the w newest matches
// (the first pages, nearly every search): those matches, scored as the index yields them
// newest first, then ranked, in one statement. It gives what window's bounds give, the
// same rows in the same order, without first reading the index for the window's lower
// bound, and, when no filter needs the documents, without joining them: at a million
// documents that join was most of a search's time.
func (s *Store) newestWindow(where string, w int) string {
	from := s.D.SearchFrom
	if where == "" {
		from = s.D.SearchIndexFrom
	}
	key := s.D.SearchKey
	return "SELECT k, score FROM (SELECT " + key + " AS k, " + s.D.SearchScore + " AS score " + from + where +
		" ORDER BY " + key + " DESC LIMIT " + strconv.Itoa(w) + ") newest ORDER BY score DESC, k LIMIT ? OFFSET ?"
}

// rankWindow is how Search reaches one page of matches ranked in windows (SearchQuery.Window).
type rankWindow struct {
	cond  string // conditions on the index key that keep the windows the page falls in
	tier  string // the window of a row, 0 for the newest kept; "" when one window is kept
	skip  int    // the page's offset among the kept rows
	empty bool   // there are no more matches than the page's offset
}

// window finds the windows of w matches, newest stored first, that the page [offset,
// offset+limit) of a search falls in. The boundaries are keys of matches found by reading
// the index in descending key order with the same conditions as the search (where, args),
// which scores nothing: for the first page, one read of at most w keys. The keys are
// integers from the database, written into the SQL as literals.
func (s *Store) window(ctx context.Context, tx *sql.Tx, where string, args []any, w, limit, offset int) (rankWindow, error) {
	key, from := s.D.SearchKey, s.D.SearchFrom
	if where == "" {
		from = s.D.SearchIndexFrom
	}
	// at returns the key of the i-th most recently stored match (0 first), and false when
	// there are i matches or fewer.
	at := func(i int) (int64, bool, error) {
		var k int64
		err := tx.QueryRowContext(ctx, s.q("SELECT "+key+" "+from+where+
			" ORDER BY "+key+" DESC LIMIT 1 OFFSET "+strconv.Itoa(i)), args...).Scan(&k)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, false, nil
		}
		return k, err == nil, err
	}
	first, last := offset/w, (offset+limit-1)/w
	win := rankWindow{skip: offset - first*w}
	if first > 0 {
		hi, ok, err := at(first * w)
		if err != nil || !ok {
			return rankWindow{empty: true}, err
		}
		win.cond = fmt.Sprintf(" AND %s <= %d", key, hi)
	}
	var cases []string
	for k := first; k <= last; k++ {
		lo, ok, err := at((k+1)*w - 1)
		if err != nil {
			return win, err
		}
		if !ok {
			break // window k holds the oldest matches: no lower bound
		}
		if k == last {
			win.cond += fmt.Sprintf(" AND %s >= %d", key, lo)
			break
		}
		cases = append(cases, fmt.Sprintf("WHEN %s >= %d THEN %d", key, lo, k-first))
	}
	if len(cases) > 0 {
		win.tier = fmt.Sprintf("CASE %s ELSE %d END", strings.Join(cases, " "), len(cases))
	}
	return win, nil
}

// fillHits reads the documents of a page of hits, makes their snippets and lists their
// events that pass the filters.
func (s *Store) fillHits(ctx context.Context, tx *sql.Tx, f store.FilterSQL, terms []string, pks []int64, hits []store.SearchHit) error {
	at := make(map[int64]int, len(pks))
	for i, pk := range pks {
		at[pk] = i
	}
	in := inList(pks)
	if err := eachRow(ctx, tx, `SELECT pk, id, COALESCE(title, ''), COALESCE(url, ''), COALESCE(source, ''),
			COALESCE(published, ''), text FROM documents WHERE pk IN (`+in+`)`, func(rows *sql.Rows) error {
		var pk int64
		var d store.DocRef
		var text string
		if err := rows.Scan(&pk, &d.ID, &d.Title, &d.URL, &d.Source, &d.Published, &text); err != nil {
			return err
		}
		h := &hits[at[pk]]
		h.Doc = d
		h.Snippet = search.Snippet(text, terms, store.SnippetWords)
		h.Events = []store.StoredEvent{}
		return nil
	}); err != nil {
		return fmt.Errorf("documents: %w", err)
	}
	var args []any
	f.Arg = func(v any) string { args = append(args, v); return "?" }
	clause := `WHERE e.doc_pk IN (` + in + `)`
	if c := f.Event(); c != "" {
		clause += " AND " + c
	}
	evs, err := s.queryEvents(ctx, tx, false, 0, clause+` ORDER BY e.doc_pk, e.ord`, args...)
	if err != nil {
		return err
	}
	byDoc := make(map[string]int, len(hits))
	for i, h := range hits {
		byDoc[h.Doc.ID] = i
	}
	for _, e := range evs {
		h := &hits[byDoc[e.Doc.ID]]
		h.Events = append(h.Events, e)
	}
	return nil
}

// reindex rebuilds the search index when it was built by another analyzer version (or
// never, as right after the migration that created it). It runs in one transaction: a
// crash leaves the old index and version, and the next Open starts again.
func (s *Store) reindex(ctx context.Context) error {
	fail := func(err error) error {
		return fmt.Errorf("%s %s: rebuild the search index: %w", s.D.Name, s.Where, err)
	}
	var v string
	err := s.W.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'analyzer'`).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fail(err)
	}
	if v == search.Version {
		return nil
	}
	tx, err := s.W.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	if s.D.MigrationLock != "" {
		if _, err := tx.ExecContext(ctx, s.D.MigrationLock); err != nil {
			return fail(err)
		}
	}
	// Another process may have rebuilt it while this one waited for the lock.
	if err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'analyzer'`).Scan(&v); err == nil && v == search.Version {
		return nil
	}
	n, err := s.rebuild(ctx, tx)
	if err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO settings (key, value) VALUES ('analyzer', ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`), search.Version); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(fmt.Errorf("commit: %w", err))
	}
	if n > 0 {
		s.Cfg.Log().Info("search index rebuilt", "db", s.Where, "documents", n, "analyzer", search.Version)
	}
	return nil
}

func (s *Store) rebuild(ctx context.Context, tx *sql.Tx) (int, error) {
	if _, err := tx.ExecContext(ctx, s.D.IndexClear); err != nil {
		return 0, err
	}
	ins, err := tx.PrepareContext(ctx, s.q(s.D.IndexAdd()))
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	n := 0
	for last := int64(-1); ; {
		type doc struct {
			pk          int64
			title, text string
		}
		var page []doc
		if err := eachRow(ctx, tx, fmt.Sprintf(`SELECT pk, COALESCE(title, ''), text FROM documents
			WHERE pk > %d ORDER BY pk LIMIT 500`, last), func(rows *sql.Rows) error {
			var d doc
			if err := rows.Scan(&d.pk, &d.title, &d.text); err != nil {
				return err
			}
			page = append(page, d)
			return nil
		}); err != nil {
			return n, err
		}
		if len(page) == 0 {
			return n, nil
		}
		for _, d := range page {
			if _, err := ins.ExecContext(ctx, d.pk, search.Text(d.title), search.Text(d.text)); err != nil {
				return n, err
			}
			last = d.pk
			n++
		}
	}
}
