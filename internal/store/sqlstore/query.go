package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"marsad/internal/event"
	"marsad/internal/extract"
	"marsad/internal/store"
)

// Get implements store.Store.
func (s *Store) Get(ctx context.Context, docID string) (extract.Result, error) {
	var res extract.Result
	err := s.read(ctx, "get document "+docID, func(tx *sql.Tx) error {
		var pk int64
		err := tx.QueryRowContext(ctx, s.q(`SELECT pk, id, hash, COALESCE(url, ''), COALESCE(source, ''),
			COALESCE(title, ''), COALESCE(published, ''), COALESCE(lang, ''), text
			FROM documents WHERE id = ?`), docID).Scan(&pk, &res.Doc, &res.Hash, &res.URL, &res.Source,
			&res.Title, &res.Published, &res.Lang, &res.Text)
		if errors.Is(err, sql.ErrNoRows) {
			return store.ErrNotFound
		}
		if err != nil {
			return err
		}
		if res.Entities, err = s.docEntities(ctx, tx, pk); err != nil {
			return err
		}
		evs, err := s.queryEvents(ctx, tx, false, 0, `WHERE e.doc_pk = ? ORDER BY e.ord`, pk)
		if err != nil {
			return err
		}
		res.Events = make([]event.Event, len(evs))
		for i := range evs {
			res.Events[i] = evs[i].Event
		}
		return nil
	})
	return res, err
}

func (s *Store) docEntities(ctx context.Context, tx *sql.Tx, pk int64) ([]event.Entity, error) {
	rows, err := tx.QueryContext(ctx, s.q(`SELECT e.type, e.name, COALESCE(e.country, ''), e.lat, e.lon,
			COALESCE(e.lexicon_id, ''), l.names
		FROM doc_entities de
		JOIN entities e ON e.id = de.entity_id
		LEFT JOIN doc_names dn ON dn.doc_pk = de.doc_pk AND dn.entity_id = de.entity_id
		LEFT JOIN name_lists l ON l.id = dn.list_id
		WHERE de.doc_pk = ?
		ORDER BY de.ord`), pk)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer rows.Close()
	ents := []event.Entity{}
	for rows.Next() {
		var e event.Entity
		var lat, lon sql.NullFloat64
		var names sql.NullString
		if err := rows.Scan(&e.Type, &e.Name, &e.Country, &lat, &lon, &e.ID, &names); err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
		e.Lat, e.Lon = ptr(lat), ptr(lon)
		if e.Names, err = nameList(names, nil); err != nil {
			return nil, fmt.Errorf("entities: %w", err)
		}
		ents = append(ents, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return ents, nil
}

// nameList reads a list of name_lists.names: nil when there is none (NULL), each name
// shared through sh when sh is not nil.
func nameList(js sql.NullString, sh strs) ([]string, error) {
	if !js.Valid {
		return nil, nil
	}
	var names []string
	if err := json.Unmarshal([]byte(js.String), &names); err != nil {
		return nil, fmt.Errorf("name list: %w", err)
	}
	if sh != nil {
		for i, n := range names {
			names[i] = sh.of(n)
		}
	}
	return names, nil
}

func ptr(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}

// Events implements store.Store.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]store.StoredEvent, error) {
	var where []string
	var args []any
	if f.Type != "" {
		where = append(where, `e.type = ?`)
		args = append(args, f.Type)
	}
	if f.Year != 0 {
		// Bounds are YYYY, YYYY-MM or YYYY-MM-DD, which compare as strings: a period overlaps
		// year Y when it starts on or before Y-12-31 and ends in Y or later.
		y := fmt.Sprintf("%04d", f.Year)
		where = append(where, `e.date_from <= ? AND e.date_to >= ?`)
		args = append(args, y+"-12-31", y)
	}
	if f.Place != "" {
		k := s.Cfg.Key(f.Place)
		// The entity set is computed first, from the entities' own names and the names
		// documents gave them (entity_name_keys: one row per entity and folded name that
		// some stored document gave it), then the events of those places.
		where = append(where, `e.id IN (
			SELECT event_id FROM event_places WHERE entity_id IN (
				SELECT id FROM entities WHERE name_key = ?
				UNION
				SELECT entity_id FROM entity_name_keys WHERE name_key = ?))`)
		args = append(args, k, k)
	}
	q := ""
	if len(where) > 0 {
		q = "WHERE " + strings.Join(where, " AND ")
	}
	filter, filterArgs := q, args
	q += ` ORDER BY e.date_from IS NULL, e.date_from, e.id`
	if f.Limit > 0 || f.Offset > 0 {
		var limit any = f.Limit
		if f.Limit <= 0 {
			limit = s.D.NoLimit
		}
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, max(f.Offset, 0))
	}
	var evs []store.StoredEvent
	err := s.read(ctx, "list events", func(tx *sql.Tx) error {
		size := 0
		if f.Light {
			// A light listing is the long one: sized at once, its array is not copied as
			// it grows (at a million documents each copy was 100 MB).
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM events e `+filter), filterArgs...).Scan(&size); err != nil {
				return fmt.Errorf("count events: %w", err)
			}
			size = max(0, size-max(f.Offset, 0))
			if f.Limit > 0 {
				size = min(size, f.Limit)
			}
		}
		var err error
		evs, err = s.queryEvents(ctx, tx, f.Light, size, q, args...)
		return err
	})
	return evs, err
}

// Evidence implements store.Store: two lookups by key per chunk of ids, not the four
// queries and joins of a whole listing (an event page waits for them).
func (s *Store) Evidence(ctx context.Context, ids []int64) (map[int64]store.Evidence, error) {
	out := make(map[int64]store.Evidence, len(ids))
	err := s.read(ctx, "read evidence", func(tx *sql.Tx) error {
		for rest := ids; len(rest) > 0; {
			n := min(500, len(rest))
			in := inList(rest[:n])
			if err := eachRow(ctx, tx, `SELECT id, evidence_text FROM events WHERE id IN (`+in+`)`, func(rows *sql.Rows) error {
				var id int64
				var ev store.Evidence
				if err := rows.Scan(&id, &ev.Sentence); err != nil {
					return err
				}
				out[id] = ev
				return nil
			}); err != nil {
				return fmt.Errorf("evidence: %w", err)
			}
			if err := eachRow(ctx, tx, `SELECT event_id, key, span_start, span_end FROM figures WHERE event_id IN (`+in+`)`, func(rows *sql.Rows) error {
				var id int64
				var key string
				var sp store.FigureSpan
				if err := rows.Scan(&id, &key, &sp.Start, &sp.End); err != nil {
					return err
				}
				ev, ok := out[id]
				if !ok {
					return nil
				}
				if ev.Figures == nil {
					ev.Figures = map[string]store.FigureSpan{}
					out[id] = ev
				}
				ev.Figures[key] = sp
				return nil
			}); err != nil {
				return fmt.Errorf("figure spans: %w", err)
			}
			rest = rest[n:]
		}
		return nil
	})
	return out, err
}

// queryEvents reads the events a WHERE/ORDER clause selects, then their figures, places and
// roles in a few batched queries rather than three per event. A light listing is one
// store.EventFilter.Light describes; size is how many events to make room for (0: unknown).
func (s *Store) queryEvents(ctx context.Context, tx *sql.Tx, light bool, size int, clause string, args ...any) ([]store.StoredEvent, error) {
	return newLister(light).query(ctx, s, tx, size, clause, args...)
}

// lister reads events in one or more queries whose events share their strings, periods,
// figure sets, place lists and document references.
type lister struct {
	sh   *shared
	docs map[string]*store.DocRef
}

func newLister(light bool) *lister {
	return &lister{sh: newShared(light), docs: map[string]*store.DocRef{}}
}

// query is queryEvents with the lister's shared values.
func (l *lister) query(ctx context.Context, s *Store, tx *sql.Tx, size int, clause string, args ...any) ([]store.StoredEvent, error) {
	sh, docs := l.sh, l.docs
	textCol := "e.evidence_text"
	if sh.light {
		textCol = "''"
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT e.id, e.type, COALESCE(e.date_from, ''), COALESCE(e.date_to, ''),
			e.evidence_start, e.evidence_end, `+textCol+`,
			d.id, COALESCE(d.title, ''), COALESCE(d.url, ''), COALESCE(d.source, ''), COALESCE(d.published, '')
		FROM events e JOIN documents d ON d.pk = e.doc_pk `+clause), args...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	defer rows.Close()
	evs := make([]store.StoredEvent, 0, size)
	for rows.Next() {
		var se store.StoredEvent
		var from, to string
		var d store.DocRef
		ev := &se.Event
		if err := rows.Scan(&se.ID, &ev.Type, &from, &to, &ev.Evidence.Start, &ev.Evidence.End, &ev.Evidence.Text,
			&d.ID, &d.Title, &d.URL, &d.Source, &d.Published); err != nil {
			return nil, fmt.Errorf("events: %w", err)
		}
		ev.Type = sh.of(ev.Type)
		if se.Doc = docs[d.ID]; se.Doc == nil {
			d.Title, d.URL, d.Source, d.Published = sh.of(d.Title), sh.of(d.URL), sh.of(d.Source), sh.of(d.Published)
			se.Doc = &d
			docs[d.ID] = se.Doc
		}
		if from != "" || to != "" {
			ev.Date = sh.period(from, to)
		}
		// Lists are never nil: the contract prints them as [] when empty.
		ev.Places, ev.Actors, ev.Participants, ev.Partners, ev.Affiliations =
			[]event.Place{}, []string{}, []string{}, []string{}, []string{}
		evs = append(evs, se)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	rows.Close()
	// IN lists are inlined, in chunks that keep each query of a sane length.
	byID := make(map[int64]*event.Event, 500)
	ids := make([]int64, 0, 500)
	for rest := evs; len(rest) > 0; {
		n := min(500, len(rest))
		clear(byID)
		ids = ids[:0]
		for i := range rest[:n] {
			byID[rest[i].ID] = &rest[i].Event
			ids = append(ids, rest[i].ID)
		}
		if err := eventDetails(ctx, tx, ids, byID, sh); err != nil {
			return nil, err
		}
		rest = rest[n:]
	}
	return evs, nil
}

// strs shares equal strings among the rows of one listing: types, dates, sources, place
// names, actors and figure keys repeat across events, and a listing of every event (the
// server's resolved view) would otherwise hold one copy per row.
type strs map[string]string

func (m strs) of(s string) string {
	if v, ok := m[s]; ok {
		return v
	}
	m[s] = s
	return s
}

// shared is what the events of one listing share. Every listing shares equal strings; a
// light one also shares equal periods, figure sets, place lists and name lists among its
// events (they are read-only there): in the server's view of a million documents each was
// a tenth of its memory or more, and most events give the same few.
type shared struct {
	strs
	light   bool
	periods map[event.Period]*event.Period
	figs    map[string]map[string]event.Figure
	places  map[string][]event.Place
	names   map[string][]string
	key     []byte
}

func newShared(light bool) *shared {
	sh := &shared{strs: strs{}, light: light}
	if light {
		sh.periods = map[event.Period]*event.Period{}
		sh.figs = map[string]map[string]event.Figure{}
		sh.names = map[string][]string{}
		sh.places = map[string][]event.Place{}
	}
	return sh
}

func (sh *shared) period(from, to string) *event.Period {
	p := event.Period{From: sh.of(from), To: sh.of(to)}
	if !sh.light {
		return &p
	}
	if q, ok := sh.periods[p]; ok {
		return q
	}
	sh.periods[p] = &p
	return &p
}

// figures returns a figure set equal to m that a light listing's events share. Its figures
// have no offsets (zeroed when read), so equal sets are common.
func (sh *shared) figures(m map[string]event.Figure) map[string]event.Figure {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b := sh.key[:0]
	for _, k := range keys {
		f := m[k]
		b = fmt.Appendf(b, "%s\x00%v\x00%s\x00%s\x00%s\x01", k, f.Value, f.Qualifier, f.Unit, f.Item)
	}
	sh.key = b
	if o, ok := sh.figs[string(b)]; ok {
		return o
	}
	sh.figs[string(b)] = m
	return m
}

// placeList returns a list of places equal to ps that a light listing's events share:
// most events name one of a few places, each with the names its document gave it.
func (sh *shared) placeList(ps []event.Place) []event.Place {
	b := sh.key[:0]
	for _, p := range ps {
		b = fmt.Appendf(b, "%s\x00%s\x00%s\x00%v\x00%v\x00%q\x01", p.Name, p.Country, p.ID, deref(p.Lat), deref(p.Lon), p.Names)
	}
	sh.key = b
	if o, ok := sh.places[string(b)]; ok {
		return o
	}
	sh.places[string(b)] = ps
	return ps
}

// deref writes an optional coordinate into a key: "<nil>" when absent.
func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// nameList reads a list of names as nameList does, shared among a light listing's places.
func (sh *shared) nameList(js sql.NullString) ([]string, error) {
	if !sh.light || !js.Valid {
		return nameList(js, sh.strs)
	}
	if l, ok := sh.names[js.String]; ok {
		return l, nil
	}
	l, err := nameList(js, sh.strs)
	if err == nil {
		sh.names[js.String] = l
	}
	return l, err
}

func eventDetails(ctx context.Context, tx *sql.Tx, ids []int64, byID map[int64]*event.Event, sh *shared) error {
	in := inList(ids)
	if err := eachRow(ctx, tx, `SELECT event_id, key, value, qualifier, COALESCE(unit, ''), COALESCE(item, ''),
			span_start, span_end
		FROM figures WHERE event_id IN (`+in+`)`, func(rows *sql.Rows) error {
		var id int64
		var key string
		var f event.Figure
		if err := rows.Scan(&id, &key, &f.Value, &f.Qualifier, &f.Unit, &f.Item, &f.Start, &f.End); err != nil {
			return err
		}
		ev := byID[id]
		if ev.Figures == nil {
			ev.Figures = map[string]event.Figure{}
		}
		f.Qualifier, f.Unit, f.Item = sh.of(f.Qualifier), sh.of(f.Unit), sh.of(f.Item)
		if sh.light {
			f.Start, f.End = 0, 0
		}
		ev.Figures[sh.of(key)] = f
		return nil
	}); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	if sh.light {
		for _, id := range ids {
			if ev := byID[id]; ev.Figures != nil {
				ev.Figures = sh.figures(ev.Figures)
			}
		}
	}

	// One row per place, with the names its document gave it.
	if err := eachRow(ctx, tx, `SELECT ep.event_id, en.name, COALESCE(en.country, ''), en.lat, en.lon,
			COALESCE(en.lexicon_id, ''), l.names
		FROM event_places ep
		JOIN events ev ON ev.id = ep.event_id
		JOIN entities en ON en.id = ep.entity_id
		LEFT JOIN doc_names dn ON dn.doc_pk = ev.doc_pk AND dn.entity_id = ep.entity_id
		LEFT JOIN name_lists l ON l.id = dn.list_id
		WHERE ep.event_id IN (`+in+`)
		ORDER BY ep.event_id, ep.ord`, func(rows *sql.Rows) error {
		var id int64
		var p event.Place
		var lat, lon sql.NullFloat64
		var names sql.NullString
		if err := rows.Scan(&id, &p.Name, &p.Country, &lat, &lon, &p.ID, &names); err != nil {
			return err
		}
		ev := byID[id]
		p.Name, p.Country, p.ID = sh.of(p.Name), sh.of(p.Country), sh.of(p.ID)
		p.Lat, p.Lon = ptr(lat), ptr(lon)
		var err error
		if p.Names, err = sh.nameList(names); err != nil {
			return err
		}
		ev.Places = append(ev.Places, p)
		return nil
	}); err != nil {
		return fmt.Errorf("places: %w", err)
	}
	if sh.light {
		for _, id := range ids {
			if ev := byID[id]; len(ev.Places) > 0 {
				ev.Places = sh.placeList(ev.Places)
			}
		}
	}

	if err := eachRow(ctx, tx, `SELECT event_id, role, value FROM event_roles
		WHERE event_id IN (`+in+`) ORDER BY event_id, role, ord`, func(rows *sql.Rows) error {
		var id int64
		var role, v string
		if err := rows.Scan(&id, &role, &v); err != nil {
			return err
		}
		for _, rl := range store.RoleLists(byID[id]) {
			if rl.Role == role {
				*rl.Values = append(*rl.Values, sh.of(v))
				return nil
			}
		}
		return fmt.Errorf("event %d: unknown role %q", id, role)
	}); err != nil {
		return fmt.Errorf("roles: %w", err)
	}
	return nil
}

func eachRow(ctx context.Context, tx *sql.Tx, q string, fn func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// inList formats ids for an IN clause. They are integers read from the database, so
// inlining them is safe and saves binding hundreds of parameters.
func inList(ids []int64) string {
	b := make([]byte, 0, len(ids)*8)
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return string(b)
}

// Generation implements store.Store: the number putBatch adds one to in each transaction
// that stores something (0 before the first).
func (s *Store) Generation(ctx context.Context) (int64, error) {
	var v string
	err := s.R.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'generation'`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("generation: %w", err)
	}
	g, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("generation %q: %w", v, err)
	}
	return g, nil
}

// Stats implements store.Store.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	st := store.Stats{EventsByType: map[string]int{}}
	err := s.read(ctx, "stats", func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT
				(SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM entities),
				(SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM figures)`).
			Scan(&st.Documents, &st.Entities, &st.Events, &st.Figures); err != nil {
			return err
		}
		return eachRow(ctx, tx, `SELECT type, COUNT(*) FROM events GROUP BY type`, func(rows *sql.Rows) error {
			var t string
			var n int
			if err := rows.Scan(&t, &n); err != nil {
				return err
			}
			st.EventsByType[t] = n
			return nil
		})
	})
	return st, err
}
